"""Does extraction keep every entry of a reference list, or say which it left out (issue 12)?

Inputs are drafts written by hand for this benchmark (``bench/drafts/``), in every input
format (txt, md, html, tex, bib), mixing journal articles with web pages, reports, books
without a date and organisations as authors, in the list shapes real drafts use: ``[n]``,
``n.``, ``n)``, ``(n)``, bullets, one unlabelled entry per line, a paragraph per entry,
hanging indents and hard-wrapped entries, headings in several languages. None of them was
produced by refcheck. ``manifest.json`` gives, for each draft, the source line where each
entry begins, counted by hand.

Each entry is then exactly one of:

* **kept** — a reference whose source lines cover the entry's first line, and no other entry's;
* **skipped** — listed in the document's ``skipped`` list (line, text, reason), so the report says so;
* **merged** — inside a reference that began with an earlier entry (two entries read as one);
* **lost** — neither: dropped without a word.

References that cover no entry at all (prose read as a reference) are counted as **extra**, and
skipped items that cover none (a false warning: prose or a heading reported as left out) as **noise**.
Target: 100% kept-or-skipped, 0 merged, 0 lost.

The drafts are split in two halves: ``dev`` (looked at while changing the extractor) and
``heldout`` (written before measuring and never tuned on); the held-out figure is the one to
quote, with its gap to dev.

Usage::

    python bench/extract_completeness.py [--show] [--half dev|heldout|all]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refcheck.extract import extract_file  # noqa: E402

DRAFTS = Path(__file__).resolve().parent / "drafts"
OUTCOMES = ("kept", "skipped", "merged", "lost")


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: {k: 0 for k in OUTCOMES})
    extra: int = 0
    noise: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, other: "Tally") -> None:
        for k in OUTCOMES:
            self.counts[k] += other.counts[k]
        self.extra += other.extra
        self.noise += other.noise
        self.notes += other.notes

    def line(self, name: str) -> str:
        c, total = self.counts, self.total or 1
        accounted = (c["kept"] + c["skipped"]) / total
        return (f"{name:<26} {self.total:>4} entries: kept {c['kept']:>3}, skipped {c['skipped']:>2}, "
                f"merged {c['merged']:>2}, lost {c['lost']:>2}, extra {self.extra:>2}, noise {self.noise:>2} | "
                f"kept-or-skipped {accounted:6.1%}")


def _lines_of(first: int, raw: str) -> range:
    return range(first, first + max(raw.count("\n"), 0) + 1)


def score_draft(path: Path, starts: list[int]) -> Tally:
    """Classify each hand-counted entry of one draft (see the module docstring)."""
    doc = extract_file(path)
    tally = Tally()
    owner: dict[int, int] = {}  # entry start line -> index of the reference covering it
    covered_any: set[int] = set()
    for n, ref in enumerate(doc.references):
        span = _lines_of(ref.line, ref.raw or ref.text)
        inside = [s for s in starts if s in span]
        if not inside:
            tally.extra += 1
            tally.notes.append(f"{path.name}:{ref.line}: extra: {ref.text[:90]}")
        for s in inside:
            owner.setdefault(s, n)
            covered_any.add(n)
    skipped_lines: set[int] = set()
    for entry in getattr(doc, "skipped", ()):  # absent before issue 12
        lines = _lines_of(entry.line, entry.raw or entry.text)
        skipped_lines.update(lines)
        if not any(s in lines for s in starts):
            tally.noise += 1
            tally.notes.append(f"{path.name}:{entry.line}: noise: {entry.text[:90]}")
    first_of_ref: dict[int, int] = {}
    for s in sorted(owner):
        first_of_ref.setdefault(owner[s], s)
    for s in starts:
        if s in owner:
            outcome = "kept" if first_of_ref[owner[s]] == s else "merged"
        elif s in skipped_lines:
            outcome = "skipped"
        else:
            outcome = "lost"
        tally.counts[outcome] += 1
        if outcome in ("merged", "lost", "skipped"):
            tally.notes.append(f"{path.name}:{s}: {outcome}")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="list every entry not kept (dev half only)")
    args = parser.parse_args(argv)
    manifest = json.loads((DRAFTS / "manifest.json").read_text(encoding="utf-8"))
    halves = ("dev", "heldout") if args.half == "all" else (args.half,)
    totals: dict[str, Tally] = {}
    for half in halves:
        total = Tally()
        print(f"== {half}")
        for name, spec in manifest[half].items():
            tally = score_draft(DRAFTS / half / name, spec["entries"])
            print("  " + tally.line(name))
            total.add(tally)
        totals[half] = total
        print("  " + total.line(f"{half} total"))
        if args.show and half == "dev":
            for note in total.notes:
                print("    " + note)
    if len(totals) == 2:
        rates = {h: (t.counts["kept"] + t.counts["skipped"]) / (t.total or 1) for h, t in totals.items()}
        print(f"kept-or-skipped: dev {rates['dev']:.1%}, held-out {rates['heldout']:.1%}, "
              f"gap {rates['dev'] - rates['heldout']:+.1%}")
    ok = all(t.counts["merged"] == 0 and t.counts["lost"] == 0 for t in totals.values())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
