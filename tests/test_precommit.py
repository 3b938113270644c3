"""The pre-commit hook, run by the real pre-commit (``pre-commit try-repo``).

try-repo clones this repository at its committed HEAD and installs refcheck
into a fresh virtualenv from PyPI, so the first run takes a while; the hook
environment is kept in one PRE_COMMIT_HOME for the whole session, so the second
case reuses it. The hook runs offline against a hand-written snapshot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Two Crossref-shaped records, written by hand from the papers' published metadata.
WORKS = [
    {"DOI": "10.1016/s0006-3223(99)00230-9", "type": "journal-article",
     "title": ["Antidepressant effects of ketamine in depressed patients"],
     "author": [{"given": "Robert M.", "family": "Berman", "sequence": "first"},
                {"given": "Angela", "family": "Cappiello", "sequence": "additional"},
                {"given": "Amit", "family": "Anand", "sequence": "additional"},
                {"given": "Dan A.", "family": "Oren", "sequence": "additional"},
                {"given": "George R.", "family": "Heninger", "sequence": "additional"},
                {"given": "Dennis S.", "family": "Charney", "sequence": "additional"},
                {"given": "John H.", "family": "Krystal", "sequence": "additional"}],
     "container-title": ["Biological Psychiatry"], "volume": "47", "issue": "4", "page": "351-354",
     "issued": {"date-parts": [[2000, 2]]}, "publisher": "Elsevier BV"},
    {"DOI": "10.1001/archpsyc.63.8.856", "type": "journal-article",
     "title": ["A Randomized Trial of an N-methyl-D-aspartate Antagonist in Treatment-Resistant Major Depression"],
     "author": [{"given": "Carlos A.", "family": "Zarate", "sequence": "first"},
                {"given": "Jaskaran B.", "family": "Singh", "sequence": "additional"},
                {"given": "Paul J.", "family": "Carlson", "sequence": "additional"},
                {"given": "Nancy E.", "family": "Brutsche", "sequence": "additional"},
                {"given": "Rezvan", "family": "Ameli", "sequence": "additional"},
                {"given": "David A.", "family": "Luckenbaugh", "sequence": "additional"},
                {"given": "Dennis S.", "family": "Charney", "sequence": "additional"},
                {"given": "Husseini K.", "family": "Manji", "sequence": "additional"}],
     "container-title": ["Archives of General Psychiatry"], "volume": "63", "issue": "8", "page": "856",
     "issued": {"date-parts": [[2006, 8, 1]]}, "publisher": "American Medical Association (AMA)"},
]

HEAD = """# Ketamine, briefly

Ketamine's antidepressant effect was first reported in a small trial [1] and
confirmed in a randomized one [2].

## References

1. Berman, R. M., Cappiello, A., Anand, A., Oren, D. A., Heninger, G. R.,
   Charney, D. S., & Krystal, J. H. (2000). Antidepressant effects of ketamine
   in depressed patients. *Biological Psychiatry*, 47(4), 351–354.
   https://doi.org/10.1016/S0006-3223(99)00230-9
"""

# A fabricated paper that borrows a real DOI: the kind of reference an AI draft invents.
FABRICATED = """2. Hartley, P. J., & Moreno, L. K. (2019). Ketamine reverses treatment-resistant
   depression in a single dose: a meta-analysis of 40 trials. *Nature Neuroscience*,
   22(7), 1101–1112. https://doi.org/10.1001/archpsyc.63.8.856
"""

FIXED = """2. Zarate, C. A., Singh, J. B., Carlson, P. J., Brutsche, N. E., Ameli, R.,
   Luckenbaugh, D. A., Charney, D. S., & Manji, H. K. (2006). A randomized trial
   of an N-methyl-D-aspartate antagonist in treatment-resistant major
   depression. *Archives of General Psychiatry*, 63(8), 856.
   https://doi.org/10.1001/archpsyc.63.8.856
"""


def test_hook_manifest_is_valid_for_pre_commit():
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    (hook,) = hooks
    assert hook["id"] == "refcheck" and hook["entry"] == "refcheck check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    from identify.identify import ALL_TAGS, tags_from_filename

    assert set(hook["types_or"]) <= ALL_TAGS
    for name in ("post.md", "notes.txt", "page.html", "paper.tex", "refs.bib"):
        assert set(hook["types_or"]) & tags_from_filename(name), name
    for name in ("setup.py", "data.yaml", "image.png"):
        assert not set(hook["types_or"]) & tags_from_filename(name), name


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def blog(tmp_path) -> Path:
    """A throwaway git repository with a draft, a snapshot and a refcheck.toml."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "blog"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "works.jsonl").write_text("".join(json.dumps(w) + "\n" for w in WORKS), encoding="utf-8")
    (repo / "refcheck.toml").write_text(
        'snapshot = "works.jsonl"\noffline = true\ncheck_quotes = false\n'
        f'cache = {json.dumps(str(tmp_path / "cache" / "crossref.sqlite"))}\n', encoding="utf-8")
    return repo


def _try_repo(blog: Path, home: Path) -> subprocess.CompletedProcess[str]:
    try:
        head = _git(REPO, "rev-parse", "HEAD")
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("the refcheck checkout is not a git repository")
    _git(blog, "add", "-A")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFCHECK_", "GITHUB_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "refcheck", "--ref", head,
         "--files", "draft.md", "--verbose"],
        cwd=blog, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_fails_on_a_fabricated_reference_and_passes_once_fixed(blog, pre_commit_home):
    pytest.importorskip("pre_commit")
    draft = blog / "draft.md"

    draft.write_text(HEAD + FABRICATED, encoding="utf-8")
    failed = _try_repo(blog, pre_commit_home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in output and "hartley2019" in output and "not_found" in output, output

    draft.write_text(HEAD + FIXED, encoding="utf-8")
    passed = _try_repo(blog, pre_commit_home)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output, output
