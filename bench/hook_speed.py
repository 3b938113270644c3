"""How long the pre-commit hook takes on a 100-reference manuscript whose references are known.

Writes a snapshot of 100 Crossref-shaped records and a Markdown draft citing
them (half with a DOI, half without, as drafts do), then times the whole hook
command — ``refcheck check DRAFT --snapshot … --offline`` as a new process,
start-up included — several times and prints the median. The target is under
one second.

    python bench/hook_speed.py            # 100 references, 5 runs
    python bench/hook_speed.py -n 200 --runs 9

The records are made up (seeded, so every run writes the same ones): this
measures refcheck's own cost, not Crossref's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FAMILIES = ["Berman", "Zarate", "Duman", "Krystal", "Sanacora", "Murrough", "Liston", "Abdallah", "Monteggia",
            "Kavalali", "Autry", "Li", "Nutt", "Carhart-Harris", "Charney", "Manji", "Price", "Mathew", "Iosifescu",
            "Singh", "Fava", "Papakostas", "Daly", "Wilkinson", "Popova", "Aan het Rot", "Feder", "Newport"]
GIVEN = ["Robert M.", "Carlos A.", "Ronald S.", "John H.", "Gerard", "James W.", "Conor", "Chadi G.", "Lisa M.",
         "Ege T.", "Anita E.", "Nanxin", "David J.", "Robin L.", "Dennis S.", "Husseini K.", "Rebecca B."]
WORDS = ["ketamine", "depression", "synaptic", "plasticity", "glutamate", "antidepressant", "rapid", "response",
         "randomized", "trial", "treatment-resistant", "esketamine", "NMDA", "receptor", "mechanisms", "efficacy",
         "suicidal", "ideation", "prefrontal", "cortex", "stress", "signaling", "BDNF", "mTOR", "clinical",
         "outcomes", "meta-analysis", "placebo", "controlled", "infusion", "maintenance", "relapse"]
JOURNALS = ["Biological Psychiatry", "American Journal of Psychiatry", "Nature Medicine", "Neuron",
            "Molecular Psychiatry", "JAMA Psychiatry", "Journal of Psychopharmacology", "Neuropsychopharmacology"]


def make_records(n: int, seed: int = 2026) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        authors = [{"given": rng.choice(GIVEN), "family": rng.choice(FAMILIES),
                    "sequence": "first" if k == 0 else "additional"} for k in range(rng.randint(1, 6))]
        title = " ".join(rng.sample(WORDS, rng.randint(6, 11))).capitalize()
        year = rng.randint(1995, 2024)
        first = rng.randint(1, 1500)
        records.append({
            "DOI": f"10.5555/bench.{seed}.{i:04d}",
            "type": "journal-article",
            "title": [title],
            "author": authors,
            "container-title": [rng.choice(JOURNALS)],
            "volume": str(rng.randint(1, 90)),
            "issue": str(rng.randint(1, 12)),
            "page": f"{first}-{first + rng.randint(5, 20)}",
            "issued": {"date-parts": [[year, rng.randint(1, 12)]]},
            "publisher": "Bench Press",
        })
    return records


def _initials(given: str) -> str:
    return " ".join(part[0] + "." for part in given.replace("-", " ").split())


def cite(record: dict, with_doi: bool) -> str:
    """An APA-style reference for a record."""
    names = [f"{a['family']}, {_initials(a['given'])}" for a in record["author"]]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    year = record["issued"]["date-parts"][0][0]
    text = (f"{who} ({year}). {record['title'][0]}. *{record['container-title'][0]}*, "
            f"{record['volume']}({record['issue']}), {record['page'].replace('-', '–')}.")
    if with_doi:
        text += f" https://doi.org/{record['DOI']}"
    return text


def write_inputs(folder: Path, n: int) -> tuple[Path, Path]:
    records = make_records(n)
    snapshot = folder / "works.jsonl"
    snapshot.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    lines = ["# A long review", "", "Body text citing everything below.", "", "## References", ""]
    lines += [f"{i}. {cite(r, with_doi=i % 2 == 0)}" for i, r in enumerate(records, 1)]
    draft = folder / "draft.md"
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return draft, snapshot


def time_command(command: list[str], env: dict[str, str], runs: int) -> tuple[list[float], subprocess.CompletedProcess]:
    times = []
    done = None
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    assert done is not None
    return times, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100, help="number of references (default 100)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--keep", metavar="DIR", help="write the draft and snapshot here and keep them")
    args = parser.parse_args(argv)

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="refcheck-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    draft, snapshot = write_inputs(folder, args.n)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFCHECK_")}
    env["REFCHECK_CACHE"] = str(folder / "cache.sqlite")
    refcheck = [sys.executable, "-m", "refcheck"]

    start_times, _ = time_command(refcheck + ["--version"], env, args.runs)
    command = refcheck + ["check", str(draft), "--snapshot", str(snapshot), "--offline", "--no-progress"]
    times, done = time_command(command, env, args.runs)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()

    median = statistics.median(times)
    print(f"start-up (refcheck --version): median {statistics.median(start_times) * 1000:.0f} ms")
    print(f"hook on {args.n} references: median {median * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {args.runs} runs "
          f"(exit code {done.returncode})")
    print(f"last line: {last}")
    print("target < 1000 ms: " + ("met" if median < 1.0 else "MISSED"))
    return 0 if median < 1.0 and done.returncode in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
