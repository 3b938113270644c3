"""The ``refcheck`` command line: argument parsing and exit codes only.

Each subcommand is a small function that calls the library and prints; every
:class:`~refcheck.errors.RefcheckError` becomes one line on stderr and exit
code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

from . import __version__
from .errors import RefcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}


def _add_input_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input-format", choices=("text", "markdown", "html", "latex", "bibtex"),
        help="document format (default: from the file suffix; sniffed for standard input)",
    )


def _cmd_parse(args: argparse.Namespace) -> int:
    from .extract import extract_file
    from .parse import parse_references, references_to_bibtex

    out = []
    for path in args.paths:
        document = extract_file(path, format=args.input_format)
        references = parse_references(document.references)
        if args.format == "json":
            out.extend(
                {"path": path, "line": r.line, "key": r.key, "type": r.entry_type, "fields": dict(r.fields),
                 "text": r.text}
                for r in references
            )
        else:
            sys.stdout.write(references_to_bibtex(references))
    if args.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refcheck",
        description="Check the references and quotations in a manuscript or blog draft.",
    )
    parser.add_argument("--version", action="version", version=f"refcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="print a document's reference list as BibTeX (or JSON)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="document(s) to read; - for standard input")
    p.add_argument("--format", choices=("bibtex", "json"), default="bibtex", help="output format")
    _add_input_format(p)
    p.set_defaults(handler=_cmd_parse)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Command | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except RefcheckError as exc:
        print(f"refcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("refcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
