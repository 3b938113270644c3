"""The GitHub composite action, its example workflow, and their documentation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).resolve().parents[1]
ACTION = REPO / "action.yml"
WORKFLOW = REPO / "examples" / "github-workflow.yml"
USAGE = REPO / "README.md"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_action_is_a_valid_composite_action():
    action = load(ACTION)
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    expected = {"paths", "glob", "mailto", "snapshot", "fail-on", "format", "cache-path", "python-version", "version"}
    assert expected <= set(action["inputs"])
    assert action["inputs"]["format"]["default"] == "github"
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
        assert "required" in spec and "default" in spec, name
    steps = action["runs"]["steps"]
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", step  # composite run steps must name their shell
    uses = [step["uses"] for step in steps if "uses" in step]
    assert any(u.startswith("actions/cache@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    # every ${{ inputs.x }} names a declared input
    text = ACTION.read_text(encoding="utf-8")
    for name in re.findall(r"inputs\.([A-Za-z0-9_-]+)", text):
        assert name in action["inputs"], name
    assert "pip install refcheck" not in text.replace('"pip install refcheck": that name', "")


def test_every_action_input_is_documented():
    usage = USAGE.read_text(encoding="utf-8")
    section = usage.split("### Action inputs", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.M))
    assert documented == set(load(ACTION)["inputs"])


def test_example_workflow_checks_changed_drafts_with_the_action():
    workflow = load(WORKFLOW)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers
    assert {"_posts/**", "content/**"} <= set(triggers["pull_request"]["paths"])
    steps = workflow["jobs"]["drafts"]["steps"]
    run = "\n".join(step.get("run", "") for step in steps)
    assert "git diff --name-only" in run and "'_posts/*.md'" in run and "'content/*.html'" in run
    (check,) = [step for step in steps if "refcheck" in step.get("uses", "")]
    assert set(check["with"]) <= set(load(ACTION)["inputs"])
    assert check["with"]["format"] == "github"


def _step(name: str) -> dict:
    return next(step for step in load(ACTION)["runs"]["steps"] if step.get("id") == name)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_check_step_script_runs_refcheck(tmp_path):
    """Run the action's check step as Actions would, with the installed refcheck on PATH."""
    step = _step("check")
    assert "${{" not in step["run"]  # inputs reach the script through env only
    drafts = tmp_path / "_posts"
    drafts.mkdir()
    (drafts / "empty.md").write_text("# A post without references\n", encoding="utf-8")
    (drafts / "skip.html").write_text("<p>not matched by the glob</p>\n", encoding="utf-8")
    output = tmp_path / "github_output"
    summary = tmp_path / "summary.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFCHECK_", "GITHUB_"))}
    env.update({
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "INPUT_PATHS": "_posts\n", "INPUT_GLOB": "*.md", "INPUT_SNAPSHOT": "", "INPUT_FAIL_ON": "",
        "INPUT_FORMAT": "github", "INPUT_OUTPUT": "", "REFCHECK_MAILTO": "",
        "REFCHECK_CACHE": str(tmp_path / "cache" / "crossref.sqlite"),
    })
    if shutil.which("refcheck", path=env["PATH"]) is None:
        pytest.skip("the refcheck command is not installed next to this Python")
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # no findings: no annotations
    assert "exit-code=0" in output.read_text()
    assert "_posts/empty.md" in summary.read_text(encoding="utf-8")
    assert "skip.html" not in summary.read_text(encoding="utf-8")

    env["INPUT_PATHS"] = "  "
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "nothing to check" in done.stdout
