"""Config files, the environment and CLI flags: where each is found and which wins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refcheck.check import _apply_ignore
from refcheck.config import find_config, load_options, read_config
from refcheck.errors import ConfigError
from refcheck.options import DEFAULT_TIMEOUT, Options
from refcheck.report import DocumentReport, Report

from sample_reports import reference, sample_report, verified, work


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree (a .git folder is enough) with a draft two folders down."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / "_posts" / "2026" / "draft.md", "# Draft\n")
    return tmp_path / "repo"


DRAFT = Path("_posts") / "2026" / "draft.md"


def test_defaults_without_any_file(repo):
    options = load_options({}, start=repo / DRAFT, environ={})
    assert options == Options()


def test_refcheck_toml_found_upward_and_paths_resolved_against_it(repo):
    config = write(repo / "refcheck.toml", '''
mailto = "editor@example.org"
snapshot = "data/works.jsonl"
quotes_table = "../shared/quotes.csv"
cache = "~/refcheck-cache.sqlite"
cache_expire_days = 7
fail_on = "warning"
offline = true
search_rate = 2
lookup_rate = 5.5
concurrency = 2
timeout = 30
crossref_url = "http://localhost:8080/"
ignore = [
  {key = "smith2020", reason = "preprint, checked by hand"},
  {doi = "10.1000/XYZ", reason = "Crossref record is wrong"},
]
''')
    assert find_config(repo / DRAFT) == config
    options = load_options({}, start=repo / DRAFT, environ={})
    assert options.mailto == "editor@example.org"
    assert options.snapshot == str((repo / "data" / "works.jsonl").resolve())
    assert options.quotes_table == str((repo.parent / "shared" / "quotes.csv").resolve())
    assert options.cache == str(Path("~/refcheck-cache.sqlite").expanduser().resolve())
    assert (options.cache_expire_days, options.fail_on, options.offline) == (7.0, "warning", True)
    assert (options.search_rate, options.lookup_rate, options.concurrency, options.timeout) == (2.0, 5.5, 2, 30.0)
    assert options.crossref_url == "http://localhost:8080"
    assert options.ignore == (("smith2020", "preprint, checked by hand"), ("10.1000/XYZ", "Crossref record is wrong"))


def test_the_search_stops_at_the_git_work_tree(tmp_path, repo):
    write(tmp_path / "refcheck.toml", 'fail_on = "never"\n')  # above the repository: not ours
    assert find_config(repo / DRAFT) is None
    assert load_options({}, start=repo / DRAFT, environ={}).fail_on == "error"


def test_the_nearest_file_wins_and_names_are_tried_in_order(repo):
    write(repo / "pyproject.toml", '[tool.refcheck]\nfail_on = "never"\n')
    assert find_config(repo / DRAFT) == repo / "pyproject.toml"
    write(repo / ".refcheck.toml", 'fail_on = "warning"\n')
    assert find_config(repo / DRAFT) == repo / ".refcheck.toml"
    nearer = write(repo / "_posts" / "refcheck.toml", 'fail_on = "error"\n')
    assert find_config(repo / DRAFT) == nearer
    assert find_config(repo / "_posts") == nearer  # a folder is its own start


def test_pyproject_without_a_refcheck_table_is_passed_over(repo):
    write(repo / "_posts" / "pyproject.toml", '[project]\nname = "blog"\n')
    write(repo / "pyproject.toml", '[tool.refcheck]\nmailto = "a@b.org"\n')
    assert find_config(repo / DRAFT) == repo / "pyproject.toml"
    assert load_options({}, start=repo / DRAFT, environ={}).mailto == "a@b.org"


def test_precedence_file_then_environment_then_cli(repo):
    write(repo / "refcheck.toml", 'mailto = "file@example.org"\ncache = "file.sqlite"\n'
                                  'crossref_url = "https://file.example"\nfail_on = "warning"\n')
    start = repo / DRAFT
    from_file = load_options({}, start=start, environ={})
    assert from_file.mailto == "file@example.org"
    assert from_file.cache == str(repo / "file.sqlite")

    env = {"REFCHECK_MAILTO": "env@example.org", "REFCHECK_CACHE": "/tmp/env.sqlite",
           "REFCHECK_CROSSREF_URL": "https://env.example"}
    from_env = load_options({}, start=start, environ=env)
    assert (from_env.mailto, from_env.cache, from_env.crossref_url) == (
        "env@example.org", "/tmp/env.sqlite", "https://env.example")
    assert from_env.fail_on == "warning"  # not set in the environment: the file's value stands

    cli = {"mailto": "cli@example.org", "cache": "/tmp/cli.sqlite", "crossref_url": "https://cli.example",
           "fail_on": None, "offline": None}
    from_cli = load_options(cli, start=start, environ=env)
    assert (from_cli.mailto, from_cli.cache, from_cli.crossref_url) == (
        "cli@example.org", "/tmp/cli.sqlite", "https://cli.example")
    assert from_cli.fail_on == "warning" and from_cli.offline is False


def test_token_comes_from_the_environment_only(repo):
    options = load_options({}, start=repo / DRAFT, environ={"REFCHECK_CROSSREF_TOKEN": "secret"})
    assert options.token == "secret"
    assert "secret" not in repr(options)
    write(repo / "refcheck.toml", 'token = "secret"\n')
    with pytest.raises(ConfigError, match=r"refcheck\.toml: key 'token' is refused.*REFCHECK_CROSSREF_TOKEN"):
        load_options({}, start=repo / DRAFT, environ={})


@pytest.mark.parametrize("text, key, why", [
    ('colour = "red"\n', "colour", "unknown key"),
    ('fail_on = "sometimes"\n', "fail_on", "must be one of error, warning, never"),
    ('timeout = 0\n', "timeout", "greater than 0"),
    ('timeout = "20"\n', "timeout", "must be a number"),
    ('cache_expire_days = -1\n', "cache_expire_days", "at least 0"),
    ('concurrency = 1.5\n', "concurrency", "whole number"),
    ('search_rate = true\n', "search_rate", "must be a number"),
    ('offline = "yes"\n', "offline", "true or false"),
    ('mailto = "nobody"\n', "mailto", "e-mail address"),
    ('crossref_url = "api.crossref.org"\n', "crossref_url", "http"),
    ('snapshot = ""\n', "snapshot", "non-empty"),
    ('ignore = ["smith2020"]\n', "ignore", "must be a table"),
    ('ignore = [{key = "smith2020"}]\n', "ignore", "needs a reason"),
    ('ignore = [{key = "smith2020", reason = "  "}]\n', "ignore", "needs a reason"),
    ('ignore = [{key = "a", doi = "10.1/x", reason = "r"}]\n', "ignore", "exactly one of key or doi"),
    ('ignore = [{id = "a", reason = "r"}]\n', "ignore", "unknown field"),
    ('ignore = {key = "a", reason = "r"}\n', "ignore", "must be a list"),
])
def test_bad_keys_and_values_name_the_file_and_the_key(repo, text, key, why):
    path = write(repo / "refcheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_options({}, start=repo / DRAFT, environ={})
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert repr(key) in message
    assert why in message


def test_errors_in_pyproject_name_the_table(repo):
    path = write(repo / "pyproject.toml", '[tool.refcheck]\nfail_on = 1\n')
    with pytest.raises(ConfigError, match=re.escape(f"{path} [tool.refcheck]: key 'fail_on'")):
        read_config(path)


def test_invalid_toml_names_the_file(repo):
    path = write(repo / "refcheck.toml", "fail_on = \n")
    with pytest.raises(ConfigError, match=re.escape(f"{path}: not valid TOML")):
        load_options({}, start=repo / DRAFT, environ={})


def test_bad_environment_values_name_the_variable(repo):
    with pytest.raises(ConfigError, match="REFCHECK_CROSSREF_URL must be an http"):
        load_options({}, start=repo / DRAFT, environ={"REFCHECK_CROSSREF_URL": "ftp://x"})
    # empty variables are unset, as in a CI matrix that leaves them blank
    assert load_options({}, start=repo / DRAFT, environ={"REFCHECK_MAILTO": ""}).mailto is None


def test_an_explicit_config_file_replaces_the_search(repo, tmp_path):
    other = write(tmp_path / "elsewhere" / "ci.toml", 'fail_on = "never"\n')
    write(repo / "refcheck.toml", 'fail_on = "warning"\n')
    assert load_options({}, start=repo / DRAFT, environ={}, config=other).fail_on == "never"


# --- ignore silences exactly what it names ----------------------------------------------------

def _ignoring(repo, entries: str) -> Options:
    write(repo / "refcheck.toml", f"ignore = [\n{entries}\n]\n")
    return load_options({}, start=repo / DRAFT, environ={})


def test_ignore_silences_exactly_what_it_names(repo):
    from refcheck.model import Candidate, ReferenceResult

    options = _ignoring(repo, '{key = "fake2021", reason = "a preprint"},\n'
                              '{doi = "10.1001/ARCHPSYC.63.8.856", reason = "Crossref has the year wrong"}')
    base = sample_report()
    results = [_apply_ignore(r, options) for r in base.documents[0].references]
    by_key = {r.reference.key: r for r in results}
    assert by_key["fake2021"].ignored == "a preprint"
    assert by_key["zarate2006"].ignored == "Crossref has the year wrong"  # by DOI, case-insensitive
    silenced = {k for k, r in by_key.items() if r.ignored is not None}
    assert silenced == {"fake2021", "zarate2006", "ignored2018"}  # ignored2018 was already ignored
    report = Report(documents=(DocumentReport("a.md", references=tuple(results)),))
    flagged = {f.subject for f in report}
    assert "fake2021" not in flagged and "zarate2006" not in flagged
    assert {"book2019", "net2020"} <= flagged  # everything else still reported

    # a DOI that only the match carries (the citation gave none) is silenced too
    result = ReferenceResult(reference("x2020", 5), "mismatch",
                             match=Candidate(work("10.1001/archpsyc.63.8.856")))
    assert _apply_ignore(result, options).ignored == "Crossref has the year wrong"
    # a different key is not
    assert _apply_ignore(verified("fake2022", 7, "10.9/other"), options).ignored is None


def test_ignore_makes_the_exit_code_pass(repo):
    options = _ignoring(repo, '{key = "only", reason = "checked by hand"}')
    from refcheck.model import ReferenceResult

    bad = ReferenceResult(reference("only", 3), "not_found")
    before = Report(documents=(DocumentReport("a.md", references=(bad,)),))
    after = Report(documents=(DocumentReport("a.md", references=(_apply_ignore(bad, options),)),))
    assert (before.exit_code, after.exit_code) == (1, 0)
    assert after.summary()["ignored"] == 1


def test_cli_flags_from_argparse_reach_the_options(repo, monkeypatch):
    from refcheck.cli import _options_from_args, build_parser

    write(repo / "refcheck.toml", 'fail_on = "warning"\ntimeout = 5\n')
    for name in ("REFCHECK_MAILTO", "REFCHECK_CACHE", "REFCHECK_CROSSREF_URL", "REFCHECK_CROSSREF_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    args = build_parser().parse_args(["check", str(repo / DRAFT), "--fail-on", "never", "--offline"])
    options = _options_from_args(args)
    assert (options.fail_on, options.offline, options.timeout) == ("never", True, 5.0)
    args = build_parser().parse_args(["check", str(repo / DRAFT)])
    assert _options_from_args(args).timeout == 5.0 != DEFAULT_TIMEOUT



