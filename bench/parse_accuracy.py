"""How well does ``refcheck.parse.parse_reference`` read free-text references?

Field-level precision, recall and F1 on two hand-labelled sets in ../shared/data:

* text2bib ``ExampleSeeder.examples.json`` — 1,273 references with corrected BibTeX;
* anystyle ``res/parser/gold.xml`` — 1,669 hand-tagged sequences.

Values are compared after light folding (case, accents, punctuation, spacing,
LaTeX). Authors are compared as the ordered list of surnames; container is
journal or booktitle (anystyle: ``journal`` or ``container-title``); publisher is
scored separately and left out of the micro average. For anystyle, whose
``volume`` tag often holds the issue too (``20(5):``), volume is the first number
of the tag and number the parenthesised or ``no.`` part; its author tag is split
into names with :func:`refcheck.names.split_names`.

Counting: a predicted and a gold value that agree is a true positive; that
disagree, a false positive *and* a false negative; a value on one side only, a
false positive or a false negative.

Usage::

    python bench/parse_accuracy.py [--data ../shared/data] [--show FIELD] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refcheck.names import split_names, surnames  # noqa: E402
from refcheck.normalize import fold, latex_to_text  # noqa: E402
from refcheck.parse import parse_reference  # noqa: E402

MICRO_FIELDS = ("author", "title", "year", "container", "volume", "number", "pages")
ALL_FIELDS = MICRO_FIELDS + ("publisher", "doi")
Record = dict[str, str]


def norm_pages(value: str) -> str:
    value = re.sub(r"(?i)\b(?:pp?|pages?)\.?\s*", "", latex_to_text(value))
    parts = [p for p in re.split(r"[-\u2010-\u2015\u2212]+", re.sub(r"[^\w\-\u2010-\u2015\u2212]", "", value)) if p]
    return "-".join(p.lower() for p in parts)


def norm_first_number(value: str) -> str:
    value = re.sub(r"(?i)^\s*(?:vol(?:ume)?|no|n[°º]|issue)\.?\s*", "", value)
    m = re.search(r"[0-9]+[A-Za-z]?|\b[IVXLC]+\b", value)
    return m.group(0).lower() if m else fold(value)


def norm_year(value: str) -> str:
    m = re.search(r"(1[5-9]\d\d|20\d\d)", value)
    return m.group(1) if m else ""


def norm_authors(value: str) -> str:
    return " ".join(surnames(latex_to_text(value)))


def norm_doi(value: str) -> str:
    m = re.search(r"10\.\d{4,9}/\S+", value)
    return m.group(0).lower().rstrip(".,;") if m else ""


def norm_text(value: str) -> str:
    value = re.sub(r"^\s*(?:In|in)\s*:?\s+", "", latex_to_text(value))
    return fold(value)


NORMALISERS: dict[str, Callable[[str], str]] = {
    "author": norm_authors, "title": norm_text, "year": norm_year, "container": norm_text,
    "volume": norm_first_number, "number": norm_first_number, "pages": norm_pages,
    "publisher": norm_text, "doi": norm_doi,
}


def predicted(text: str) -> Record:
    entry = parse_reference(text)
    f = {x.key: str(x.value) for x in entry.fields}
    return {
        "author": f.get("author", ""), "title": f.get("title", ""), "year": f.get("year", ""),
        "container": f.get("journal") or f.get("booktitle", ""), "volume": f.get("volume", ""),
        "number": f.get("number", ""), "pages": f.get("pages", ""), "publisher": f.get("publisher", ""),
        "doi": f.get("doi", ""),
    }


def load_text2bib(data: Path) -> Iterable[tuple[str, Record]]:
    for item in json.loads((data / "text2bib" / "ExampleSeeder.examples.json").read_text(encoding="utf-8")):
        b = item.get("bibtex") or {}
        title = b.get("title", "")
        if b.get("subtitle"):
            title = f"{title}: {b['subtitle']}"
        container = b.get("journal") or b.get("booktitle", "")
        if b.get("booksubtitle") and b.get("booktitle"):
            container = f"{container}: {b['booksubtitle']}"
        yield item["source"], {
            "author": b.get("author", ""), "title": title, "year": b.get("year", ""), "container": container,
            "volume": b.get("volume", ""), "number": b.get("number", ""), "pages": b.get("pages", ""),
            "publisher": b.get("publisher", ""), "doi": b.get("doi", ""),
        }


def load_anystyle(data: Path) -> Iterable[tuple[str, Record]]:
    root = ET.parse(data / "anystyle" / "res" / "parser" / "gold.xml").getroot()
    for seq in root:
        parts, gold = [], defaultdict(str)
        for el in seq:
            value = "".join(el.itertext()).strip()
            parts.append(value)
            gold[el.tag] += (" " if gold[el.tag] else "") + value
        volume_tag = gold.get("volume", "")
        number = ""
        m = re.search(r"\(([^()]{1,20})\)|\bno\.?\s*(\d+)", volume_tag, re.IGNORECASE)
        if m:
            number = m.group(1) or m.group(2)
        names, _ = split_names(gold.get("author", ""))
        yield " ".join(parts), {
            "author": " and ".join(f"{last}, {given}" for last, given in names),
            "title": gold.get("title", ""), "year": gold.get("date", ""),
            "container": gold.get("journal") or gold.get("container-title", ""),
            "volume": volume_tag, "number": number, "pages": gold.get("pages", ""),
            "publisher": gold.get("publisher", ""), "doi": gold.get("doi", ""),
        }


def score(dataset: list[tuple[str, Record]], show: str | None, limit: int) -> tuple[dict, float]:
    counts = {f: [0, 0, 0] for f in ALL_FIELDS}  # tp, fp, fn
    shown = 0
    start = time.perf_counter()
    preds = [predicted(text) for text, _ in dataset]
    elapsed = time.perf_counter() - start
    for (text, gold), pred in zip(dataset, preds):
        for f in ALL_FIELDS:
            g, p = NORMALISERS[f](gold.get(f, "")), NORMALISERS[f](pred.get(f, ""))
            c = counts[f]
            if g and p:
                if g == p:
                    c[0] += 1
                else:
                    c[1] += 1
                    c[2] += 1
            elif p:
                c[1] += 1
            elif g:
                c[2] += 1
            if show == f and g != p and shown < limit:
                shown += 1
                print(f"--- {text}\n    gold: {gold.get(f)!r}\n    pred: {pred.get(f)!r}")
    return counts, len(dataset) / elapsed


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, counts: dict, rate: float) -> None:
    print(f"\n{name}")
    print(f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for f in ALL_FIELDS:
        tp, fp, fn = counts[f]
        p, r, f1 = prf(tp, fp, fn)
        print(f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f} {tp:6d} {fp:6d} {fn:6d}")
    tot = [sum(counts[f][i] for f in MICRO_FIELDS) for i in range(3)]
    p, r, f1 = prf(*tot)
    print(f"{'micro':<10} {p:6.3f} {r:6.3f} {f1:6.3f}   (over {', '.join(MICRO_FIELDS)})")
    print(f"throughput: {rate:,.0f} references/second")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--show", help="print mismatches of this field")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--only", choices=("text2bib", "anystyle"))
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    for name, loader in (("text2bib", load_text2bib), ("anystyle", load_anystyle)):
        if args.only and args.only != name:
            continue
        data = list(loader(args.data))
        counts, rate = score(data, args.show, args.limit)
        report(f"{name} ({len(data)} references)", counts, rate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
