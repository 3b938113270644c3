"""False alarms on correct citations written by a real CSL processor (issue 11).

Inputs not written by refcheck:

* **records** — real Crossref work records from ../shared/data (read at run time, never copied):
  refchecker's full ``/works/{doi}`` messages and title-search items, habanero's cassette work
  records and RME's ``test_record.json``. Only journal articles, proceedings papers and book
  chapters with authors, title, container and year are used. refchecker's title-search items
  carry no volume or pages (its ``select`` left them out): they render as online-first
  citations and are counted apart ("partial" records) as well as in the totals.
* **styles** — official CSL styles from ../shared/data/csl-styles, the Citation Style Language
  project's repository (https://citationstyles.org/, CC BY-SA 3.0), rendered by citeproc-py.
  :data:`STYLES` lists 30 that citeproc-py renders cleanly, across the numeric, author-date,
  note and author families. Sorted by name, alternate styles form the dev half (even positions)
  and the held-out half (odd): the held-out half is the headline, and nobody tunes on it.

Records, CSL-JSON, rendering and planted errors live in ``bench/csl_corpus.py`` (no refcheck code).
Each style draws its own sample of records (``--limit``, half of them "full"), so the styles
together cover most of the corpus. Each record becomes CSL-JSON (Crossref's ``message`` nearly
is: :func:`to_csl` renames a few keys, joins title and subtitle, drops face markup) and each
(record, style) pair one bibliography string. Half the records (alternate) are rendered with
their DOI. citeproc-py's plain output drops the gap after a ``[1]``/``1.``/``(1)`` label (a
document shows one) and glues some dates (``2015Jul3``); a space is put back after the label,
and styles that glue a date get the year alone.

Each string is one document (a "References" heading and the entry) run through refcheck's
own pipeline — ``extract`` then ``check_documents``, what ``refcheck check`` runs — offline
against a snapshot of every usable record (the true one and ~1,900 distractors), so resolve
searches the snapshot (or looks the DOI up in it) as it would search Crossref. Counted per entry:

* **false alarm** — any error-level finding on a correct citation (the report's own severities;
  a retraction error on a retracted record is a true finding, not a false alarm);
* **warning** — any warning-level finding on a correct citation;
* **not verified** — a status other than ``verified``, or verified against another DOI (a lost
  entry counts here too);
* **lost / split** — the document gave no reference, or more than one (reported, never hidden);
* **parse F1** per field against the record, for what the style prints: authors (the record's
  surnames shown before any "et al.", in order), title, container (full or short form, whichever
  is printed; a venue's trailing "(ACRONYM)" or "Volume 1" may be read apart from it), year,
  volume, first page. Agreement is a true positive; a disagreement is a false positive and a
  false negative; a value on one side only, one or the other. ``--show parse:FIELD`` says how
  a field was misread: missing, runs on, cut short, other text.

Planted errors: for each record one field is changed in the CSL-JSON before rendering (year,
volume, first page, one shown author's surname, one title word, the journal), in rotation; a
change the style does not print is skipped. **Caught** = an error-level finding on that field
(journal for the container); **any error** = any error-level finding at all.

Targets (issue 11, held-out half): false alarms <= 0.5% overall and <= 2% per style; clean
entries with a warning <= 5%; planted errors caught >= 0.98 per field; parse F1 >= 0.97 per field
in every style family.

Usage::

    python bench/csl_rendered.py [--limit N] [--styles a,b] [--half dev] [--seed N] [--show CLASS]

``--limit`` is records per style (default 40: about 2 minutes on 2 cores). ``--show CLASS``
(``all``, a finding's rule such as ``author``, ``title``, ``journal``, ``not_found``; ``warning``;
``parse:FIELD``; ``missed:FIELD`` for planted errors not caught; ``lost``) prints examples from
the DEV half only, grouped by cause (the first field the parser read differently from the record).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from csl_corpus import (  # noqa: E402
    DATA,
    PLANTED_FIELDS,
    STYLES,
    PlantingPool,
    StyleRenderer,
    contains,
    first_text,
    fold,
    is_full,
    plant,
    sample_records,
    shown_surnames,
    to_csl,
    usable,
    usable_records,
)

__all__ = ["DATA", "STYLES", "PLANTED_FIELDS", "contains", "first_text", "usable", "usable_records", "main"]

PARSE_FIELDS = ("author", "title", "container", "year", "volume", "pages")
# A finding about a real property of the record, not a false alarm (the citation is right, the work is retracted).
LEGITIMATE_RULES = frozenset({"retraction"})
TARGETS = {"false_alarm": 0.005, "false_alarm_per_style": 0.02, "warning": 0.05, "caught": 0.98, "f1": 0.97}


# ---------------------------------------------------------------- the pipeline under test


@dataclass(frozen=True)
class Entry:
    """One rendered citation and what refcheck made of it."""

    style: str
    family: str
    half: str
    doi: str
    full: bool
    with_doi: bool
    planted: str  # "" for a correct citation
    text: str
    gold: Mapping[str, tuple[str, ...]]
    references: int = 0  # how many references refcheck extracted from the entry's document
    status: str = ""
    matched_doi: str = ""
    errors: tuple[tuple[str, str], ...] = ()  # (rule, message) of error-level findings
    warnings: tuple[tuple[str, str], ...] = ()
    parsed: Mapping[str, str] = field(default_factory=dict)
    entry_type: str = ""


_CONTAINER_VOLUME = re.compile(
    r"^(?P<head>.{8,}?)[\s,]+(?:(?P<volume>\d{1,3})|\(?(?:Volume|Vol\.?)\s*(?P<v2>\d{1,4})(?::[^()]*\)|\)|\s*\([^()]*\))?)$")


_TRAILING_ACRONYM = re.compile(r"^(?P<head>.{8,}?)\s*\((?=[^()]*[A-Z][^()]*[A-Z])[A-Z][A-Za-z0-9&/ -]{1,15}\)$")


def gold_fields(item: Mapping[str, Any], text: str) -> dict[str, tuple[str, ...]]:
    """What the style printed of each scored field (accepted values; empty when not printed)."""
    gold: dict[str, tuple[str, ...]] = {"author": tuple(fold(s) for s in shown_surnames(item, text))}
    if not gold["author"]:
        gold["author"] = ()
    gold["title"] = (fold(item["title"]),) if contains(text, item["title"]) else ()
    containers = [item[k] for k in ("container-title", "container-title-short")
                  if item.get(k) and contains(text, item[k])]
    volume = str(item.get("volume", "") or item.get("issue", ""))  # an issue alone is printed where a volume goes
    gold["volume"] = (fold(volume),) if volume and contains(text, volume) else ()
    # "Advances in Neural Information Processing Systems 36", "… (Volume 1: Long Papers)": the gold is split
    # into container + volume as a parse would read it, and either reading counts (the prediction is not loosened).
    for container in list(containers):
        m = _CONTAINER_VOLUME.match(container)
        if m and not volume:
            containers.append(m.group("head"))
            gold["split"] = (fold(container), m.group("volume") or m.group("v2"))
        # "… Mechatronics (ICARM)": the venue's acronym in brackets is its name too; either reading counts
        acronym = _TRAILING_ACRONYM.match(container)
        if acronym:
            containers.append(acronym.group("head"))
    gold["container"] = tuple(fold(c) for c in containers)
    year = str(item["issued"]["date-parts"][0][0])
    gold["year"] = (year,) if year in text else ()
    first_page = str(item.get("page", "")).partition("-")[0]
    gold["pages"] = (fold(first_page),) if first_page and contains(text, first_page) else ()
    return gold


def parsed_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """The parse's scored fields, folded the same way as the gold (authors as "surname;surname")."""
    surnames = []
    for name in fields.get("author", "").split(" and "):
        name = name.strip().strip("{}")
        if not name or name == "others":
            continue
        surnames.append(fold(name.partition(",")[0] if "," in name else name.split()[-1]))
    container = re.sub(r"^\s*in\s*:?\s+", "", fields.get("journal") or fields.get("booktitle", ""), flags=re.I)
    pages = re.split(r"[-\u2010-\u2015\u2212]+", fields.get("pages", ""))[0]
    volume = re.search(r"\w+", fields.get("volume", ""))
    return {"author": ";".join(surnames), "title": fold(fields.get("title", "")), "container": fold(container),
            "year": fields.get("year", "").strip(), "volume": fold(volume.group(0)) if volume else "",
            "pages": fold(pages)}


def run_pipeline(entries: list[Entry], snapshot: Path) -> list[Entry]:
    """Each entry as its own document through extract -> check (parse, resolve offline, judge)."""
    from refcheck import Options
    from refcheck.check import check_documents
    from refcheck.extract import extract

    # offline with an in-memory cache: the snapshot stands in for Crossref, nothing is written or fetched
    options = Options.from_kwargs(snapshot=str(snapshot), offline=True, check_quotes=False, cache=":memory:")
    documents = [replace(extract(f"References\n\n{e.text}\n", "text"), path=str(i)) for i, e in enumerate(entries)]
    report = check_documents(documents, options)
    out = []
    for entry, document in zip(entries, report.documents, strict=True):
        findings = list(document.findings())
        first = document.references[0] if document.references else None
        out.append(replace(
            entry, references=len(document.references),
            status=first.status if first else "lost",
            matched_doi=first.match.work.doi.lower() if first is not None and first.match is not None else "",
            errors=tuple((f.rule, f.message) for f in findings if f.severity == "error"),
            warnings=tuple((f.rule, f.message) for f in findings if f.severity == "warning"),
            parsed=parsed_fields(first.reference.fields) if first else {},
            entry_type=first.reference.entry_type if first else "",
        ))
    return out


# ---------------------------------------------------------------- building the set


def split_halves(styles: Iterable[str]) -> dict[str, str]:
    """Sorted by name, alternate styles: even positions are dev, odd are held-out.

    A style of :data:`STYLES` keeps its half when only some styles are run (``--styles``).

    >>> split_halves(["apa", "bmj"])
    {'apa': 'dev', 'bmj': 'dev'}
    """
    wanted = set(styles)
    everything = sorted(set(STYLES) | wanted) if wanted <= set(STYLES) else sorted(wanted)
    return {s: ("dev" if i % 2 == 0 else "held-out") for i, s in enumerate(everything) if s in wanted}


def style_entries(renderer: StyleRenderer, half: str, position: int, sample: list[tuple[dict[str, Any], bool]],
                  pool: PlantingPool, seed: int) -> tuple[list[Entry], int]:
    """A correct and (where a field allows) a planted citation per record; returns them and the render failures."""
    entries: list[Entry] = []
    failures = 0
    for n, (message, with_doi) in enumerate(sample):
        item = to_csl(message, f"r{n}", with_doi)
        try:
            text = renderer.render(item)
        except Exception:
            failures += 1
            continue
        base = dict(style=renderer.name, family=renderer.family, half=half, doi=str(message["DOI"]).lower(),
                    full=is_full(message), with_doi=with_doi)
        entries.append(Entry(**base, planted="", text=text, gold=gold_fields(item, text)))  # type: ignore[arg-type]
        rng = random.Random(f"{seed}:{renderer.name}:{message['DOI']}")
        for k in range(len(PLANTED_FIELDS)):  # the fields take turns, from a start that moves with record and style
            kind = PLANTED_FIELDS[(n + position + k) % len(PLANTED_FIELDS)]
            mutated = plant(kind, item, message, text, pool, rng)
            if mutated is None:
                continue
            try:
                planted_text = renderer.render(mutated)
            except Exception:
                continue
            if planted_text != text:  # a change the style does not print is no planted error
                entries.append(Entry(**base, planted=kind, text=planted_text,  # type: ignore[arg-type]
                                     gold=gold_fields(mutated, planted_text)))
                break
    return entries, failures


# ---------------------------------------------------------------- scoring


def false_alarm(entry: Entry) -> bool:
    return any(rule not in LEGITIMATE_RULES for rule, _ in entry.errors)


def not_verified(entry: Entry) -> bool:
    return entry.status != "verified" or entry.matched_doi != entry.doi


def caught(entry: Entry) -> bool:
    return any(rule == entry.planted for rule, _ in entry.errors)


def field_agrees(entry: Entry, name: str) -> tuple[bool, bool, bool]:
    """(gold printed, parse gave a value, they agree) for one scored field."""
    gold = entry.gold.get(name, ())
    value = entry.parsed.get(name, "")
    split = entry.gold.get("split")
    if name == "volume" and split and entry.parsed.get("container") != split[0]:
        gold = (split[1],)  # the parse split the container's volume off: it must read that volume
    if name == "author":
        return bool(gold), bool(value), bool(gold) and value == ";".join(gold)
    return bool(gold), bool(value), bool(value) and value in gold


def f1(entries: Iterable[Entry], name: str) -> float:
    tp = fp = fn = 0
    for e in entries:
        has_gold, has_value, agree = field_agrees(e, name)
        tp += agree
        fp += has_value and not agree
        fn += has_gold and not agree
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def rate(entries: list[Entry], test: Any) -> float:
    return sum(1 for e in entries if test(e)) / len(entries) if entries else 0.0


def misreading(entry: Entry, name: str) -> str:
    """How the parse read one field differently from the record ("" when it agrees or neither has one).

    Authors: none read / extra names / names dropped / a surname read differently / split differently.
    Other fields: missing / runs on (the record's value plus more) / cut short / other text /
    read where the style prints none.
    """
    has_gold, has_value, agree = field_agrees(entry, name)
    if agree or not (has_gold or has_value):
        return ""
    value = entry.parsed.get(name, "")
    gold = list(entry.gold.get(name, ()))
    if name == "author":
        read = value.split(";") if value else []
        if not read:
            return "author: none read"
        if len(read) > len(gold) and all(g in read for g in gold):
            return "author: extra names read"
        if len(read) < len(gold) and all(r in gold for r in read):
            return "author: names dropped"
        return "author: a surname read differently" if len(read) == len(gold) else "author: names split differently"
    split = entry.gold.get("split")
    if name == "volume" and split and not gold:
        gold = [split[1]]
    if not has_gold:
        return f"{name}: read where the style prints none"
    if not has_value:
        return f"{name}: missing"
    if any(value in g for g in gold):
        return f"{name}: cut short"
    if any(g in value for g in gold):
        return f"{name}: runs on"
    return f"{name}: other text"


def cause(entry: Entry) -> str:
    """Why a citation drew a finding: the first scored field the parse read differently from the record."""
    for name in PARSE_FIELDS:
        shape = misreading(entry, name)
        if shape:
            return f"parse {shape}"
    return "parse agrees (judge)"


# ---------------------------------------------------------------- report


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def print_style_table(results: list[Entry], halves: dict[str, str]) -> None:
    print(f"{'style':<46} {'half':<8} {'family':<11} {'n':>4} {'FA%':>5} {'warn%':>5} {'notv%':>5} {'lost':>4} "
          + " ".join(f"{n[:6]:>6}" for n in PARSE_FIELDS) + f" {'caught':>6}")
    for style in sorted(halves, key=lambda s: (halves[s], s)):
        clean = [e for e in results if e.style == style and not e.planted]
        planted = [e for e in results if e.style == style and e.planted]
        if not clean:
            continue
        lost = sum(1 for e in clean + planted if e.references != 1)
        print(f"{style:<46} {halves[style]:<8} {clean[0].family:<11} {len(clean):>4} {_pct(rate(clean, false_alarm))} "
              f"{_pct(rate(clean, lambda e: e.warnings))} {_pct(rate(clean, not_verified))} {lost:>4} "
              + " ".join(f"{f1(clean, n):6.3f}" for n in PARSE_FIELDS) + f" {rate(planted, caught):6.3f}")


def print_overall(results: list[Entry]) -> dict[str, dict[str, float]]:
    """Per-half figures; returns them for the target check."""
    figures: dict[str, dict[str, float]] = {}
    print(f"\n{'half':<9} {'clean':>6} {'FA%':>6} {'warn%':>6} {'notv%':>6} {'lost':>5} {'split':>5}   "
          f"{'FA% full':>8} {'partial':>8} {'DOI':>6} {'no DOI':>6}")
    for half in ("dev", "held-out"):
        clean = [e for e in results if e.half == half and not e.planted]
        everything = [e for e in results if e.half == half]
        if not clean:
            continue
        figures[half] = {"false_alarm": rate(clean, false_alarm), "warning": rate(clean, lambda e: e.warnings)}
        sub = {"full": [e for e in clean if e.full], "partial": [e for e in clean if not e.full],
               "doi": [e for e in clean if e.with_doi], "nodoi": [e for e in clean if not e.with_doi]}
        print(f"{half:<9} {len(clean):>6} {_pct(figures[half]['false_alarm']):>6} {_pct(figures[half]['warning']):>6} "
              f"{_pct(rate(clean, not_verified)):>6} {sum(e.references == 0 for e in everything):>5} "
              f"{sum(e.references > 1 for e in everything):>5}   {_pct(rate(sub['full'], false_alarm)):>8} "
              f"{_pct(rate(sub['partial'], false_alarm)):>8} {_pct(rate(sub['doi'], false_alarm)):>6} "
              f"{_pct(rate(sub['nodoi'], false_alarm)):>6}")
    # Which statuses the correct citations that were not verified got (not_found = "likely fabricated").
    for half in ("dev", "held-out"):
        statuses = Counter(e.status for e in results if e.half == half and not e.planted and e.status != "verified")
        if statuses:
            print(f"{half:<9} correct citations not verified, by status: "
                  + ", ".join(f"{status} {count}" for status, count in statuses.most_common()))
    print(f"\n{'planted':<9} " + " ".join(f"{k:>16}" for k in PLANTED_FIELDS) + "   (caught / any error, cases)")
    for half in sorted({e.half for e in results}):
        cells = []
        for kind in PLANTED_FIELDS:
            cases = [e for e in results if e.half == half and e.planted == kind]
            if cases:
                figures.setdefault(half, {})[f"caught:{kind}"] = rate(cases, caught)
            cells.append(f"{rate(cases, caught):.3f}/{rate(cases, lambda e: e.errors):.3f} {len(cases):>4}"
                         if cases else "-")
        print(f"{half:<9} " + " ".join(f"{c:>16}" for c in cells))
    print(f"\n{'parse F1':<22} " + " ".join(f"{n:>9}" for n in PARSE_FIELDS))
    for half in ("dev", "held-out"):
        for family in sorted({e.family for e in results}):
            clean = [e for e in results if e.half == half and e.family == family and not e.planted]
            if clean:
                scores = [f1(clean, n) for n in PARSE_FIELDS]
                figures.setdefault(half, {})[f"f1:{family}"] = min(scores)
                print(f"{half + ' ' + family:<22} " + " ".join(f"{x:9.3f}" for x in scores))
    return figures


def print_worst(results: list[Entry], halves: dict[str, str], count: int = 5) -> None:
    scored = []
    for style, half in halves.items():
        clean = [e for e in results if e.style == style and not e.planted]
        if clean:
            scored.append((rate(clean, false_alarm), rate(clean, lambda e: e.warnings), style, half))
    scored.sort(reverse=True)
    print(f"\n{count} worst styles (false alarms, then warnings):")
    for fa, warn, style, half in scored[:count]:
        print(f"  {style:<46} {half:<8} false alarms {_pct(fa)}%  warnings {_pct(warn)}%")


def print_targets(results: list[Entry], figures: dict[str, dict[str, float]], halves: dict[str, str]) -> None:
    held = figures.get("held-out")
    if not held:
        return
    per_style = max((rate([e for e in results if e.style == s and not e.planted], false_alarm)
                     for s, h in halves.items() if h == "held-out"), default=0.0)
    dev = figures.get("dev", {})
    checks = [("false alarms overall", held["false_alarm"], "<=", TARGETS["false_alarm"], dev.get("false_alarm")),
              ("false alarms, worst style", per_style, "<=", TARGETS["false_alarm_per_style"], None),
              ("clean entries with a warning", held["warning"], "<=", TARGETS["warning"], dev.get("warning"))]
    checks += [(f"planted {k} caught", held[f"caught:{k}"], ">=", TARGETS["caught"], dev.get(f"caught:{k}"))
               for k in PLANTED_FIELDS if f"caught:{k}" in held]
    checks += [(f"parse F1 min, {k[3:]}", v, ">=", TARGETS["f1"], dev.get(k))
               for k, v in held.items() if k.startswith("f1:")]
    print("\ntargets (issue 11), held-out half [dev; gap = dev - held-out]:")
    for name, value, op, target, dev_value in checks:
        ok = value <= target if op == "<=" else value >= target
        gap = f"[dev {dev_value:.3f}; gap {dev_value - value:+.3f}]" if dev_value is not None else ""
        print(f"  {'PASS' if ok else 'FAIL'}  {name:<34} {value:.3f} {op} {target}  {gap}")


def _error_rules(entry: Entry) -> str:
    return "errors on " + ",".join(sorted({r for r, _ in entry.errors})) if entry.errors else "no error"


def show(results: list[Entry], wanted: str, examples: int) -> None:
    """Examples from the DEV half only, grouped by cause (never the held-out half)."""
    dev = [e for e in results if e.half == "dev"]
    if wanted.startswith("parse:"):
        name = wanted.partition(":")[2]
        picked = [(f"parse {misreading(e, name)}", e) for e in dev if not e.planted and misreading(e, name)]
    elif wanted.startswith("missed:"):
        kind = wanted.partition(":")[2]
        picked = [(f"missed {kind}: status {e.status}, {_error_rules(e)} / {cause(e)}", e)
                  for e in dev if e.planted == kind and not caught(e)]
    elif wanted == "lost":
        picked = [(f"lost ({'planted' if e.planted else 'correct'} entry)", e) for e in dev if e.references == 0]
    elif wanted in ("warning", "warnings"):
        picked = [(f"warning {rule} / {cause(e)}", e) for e in dev if not e.planted for rule, _ in e.warnings[:1]]
    else:
        picked = [(f"{rule} / {cause(e)}", e) for e in dev if not e.planted and false_alarm(e)
                  for rule in [next(r for r, _ in e.errors if r not in LEGITIMATE_RULES)] if wanted in ("all", rule)]
    groups: dict[str, list[Entry]] = defaultdict(list)
    for key, e in picked:
        groups[key].append(e)
    print(f"\n--show {wanted}: {len(picked)} dev entries in {len(groups)} groups")
    for key, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {key}: {len(members)}")
        for e in members[:examples]:
            print(f"  [{e.style}] {e.text}")
            print(f"    status {e.status}; errors {[m for _, m in e.errors]}; warnings {[m for _, m in e.warnings]}")
            for name in PARSE_FIELDS:
                if misreading(e, name):
                    print(f"    {misreading(e, name)}: parser read {e.parsed.get(name, '')!r}, "
                          f"record printed {list(e.gold.get(name, ()))}")


def build_entries(styles_dir: Path, halves: dict[str, str], records: list[dict[str, Any]], limit: int,
                  seed: int) -> tuple[list[Entry], set[str]]:
    """Render every style's sample; styles citeproc-py cannot render are dropped from ``halves`` (and said so)."""
    pool = PlantingPool.of(records)
    drawn: set[str] = set()
    entries: list[Entry] = []
    for style in sorted(halves):
        position = zlib.crc32(style.encode()) % len(PLANTED_FIELDS)  # the same for a style however many run
        try:
            renderer = StyleRenderer(styles_dir / f"{style}.csl")
        except (OSError, ValueError) as exc:
            print(f"style {style} left out: {exc}")
            halves.pop(style)
            continue
        sample = sample_records(records, limit, f"{seed}:{style}")
        drawn.update(str(r["DOI"]).lower() for r, _ in sample)
        made, failures = style_entries(renderer, halves[style], position, sample, pool, seed)
        if failures:
            print(f"style {style}: citeproc-py failed on {failures} records")
        entries.extend(made)
    return entries, drawn


def check_entries(entries: list[Entry], records: list[dict[str, Any]]) -> list[Entry]:
    """Run the entries through refcheck against a snapshot holding every usable record."""
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / "records.jsonl"
        snapshot.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        results = run_pipeline(entries, snapshot)
    if len(results) != len(entries):
        raise RuntimeError(f"{len(entries)} entries in, {len(results)} results out")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=40, help="records per style (default 40)")
    parser.add_argument("--styles", default="", help="comma-separated style names (default: the 30 of STYLES)")
    parser.add_argument("--half", choices=("dev", "held-out", "both"), default="both", help="run one half only")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", default="", help="author|title|journal|...|all|warning|parse:FIELD|missed:FIELD")
    parser.add_argument("--examples", type=int, default=3, help="examples per group with --show")
    args = parser.parse_args(argv)
    try:
        import citeproc  # noqa: F401
    except ImportError:
        print("skipped: citeproc-py is not installed (pip install -e '.[bench]')")
        return 0
    if not (args.data / "csl-styles").is_dir():
        print(f"skipped: {args.data / 'csl-styles'} is not present")
        return 0
    start = time.perf_counter()
    styles = [s for s in args.styles.split(",") if s] or list(STYLES)
    halves = {s: h for s, h in split_halves(styles).items() if args.half in ("both", h)}
    records = usable_records(args.data)
    entries, drawn = build_entries(args.data / "csl-styles", halves, records, args.limit, args.seed)
    rendered = time.perf_counter() - start
    results = check_entries(entries, records)
    full = sum(r.full for r in entries if not r.planted)
    print(f"{args.limit} records per style, drawn per style ({len(drawn)} distinct of {len(records)} usable; "
          f"{full} of the correct entries full, {len(entries) - full - sum(bool(e.planted) for e in entries)} "
          f"without volume or pages); {len(halves)} styles; {len(entries)} entries "
          f"({sum(not e.planted for e in entries)} correct, {sum(bool(e.planted) for e in entries)} planted); "
          f"seed {args.seed}; rendered in {rendered:.0f} s, "
          f"checked in {time.perf_counter() - start - rendered:.0f} s\n")
    print_style_table(results, halves)
    figures = print_overall(results)
    print_worst(results, halves)
    print_targets(results, figures, halves)
    if args.show:
        show(results, args.show, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
