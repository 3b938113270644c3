"""Match accuracy: how often refcheck picks the right Crossref record, and rejects wrong ones.

Two data sets, both read from ../shared/data at run time (the script skips when absent):

1. **RME real** — Crossref's reference-matching evaluation, 2,000 real reference strings with
   hand-checked true DOIs (1,194) or none (806), and the top-1 hit of a Crossref
   ``query.bibliographic`` search with its raw relevance score. RME stored *only* the top
   hit's DOI and score, no metadata, so metadata validation cannot be replayed here: this
   part measures the normalised-score gate (score / len(string)) alone, next to Crossref's
   own SBM and SBMV figures on the same strings.
2. **refchecker** — 409 real references from 9 OpenReview papers, each with the 5 Crossref
   items of a title search (no score). Here the full validation runs. Labels are *silver*:
   a reference is "in the list" when a candidate's folded title equals the cited title
   (ties broken by first-author surname); "not in the list" when no candidate's title
   reaches token-set similarity 0.7; the rest are undetermined and reported separately.

Run: ``python bench/match_accuracy.py [--verbose]``.
"""

from __future__ import annotations

import glob
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"
RME = DATA / "crossref-reference-matching-evaluation" / "analyses"
REFCHECKER = DATA / "refchecker"

from refcheck.judge.match import MATCH_THRESHOLD, MIN_NORMALIZED_SCORE, choose_match  # noqa: E402
from refcheck.model import Candidate, Reference  # noqa: E402
from refcheck.normalize import fold, normalize_doi, surname_key  # noqa: E402
from refcheck.resolve.records import work_from_message  # noqa: E402


def make_reference(text: str) -> Reference:
    """Parse with refcheck.parse when it exists, else a Reference with only the raw text."""
    try:
        from refcheck.parse import parse_reference  # type: ignore[attr-defined]
    except Exception:  # parser not written yet: validation falls back to the raw string
        return Reference(key="", entry_type="misc", fields={}, text=text, line=0)
    try:
        entry = parse_reference(text)
        fields = {k: str(f.value) for k, f in entry.fields_dict.items()}
        return Reference(key=entry.key or "", entry_type=entry.entry_type or "misc", fields=fields, text=text, line=0)
    except Exception:
        return Reference(key="", entry_type="misc", fields={}, text=text, line=0)


def pr(tp: int, fp: int, positives: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / positives if positives else 0.0)


# --- 1. RME: normalised-score gate ---------------------------------------------------------


def rme_section() -> None:
    path = RME / "3_unstructured_real_evaluation" / "data"
    sbm = json.load(open(path / "unstructured_sbm.json"))["dataset"]
    positives = sum(1 for x in sbm if x["target_gt"]["DOI"])
    print(f"RME real: {len(sbm)} strings, {positives} with a true DOI, {len(sbm) - positives} without")
    print("(top-1 DOI + raw score only; RME keeps no candidate metadata, so no validation here)\n")
    print(f"{'normalised score >=':>20} {'precision':>10} {'recall':>8} {'accepted':>9}")
    for th in (0.0, 0.2, MIN_NORMALIZED_SCORE, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        tp = fp = 0
        for x in sbm:
            test, gt, score = x["target_test"]["DOI"], x["target_gt"]["DOI"], x["score"]
            if not test or score is None or score / len(x["ref_string"]) < th:
                continue
            if gt and normalize_doi(gt) == normalize_doi(test):
                tp += 1
            else:
                fp += 1
        p, r = pr(tp, fp, positives)
        mark = "  <- MIN_NORMALIZED_SCORE" if th == MIN_NORMALIZED_SCORE else ""
        print(f"{th:>20.2f} {p:>10.3f} {r:>8.3f} {tp + fp:>9}{mark}")
    for name in ("sbmv", "stq"):
        data = json.load(open(path / f"unstructured_{name}.json"))["dataset"]
        tp = sum(1 for x in data if x["target_test"]["DOI"] and x["target_gt"]["DOI"]
                 and normalize_doi(x["target_test"]["DOI"]) == normalize_doi(x["target_gt"]["DOI"]))
        fp = sum(1 for x in data if x["target_test"]["DOI"]) - tp
        p, r = pr(tp, fp, positives)
        print(f"Crossref {name.upper():>5} on the same strings: precision {p:.3f}, recall {r:.3f}")
    # Score-distribution summary used for MIN_NORMALIZED_SCORE
    pos = sorted(x["score"] / len(x["ref_string"]) for x in sbm if x["score"] and x["target_gt"]["DOI"]
                 and x["target_test"]["DOI"] and normalize_doi(x["target_gt"]["DOI"]) == normalize_doi(x["target_test"]["DOI"]))
    lost = sum(1 for s in pos if s < MIN_NORMALIZED_SCORE)
    print(f"True top-1 matches below the gate {MIN_NORMALIZED_SCORE}: {lost}/{len(pos)} ({lost / len(pos):.1%})")
    neg = []
    for f in sorted(glob.glob(str(RME / "1_unstructured_analysis/data/matched/matched-sbm-excluded-*.json"))):
        neg += [x["score"] / len(x["ref_string"]) for x in json.load(open(f))["dataset"] if x["score"]]
    if neg:
        below = sum(1 for s in neg if s < MIN_NORMALIZED_SCORE)
        print(f"Best wrong candidates (matched-sbm-excluded-*, n={len(neg)}) below the gate: {below / len(neg):.1%}"
              " — the gate alone cannot reject negatives; validation must.\n")


# --- 2. refchecker: validation over real candidate lists ------------------------------------


def refchecker_cases() -> list[tuple[Reference, list[Candidate], str, dict]]:
    index = json.load(open(REFCHECKER / "crossref_cache_index.derived.json"))["entries"]
    bibs: dict[str, list] = {}
    cases = []
    for entry in index:
        if entry.get("kind") != "work-list items" or not entry.get("referenced_by"):
            continue
        items = json.load(open(REFCHECKER / entry["file"]))
        works = [work_from_message(it) for it in items]
        for bib_file, i in entry["referenced_by"]:
            if bib_file not in bibs:
                bibs[bib_file] = json.load(open(REFCHECKER / bib_file))
            ref = bibs[bib_file][i]
            authors = [a for a in ref.get("authors") or [] if a]
            fields = {"title": ref.get("title") or "", "author": " and ".join(authors),
                      "year": str(ref.get("year") or ""), "journal": ref.get("venue") or ""}
            if ref.get("doi"):
                fields["doi"] = ref["doi"]
            fields = {k: v for k, v in fields.items() if v}
            raw = (ref.get("raw_text") or "").replace("*", ", ").replace("#", ". ")
            reference = Reference(key=f"{Path(bib_file).parent.name}:{i}", entry_type="article",
                                  fields=fields, text=raw or fields.get("title", ""), line=i)
            label = silver_label(ref, works)
            cases.append((reference, [Candidate(work=w, score=None) for w in works], label, ref))
    return cases


def silver_label(ref: dict, works: list) -> str:
    """The DOI of the cited work when obvious, "" when clearly absent, "?" otherwise."""
    from rapidfuzz import fuzz

    title = fold(ref.get("title") or "")
    authors = [a for a in ref.get("authors") or [] if a]
    first = surname_key(authors[0].split()[-1]) if authors else ""
    exact = [w for w in works if title and title in {fold(w.title), fold(f"{w.title} {w.subtitle}")}]
    if exact:
        with_author = [w for w in exact if w.authors and surname_key(w.authors[0].family) == first]
        chosen = with_author or exact
        return normalize_doi(chosen[0].doi) if len({normalize_doi(w.doi) for w in chosen}) == 1 else "?"
    if all(fuzz.token_set_ratio(title, fold(w.title)) < 70 for w in works):
        return ""
    return "?"


def refchecker_section(verbose: bool) -> None:
    cases = refchecker_cases()
    labels = Counter("in" if lab not in ("", "?") else ("absent" if lab == "" else "undetermined") for _, _, lab, _ in cases)
    print(f"refchecker: {len(cases)} references with a 5-item title search; silver labels: {dict(labels)}")
    print(f"(validation only, no scores; MATCH_THRESHOLD = {MATCH_THRESHOLD})\n")
    tp = fp = fn = tn = amb = 0
    undetermined = Counter()
    for reference, cands, label, raw in cases:
        d = choose_match(reference, cands)
        got = normalize_doi(d.match.work.doi) if d.match else ""
        if d.outcome == "ambiguous":
            amb += 1
        if label == "?":
            undetermined[d.outcome] += 1
            if verbose:
                top = d.ranked[0]
                print(f"  ? {d.outcome:9} {top.similarity:.2f} cited={reference.get('title')[:60]!r} top={top.work.title[:60]!r}")
            continue
        if label:
            if got == label:
                tp += 1
            else:
                fn += 1
                if got:
                    fp += 1
                if verbose:
                    top = d.ranked[0]
                    print(f"  MISS {d.outcome:9} {top.similarity:.2f} cited={reference.get('title')[:60]!r} "
                          f"{reference.get('author')[:30]!r} top={top.work.title[:60]!r} {top.work.authors[:1]}")
        else:
            if got:
                fp += 1
                if verbose:
                    print(f"  FALSE {d.match.similarity:.2f} cited={reference.get('title')[:60]!r} got={d.match.work.title[:60]!r}")
            else:
                tn += 1
    in_list = labels["in"]
    p, r = pr(tp, fp, in_list)
    print(f"{'':30} {'count':>6}")
    print(f"{'in list, right record chosen':30} {tp:>6}")
    print(f"{'in list, missed':30} {fn:>6}")
    print(f"{'absent, correctly rejected':30} {tn:>6}")
    print(f"{'wrong record accepted':30} {fp:>6}")
    print(f"{'ambiguous (all)':30} {amb:>6}")
    print(f"choosing the right candidate: precision {p:.3f}, recall {r:.3f}")
    absent = labels["absent"]
    print(f"rejecting references not in Crossref: {tn}/{absent} = {tn / absent if absent else 0:.3f}")
    print(f"undetermined references, by outcome: {dict(undetermined)}\n")


def threshold_sweep() -> None:
    """Precision/recall of the validation threshold (used to calibrate MATCH_THRESHOLD)."""
    import refcheck.judge.match as m

    cases = [c for c in refchecker_cases() if c[2] != "?"]
    positives = sum(1 for c in cases if c[2])
    print(f"{'threshold':>9} {'precision':>10} {'recall':>8} {'rejects absent':>15}")
    saved = m.MATCH_THRESHOLD
    try:
        for th in (0.5, 0.55, 0.6, 0.62, 0.65, 0.68, 0.7, 0.75, 0.8, 0.85, 0.9):
            m.MATCH_THRESHOLD = th
            tp = fp = tn = neg = 0
            for reference, cands, label, _ in cases:
                d = m.choose_match(reference, cands)
                got = normalize_doi(d.match.work.doi) if d.match else ""
                if label:
                    tp += got == label
                    fp += bool(got) and got != label
                else:
                    neg += 1
                    fp += bool(got)
                    tn += not got
            p, r = pr(tp, fp, positives)
            print(f"{th:>9.2f} {p:>10.3f} {r:>8.3f} {tn / neg if neg else 0:>15.3f}")
    finally:
        m.MATCH_THRESHOLD = saved
    print()


def main(argv: list[str]) -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is not present")
        return 0
    if (RME / "3_unstructured_real_evaluation").is_dir():
        rme_section()
    else:
        print("skipped RME: data absent")
    if REFCHECKER.is_dir():
        refchecker_section("--verbose" in argv)
        if "--sweep" in argv:
            threshold_sweep()
    else:
        print("skipped refchecker: data absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
