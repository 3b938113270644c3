"""Benchmark the quotation finder and checker.

1. Precision and recall of :func:`refcheck.quotes.find_quotations` on the
   hand-labelled passages in ``tests/fixtures/quotes/labelled_passages.txt``
   (targets: both >= 0.95).
2. Time to check 1,000 quotations against a generated 10,000-row table
   (target: < 1 s, index build reported separately).

Run: ``python bench/quote_finding.py``
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from refcheck.normalize import fold
from refcheck.quotes import FoundQuote, QuoteEntry, QuoteTable, check_quote, find_quotations, same_person

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "quotes" / "labelled_passages.txt"


def load_passages(path: Path = LABELLED) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(name, text, [(person, first words)]) for every ``=== `` passage."""
    passages: list[tuple[str, str, list[tuple[str, str]]]] = []
    name, lines, labels = "", [], []
    for line in path.read_text(encoding="utf-8").splitlines() + ["=== end"]:
        if line.startswith("=== "):
            if name:
                passages.append((name, "\n".join(lines).strip("\n"), labels))
            name, lines, labels = line[4:], [], []
        elif line.startswith(">>> "):
            if line[4:].strip() != "none":
                person, _, words = line[4:].partition("|")
                labels.append((person.strip(), words.strip()))
        elif name:
            lines.append(line)
    return passages


def _hit(found: FoundQuote, label: tuple[str, str]) -> bool:
    return same_person(found.person, label[0]) and fold(found.text).startswith(fold(label[1]))


def finding_scores(verbose: bool = False) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, false positives, false negatives)."""
    tp = fp = fn = 0
    for name, text, labels in load_passages():
        found = find_quotations(text)
        unmatched = list(labels)
        for quote in found:
            hit = next((label for label in unmatched if _hit(quote, label)), None)
            if hit:
                unmatched.remove(hit)
                tp += 1
            else:
                fp += 1
                if verbose:
                    print(f"  false positive in {name!r}: {quote.person} | {quote.text}")
        fn += len(unmatched)
        if verbose:
            for label in unmatched:
                print(f"  missed in {name!r}: {label[0]} | {label[1]}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def _word(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fe", "go", "ha", "ji", "pu", "zo"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def synthetic_table(rows: int = 10_000, seed: int = 7) -> tuple[QuoteTable, list[str]]:
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(6000)]
    people = [f"{_word(rng).title()} {_word(rng).title()}" for _ in range(2000)]
    entries = []
    for i in range(rows):
        words = rng.choices(vocabulary, k=rng.randint(8, 20))
        entries.append(QuoteEntry(f"g{i}", " ".join(words).capitalize() + ".", rng.choice(people),
                                  rng.choice(["misattributed", "genuine", "paraphrase", "unverified"]),
                                  "somewhere", "https://example.org", line=i + 2))
    return QuoteTable(entries), vocabulary


def synthetic_quotes(table: QuoteTable, vocabulary: list[str], count: int = 1000,
                     seed: int = 11) -> list[FoundQuote]:
    rng = random.Random(seed)
    quotes = []
    for i in range(count):
        kind = i % 4
        entry = rng.choice(table.entries)
        words = entry.quote.rstrip(".").split()
        if kind == 0:  # exact, other case and punctuation
            text, person = entry.quote.upper().replace(" ", ", ", 1), entry.attributed_to
        elif kind == 1:  # part of the line, someone else
            text, person = " ".join(words[: max(5, len(words) // 2)]), "Some One"
        elif kind == 2:  # one word changed
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text, person = " ".join(words), entry.attributed_to
        else:  # not in the table
            text, person = " ".join(rng.choices(vocabulary, k=rng.randint(8, 20))), "Nobody Known"
        quotes.append(FoundQuote(i + 1, text, person, text))
    return quotes


def main() -> int:
    verbose = "-v" in sys.argv
    precision, recall, tp, fp, fn = finding_scores(verbose)
    print(f"finding: precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}) "
          f"on {len(load_passages())} labelled passages")

    start = time.perf_counter()
    table, vocabulary = synthetic_table()
    built = time.perf_counter() - start
    quotes = synthetic_quotes(table, vocabulary)
    start = time.perf_counter()
    results = [check_quote(q, table) for q in quotes]
    elapsed = time.perf_counter() - start
    matched = sum(r.table_id is not None for r in results)
    print(f"checking: {len(quotes)} quotations against {len(table)} rows in {elapsed:.3f} s "
          f"(index built in {built:.3f} s; {matched} matched a row, expected {len(quotes) * 3 // 4})")
    ok = precision >= 0.95 and recall >= 0.95 and elapsed < 1.0
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
