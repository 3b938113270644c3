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


# --- labelled lists: one reference or one skipped item per label (issue 12) --------------------

_WORDS = ["ketamine", "depression", "sleep", "memory", "brain", "trial", "review", "effects", "health", "study",
          "outcomes", "adults", "children", "treatment", "risk", "the", "of", "and", "in", "a", "new", "mood"]
_SURNAMES = ["Murrough", "Berman", "Zarate", "Solomon", "Nutt", "Carhart-Harris", "Walker", "Cryan", "Dinan", "Ebi"]
_ORGS = ["World Health Organization", "National Institute of Mental Health", "Mayo Clinic Staff",
         "American Psychiatric Association", "Sleep Foundation", "Public Health England"]


@st.composite
def _entry(draw) -> str:
    """A reference as authors write them: article, book, web page or report, with or without a year."""
    if draw(st.booleans()):
        names = draw(st.lists(st.sampled_from(_SURNAMES), min_size=1, max_size=4))
        author = ", ".join(f"{n} {draw(st.sampled_from(['J', 'RM', 'A', 'DJ']))}" for n in names) + "."
    else:
        author = draw(st.sampled_from(_ORGS)) + "."
    title = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=12))).capitalize() + "."
    tail = draw(st.sampled_from([
        "", " Biol Psychiatry. {y};47(4):351-354.", " Scribner.", " Scribner; {y}.",
        " https://www.example.org/health/{w}", " Geneva: WHO.", " Technical report.", " ({y}).",
    ]))
    return f"{author} {title}{tail}".format(y=draw(st.integers(1950, 2025)), w=draw(st.sampled_from(_WORDS)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(_entry(), min_size=1, max_size=12), label=st.sampled_from(["[{n}] ", "{n}. "]),
       blank=st.booleans(), fmt=st.sampled_from(["text", "markdown"]))
def test_labelled_list_yields_one_reference_or_skipped_item_per_label(entries, label, blank, fmt):
    items = [label.format(n=n) + e for n, e in enumerate(entries, 1)]
    heading = "## References" if fmt == "markdown" else "References"
    text = "Prose about the topic.\n\n" + heading + "\n\n" + ("\n\n" if blank else "\n").join(items) + "\n"
    first = 5
    label_lines = [first + k * (2 if blank else 1) for k in range(len(items))]
    doc = extract(text, fmt)
    read = sorted([r.line for r in doc.references] + [s.line for s in doc.skipped])
    assert read == label_lines
