"""The curated quotes table: loading, validation, look-up, appending."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from refcheck.errors import QuotesTableError
from refcheck.quotes import load_table, parse_table, record_quotes
from refcheck.quotes.table import COLUMNS, append_rows, new_ids

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"
HEADER = ",".join(COLUMNS) + "\n"
GOOD = "a1,Some words here,Ann Lee,genuine,Her book (1990),https://example.org,,2026-01-02\n"


def test_bundled_table_loads_and_is_well_formed() -> None:
    table = load_table()
    assert len(table) >= 30
    ids = [e.id for e in table.entries]
    assert len(ids) == len(set(ids))
    for entry in table.entries:
        assert entry.verdict == "unverified" or entry.evidence
    assert {"hippocrates-cure-sometimes", "jung-looks-inside", "popper-myths", "jonas-foresight"} <= table.ids


@pytest.mark.parametrize("text, message", [
    ("id,quote,attributed_to,verdict\n", "line 1: missing column(s) actual_source, evidence, notes, checked"),
    (HEADER + GOOD + "a2,Other words,Bo Li,wrong,x,y,,2026-01-02\n", "line 3 (id 'a2'): unknown verdict 'wrong'"),
    (HEADER + GOOD + "a2,Other words,Bo Li,misattributed,x,,,2026-01-02\n", "line 3 (id 'a2'): verdict 'misattributed' needs evidence"),
    (HEADER + GOOD + GOOD, "line 3 (id 'a1'): duplicate id 'a1' (first on line 2)"),
    (HEADER + "a3,,Bo Li,unverified,,,,2026-01-02\n", "line 2 (id 'a3'): empty quote"),
    (HEADER + "a4,Words,Bo Li,unverified,,,,27/11/2026\n", "line 2 (id 'a4'): checked '27/11/2026' is not an ISO date"),
    (HEADER + '"a5","multi\nline quote",Bo Li,genuine,x,y,,2026-01-02\n' + "a5,w,Bo,unverified,,,,2026-01-02\n",
     "line 4 (id 'a5'): duplicate id 'a5' (first on line 2)"),
])
def test_validation_errors_name_the_row(text: str, message: str) -> None:
    with pytest.raises(QuotesTableError) as info:
        parse_table(text, where="t.csv")
    assert f"t.csv, {message}" in str(info.value)


def test_unverified_rows_need_no_evidence() -> None:
    table = parse_table(HEADER + "a6,Words said,Bo Li,unverified,,,,2026-01-02\n")
    assert table.entries[0].line == 2


def test_missing_or_binary_table(tmp_path: Path) -> None:
    with pytest.raises(QuotesTableError, match="not found"):
        load_table(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(QuotesTableError, match="not UTF-8"):
        load_table(bad)


def test_lookup_whole_partial_and_normalised() -> None:
    table = load_table(FIXTURES / "small_table.csv")
    assert table.lookup("WHO LOOKS OUTSIDE — DREAMS; who looks inside, awakes!")[0].entry.id == "jung-dreams"
    partial = table.lookup("I will defend to the death your right to say it")
    assert partial[0].entry.id == "voltaire-defend" and partial[0].partial
    assert table.lookup("An entirely different sentence about gardens") == []


def test_new_ids_do_not_collide() -> None:
    assert new_ids({"rec-0002", "rec-0003", "x"}, 2) == ["rec-0004", "rec-0005"]
    assert new_ids(set(), 1) == ["rec-0001"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_record_is_idempotent_and_keeps_existing_bytes(tmp_path: Path) -> None:
    table_path = tmp_path / "quotes.csv"
    shutil.copy(FIXTURES / "small_table.csv", table_path)
    before = table_path.read_bytes()
    draft = FIXTURES / "draft.md"

    added = record_quotes(draft, table_path)
    after = table_path.read_bytes()
    assert added == 2  # Imani Brooks and Ada Pike; the Jung wording is known (even under Freud)
    assert after.startswith(before) and _digest(after[:len(before)]) == _digest(before)
    table = load_table(table_path)
    new = [e for e in table.entries if e.id.startswith("rec-")]
    assert [(e.id, e.attributed_to, e.verdict) for e in new] == [
        ("rec-0001", "Imani Brooks", "unverified"), ("rec-0002", "Ada Pike", "unverified")]
    assert "draft.md, line 5" in new[0].notes

    assert record_quotes(draft, table_path) == 0
    assert table_path.read_bytes() == after


def test_append_adds_newline_first_and_creates_header(tmp_path: Path) -> None:
    table_path = tmp_path / "q.csv"
    table_path.write_bytes((HEADER + GOOD).rstrip(b"\n".decode()).encode())
    append_rows(table_path, [{"id": "b1", "quote": "New, with comma", "attributed_to": "X Y",
                              "verdict": "unverified", "checked": "2026-01-02"}])
    text = table_path.read_text()
    assert text.endswith('b1,"New, with comma",X Y,unverified,,,,2026-01-02\n')
    assert len(load_table(table_path)) == 2
    fresh = tmp_path / "fresh.csv"
    append_rows(fresh, [{"id": "c1", "quote": "q w e", "attributed_to": "Z", "verdict": "unverified"}])
    assert fresh.read_text().startswith(HEADER)
