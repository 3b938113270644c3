"""Links are references too: DOI, PubMed, PMC and arXiv links in a draft's body (refcheck.extract.links).

The drafts are written the way bloggers write: links in running prose, a
reference-style link, a bare URL pasted at the end of a sentence, a link inside
a WordPress export, a code block that happens to hold a DOI.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.extract import extract
from refcheck.extract.link_text import claims
from refcheck.extract.links import identify

MARKDOWN_POST = """\
---
title: "Why ketamine works so fast"
canonical: https://doi.org/10.9999/front-matter-is-not-body
---

# Why ketamine works so fast

Chronic stress shrinks the synapses of the prefrontal cortex, as a
[2016 review in Nature Medicine](https://doi.org/10.1038/nm.4050) put it. The first small trial
([Berman et al., 2000](https://dx.doi.org/10.1016/S0006-3223(99)00230-9)) had only seven patients.
The NIMH trial is on PubMed (https://pubmed.ncbi.nlm.nih.gov/16894061/), and there is a
[free copy on PMC](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4800000/).

I wrote about [transformers](https://arxiv.org/abs/1706.03762v5) [last year](https://example.com/2023/attention)
too, which [my newsletter](https://newsletter.example.org) covered.

```python
# a snippet, not a citation
url = "https://doi.org/10.1234/in-a-code-block"
```

For the numbers, see [Murrough et al.][murrough].

[murrough]: https://doi.org/10.1016/j.biopsych.2012.06.022

## References

1. Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in
   treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864. PMID: 16894061.
2. Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and depression. Nat Med.
   2016;22(3):238-249. doi:10.1038/nm.4050
"""


def _links(text: str, fmt: str) -> list[tuple[int, str, dict[str, str]]]:
    document = extract(text, fmt)
    return [(r.line, r.key or "", {k: v for k, v in (r.fields or {}).items() if k != "url"}) for r in document.links]


def test_markdown_body_links_are_references():
    found = _links(MARKDOWN_POST, "markdown")
    assert found == [
        # 10.1038/nm.4050 (line 9) and PMID 16894061 (line 11) are also in the list: checked once, there.
        (10, "doi:10.1016/s0006-3223(99)00230-9",
         {"doi": "10.1016/s0006-3223(99)00230-9", "year": "2000", "author": "Berman and others"}),
        (12, "pmcid:PMC4800000", {"pmcid": "PMC4800000"}),
        (14, "arxiv:1706.03762", {"eprint": "1706.03762", "archiveprefix": "arXiv"}),
        (22, "doi:10.1016/j.biopsych.2012.06.022",
         {"doi": "10.1016/j.biopsych.2012.06.022", "author": "Murrough and others"}),
    ]


def test_each_link_keeps_its_line_and_raw_text():
    document = extract(MARKDOWN_POST, "markdown")
    berman = document.links[0]
    lines = MARKDOWN_POST.splitlines()
    assert berman.raw == "[Berman et al., 2000](https://dx.doi.org/10.1016/S0006-3223(99)00230-9)"
    assert berman.raw in lines[berman.line - 1]
    assert berman.text == "Berman et al., 2000" and berman.origin == "link"
    assert all(link.raw in lines[link.line - 1] for link in document.links)
    # The list itself is unchanged by its links.
    assert [r.line for r in document.references] == [28, 30]


def test_links_to_one_work_are_one_reference_unless_they_say_different_things():
    post = ("See https://doi.org/10.1038/nm.4050 and [Duman et al.](https://doi.org/10.1038/nm.4050).\n"
            "Again [Duman et al.](https://doi.org/10.1038/nm.4050), and [the 2016 review](https://doi.org/10.1038/nm.4050)"
            ".\nOnce more: https://doi.org/10.1038/nm.4050\n")
    found = _links(post, "markdown")
    assert [(line, fields.get("author"), fields.get("year")) for line, _, fields in found] == [
        (1, "Duman and others", None), (2, None, "2016")]


def test_a_draft_without_a_list_still_has_its_links():
    post = ("Ketamine's effect was first seen in a tiny trial ([Berman 2000](https://doi.org/10.1016/"
            "S0006-3223(99)00230-9)).\nA [paper that does not exist](https://doi.org/10.1038/nm.9999) "
            "is cited too.\n")
    found = _links(post, "markdown")
    assert [f[1] for f in found] == ["doi:10.1016/s0006-3223(99)00230-9", "doi:10.1038/nm.9999"]
    assert extract(post, "markdown").references == ()


WORDPRESS_EXPORT = """\
<!DOCTYPE html>
<html><head><title>Ketamine</title>
<link rel="canonical" href="https://doi.org/10.9999/head-link">
<script>var share = "https://doi.org/10.9999/in-a-script";</script></head>
<body><article>
<p>A <a href="https://doi.org/10.1038/nm.4050">2016 review in <em>Nature Medicine</em></a> explains the
synapses. Zarate and colleagues ran the NIMH trial: https://doi.org/10.1001/archpsyc.63.8.856.</p>
<p>Preprint: <a href="https://arxiv.org/pdf/1706.03762v7.pdf">Vaswani et al. (2017)</a>;
my <a href="/about">about page</a>.</p>
<h2>References</h2>
<ol><li>Murrough JW, Perez AM, Pillemer S, et al. Rapid and longer-term antidepressant effects of repeated
ketamine infusions. Biol Psychiatry. 2013;74(4):250-256.
<a href="https://doi.org/10.1016/j.biopsych.2012.06.022">doi:10.1016/j.biopsych.2012.06.022</a></li></ol>
<footer>Posted in Science</footer>
</article></body></html>
"""


def test_html_links_and_bare_urls():
    found = _links(WORDPRESS_EXPORT, "html")
    assert found == [
        (6, "doi:10.1038/nm.4050", {"doi": "10.1038/nm.4050", "year": "2016", "journal": "Nature Medicine"}),
        (7, "doi:10.1001/archpsyc.63.8.856", {"doi": "10.1001/archpsyc.63.8.856"}),
        (8, "arxiv:1706.03762", {"eprint": "1706.03762", "archiveprefix": "arXiv"}),
    ]
    first = extract(WORDPRESS_EXPORT, "html").links[0]
    assert first.raw == '<a href="https://doi.org/10.1038/nm.4050">2016 review in <em>Nature Medicine</em></a>'


def test_one_line_html_keeps_body_links_and_drops_list_links():
    one_line = WORDPRESS_EXPORT.replace("\n", " ")
    assert [f[1] for f in _links(one_line, "html")] == [
        "doi:10.1038/nm.4050", "doi:10.1001/archpsyc.63.8.856", "arxiv:1706.03762"]


def test_plain_text_urls_and_doi_strings():
    email = ("Hi all,\n\nthe review I mentioned is doi: 10.1038/nm.4050 (Nature Medicine). The trial:\n"
             "https://doi.org/10.1016/S0006-3223(99)00230-9, and the preprint https://arxiv.org/abs/hep-th/9901001.\n"
             "Slides at https://example.com/slides.pdf.\n")
    assert _links(email, "text") == [
        (3, "doi:10.1038/nm.4050", {"doi": "10.1038/nm.4050"}),
        (4, "doi:10.1016/s0006-3223(99)00230-9", {"doi": "10.1016/s0006-3223(99)00230-9"}),
        (4, "arxiv:hep-th/9901001", {"eprint": "hep-th/9901001", "archiveprefix": "arXiv"}),
    ]


def test_latex_and_bibtex_have_no_link_references():
    assert extract("\\href{https://doi.org/10.1038/nm.4050}{review}\n", "latex").links == ()


@pytest.mark.parametrize("target,expected", [
    ("https://doi.org/10.1038/NM.4050", ("doi", "10.1038/nm.4050")),
    ("http://dx.doi.org/10.1038/nm.4050", ("doi", "10.1038/nm.4050")),
    ("https://www.doi.org/10.1038%2Fnm.4050", ("doi", "10.1038/nm.4050")),
    ("doi:10.1038/nm.4050", ("doi", "10.1038/nm.4050")),
    ("https://doi.org/10.48550/arXiv.1706.03762", ("arxiv", "1706.03762")),
    ("https://www.ncbi.nlm.nih.gov/pubmed/26937618", ("pmid", "26937618")),
    ("https://pmc.ncbi.nlm.nih.gov/articles/PMC4800000/", ("pmcid", "PMC4800000")),
    ("https://arxiv.org/abs/2101.00001", ("arxiv", "2101.00001")),
    ("https://www.nature.com/articles/nm.4050", None),
    ("https://doi.org/", None),
    ("https://pubmed.ncbi.nlm.nih.gov/?term=ketamine", None),
    ("mailto:me@example.org", None),
])
def test_identify(target, expected):
    assert identify(target) == expected


@pytest.mark.parametrize("text,expected", [
    ("a 2016 review in Nature Medicine", {"year": "2016", "journal": "Nature Medicine"}),
    ("published in the BMJ in 2019", {"year": "2019", "journal": "BMJ"}),
    ("a Lancet study", {"journal": "Lancet"}),
    ("Duman et al.", {"author": "Duman and others"}),
    ("Carhart-Harris & Nutt (2017)", {"year": "2017", "author": "Carhart-Harris and others"}),
    ("van der Kolk 2014", {"year": "2014", "author": "van der Kolk and others"}),
    ("a review by Duman", {"author": "Duman and others"}),
    # Said of something else, or not said plainly: no claim.
    ("a 2019 trial in New Zealand", {"year": "2019"}),
    ("a Harvard study", {}),
    ("research from the 1990s", {}),
    ("between 2010 and 2015", {}),
    ("this paper", {}),
    ("here", {}),
    ("In 2016", {"year": "2016"}),
])
def test_claims_of_link_text(text, expected):
    assert claims(text) == expected


# --- properties ---------------------------------------------------------------------------------------------


_WORDS = st.lists(st.sampled_from(["the", "review", "Nature", "in", "stress", "2016", "et", "al.", "this", "ketamine"]),
                  min_size=1, max_size=5).map(" ".join)
_SUFFIX = st.from_regex(r"[a-z][a-z0-9.]{0,10}[a-z0-9]", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(st.tuples(_WORDS, st.booleans(), _SUFFIX, _WORDS), min_size=1, max_size=8),
       fmt=st.sampled_from(["markdown", "html", "text"]))
def test_one_link_reference_per_distinct_doi_at_its_line(paragraphs, fmt):
    """Prose lines, each with one DOI link (Markdown link, HTML anchor or bare URL): every DOI is found, on its line."""
    lines, first_line = [], {}
    for n, (before, bare, suffix, shown) in enumerate(paragraphs, 1):
        doi = f"10.1234/{suffix}"
        url = f"https://doi.org/{doi}"
        if fmt == "text" or bare:
            link = url
        elif fmt == "markdown":
            link = f"[{shown}]({url})"
        else:
            link = f'<a href="{url}">{shown}</a>'
        lines.append(f"{before} {link} and more words.")
        first_line.setdefault(doi, n)
    document = extract("\n".join(lines) + "\n", fmt)
    found = {(r.fields or {})["doi"]: r.line for r in document.links}
    assert set(found) == set(first_line)
    for doi, line in found.items():
        assert doi in lines[line - 1].lower()  # each found on a line that holds it


_NOISY = st.lists(st.sampled_from(list("ab A1.,:;()[]<>/\"'\n ") + [
    "https://doi.org/10.1000/x", "doi:10.1/", "](", "[", "<a href=\"", "</a>", "https://pubmed.ncbi.nlm.nih.gov/1/",
    "arxiv.org/abs/", "```\n", "---\n", "References\n", "1. ", "%", "\u2028"]), max_size=80).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_NOISY)
def test_link_finding_never_raises_and_lines_exist(text):
    for fmt in ("markdown", "html", "text"):
        document = extract(text, fmt)
        count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        assert all(1 <= r.line <= count and r.origin == "link" for r in document.links)
