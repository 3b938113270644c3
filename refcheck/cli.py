"""The ``refcheck`` command line: argument parsing and exit codes only.

Each subcommand is a small function that calls the library and prints; every
:class:`~refcheck.errors.RefcheckError` becomes one line on stderr and exit
code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Callable, Sequence

from ._version import __version__
from .errors import InputError, RefcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}


def _add_input_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input-format", choices=("text", "markdown", "html", "latex", "bibtex"),
        help="document format (default: from the file suffix; sniffed for standard input)",
    )


def _cmd_parse(args: argparse.Namespace) -> int:
    from .bibtex import references_to_bibtex
    from .extract import extract_file
    from .parse import parse_references
    from .report import skipped_message

    out: list[dict[str, object]] = []
    for path in args.paths:
        document = extract_file(path, format=args.input_format)
        for entry in document.skipped:  # said on stderr, so standard output stays BibTeX (or JSON)
            sys.stderr.write(f"refcheck: warning: {path}:{entry.line}: {skipped_message(entry)}\n")
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


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("Crossref and cache")
    g.add_argument("--mailto", help="your e-mail, for Crossref's polite pool (env REFCHECK_MAILTO)")
    g.add_argument("--cache", metavar="PATH", help="SQLite cache file (env REFCHECK_CACHE)")
    g.add_argument("--cache-expire-days", type=float, metavar="DAYS", help="cache expiry (default 30)")
    g.add_argument("--refresh", action="store_true", default=None, help="ignore cached responses")
    g.add_argument("--offline", action="store_true", default=None,
                   help="use only the cache and snapshot; open no connection")
    g.add_argument("--crossref-url", metavar="URL", help="Crossref API base URL (env REFCHECK_CROSSREF_URL)")
    g.add_argument("--snapshot", metavar="FILE", help="JSON-lines file of Crossref records consulted first")
    g.add_argument("--timeout", type=float, metavar="SECONDS", help="per-request timeout (default 20)")
    q = parser.add_argument_group("checks")
    q.add_argument("--quotes-table", metavar="FILE", help="curated quotes table (default: the bundled one)")
    q.add_argument("--no-quotes", dest="check_quotes", action="store_false", default=None,
                   help="skip the quotation check")
    q.add_argument("--fail-on", choices=("error", "warning", "never"), help="what makes the exit code 1")
    q.add_argument("--fail-on-unresolved", action="store_true", default=None,
                   help="exit 1 when references could not be checked (Crossref unreachable, offline and not cached)")
    _add_input_format(parser)
    parser.add_argument("--glob", metavar="PATTERN", help="check folders recursively, files matching PATTERN")


def _add_fix_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fix", action="store_true", default=None,
                        help="correct wrong year, volume, issue, pages and DOI in place (.bib: replace the entry); "
                             "the original is kept as <file>.refcheck.bak")


_OPTION_ARGS = ("mailto", "cache", "cache_expire_days", "refresh", "offline", "crossref_url", "snapshot",
                "timeout", "quotes_table", "check_quotes", "fail_on", "fail_on_unresolved")


def _options_from_args(args: argparse.Namespace):
    from .config import load_options

    start = args.paths[0] if getattr(args, "paths", None) else None
    return load_options({name: getattr(args, name, None) for name in _OPTION_ARGS}, start=start)


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_paths, expand_paths
    from .output import renderer
    from .output.progress import TerminalProgress, want_progress

    options = _options_from_args(args)
    if getattr(args, "fix", None):
        options = options.replace(fix=True)
    if options.fix and "-" in args.paths:
        raise InputError("--fix needs files: standard input cannot be fixed")
    paths = expand_paths(args.paths, args.glob)
    if args.output is not None and any(_same_file(args.output, p) for p in paths):
        raise InputError(f"-o {args.output} is one of the documents being checked; it would be overwritten")
    show = want_progress(args.progress, args.format, to_file=args.output is not None)
    limits = f"pace: ≤{options.effective_search_rate:g} searches/s" + ("" if options.polite else " (set mailto)")
    with TerminalProgress(enabled=show, limits=limits) as progress:
        report = check_paths(paths, options, format=args.input_format, progress=progress if show else None)
    render = renderer(args.format)
    if args.output is None:
        render(report, sys.stdout)
    else:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as stream:
                render(report, stream)
        except OSError as exc:
            raise InputError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if options.fix:
        return _describe_fixes(report) or report.exit_code
    return report.exit_code


def _same_file(a: str, b: str) -> bool:
    import os

    try:
        return b != "-" and os.path.samefile(a, b)
    except OSError:
        return False


def _describe_fixes(report) -> int:
    """Tell standard error what ``--fix`` did to each document; EXIT_USAGE if any could not be written."""
    from .fix import describe

    failed = 0
    for document in report.documents:
        if document.fix is None:
            continue
        failed += bool(document.fix.error)
        for line in describe(document.fix):
            print(line, file=sys.stderr)
    return EXIT_USAGE if failed else 0


def _cmd_cache(args: argparse.Namespace) -> int:
    from .config import load_options
    from .resolve.cache import cache_info, cache_path, clear_cache, format_info

    options = load_options({"cache": args.cache}, start=None)
    path = cache_path(options.cache)
    if args.action == "clear":
        removed = clear_cache(path)
        print(f"refcheck: removed {path}" if removed else f"refcheck: no cache at {path}")
        return EXIT_OK
    info = cache_info(path)
    if args.format == "json":
        json.dump(info.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_info(info))
    return EXIT_OK


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from .check import expand_paths, snapshot_messages
    from .resolve import write_snapshot

    options = _options_from_args(args)
    records = snapshot_messages(expand_paths(args.paths, args.glob), options, format=args.input_format)
    written = write_snapshot(args.output, records)
    print(f"refcheck: wrote {written} records to {args.output}", file=sys.stderr)
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

    c = sub.add_parser("check", help="check references against Crossref and quotations against the table")
    c.add_argument("paths", nargs="+", metavar="PATH", help="document(s) or folders; - for standard input")
    c.add_argument("--format", choices=("text", "json", "github", "sarif", "junit", "markdown"), default="text",
                   help="report format: text (terminal), json, github (Actions annotations), sarif, junit, markdown")
    c.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    c.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal and the format is for people)")
    _add_check_options(c)
    _add_fix_option(c)
    c.set_defaults(handler=_cmd_check)

    k = sub.add_parser("cache", help="show where the Crossref cache is and how big (info), or delete it (clear)")
    k.add_argument("action", choices=("info", "clear"))
    k.add_argument("--cache", metavar="PATH", help="SQLite cache file (env REFCHECK_CACHE; default: user cache dir)")
    k.add_argument("--format", choices=("text", "json"), default="text", help="output format of info")
    k.set_defaults(handler=_cmd_cache)

    s = sub.add_parser("snapshot", help="write the Crossref records a check resolved, as JSON lines")
    s.add_argument("paths", nargs="+", metavar="DOC")
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="snapshot file to write")
    _add_check_options(s)
    s.set_defaults(handler=_cmd_snapshot)

    from .quotes.cli import add_subcommand as add_quotes_subcommand

    add_quotes_subcommand(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # bibtexparser logs each malformed block; refcheck reports what matters itself.
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
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
