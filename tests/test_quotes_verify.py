"""Checking quotations against the table, name matching, and the quotes CLI."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from refcheck.errors import QuotesTableError
from refcheck.quotes import FoundQuote, check_quote, check_quotes, load_table, same_person
from refcheck.quotes.cli import add_subcommand

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"


@pytest.fixture
def table():
    return load_table(FIXTURES / "small_table.csv")


@pytest.mark.parametrize("a, b, same", [
    ("Dr. Carlos Zarate", "Carlos A. Zarate Jr.", True),
    ("Jung", "Carl Jung", True),
    ("Carl Jung", "C. G. Jung", True),
    ("Carl Gustav Jung", "C. G. Jung", True),
    ("Professor Karl Popper", "Karl R. Popper", True),
    ("Zarate, Carlos", "Carlos Zarate", True),
    ("Bessel van der Kolk", "Kolk", True),
    ("Mahatma Gandhi", "Mohandas K. Gandhi", True),
    ("Robin Carhart-Harris", "Robin L. Carhart-Harris", True),
    ("Carl Jung", "Sigmund Freud", False),
    ("Karl Popper", "Kurt Popper", False),
    ("Harris", "Robin Carhart-Harris", False),
])
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same


@pytest.mark.parametrize("text, person, status, severity, table_id", [
    ("Who looks outside, dreams; who looks inside, awakes.", "C. G. Jung", "genuine", "info", "jung-dreams"),
    ("Who looks outside, dreams; who looks inside, awakes.", "Sigmund Freud", "attribution_mismatch", "error",
     "jung-dreams"),
    ("Cure sometimes, treat often, comfort always.", "Hippocrates", "misattributed", "error", "hip-cure"),
    ("Our capacity for foresight obligates us to act with caution toward what we do not fully understand.",
     "Hans Jonas", "paraphrase", "warning", "jonas-foresight"),
    ("There are three kinds of lies: lies, damned lies, and statistics", "Disraeli", "disputed", "warning",
     "disraeli-lies"),
    ("Ketamine acts like a fertilizer for the brain, helping new ideas and perspectives to take root.",
     "Dr. Carlos Zarate", "unverified", "warning", "zarate-fertilizer"),
    ("A sentence no table has ever seen before today.", "Jo Bloggs", "unverified", "warning", None),
    # partial: the draft quotes the second half of a longer line
    ("I will defend to the death your right to say it", "Voltaire", "misattributed", "error", "voltaire-defend"),
    # the draft credits the row's actual source
    ("I disapprove of what you say, but I will defend to the death your right to say it.", "Evelyn Beatrice Hall",
     "genuine", "info", "voltaire-defend"),
    # a genuine line, reworded
    ("That which does not kill us makes us stronger.", "Nietzsche", "paraphrase", "warning", "nietzsche-stronger"),
])
def test_verdicts(table, text: str, person: str, status: str, severity: str, table_id: str | None) -> None:
    result = check_quote(FoundQuote(7, text, person, "raw text"), table)
    assert (result.status, result.severity, result.table_id) == (status, severity, table_id)
    assert (result.line, result.attributed_to, result.raw) == (7, person, "raw text")
    if status in {"misattributed", "genuine", "attribution_mismatch"}:
        assert result.actual_source


def test_mismatch_names_the_known_source(table) -> None:
    result = check_quote(FoundQuote(1, "Who looks outside, dreams; who looks inside, awakes.", "Freud", ""), table)
    assert "Jung" in result.actual_source and result.evidence == "https://example.org/jung"


def _sample_statuses(body: str) -> dict[str, str]:
    return {r.attributed_to: r.status for r in check_quotes(body)}


EXPECTED = {
    "Hippocrates": "misattributed", "Hans Jonas": "paraphrase", "Carl Jung": "genuine", "Karl Popper": "genuine",
    **{name: "unverified" for name in ("Carlos Zarate", "Karl Jansen", "John Krystal", "George Aghajanian",
                                       "Conor Liston", "Robin Carhart-Harris", "Bryan Roth", "Ronald Duman")},
}


def test_sample_excerpt_verdicts() -> None:
    results = check_quotes((FIXTURES / "ketamine_excerpt.txt").read_text(encoding="utf-8"))
    assert {r.attributed_to: r.status for r in results} == EXPECTED
    assert all(r.table_id for r in results)  # every sample quotation is in the bundled table


def test_ketamine_sample_verdicts(ketamine_sample: Path) -> None:
    assert _sample_statuses(ketamine_sample.read_text(encoding="utf-8")) == EXPECTED


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="refcheck")
    add_subcommand(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_cli_check_json(capsys) -> None:
    code = _run(["quotes", "check", str(FIXTURES / "draft.md"), "--format", "json",
                 "--quotes-table", str(FIXTURES / "small_table.csv")])
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # Freud is credited with Jung's line
    assert [(q["line"], q["attributed_to"], q["status"]) for q in out] == [
        (3, "Carl Jung", "genuine"), (5, "Imani Brooks", "unverified"),
        (7, "Sigmund Freud", "attribution_mismatch"), (11, "Ada Pike", "unverified")]


def test_cli_check_text_exit_zero_without_errors(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "ok.txt"
    draft.write_text("As Carl Jung once wrote, “Who looks outside, dreams; who looks inside, awakes.”\n")
    assert _run(["quotes", "check", str(draft)]) == 0
    assert "genuine" in capsys.readouterr().out


def test_cli_record_then_check(tmp_path: Path, capsys) -> None:
    table_path = tmp_path / "quotes.csv"
    shutil.copy(FIXTURES / "small_table.csv", table_path)
    assert _run(["quotes", "record", str(FIXTURES / "draft.md"), "--quotes-table", str(table_path)]) == 0
    assert "recorded 2" in capsys.readouterr().err
    assert _run(["quotes", "record", str(FIXTURES / "draft.md"), "--quotes-table", str(table_path)]) == 0
    assert "recorded 0" in capsys.readouterr().err


def test_cli_bad_table_raises_refcheck_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,quote\n")
    with pytest.raises(QuotesTableError, match="missing column"):
        _run(["quotes", "check", str(FIXTURES / "draft.md"), "--quotes-table", str(bad)])
