"""Links are references too, end to end: a draft's DOI links are checked against a fake Crossref on loopback.

A DOI link is looked up like a list entry's DOI and its link text held against
the record (year, journal, first author, only when the text names them); a DOI
Crossref does not know is reported; PubMed, PMC and arXiv links are
``unverifiable``; a work the list also gives is checked once, as the list's.
"""

from __future__ import annotations

import json
import subprocess
import sys

from crossref_fake import DUMAN_2016, REFERENCE_TEXTS

# A blog post that cites only by linking, as many do.
LINKS_ONLY = """\
---
title: "Why ketamine works so fast"
tags: [depression, ketamine]
---

# Why ketamine works so fast

Chronic stress shrinks the synapses of the prefrontal cortex, as a
[2016 review in Nature Medicine](https://doi.org/10.1038/nm.4050) put it.

The first trial was tiny ([Berman et al., 2001](https://dx.doi.org/10.1016/S0006-3223(99)00230-9)):
seven patients. A [2019 paper in Neuron](https://doi.org/10.1016/j.neuron.2019.04.999) claims the
opposite; the NIMH trial is [on PubMed](https://pubmed.ncbi.nlm.nih.gov/16894061/), and I also liked
[this interview](https://example.com/interview) and [a preprint](https://arxiv.org/abs/2101.00001).
"""


def _check(text: str, options, fmt: str = "markdown"):
    from refcheck.check import check_text

    return check_text(text, fmt, options=options, check_quotes=False)


def _by_key(report) -> dict[str, object]:
    return {r.reference.key: r for r in report.references}


def test_a_draft_that_cites_only_by_links(crossref_options, crossref_server):
    report = _check(LINKS_ONLY, crossref_options)
    results = _by_key(report)
    assert list(results) == ["doi:10.1038/nm.4050", "doi:10.1016/s0006-3223(99)00230-9",
                             "doi:10.1016/j.neuron.2019.04.999", "pmid:16894061", "arxiv:2101.00001"]
    assert [r.reference.line for r in report.references] == [9, 11, 12, 13, 14]
    review, berman, neuron, pubmed, arxiv = results.values()
    assert review.status == "verified" and review.match.work.doi == "10.1038/nm.4050"
    # The link text says 2001; the record says 2000.
    assert berman.status == "mismatch"
    assert [(p.field, p.cited, p.found, p.severity) for p in berman.problems] == [("year", "2001", "2000", "error")]
    # A DOI nobody registered: reported, never OK, and the link text is not searched for.
    assert neuron.status == "not_found" and neuron.has_error
    assert "does not know" in neuron.problems[0].message
    assert crossref_server.count("search") == 0
    assert pubmed.status == arxiv.status == "unverifiable"
    assert pubmed.reason.startswith("a PubMed link (PMID 16894061): Crossref holds no PubMed records")
    assert arxiv.reason.startswith("an arXiv link (arXiv:2101.00001)")
    assert report.exit_code == 1


def test_link_text_that_names_the_wrong_journal_or_first_author(crossref_options):
    post = ("Stress and synapses: see [a 2016 paper in The Lancet](https://doi.org/10.1038/nm.4050).\n\n"
            "[Krystal et al.](https://doi.org/10.1038/nm.4050) is the one everybody quotes.\n\n"
            "Then [Sanacora and colleagues](https://doi.org/10.1016/S0006-3223(99)00230-9) wrote it up.\n")
    results = list(_check(post, crossref_options).references)
    # Two links to nm.4050 that say different things: each is held against the record at its own line.
    assert [r.reference.line for r in results] == [1, 3, 5]
    lancet, krystal, berman = results
    assert [(p.field, p.cited, p.severity) for p in lancet.problems] == [("journal", "Lancet", "error")]
    assert lancet.status == "mismatch"
    assert [(p.field, p.cited, p.found) for p in krystal.problems] == [("author", "Krystal", "Duman, Ronald S")]
    assert "(who is author 4)" in krystal.problems[0].message
    assert [(p.field, p.cited) for p in berman.problems] == [("author", "Sanacora")]
    assert "not an author" in berman.problems[0].message and berman.status == "mismatch"


def test_a_link_that_says_nothing_is_checked_for_existence_only(crossref_options):
    result = _check("Worth reading: [this](https://doi.org/10.1038/nm.4050).\n", crossref_options).references[0]
    assert result.status == "verified" and result.problems == ()
    assert result.reference.fields.get("year") is None


def test_the_same_doi_in_the_list_is_checked_once(crossref_options, crossref_server):
    post = ("# Ketamine\n\nA [2016 review in Nature Medicine](https://doi.org/10.1038/nm.4050) explains it, "
            "and the [NIMH trial](https://pubmed.ncbi.nlm.nih.gov/16894061/) too.\n\n## References\n\n"
            f"1. {REFERENCE_TEXTS[DUMAN_2016['DOI']]} https://doi.org/10.1038/nm.4050\n"
            "2. Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist "
            "in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864. PMID: 16894061\n")
    report = _check(post, crossref_options)
    assert [(r.reference.origin, r.status) for r in report.references] == [("list", "verified"), ("list", "verified")]
    looked_up = [r.path for r in crossref_server.requests if r.kind == "lookup"]
    assert looked_up == ["/works/10.1038/nm.4050"]


def test_offline_and_not_cached_links_are_not_checked(tmp_path):
    from refcheck.check import check_text

    report = check_text(LINKS_ONLY, "markdown", offline=True, cache=str(tmp_path / "c.sqlite"), check_quotes=False)
    assert [r.status for r in report.references] == ["unresolved"] * 3 + ["unverifiable"] * 2
    assert report.not_checked_headline() == "3 of 5 references NOT CHECKED: offline and not cached"


def test_ignore_by_doi_silences_a_link(crossref_options):
    report = _check(LINKS_ONLY, crossref_options.replace(
        ignore=(("10.1016/j.neuron.2019.04.999", "a typo, fixed upstream"),
                ("10.1016/S0006-3223(99)00230-9", "the print year"))))
    assert report.exit_code == 0
    assert sum(r.ignored is not None for r in report.references) == 2


WORDPRESS = """\
<html><head><title>Ketamine</title></head><body><article class="post">
<h1>Ketamine, briefly</h1>
<p>The <a href="https://doi.org/10.1038/nm.4050">Duman et al. review (2016)</a> is the place to start;
the <a href="https://doi.org/10.1038/nm.40500">follow-up</a> is not.</p>
<footer>Posted in Science. 3 comments</footer>
</article></body></html>
"""


def test_html_export_on_the_command_line(tmp_path, crossref_server):
    page = tmp_path / "ketamine.html"
    page.write_text(WORDPRESS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", str(page), "--format", "json", "--no-quotes",
         "--crossref-url", crossref_server.url, "--cache", str(tmp_path / "c.sqlite"), "--mailto", "t@example.org"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    refs = json.loads(proc.stdout)["documents"][0]["references"]
    assert [(r["origin"], r["line"], r["status"]) for r in refs] == [("link", 3, "verified"), ("link", 4, "not_found")]
    assert refs[0]["problems"] == []
    assert refs[1]["problems"][0]["field"] == "doi"


def test_snapshot_keeps_the_records_behind_links(tmp_path, crossref_options):
    from refcheck.check import snapshot_messages

    draft = tmp_path / "post.md"
    draft.write_text(LINKS_ONLY, encoding="utf-8")
    messages = snapshot_messages([str(draft)], crossref_options)
    assert sorted(m["DOI"].lower() for m in messages) == ["10.1016/s0006-3223(99)00230-9", "10.1038/nm.4050"]


def test_a_link_to_a_work_the_list_cites_without_its_doi_is_reported_once(crossref_options):
    """The common blog shape: an inline link, and the same paper in the list written out without a DOI."""
    post = ("# Ketamine\n\nAs [Duman et al. (2016)](https://doi.org/10.1038/nm.4050) explain, stress shrinks "
            "synapses; [Berman et al. (2001)](https://doi.org/10.1016/S0006-3223(99)00230-9) saw it first.\n\n"
            f"## References\n\n- {REFERENCE_TEXTS[DUMAN_2016['DOI']]}\n"
            "- Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. "
            "Biol Psychiatry. 2000;47(4):351-354.\n")
    results = _check(post, crossref_options).references
    # Duman: the link agrees with the record, so the work is the list entry's alone.
    # Berman: the link text's year is wrong, a finding at the link's line, beside the verified entry.
    assert [(r.reference.origin, r.reference.line, r.status) for r in results] == [
        ("list", 7, "verified"), ("list", 8, "verified"), ("link", 3, "mismatch")]
    assert [(p.field, p.cited) for p in results[2].problems] == [("year", "2001")]
