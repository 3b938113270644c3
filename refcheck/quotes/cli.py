"""``refcheck quotes record|check``: the quotes subcommands.

The lead wires :func:`add_subcommand` into ``refcheck.cli.build_parser``; each
handler returns an exit code (0 ok, 1 when a quotation is an error) and lets
:class:`~refcheck.errors.RefcheckError` propagate, which the main CLI turns
into exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import QuoteResult

EXIT_OK, EXIT_FINDINGS = 0, 1


def _as_dict(path: str, result: QuoteResult) -> dict[str, Any]:
    return {
        "path": path, "line": result.line, "text": result.text, "attributed_to": result.attributed_to,
        "status": result.status, "severity": result.severity, "table_id": result.table_id,
        "actual_source": result.actual_source or None, "evidence": result.evidence or None,
    }


def _format_text(path: str, result: QuoteResult) -> str:
    status = result.status.replace("_", " ")
    line = f"{path}:{result.line}: {result.severity}: {status}: “{result.text}” — {result.attributed_to}"
    if result.actual_source and result.status != "unverified":
        line += f"\n    actual source: {result.actual_source}"
    if result.evidence:
        line += f"\n    evidence: {result.evidence}"
    return line


def cmd_check(args: argparse.Namespace) -> int:
    """Check every attributed quotation in the documents; exit 1 when one is an error."""
    from .table import load_table
    from .verify import _document_body, check_quotes

    table = load_table(args.quotes_table)
    out: list[dict[str, Any]] = []
    failed = False
    for path in args.paths:
        results = check_quotes(_document_body(path), table)
        failed = failed or any(r.has_error for r in results)
        if args.format == "json":
            out.extend(_as_dict(path, r) for r in results)
        else:
            for result in results:
                print(_format_text(path, result))
    if args.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_FINDINGS if failed else EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    """Append the documents' unknown quotations to the table as ``unverified`` rows."""
    from .table import default_table_path
    from .verify import record_quotes

    table_path = Path(args.quotes_table) if args.quotes_table else default_table_path()
    if not args.quotes_table and any(part in ("site-packages", "dist-packages") for part in table_path.parts):
        # Never append to the copy inside an installed package: it would vanish on upgrade.
        raise ConfigError("name the table to append to with --quotes-table FILE")
    total = sum(record_quotes(path, table_path) for path in args.paths)
    print(f"recorded {total} new quotation(s) in {table_path}", file=sys.stderr)
    return EXIT_OK


def add_subcommand(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``quotes record PATH...`` and ``quotes check PATH... [--format text|json]``.

    >>> parser = argparse.ArgumentParser(prog="refcheck")
    >>> add_subcommand(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["quotes", "check", "draft.md", "--format", "json"]).format
    'json'
    """
    quotes = subparsers.add_parser("quotes", help="check quotations and who said them against the quotes table")
    actions = quotes.add_subparsers(dest="quotes_command", metavar="ACTION")
    actions.required = True

    check = actions.add_parser("check", help="check each attributed quotation against the table")
    check.add_argument("paths", nargs="+", metavar="PATH", help="document(s) to read")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--quotes-table", metavar="FILE", help="quotes table (default: the bundled one)")
    check.set_defaults(handler=cmd_check)

    record = actions.add_parser("record", help="append unknown quotations to the table as unverified rows")
    record.add_argument("paths", nargs="+", metavar="PATH", help="document(s) to read")
    record.add_argument("--quotes-table", metavar="FILE",
                        help="quotes table to append to (default: references/quotes.csv of a source checkout)")
    record.set_defaults(handler=cmd_record)
