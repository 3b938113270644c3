"""Property tests: extraction never raises, and the body keeps the source's line count."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.extract import extract

FORMATS = ("text", "markdown", "html", "latex", "bibtex")

# Text biased towards the characters the format parsers care about.
_ALPHABET = st.sampled_from(list("ab AZ019.,:;-*#[]()<>/\\{}%@=~`\"'&^_\n\t\r") + ["\u201c", "\u2028", "References\n",
    "\n1. ", "<li>", "</ol>", "\\bibitem{", "@article{x,", "---\n", "```\n", "[^1]: ", "<h2>", "2013"])
TEXT = st.one_of(st.text(max_size=400), st.lists(_ALPHABET, max_size=120).map("".join))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extract_never_raises(text):
    for fmt in FORMATS:
        doc = extract(text, fmt)
        assert doc.format == fmt
        for ref in doc.references:
            assert ref.line >= 1
        if fmt != "bibtex":
            n_source = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            assert len(doc.body.split("\n")) == n_source
