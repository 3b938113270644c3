"""The Crossref Plus token and the user's e-mail address go to Crossref and nowhere else.

The token (``Crossref-Plus-API-Token``, read from ``REFCHECK_CROSSREF_TOKEN``
only) must never appear in the cache file (nor its WAL), in any report
format, in logs at any level, or in exception messages and reprs. ``mailto``
travels only in the User-Agent, where Crossref asks for it.
(``tests/test_crossref.py`` checks the client alone; these go end to end.)
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016, MURROUGH_2013, REFERENCE_TEXTS, FakeCrossref

TOKEN = "plus-S3CRET-7f3a9c"
MAILTO = "secret.person@example.org"
FORMATS = ("text", "json", "github", "sarif", "junit", "markdown")

DOCUMENT = "\n".join([
    "# Draft", "",
    "As Carl Jung once wrote, “Who looks outside, dreams; who looks inside, awakes.”", "",
    "## References", "",
    "1. " + REFERENCE_TEXTS[MURROUGH_2013["DOI"]].replace("74(4)", "75(4)") + " https://doi.org/" + MURROUGH_2013["DOI"],
    "2. " + REFERENCE_TEXTS[DUMAN_2016["DOI"]],
    "3. " + REFERENCE_TEXTS[CARHART_HARRIS_2017["DOI"]],
    "4. Nobody, A. (2019). A paper that does not exist at all. Journal of Nothing, 1(1), 1-2. https://doi.org/10.9999/none",
    "",
])


def _files_bytes(cache: Path) -> bytes:
    """The cache file and its SQLite companions (-wal, -shm, -journal), where recent writes live."""
    return b"".join(p.read_bytes() for p in cache.parent.glob(cache.name + "*") if p.is_file())


def _leaks(data: str | bytes) -> list[str]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return [s for s in (TOKEN, TOKEN.lower(), MAILTO) if s in text]


def test_token_and_mailto_stay_out_of_cache_reports_and_debug_logs(crossref_server, tmp_path, caplog):
    from refcheck.check import check_text
    from refcheck.options import Options
    from refcheck.output import renderer

    crossref_server.fail(500, times=2, kind="search")  # a failed request logs and retries too
    cache = tmp_path / "crossref.sqlite"
    options = Options(mailto=MAILTO, token=TOKEN, crossref_url=crossref_server.url, cache=str(cache), timeout=2.0,
                      max_retry_wait=0.01, search_rate=200.0, lookup_rate=200.0, concurrency=2)
    names = ("refcheck", "urllib3", "requests", "requests_cache", "habanero", "werkzeug", "")
    for name in names:
        caplog.set_level(logging.DEBUG, logger=name)
    report = check_text(DOCUMENT, "markdown", options=options)
    statuses = sorted(r.status for r in report.references)
    assert "verified" in statuses and "mismatch" in statuses  # the run reached Crossref and judged

    # It was sent, as Crossref asks: the token in its header, mailto in the User-Agent only.
    for request in crossref_server.requests:
        assert request.headers["Crossref-Plus-API-Token"] == f"Bearer {TOKEN}"
        assert MAILTO in request.headers["User-Agent"]
        assert MAILTO not in request.path and MAILTO not in str(request.query)
        # (habanero repeats the User-Agent as X-User-Agent.)
        assert not {k: v for k, v in request.headers.items()
                    if k.lower() not in ("user-agent", "x-user-agent", "crossref-plus-api-token")
                    and (TOKEN in v or MAILTO in v)}

    assert not _leaks(caplog.text), "in the logs"
    assert any(r.name.startswith("urllib3") for r in caplog.records)  # DEBUG logging really was on
    stored = _files_bytes(cache)
    assert b"Nature Medicine" in stored  # the cache was written
    assert not _leaks(stored), "in the cache file"
    for fmt in FORMATS:
        out = io.StringIO()
        renderer(fmt)(report, out)
        assert not _leaks(out.getvalue()), fmt
    assert not _leaks(repr(report))
    assert TOKEN not in repr(options) and TOKEN not in str(options)  # mailto is the user's own setting


def test_token_not_in_error_messages_or_reprs(tmp_path):
    from refcheck.resolve.crossref import CrossrefClient
    from refcheck.options import Options

    options = Options(token=TOKEN, mailto=MAILTO, crossref_url="http://127.0.0.1:9", cache=str(tmp_path / "c.sqlite"),
                      timeout=0.2, max_retries=1, max_retry_wait=0.01)
    with CrossrefClient(options) as client:
        found = client.lookup("10.1038/nm.4050")
        assert found.error and not _leaks(found.error) and not _leaks(repr(found))
        assert not _leaks(repr(client)) and not _leaks(repr(client.session))
    bad = options.replace(cache=str(tmp_path / "file-not-folder" / "x" / "c.sqlite"))
    (tmp_path / "file-not-folder").write_text("in the way")
    try:
        CrossrefClient(bad).close()
    except Exception as exc:  # noqa: BLE001 - whatever it raises must not carry the token
        assert not _leaks(str(exc)) and not _leaks(repr(exc)) and not _leaks(repr(exc.__cause__))


def test_token_comes_from_the_environment_only(tmp_path, crossref_server):
    doc = tmp_path / "draft.md"
    doc.write_text(DOCUMENT, encoding="utf-8")
    env = {**os.environ, "REFCHECK_CROSSREF_TOKEN": TOKEN}
    base = [sys.executable, "-m", "refcheck", "check", str(doc), "--crossref-url", crossref_server.url,
            "--cache", str(tmp_path / "c.sqlite"), "--timeout", "5"]
    for fmt in ("text", "json"):  # every format is checked in process above; here, the real environment
        proc = subprocess.run([*base, "--format", fmt], env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode in (0, 1), proc.stderr
        assert not _leaks(proc.stdout + proc.stderr), fmt
    assert crossref_server.requests
    assert all(r.headers.get("Crossref-Plus-API-Token") == f"Bearer {TOKEN}" for r in crossref_server.requests)
    # Not as a flag, not from a config file.
    proc = subprocess.run([*base, "--token", TOKEN], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (tmp_path / "refcheck.toml").write_text(f'token = "{TOKEN}"\n', encoding="utf-8")
    proc = subprocess.run(base, capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
    assert proc.returncode == 2 and "token" in proc.stderr and not _leaks(proc.stderr), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_token_does_not_follow_a_redirect_to_another_host(tmp_path):
    from refcheck.resolve.crossref import CrossrefClient
    from refcheck.options import Options

    with FakeCrossref.serve() as crossref, FakeCrossref.serve() as elsewhere:
        other = elsewhere.url.replace("127.0.0.1", "localhost")  # another host name, as a browser would see it

        def redirect(request):
            from werkzeug import Response

            return Response("", status=302, headers={"Location": other + request.full_path})

        crossref.server.clear()
        crossref.server.expect_request("/works/10.1038/nm.4050").respond_with_handler(redirect)
        options = Options(token=TOKEN, crossref_url=crossref.url, cache=str(tmp_path / "c.sqlite"), timeout=2.0,
                          max_retries=1)
        with CrossrefClient(options) as client:
            client.lookup("10.1038/nm.4050")
        leaked = [r for r in elsewhere.requests if TOKEN in str(dict(r.headers))]
        assert not leaked
