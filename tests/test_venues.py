"""'Likely fabricated' only with evidence that Crossref would hold the work (issue 11).

The decision (judge/venues.py, judge/verdict.py) is tested as a pure function; Crossref's
``/journals`` endpoint over real HTTP on loopback (tests/crossref_fake.py), cached, one request
per venue per run; the offline path through the curated table and a snapshot's journal lines.
"""

from __future__ import annotations

import json

import pytest
from crossref_fake import JOURNALS

from refcheck.check import check_text, snapshot_messages
from refcheck.judge.venues import load_venue_table, read_venue_table, venue_evidence
from refcheck.judge.verdict import judge
from refcheck.model import Lookup, Reference
from refcheck.resolve.crossref import CrossrefClient
from refcheck.resolve.records import venue_from_message
from refcheck.resolve.snapshot import Snapshot, write_snapshot

AFFECTIVE = venue_from_message(JOURNALS[0])  # Journal of Affective Disorders, DOIs 1979-2025
LATE = venue_from_message(JOURNALS[3])  # Journal of Late Registration, DOIs from 2016


def article(venue: str, year: str, title: str = "Ketamine and the resting brain: a made-up study") -> Reference:
    fields = {"author": "Nobody, A.", "title": title, "journal": venue, "year": year}
    return Reference("k", "article", fields, f"Nobody, A. ({year}). {title}. {venue}, 3(2), 1-9.", 1)


# -- the table ---------------------------------------------------------------------------


def test_every_table_row_is_evidenced_and_dated():
    rows = load_venue_table()
    assert len(rows) >= 25
    for row in rows:
        assert row.evidence and row.checked[:2] == "20", row.venue
        assert row.registers or row.since is None, row.venue
    names = {row.venue for row in rows}
    # The ketamine sample's fabricated entries, and venues issue 11 names as outside Crossref.
    assert {"Biological Psychiatry", "American Journal of Psychiatry", "Nature Reviews Neuroscience",
            "Nature Communications", "International Conference on Learning Representations", "arXiv"} <= names


def test_a_malformed_table_row_is_named(tmp_path):
    bad = tmp_path / "venues.csv"
    bad.write_text("venue,aliases,issn,registers,since,evidence,checked\nSome Journal,,,maybe,,x,2026-12-07\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_venue_table(bad)


# -- the pure decision --------------------------------------------------------------------


@pytest.mark.parametrize(("venue", "year", "registers"), [
    ("Biological Psychiatry", 2017, True),  # table, abbreviation below
    ("Biol Psychiatry", 2017, True),
    ("Nat Commun", 2020, True),
    ("Nature Communications", 2005, False),  # before its first volume: Crossref cannot hold it
    ("Advances in Neural Information Processing Systems", 2017, False),  # NeurIPS before 2022
    ("NeurIPS", 2023, True),
    ("International Conference on Learning Representations", 2015, False),
    ("arXiv preprint arXiv:1412.6980", 2014, False),
    ("Journal of Obscure Results", 2019, None),  # nobody says
])
def test_evidence_from_the_table(venue, year, registers):
    assert venue_evidence(venue, year, ()).registers is registers


def test_evidence_from_crossrefs_journal_record_counts_the_cited_year():
    assert venue_evidence("Journal of Affective Disorders", 2019, (AFFECTIVE,)).registers is True
    assert "Journal of Affective Disorders" in venue_evidence("J Affect Disord", 2019, (AFFECTIVE,)).basis
    # A record of another journal is no evidence, nor a year with no DOIs.
    assert venue_evidence("Journal of Obscure Results", 2019, (AFFECTIVE,)).registers is None
    assert venue_evidence("Journal of Late Registration", 2010, (LATE,)).registers is None
    assert venue_evidence("Journal of Late Registration", 2017, (LATE,)).registers is True
    assert venue_evidence("Journal of Late Registration", 2015, (LATE,)).registers is True  # online-first slack


def test_verdict_not_found_needs_evidence():
    fabricated = article("Journal of Obscure Results", "2019")
    without = judge(fabricated, Lookup())
    assert without.status == "unverifiable" and not without.has_error
    assert without.reason.startswith("not in Crossref, and there is no evidence that Journal of Obscure Results "
                                     "registers DOIs with Crossref for 2019")
    at_neurips = judge(article("Advances in Neural Information Processing Systems", "2017"), Lookup())
    assert at_neurips.status == "unverifiable" and "only from 2022" in at_neurips.reason
    with_record = judge(article("Journal of Affective Disorders", "2019"), Lookup(venues=(AFFECTIVE,)))
    assert with_record.status == "not_found" and with_record.has_error
    in_table = judge(article("Biological Psychiatry", "2017"), Lookup())
    assert in_table.status == "not_found" and in_table.has_error


# -- /journals over loopback ---------------------------------------------------------------


def test_journals_endpoint_is_read_and_cached(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        found = client.venues("Journal of Affective Disorders")
        assert found is not None and found[0].title == "Journal of Affective Disorders"
        assert found[0].issns == ("0165-0327",) and found[0].dois_in(2019) > 0 and found[0].total_dois > 0
        assert client.venues("journal of affective  disorders") is found  # memoised by folded name
        assert client.venues("Xyzzy Quarterly") == ()
    assert crossref_server.count("journals") == 2
    assert crossref_server.requests[0].path == "/journals"
    assert crossref_server.requests[0].query["query"] == "Journal of Affective Disorders"
    with CrossrefClient(crossref_options) as client:  # a new run: the cache answers
        again = client.venues("Journal of Affective Disorders")
    assert crossref_server.count("journals") == 2
    assert again is not None and again[0].source == "cache" and again[0].dois_in(2019) == found[0].dois_in(2019)


def test_journals_endpoint_failure_is_no_evidence(crossref_server, crossref_options):
    crossref_server.fail(503, times=10)
    with CrossrefClient(crossref_options.replace(max_retries=1)) as client:
        assert client.venues("Journal of Affective Disorders") is None


FABRICATED = """# Notes

Text.

## References

1. Nobody, A., & Some, B. (2019). Ketamine rewires the cingulate in days. Journal of Affective Disorders, 250, 101-109.
2. Else, C. (2020). Esketamine nasal spray and sleep spindles in the old. Journal of Affective Disorders, 260, 55-61.
3. Other, D. (2018). Glutamate surges after a single infusion: a twin study. Journal of Obscure Results, 4(2), 11-19.
"""


def test_check_asks_once_per_venue_and_a_second_run_is_cached(crossref_server, crossref_options):
    report = check_text(FABRICATED, "markdown", options=crossref_options)
    statuses = [r.status for r in report.references]
    assert statuses == ["not_found", "not_found", "unverifiable"]
    assert "no evidence that Journal of Obscure Results registers DOIs with Crossref for 2018" in \
        report.references[2].reason
    assert crossref_server.count("journals") == 2  # two venues, three references
    finding = next(f for f in report if f.kind == "reference" and f.rule == "unverifiable")
    assert finding.severity == "info" and "no evidence that Journal of Obscure Results" in finding.message
    sent = crossref_server.count()
    again = check_text(FABRICATED, "markdown", options=crossref_options)
    assert crossref_server.count() == sent
    assert [r.status for r in again.references] == statuses


def test_a_found_reference_asks_no_venue(crossref_server, crossref_options):
    text = ("# X\n\n## References\n\n1. Duman, R. S., Aghajanian, G. K., Sanacora, G., & Krystal, J. H. (2016). "
            "Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants. "
            "Nature Medicine, 22(3), 238-249.\n")
    assert check_text(text, "markdown", options=crossref_options).references[0].status == "verified"
    assert crossref_server.count("journals") == 0


# -- offline: the table and a snapshot's journal lines --------------------------------------


def test_snapshot_journal_lines_round_trip(tmp_path):
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, [{"message-type": "journal", "message": JOURNALS[0]},
                          {"message-type": "journal", "message": JOURNALS[0]}])
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1
    assert json.loads(path.read_text(encoding="utf-8"))["message-type"] == "journal"
    snapshot = Snapshot.load(path)
    held = snapshot.venues("Journal of Affective Disorders")
    assert held is not None and held[0].source == "snapshot" and held[0].dois_in(2019) > 0
    assert snapshot.venues("Physical Review Letters") is None


def test_offline_run_on_a_snapshot_reaches_the_online_verdicts(crossref_server, crossref_options, tmp_path):
    doc = tmp_path / "draft.md"
    doc.write_text(FABRICATED, encoding="utf-8")
    messages = snapshot_messages([str(doc)], crossref_options)
    assert any(m.get("message-type") == "journal" for m in messages)  # the evidence travels with the works
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, messages)
    sent = crossref_server.count()
    offline = crossref_options.replace(offline=True, cache=str(tmp_path / "empty.sqlite"), snapshot=str(path))
    report = check_text(FABRICATED, "markdown", options=offline)
    assert [r.status for r in report.references] == ["not_found", "not_found", "unverifiable"]
    assert crossref_server.count() == sent
    # The same snapshot without its journal lines: no evidence for the journal the table does not list.
    bare = tmp_path / "bare.jsonl"
    write_snapshot(bare, [m for m in messages if m.get("message-type") != "journal"])
    report = check_text(FABRICATED, "markdown", options=offline.replace(snapshot=str(bare)))
    assert [r.status for r in report.references] == ["unverifiable", "unverifiable", "unverifiable"]


def test_offline_the_table_answers_for_its_venues(crossref_server, crossref_options, tmp_path):
    text = ("# X\n\n## References\n\n1. Liston, C., et al. (2020). Rapid and sustained symptom reduction following "
            "repeated doses of ketamine in major depressive disorder. American Journal of Psychiatry, 177(5), "
            "437-446.\n")
    doc = tmp_path / "draft.md"
    doc.write_text(text, encoding="utf-8")
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, snapshot_messages([str(doc)], crossref_options))
    assert crossref_server.count("journals") == 0  # the table answers: no request for its venues
    offline = crossref_options.replace(offline=True, cache=str(tmp_path / "empty.sqlite"), snapshot=str(path))
    result = check_text(text, "markdown", options=offline).references[0]
    assert result.status == "not_found" and result.has_error
