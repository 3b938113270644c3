"""Planted errors: does refcheck catch one wrong field, and leave correct citations alone?

Correct records are loaded from ../shared/data at run time (never copied):

* the 15 full ``/works/{doi}`` messages in refchecker's Crossref cache,
* RME's ``dataset/tests/test_record.json``,
* the ``message-type: work`` records (and work-list items) in habanero's VCR cassettes,
* the items of refchecker's title-search lists (these lack volume/pages, so they only feed
  the title, author, year and journal mutations).

From each record a correct citation is built (BibTeX fields + an APA-like raw string); then one
field is changed (year +/-1..3 avoiding the record's own dates, volume, pages, one author
swapped for another record's author or dropped, one title word replaced, the journal replaced)
and the full verdict runs with the true record among distractor candidates. Reported per field:
**flagged** (a problem on that field), **not verified** (status is not ``verified``), and for the
untouched citations the false-flag rate (any error; any problem at all).

Run: ``python bench/planted_errors.py [--seed N] [--limit N]``.
"""

from __future__ import annotations

import glob
import gzip
import json
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"

from refcheck.judge.verdict import judge  # noqa: E402
from refcheck.model import Candidate, Lookup, Reference, Work  # noqa: E402
from refcheck.normalize import normalize_doi  # noqa: E402
from refcheck.resolve.records import work_from_message  # noqa: E402

ARTICLE_LIKE = {"journal-article", "proceedings-article"}


def load_messages() -> list[dict]:
    messages: list[dict] = []
    rc = DATA / "refchecker"
    index = rc / "crossref_cache_index.derived.json"
    if index.is_file():
        for entry in json.load(open(index))["entries"]:
            data = json.load(open(rc / entry["file"]))
            if entry["kind"] == "single work message" and isinstance(data, dict):
                messages.append(data)
            elif isinstance(data, list):
                messages.extend(x for x in data if isinstance(x, dict))
    record = DATA / "crossref-reference-matching-evaluation" / "dataset" / "tests" / "test_record.json"
    if record.is_file():
        messages.append(json.load(open(record)))
    cassettes = DATA / "habanero" / "test" / "cassettes"
    if cassettes.is_dir():
        try:
            import yaml
        except ImportError:  # PyYAML absent: skip the cassettes
            yaml = None
        for path in sorted(glob.glob(str(cassettes / "**" / "*.yaml"), recursive=True)) if yaml else []:
            try:
                interactions = yaml.safe_load(open(path))["interactions"]
            except Exception:
                continue
            for it in interactions:
                body = it.get("response", {}).get("body", {}).get("string")
                if isinstance(body, bytes):
                    try:
                        body = gzip.decompress(body)
                    except OSError:
                        pass
                    body = body.decode("utf-8", "replace")
                try:
                    payload = json.loads(body)
                except (TypeError, ValueError):
                    continue
                if not isinstance(payload, dict):
                    continue
                if payload.get("message-type") == "work":
                    messages.append(payload["message"])
                elif payload.get("message-type") == "work-list":
                    messages.extend(payload["message"].get("items") or [])
    return messages


def usable(work: Work) -> bool:
    return (work.type in ARTICLE_LIKE and len(work.title) >= 20 and bool(work.authors) and bool(work.year)
            and all(a.family for a in work.authors) and len(work.authors) <= 30)


def cite(work: Work) -> dict[str, str]:
    fields = {
        "author": " and ".join(f"{a.family}, {a.given}" if a.given else a.family for a in work.authors),
        "title": f"{work.title}: {work.subtitle}" if work.subtitle else work.title,
        "year": str(work.year),
    }
    if work.container:
        fields["journal"] = work.container
    if work.volume:
        fields["volume"] = work.volume
    if work.issue:
        fields["number"] = work.issue
    if work.pages or work.article_number:
        fields["pages"] = (work.pages or work.article_number).replace("-", "--")
    return fields


def render(fields: dict[str, str]) -> str:
    """An APA-like raw string for the fields (what a manuscript would show)."""
    names = []
    for name in fields["author"].split(" and "):
        family, _, given = name.partition(", ")
        initials = " ".join(p[0] + "." for p in given.replace("-", " ").split() if p)
        names.append(f"{family}, {initials}".strip(", "))
    text = f"{', '.join(names[:-1]) + ', & ' + names[-1] if len(names) > 1 else names[0]} ({fields['year']}). {fields['title']}."
    if "journal" in fields:
        text += f" {fields['journal']}"
        if "volume" in fields:
            text += f", {fields['volume']}"
            if "number" in fields:
                text += f"({fields['number']})"
        if "pages" in fields:
            text += f", {fields['pages'].replace('--', '-')}"
        text += "."
    return text


def make_reference(fields: dict[str, str], key: str) -> Reference:
    return Reference(key=key, entry_type="article", fields=dict(fields), text=render(fields), line=1)


def mutations(work: Work, fields: dict[str, str], pool: list[Work], rng: random.Random):
    """Yield (field, mutated fields) — at most one of each kind per record."""
    years = set(work.years) | {work.year}
    deltas = [d for d in (-3, -2, -1, 1, 2, 3) if work.year + d not in years]
    if deltas:
        yield "year", {**fields, "year": str(work.year + rng.choice(deltas))}
    if fields.get("volume", "").isdigit():
        yield "volume", {**fields, "volume": str(int(fields["volume"]) + rng.randint(1, 5))}
    pages = fields.get("pages", "")
    first, _, last = pages.partition("--")
    if first.isdigit() and (not last or last.isdigit()):
        k = rng.randint(1, 40)
        new = str(int(first) + k) + (f"--{int(last) + k}" if last else "")
        yield "pages", {**fields, "pages": new}
    authors = fields["author"].split(" and ")
    own = {a.family.lower() for a in work.authors}
    others = [a for w in pool for a in w.authors if a.family and a.given and a.family.lower() not in own and len(a.family) > 3]
    if others:
        stranger = rng.choice(others)
        i = rng.randrange(len(authors))
        swapped = authors[:i] + [f"{stranger.family}, {stranger.given}"] + authors[i + 1:]
        yield "author", {**fields, "author": " and ".join(swapped)}
    if len(authors) >= 2:
        i = rng.randrange(1, len(authors))  # dropping the first author is the "swap/wrong first" case
        yield "author-dropped", {**fields, "author": " and ".join(authors[:i] + authors[i + 1:])}
    words = fields["title"].split()
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    vocab = [w for other in pool for w in other.title.split() if len(w) >= 5 and w.isalpha()]
    if spots and vocab:
        i = rng.choice(spots)
        replacement = rng.choice([w for w in vocab if w.lower() != words[i].lower()] or ["Quantum"])
        yield "title", {**fields, "title": " ".join(words[:i] + [replacement] + words[i + 1:])}
    if "journal" in fields:
        journals = sorted({w.container for w in pool if w.container and w.container != work.container and w.type == "journal-article"})
        if journals:
            yield "journal", {**fields, "journal": rng.choice(journals)}


def main(argv: list[str]) -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is not present")
        return 0
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 0
    rng = random.Random(seed)
    works: dict[str, Work] = {}
    for message in load_messages():
        try:
            w = work_from_message(message)
        except Exception:
            continue
        if usable(w) and normalize_doi(w.doi) not in works:
            works[normalize_doi(w.doi)] = w
    pool = list(works.values())
    if limit:
        pool = pool[:limit]
    full = sum(1 for w in pool if w.volume and w.pages)
    print(f"{len(pool)} distinct article records ({full} with volume and pages), seed {seed}\n")

    flagged: dict[str, list[int]] = defaultdict(list)
    not_verified: dict[str, list[int]] = defaultdict(list)
    untouched_errors = untouched_any = untouched_unmatched = 0
    misses: list[str] = []
    for n, work in enumerate(pool):
        distractors = rng.sample(pool, k=min(4, len(pool)))
        cands = tuple(Candidate(work=w) for w in [work, *distractors] if w is not work)
        cands = (Candidate(work=work),) + cands
        fields = cite(work)
        ok = judge(make_reference(fields, f"r{n}"), Lookup(candidates=cands))
        untouched_errors += any(p.severity == "error" for p in ok.problems) or ok.status != "verified"
        untouched_any += bool(ok.problems)
        untouched_unmatched += ok.match is None
        if ok.problems and len(misses) < 8:
            misses.append(f"  false flag {work.doi}: {[(p.field, p.severity, p.message[:90]) for p in ok.problems]}")
        for kind, mutated in mutations(work, fields, pool, rng):
            result = judge(make_reference(mutated, f"r{n}"), Lookup(candidates=cands))
            target = "author" if kind.startswith("author") else kind
            hit = any(p.field == target for p in result.problems)
            flagged[kind].append(hit)
            not_verified[kind].append(result.status != "verified")
            if not hit and len(misses) < 30:
                misses.append(f"  missed {kind:14} {work.doi}: status={result.status} "
                              f"{[(p.field, p.severity) for p in result.problems]} cited={ {k: mutated[k] for k in mutated if mutated[k] != fields.get(k)} }")
    print(f"{'planted error':16} {'cases':>6} {'flagged':>8} {'not verified':>13}")
    for kind in ("year", "volume", "pages", "author", "author-dropped", "title", "journal"):
        hits = flagged.get(kind, [])
        if hits:
            nv = not_verified[kind]
            print(f"{kind:16} {len(hits):>6} {sum(hits) / len(hits):>8.3f} {sum(nv) / len(nv):>13.3f}")
    total = len(pool)
    print(f"\nuntouched citations: {total}; not verified or any error: {untouched_errors / total:.2%}; "
          f"any problem (incl. warnings): {untouched_any / total:.2%}; unmatched: {untouched_unmatched / total:.2%}")
    print("(author-dropped is reported as a warning by design: a shortened list without et al.)")
    if "--verbose" in argv:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
