"""The resolve stage: snapshot first, DOI look-ups, searches, order, concurrency, limits."""

from __future__ import annotations

import threading

import pytest
from crossref_fake import BERMAN_2000, CARHART_HARRIS_2017, DUMAN_2016, MURROUGH_2013, RECORDS, REFERENCE_TEXTS

from refcheck.errors import SnapshotError
from refcheck.judge import is_cited_work
from refcheck.model import Lookup, Reference
from refcheck.resolve import resolve_all, resolved_messages
from refcheck.resolve.crossref import CrossrefClient
from refcheck.resolve.snapshot import Snapshot, write_snapshot


def ref(record, *, doi: str | None = None, line: int = 1) -> Reference:
    fields = {"title": record["title"][0]}
    if doi is not None:
        fields["doi"] = doi
    return Reference(key=f"k{line}", entry_type="article", fields=fields, text=REFERENCE_TEXTS[record["DOI"]], line=line)


def test_results_keep_input_order(crossref_server, crossref_options):
    refs = [
        ref(MURROUGH_2013, line=1),
        ref(DUMAN_2016, doi=DUMAN_2016["DOI"], line=2),
        ref(CARHART_HARRIS_2017, line=3),
        ref(BERMAN_2000, doi="https://doi.org/" + BERMAN_2000["DOI"], line=4),
    ]
    seen = []
    lookups = resolve_all(refs, crossref_options, progress=lambda done, total: seen.append((done, total)))
    assert [lk.candidates[0].work.doi for lk in lookups] == [r["DOI"].lower() for r in
                                                             (MURROUGH_2013, DUMAN_2016, CARHART_HARRIS_2017, BERMAN_2000)]
    assert [lk.by_doi for lk in lookups] == [False, True, False, True]
    assert sorted(seen) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert crossref_server.count("lookup") == 2 and crossref_server.count("search") == 2


def test_doi_lookups_go_first(crossref_server, crossref_options):
    refs = [ref(MURROUGH_2013, line=1), ref(DUMAN_2016, doi=DUMAN_2016["DOI"], line=2),
            ref(CARHART_HARRIS_2017, line=3), ref(BERMAN_2000, doi=BERMAN_2000["DOI"], line=4)]
    resolve_all(refs, crossref_options.replace(concurrency=1))
    assert [r.kind for r in crossref_server.requests] == ["lookup", "lookup", "search", "search"]


def test_a_doi_crossref_does_not_know_is_searched_for(crossref_server, crossref_options):
    wrong = ref(DUMAN_2016, doi="10.1038/nm.4051")  # a plausible but non-existent DOI
    (lookup,) = resolve_all([wrong], crossref_options)
    assert lookup.by_doi and lookup.doi_not_found and not lookup.error
    assert lookup.candidates[0].work.doi == DUMAN_2016["DOI"]
    assert [r.kind for r in crossref_server.requests] == ["lookup", "search"]


def test_a_doi_of_another_work_is_looked_up_then_the_described_work_searched_for(crossref_server, crossref_options):
    """Carhart-Harris & Nutt 2017 cited with the DOI of Duman et al. 2016 (a copy-paste slip)."""
    slipped = ref(CARHART_HARRIS_2017, doi=DUMAN_2016["DOI"])
    (lookup,) = resolve_all([slipped], crossref_options, is_cited_work=is_cited_work)
    assert [r.kind for r in crossref_server.requests] == ["lookup", "search"]
    assert lookup.by_doi and not lookup.doi_not_found and not lookup.error
    dois = [c.work.doi for c in lookup.candidates]
    assert dois[0] == DUMAN_2016["DOI"]  # the DOI's own work first, as looked up
    assert CARHART_HARRIS_2017["DOI"] in dois and dois.count(DUMAN_2016["DOI"]) == 1


def test_without_the_judges_answer_a_dois_work_stands(crossref_server, crossref_options):
    """The resolve stage does not judge: asked nothing, it takes the DOI's work as the cited one."""
    (lookup,) = resolve_all([ref(CARHART_HARRIS_2017, doi=DUMAN_2016["DOI"])], crossref_options)
    assert [r.kind for r in crossref_server.requests] == ["lookup"]
    assert [c.work.doi for c in lookup.candidates] == [DUMAN_2016["DOI"]]


def test_a_doi_of_the_cited_work_needs_no_search(crossref_server, crossref_options):
    cited = ref(CARHART_HARRIS_2017, doi=CARHART_HARRIS_2017["DOI"])
    resolve_all([cited], crossref_options, is_cited_work=is_cited_work)
    assert [r.kind for r in crossref_server.requests] == ["lookup"]


def test_a_bare_doi_has_nothing_else_to_search_for(crossref_server, crossref_options):
    bare = Reference(key="b", entry_type="misc", fields={"doi": DUMAN_2016["DOI"]},
                     text="https://doi.org/10.1038/nm.4050", line=1)
    (lookup,) = resolve_all([bare], crossref_options, is_cited_work=is_cited_work)
    assert [r.kind for r in crossref_server.requests] == ["lookup"]
    assert [c.work.doi for c in lookup.candidates] == [DUMAN_2016["DOI"]]


def test_when_the_search_fails_the_dois_work_still_stands(crossref_server, crossref_options):
    crossref_server.fail(503, times=100, kind="search")
    slipped = ref(CARHART_HARRIS_2017, doi=DUMAN_2016["DOI"])
    (lookup,) = resolve_all([slipped], crossref_options, is_cited_work=is_cited_work)
    assert not lookup.error and [c.work.doi for c in lookup.candidates] == [DUMAN_2016["DOI"]]


def test_failures_become_lookups_with_a_reason(crossref_server, crossref_options):
    crossref_server.fail(503, times=100)
    refs = [ref(DUMAN_2016, doi=DUMAN_2016["DOI"]), ref(MURROUGH_2013)]
    lookups = resolve_all(refs, crossref_options)
    assert [lk.error for lk in lookups] == ["HTTP 503 after 3 tries"] * 2
    empty = Reference(key="e", entry_type="misc", fields={}, text="  ", line=9)
    assert resolve_all([empty], crossref_options)[0].error == "no DOI and no reference text to search"


def test_a_bug_in_one_reference_does_not_end_the_run(crossref_server, crossref_options):
    class Broken(CrossrefClient):
        def search(self, query, rows=5):
            raise RuntimeError("boom")

    with Broken(crossref_options) as client:
        lookups = resolve_all([ref(MURROUGH_2013), ref(DUMAN_2016, doi=DUMAN_2016["DOI"])], crossref_options, client)
    assert lookups[0].error == "internal error: RuntimeError: boom"
    assert lookups[1].candidates


def test_the_snapshot_answers_before_the_network(crossref_server, crossref_options, tmp_path):
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, RECORDS)
    options = crossref_options.replace(snapshot=str(path))
    refs = [ref(DUMAN_2016, doi=DUMAN_2016["DOI"]), ref(CARHART_HARRIS_2017), ref(MURROUGH_2013)]
    lookups = resolve_all(refs, options)
    assert [lk.source for lk in lookups] == ["snapshot"] * 3
    assert [lk.candidates[0].work.doi for lk in lookups] == [DUMAN_2016["DOI"], CARHART_HARRIS_2017["DOI"],
                                                             MURROUGH_2013["DOI"]]
    assert crossref_server.count() == 0


def test_an_unconfident_snapshot_search_asks_crossref(crossref_server, crossref_options, tmp_path):
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, [CARHART_HARRIS_2017])
    (lookup,) = resolve_all([ref(DUMAN_2016)], crossref_options.replace(snapshot=str(path)))
    assert lookup.source == "crossref" and lookup.candidates[0].work.doi == DUMAN_2016["DOI"]
    assert crossref_server.count("search") == 1


def test_offline_with_a_snapshot(crossref_server, crossref_options, tmp_path):
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, [DUMAN_2016])
    options = crossref_options.replace(snapshot=str(path), offline=True)
    lookups = resolve_all([ref(DUMAN_2016, doi=DUMAN_2016["DOI"]), ref(MURROUGH_2013)], options)
    assert lookups[0].source == "snapshot"
    # Offline, the snapshot stands in for Crossref: its nearest works are the answer.
    assert lookups[1].error == "" and lookups[1].source == "snapshot"
    assert [c.work.doi for c in lookups[1].candidates] == [DUMAN_2016["DOI"]]
    assert crossref_server.count() == 0


def test_offline_without_a_snapshot_is_unresolved(crossref_server, crossref_options):
    (lookup,) = resolve_all([ref(MURROUGH_2013)], crossref_options.replace(offline=True))
    assert lookup.error == "offline and not cached"
    assert crossref_server.count() == 0


def test_a_bad_snapshot_is_an_error(crossref_options, tmp_path):
    path = tmp_path / "snap.jsonl"
    path.write_text("{oops\n")
    with pytest.raises(SnapshotError, match="line 1"):
        resolve_all([ref(DUMAN_2016)], crossref_options.replace(snapshot=str(path)))


def test_resolved_messages_make_a_snapshot_that_replays_the_run(crossref_server, crossref_options, tmp_path):
    refs = [ref(DUMAN_2016, doi=DUMAN_2016["DOI"]), ref(MURROUGH_2013), ref(CARHART_HARRIS_2017)]
    lookups = resolve_all(refs, crossref_options)
    messages = resolved_messages(lookups + [Lookup(error="x")])
    dois = [m["DOI"] for m in messages]
    assert len(dois) == len(set(d.lower() for d in dois)) == len(RECORDS)  # searches brought every record
    assert all("score" not in m for m in messages)
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, messages)
    requests_before = crossref_server.count()
    replay = resolve_all(refs, crossref_options.replace(snapshot=str(path), offline=True))
    assert crossref_server.count() == requests_before
    assert [lk.candidates[0].work for lk in replay] == [lk.candidates[0].work for lk in lookups]
    assert len(Snapshot.load(path)) == len(RECORDS)


def test_concurrency_and_rates_are_never_exceeded(crossref_server, crossref_options):
    crossref_server.enforce_limits(search_rate=6, lookup_rate=12, concurrency=3)
    crossref_server.latency = 0.05
    options = crossref_options.replace(search_rate=6.0, lookup_rate=12.0, concurrency=3)
    texts = list(REFERENCE_TEXTS.values())
    refs = [Reference(f"s{i}", "article", {}, f"{texts[i % 5]} [{i}]", i) for i in range(9)]
    refs += [Reference(f"d{i}", "article", {"doi": f"10.9999/fake.{i}"}, "", 100 + i) for i in range(12)]
    lookups = resolve_all(refs, options)
    assert 429 not in crossref_server.statuses()
    assert not any(lk.error for lk in lookups)
    assert crossref_server.max_per_window("search", 1.0) <= 6
    assert crossref_server.max_per_window("lookup", 1.0) <= 12
    assert threading.active_count() < 20  # the pool is gone
