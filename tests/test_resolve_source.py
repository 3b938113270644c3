"""The resolver's chain of sources: each a Source (lookup, search), asked nearest first."""

from __future__ import annotations

from crossref_fake import BERMAN_2000, CARHART_HARRIS_2017, DUMAN_2016, MURROUGH_2013, REFERENCE_TEXTS

from refcheck.model import Reference
from refcheck.resolve import Snapshot, Source, resolve_all, resolve_one, write_snapshot
from refcheck.resolve.crossref import CrossrefClient
from refcheck.resolve.source import CONFIDENT_SIMILARITY


def ref(record, *, doi: str | None = None) -> Reference:
    fields = {"doi": doi} if doi else {}
    return Reference(key="k", entry_type="article", fields=fields, text=REFERENCE_TEXTS[record["DOI"]], line=1)


def test_the_snapshot_and_crossref_are_both_sources(crossref_server, crossref_options):
    assert isinstance(Snapshot([DUMAN_2016]), Source)
    with CrossrefClient(crossref_options) as client:
        assert isinstance(client, Source)


def test_a_doi_not_held_is_asked_of_the_next_source():
    near, far = Snapshot([CARHART_HARRIS_2017]), Snapshot([DUMAN_2016])
    assert near.lookup(DUMAN_2016["DOI"]) is None
    found = resolve_one(ref(DUMAN_2016, doi=DUMAN_2016["DOI"]), [near, far])
    assert found.by_doi and not found.doi_not_found and found.candidates[0].work.doi == DUMAN_2016["DOI"]
    held_nowhere = resolve_one(ref(BERMAN_2000, doi=BERMAN_2000["DOI"]), [near, far])
    assert held_nowhere.error == "no source holds this DOI" and not held_nowhere.candidates


def test_a_confident_search_hit_from_any_nearer_source_ends_the_chain(crossref_server, crossref_options):
    unsure, sure = Snapshot([CARHART_HARRIS_2017]), Snapshot([MURROUGH_2013])
    assert unsure.search(REFERENCE_TEXTS[MURROUGH_2013["DOI"]]).candidates[0].similarity < CONFIDENT_SIMILARITY
    with CrossrefClient(crossref_options) as client:
        found = resolve_one(ref(MURROUGH_2013), [unsure, sure, client])
    assert found.source == "snapshot" and found.candidates[0].work.doi == MURROUGH_2013["DOI"]
    assert crossref_server.count() == 0


def test_offline_the_nearer_answer_most_like_the_reference_stands_in(crossref_server, crossref_options):
    offline = crossref_options.replace(offline=True)
    far_off, closer = Snapshot([CARHART_HARRIS_2017]), Snapshot([BERMAN_2000, DUMAN_2016])
    text = REFERENCE_TEXTS[MURROUGH_2013["DOI"]]
    best = max(s.search(text).candidates[0].similarity for s in (far_off, closer))
    assert best < CONFIDENT_SIMILARITY
    with CrossrefClient(offline) as client:
        found = resolve_one(ref(MURROUGH_2013), [far_off, closer, client], offline=True)
        online_rule = resolve_one(ref(MURROUGH_2013), [far_off, closer, client], offline=False)
    assert not found.error and found.candidates[0].similarity == best
    assert online_rule.error == "offline and not cached"  # only offline may a nearer source stand in
    assert crossref_server.count() == 0


def test_an_empty_snapshot_does_not_stand_in_for_crossref_offline(crossref_server, crossref_options, tmp_path):
    path = tmp_path / "empty.jsonl"
    write_snapshot(path, [])
    options = crossref_options.replace(snapshot=str(path), offline=True)
    (lookup,) = resolve_all([ref(MURROUGH_2013)], options)
    assert lookup.error == "offline and not cached"
    assert crossref_server.count() == 0
