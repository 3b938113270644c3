"""How well does ``refcheck.parse.parse_reference`` read free-text references?

Field-level precision, recall and F1 on two hand-labelled sets in ../shared/data:

* text2bib ``ExampleSeeder.examples.json`` — 1,273 references with corrected BibTeX;
* anystyle ``res/parser/gold.xml`` — 1,669 hand-tagged sequences.

Values are compared after light folding (case, accents, punctuation, spacing,
LaTeX). Authors are compared as the ordered list of surnames; container is
journal or booktitle (anystyle: ``journal`` or ``container-title``); publisher is
scored separately and left out of the micro average. Anystyle's author tag is
split into names with :func:`refcheck.parse.names.split_names`.

Where the gold labels are coarser than BibTeX fields, the gold is split (never
the prediction loosened):

* anystyle has no issue or page label inside its ``volume`` tag, which often holds
  ``20(5):``, ``175(7):4769–76``, ``3.7``, ``50: 2``, ``vol. 13, n° 4`` or just ``n°59``.
  The tag is read (after a Vancouver date part ending in ``;``, ``2009;108(2):``, which
  also gives the year when there is no date tag) as volume, then number (parenthesised, after ``.``/``:``/``,``, or
  after ``no.``/``n°``), then pages after a colon; the pages part counts only when
  the sequence has no ``pages`` tag.
* a date tag with two years (``1974. 1991.``: original and reprint) accepts either.
* text2bib's booktitle often keeps where and when the meeting was
  (``Proc. Amer. Control Conf., San Diego, CA, May 1990``), which BibTeX puts in ``address``,
  ``month`` and ``year``. A predicted container that differs from the gold is accepted when
  the gold is the predicted booktitle followed only by comma/period-separated parts, each of
  them either text the parse put in its ``address`` field (all of the parse's address, in
  order, and no conference words such as *Conference* or *Proceedings*) or a date (month,
  days, a range, a year) whose year, if any, is the parsed year. The prediction must hold
  the gold's whole booktitle up to a separator, so a truncated booktitle, or one whose place
  went nowhere, is never accepted. The report says how many container matches this gives.
* DOI is scored only where the gold has one. A DOI we extract where the gold has
  none is not a false positive if the gold keeps that same DOI inside its ``url``
  (anystyle ``url`` tag, text2bib ``url`` field): the gold chose to label it a
  link. Any other extra DOI is a false positive. Gold DOIs are LaTeX-unescaped
  (``\\%3C`` → ``%3C``).

Counting: a predicted and a gold value that agree is a true positive; that
disagree, a false positive *and* a false negative; a value on one side only, a
false positive or a false negative.

Each set is also scored in two halves: dev (even positions) and held-out (odd).
``--show`` prints mismatches from the dev half only, so rules written from what it
shows can be checked on references nobody looked at while writing them. (Rules
written before this split was added, up to 0.1.0's 0.923, saw both halves.)

The parser runs as shipped: rules, checked by the CRF labeller (``refcheck/parse/crf.py``)
when ``pycrfsuite`` and the model are there; ``--rules-only`` turns the labeller off. The model is
trained by ``bench/train_parser_model.py`` on other data: neither set here is ever trained on.

Usage::

    python bench/parse_accuracy.py [--data ../shared/data] [--show FIELD] [--limit N] [--rules-only]
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

from refcheck.parse.names import split_names, surnames  # noqa: E402
from refcheck.normalize import fold, latex_to_text  # noqa: E402
from refcheck import parse  # noqa: E402
from refcheck.parse import crf as parse_model  # noqa: E402
from refcheck.parse import parse_reference  # noqa: E402

MICRO_FIELDS = ("author", "title", "year", "container", "volume", "number", "pages")
ALL_FIELDS = MICRO_FIELDS + ("publisher", "doi")
Record = dict[str, "str | list[str]"]


def norm_pages(value: str) -> str:
    """Page range without its label or punctuation (``pages`` is tried before ``p``/``pp``).

    >>> norm_pages("pages 72–76."), norm_pages("pp. 1-9"), norm_pages("p. 422")
    ('72-76', '1-9', '422')
    """
    value = re.sub(r"(?i)\b(?:pages?|pp?)\.?\s*", "", latex_to_text(value))
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
    """The DOI in a field, without the punctuation around it (gold tags may hold ``(doi:10.1/x)``).

    >>> norm_doi("(doi:10.1017/aog.2016.20)"), norm_doi("10.1002/(SICI)1097-4571(199806)49:8")
    ('10.1017/aog.2016.20', '10.1002/(sici)1097-4571(199806)49:8')
    """
    # U+2010/U+2011 are typeset hyphens: "s00168\u2010016" is the DOI s00168-016 (the parser writes it so)
    m = re.search(r"10\.\d{4,9}/\S+", value.replace("\\", "").replace("\u2010", "-").replace("\u2011", "-"))
    if not m:
        return ""
    doi = m.group(0).lower().rstrip(".,;")
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1].rstrip(".,;")
    return doi


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
        "doi": f.get("doi", ""), "address": f.get("address", ""), "booktitle": f.get("booktitle", ""),
    }


_MONTH_WORDS = ("jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
                "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
                "december")
_VENUE_WORDS = re.compile(r"\b(?:conference|conf|proceedings|proc|symposium|workshop|congress|meeting|"
                          r"international|annual|society|association)\b")


def _date_part(part: str, year: str) -> bool:
    """``May 8--10`` / ``29 September--2 October 2015`` / ``2018``: a date, its year (if any) the parsed one."""
    words = part.split()
    if not words or not all(w in _MONTH_WORDS or re.fullmatch(r"\d{1,2}|(?:1[5-9]|20)\d\d", w) for w in words):
        return False
    years = [w for w in words if len(w) == 4 and w.isdigit()]
    if any(w != year for w in years):
        return False
    return bool(years) or any(w in _MONTH_WORDS for w in words)


def venue_split_match(gold: str, pred: Record) -> bool:
    """The gold booktitle is ours plus the meeting's place (our ``address``) and date (our ``year``)."""
    p = norm_text(pred.get("container", ""))
    if not p or pred.get("booktitle", pred.get("container")) != pred.get("container"):
        return False  # a booktitle only, not a journal
    raw = re.sub(r"^\s*(?:In|in)\s*:?\s+", "", latex_to_text(gold))
    year = norm_year(pred.get("year", ""))
    address = fold(pred.get("address", ""))
    for sep in re.finditer(r"[.,]", raw):
        if fold(raw[: sep.start()]) != p:
            continue
        parts = [x for x in (fold(x) for x in re.split(r"[.,]", raw[sep.start():])) if x]
        dates = [_date_part(x, year) for x in parts]
        for k in range(1, len(parts)):  # "Oct. 4--7": the days after an abbreviated month
            dates[k] = dates[k] or (dates[k - 1] and re.fullmatch(r"\d{1,2}(?: \d{1,2})?", parts[k]) is not None)
        places = [x for x, d in zip(parts, dates) if not d]
        if " ".join(places) == address and not (address and _VENUE_WORDS.search(address)):
            return True
    return False


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
            "publisher": b.get("publisher", ""), "doi": b.get("doi", ""), "url": b.get("url", ""),
        }


_VOLUME_TAG = re.compile(
    r"^(?i:vol(?:ume)?s?\.?|v\.|bd\.?|t\.)?\s*(\d{1,6}[A-Za-z]?|[IVXLC]{1,8}\b)?"
    r"(?:\s*\(([^()]{1,20})\)|\s*[.:,/]\s*(?:(?i:nos?\.?|n[°º]|issue|number)\s*)?(\d{1,6}(?:\s*[-/]\s*\d{1,6})?)"
    r"(?![\d.\-\u2010-\u2015])"
    r"|\s*,?\s*(?i:nos?\.?|n[°º]|issue|number)\s*(\d{1,6}(?:\s*[-/\u2013]\s*\d{1,6})?))?"
    r"(?:\s*:\s*(?:pp?\.\s*)?([\dA-Za-z]{1,9}(?:\s*[-\u2010-\u2015]\s*[\dA-Za-z]{1,9})?))?")


_DATE_PREFIX = re.compile(r"^[^;:()]{1,15};\s*")


def split_volume_tag(tag: str) -> tuple[str, str, str]:
    """Anystyle's ``volume`` tag → (volume, number, pages).

    >>> split_volume_tag("175(7):4769–76,"), split_volume_tag("n°59."), split_volume_tag("3.7")
    (('175', '7', '4769–76'), ('', '59', ''), ('3', '7', ''))
    """
    tag = _DATE_PREFIX.sub("", tag.strip(" ,;"))  # Vancouver "2009;108(2):" / "18;29(11):" - the date's tail
    m = _VOLUME_TAG.match(tag)
    if not m or not any(m.groups()):
        return tag, "", ""
    volume, number = m.group(1) or "", m.group(2) or m.group(3) or m.group(4) or ""
    return volume, number, m.group(5) or ""


def load_anystyle(data: Path) -> Iterable[tuple[str, Record]]:
    root = ET.parse(data / "anystyle" / "res" / "parser" / "gold.xml").getroot()
    for seq in root:
        parts, gold = [], defaultdict(str)
        for el in seq:
            value = "".join(el.itertext()).strip()
            parts.append(value)
            gold[el.tag] += (" " if gold[el.tag] else "") + value
        volume, number, pages = split_volume_tag(gold.get("volume", ""))
        names, _ = split_names(gold.get("author", ""))
        date = gold.get("date") or gold.get("volume", "").partition(";")[0]
        years = list(dict.fromkeys(re.findall(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", date)))
        yield " ".join(parts), {
            "author": " and ".join(f"{last}, {given}" for last, given in names),
            "title": gold.get("title", ""), "year": years if len(years) > 1 else date,
            "container": gold.get("journal") or gold.get("container-title", ""),
            "volume": volume, "number": number, "pages": gold.get("pages") or pages,
            "publisher": gold.get("publisher", ""), "doi": gold.get("doi", ""), "url": gold.get("url", ""),
        }


def _gold_values(gold: Record, f: str) -> list[str]:
    value = gold.get(f, "")
    return [NORMALISERS[f](v) for v in value] if isinstance(value, list) else [NORMALISERS[f](value)]


def score(dataset: list[tuple[str, Record]], show: str | None, limit: int) -> tuple[dict, float, dict]:
    """Counts over the whole set, the rate, and micro counts for the dev and held-out halves."""
    counts = {f: [0, 0, 0] for f in ALL_FIELDS}  # tp, fp, fn
    halves = {"dev": [0, 0, 0], "held-out": [0, 0, 0]}
    counts["venue split"] = [0, 0, 0]  # container matches accepted by the venue split (tp only)
    shown = 0
    start = time.perf_counter()
    preds = [predicted(text) for text, _ in dataset]
    elapsed = time.perf_counter() - start
    for index, ((text, gold), pred) in enumerate(zip(dataset, preds)):
        half = halves["dev" if index % 2 == 0 else "held-out"]
        for f in ALL_FIELDS:
            golds, p = _gold_values(gold, f), NORMALISERS[f](pred.get(f, ""))
            g = p if p in golds else golds[0]
            if f == "container" and g != p and g and venue_split_match(str(gold.get(f, "")), pred):
                g = p  # the gold's booktitle keeps the place and date we put in address/month/year
                counts["venue split"][0] += 1
            if f == "doi" and p and not g and p in gold.get("url", "").replace("\\", "").lower():
                continue  # the gold keeps this DOI as a link, not as a DOI
            outcome = (int(bool(g and p and g == p)), int(bool(p and g != p)), int(bool(g and g != p)))
            for c in (counts[f], half) if f in MICRO_FIELDS else (counts[f],):
                for i in range(3):
                    c[i] += outcome[i]
            # Mismatches are shown from the dev half only, so the held-out half stays unseen.
            if show == f and g != p and shown < limit and index % 2 == 0:
                shown += 1
                print(f"--- {text}\n    gold: {gold.get(f)!r}\n    pred: {pred.get(f)!r}")
    return counts, len(dataset) / elapsed, halves


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, counts: dict, rate: float, halves: dict) -> None:
    print(f"\n{name}")
    print(f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for f in ALL_FIELDS:
        tp, fp, fn = counts[f]
        p, r, f1 = prf(tp, fp, fn)
        print(f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f} {tp:6d} {fp:6d} {fn:6d}")
    tot = [sum(counts[f][i] for f in MICRO_FIELDS) for i in range(3)]
    p, r, f1 = prf(*tot)
    print(f"{'micro':<10} {p:6.3f} {r:6.3f} {f1:6.3f}   (over {', '.join(MICRO_FIELDS)})")
    for half, c in halves.items():
        p, r, f1 = prf(*c)
        print(f"  {half:<8} {p:6.3f} {r:6.3f} {f1:6.3f}")
    print(f"container matches by the venue split (booktitle + our address/date): {counts['venue split'][0]}")
    print(f"throughput: {rate:,.0f} references/second")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--show", help="print mismatches of this field")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--only", choices=("text2bib", "anystyle"))
    ap.add_argument("--rules-only", action="store_true", help="leave the CRF labeller out")
    args = ap.parse_args(argv)
    parse.reference.USE_MODEL = not args.rules_only
    print("parser: rules" + ("" if args.rules_only or not parse_model.available() else " + CRF labeller"))
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    for name, loader in (("text2bib", load_text2bib), ("anystyle", load_anystyle)):
        if args.only and args.only != name:
            continue
        data = list(loader(args.data))
        counts, rate, halves = score(data, args.show, args.limit)
        report(f"{name} ({len(data)} references)", counts, rate, halves)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
