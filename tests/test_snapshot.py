"""Snapshot files: reading, DOI look-up, local search, atomic writing, clear errors."""

from __future__ import annotations

import json

import pytest
from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016, RECORDS, REFERENCE_TEXTS

from refcheck.errors import SnapshotError
from refcheck.resolve.snapshot import CONFIDENT_SIMILARITY, Snapshot, write_snapshot


@pytest.fixture
def snapshot_file(tmp_path):
    path = tmp_path / "snap.jsonl"
    write_snapshot(path, RECORDS)
    return path


def test_lookup_by_exact_doi_any_case(snapshot_file):
    snap = Snapshot.load(snapshot_file)
    assert len(snap) == len(RECORDS)
    hit = snap.lookup("https://doi.org/10.1038/NM.4050")
    assert hit.by_doi and hit.source == "snapshot"
    work = hit.candidates[0].work
    assert (work.title, work.volume, work.pages, work.year) == (DUMAN_2016["title"][0], "22", "238-249", 2016)
    assert snap.lookup("10.1038/nm.9999") is None


@pytest.mark.parametrize("doi", sorted(REFERENCE_TEXTS))
def test_search_finds_each_work_from_its_reference_string(snapshot_file, doi):
    snap = Snapshot.load(snapshot_file)
    found = snap.search(REFERENCE_TEXTS[doi])
    best = found.candidates[0]
    assert best.work.doi == doi.lower()
    assert best.similarity >= CONFIDENT_SIMILARITY
    assert best.score is None and best.source == "snapshot"
    assert all(c.similarity < best.similarity for c in found.candidates[1:])
    assert len(found.candidates) == 5


def test_a_work_not_in_the_snapshot_is_not_confident(snapshot_file):
    snap = Snapshot.load(snapshot_file)
    text = ("Berman, R. M. (1998). Ketamine and the glutamate hypothesis of schizophrenia. "
            "Journal of Neuroscience, 18(2), 11-19.")
    assert snap.search(text).candidates[0].similarity < CONFIDENT_SIMILARITY
    assert snap.search("", rows=5).candidates == ()
    assert len(snap.search(REFERENCE_TEXTS[DUMAN_2016["DOI"]], rows=2).candidates) == 2


def test_write_is_atomic_and_deduplicates(tmp_path):
    path = tmp_path / "snap.jsonl"
    path.write_text("old contents\n")
    assert write_snapshot(path, [DUMAN_2016, dict(DUMAN_2016, DOI="10.1038/NM.4050"), CARHART_HARRIS_2017]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["snap.jsonl"]  # no temporary file left
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["DOI"] for line in lines] == [DUMAN_2016["DOI"], CARHART_HARRIS_2017["DOI"]]


def test_write_to_a_missing_directory_is_a_snapshot_error(tmp_path):
    with pytest.raises(SnapshotError, match="cannot write snapshot"):
        write_snapshot(tmp_path / "nope" / "snap.jsonl", RECORDS)


def test_whole_responses_are_accepted(tmp_path):
    path = tmp_path / "snap.jsonl"
    path.write_text(json.dumps({"status": "ok", "message-type": "work", "message": DUMAN_2016}) + "\n\n")
    assert Snapshot.load(path).lookup("10.1038/nm.4050") is not None


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ('{"DOI": "10.1/x", "title": ["unterminated"', r"line 2: not valid JSON"),
        ('["a", "list"]', r"line 2: expected a Crossref work record"),
        ('{"title": ["no doi"]}', r"line 2: the record has no DOI"),
    ],
)
def test_bad_lines_are_named(tmp_path, second_line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(DUMAN_2016) + "\n" + second_line + "\n")
    with pytest.raises(SnapshotError, match=message) as info:
        Snapshot.load(path)
    assert str(path) in str(info.value)


def test_missing_or_binary_file(tmp_path):
    with pytest.raises(SnapshotError, match="cannot read snapshot"):
        Snapshot.load(tmp_path / "absent.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SnapshotError, match="not UTF-8"):
        Snapshot.load(binary)
