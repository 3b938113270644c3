"""Network faults end to end: each leaves only the affected references ``unresolved``, with a reason.

``tests/test_crossref.py`` tests the client's answer to each fault; these go
through ``check_text`` and the command line, and check what a user sees: the
other references and the quotations are still judged, the exit code is not
an error, nothing broken is cached (a later run asks again and succeeds), and
no fault makes refcheck wait long.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016, MURROUGH_2013, REFERENCE_TEXTS, FakeCrossref

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

# Reference 1 is looked up by its DOI; 2 and 3 are found by bibliographic search.
DOCUMENT = "\n".join([
    "# Draft", "",
    "As Carl Jung once wrote, “Who looks outside, dreams; who looks inside, awakes.”", "",
    "## References", "",
    "1. " + REFERENCE_TEXTS[MURROUGH_2013["DOI"]] + " https://doi.org/" + MURROUGH_2013["DOI"],
    "2. " + REFERENCE_TEXTS[DUMAN_2016["DOI"]],
    "3. " + REFERENCE_TEXTS[CARHART_HARRIS_2017["DOI"]],
    "",
])
KEYS = ("murrough", "duman", "carhart")


def _options(url: str, cache: Path, **changes):
    from refcheck.options import Options

    base = dict(mailto="tests@example.org", crossref_url=url, cache=str(cache), timeout=0.3, max_retries=3,
                max_retry_wait=0.05, search_rate=500.0, lookup_rate=500.0, concurrency=4)
    base.update(changes)
    return Options(**base)


def _statuses(report) -> dict[str, tuple[str, str]]:
    out = {}
    for result in report.references:
        name = next(k for k in KEYS if result.reference.key.startswith(k.replace("-", "")))
        out[name] = (result.status, result.reason)
    return out


def _check(options):
    from refcheck.check import check_text

    return check_text(DOCUMENT, "markdown", options=options)


FAULTS = {
    # name: (Fault keyword arguments, the reason's expected start)
    "500": (dict(status=500), "HTTP 500 after 3 tries"),
    "502": (dict(status=502, body="<html>Bad Gateway</html>", content_type="text/html"), "HTTP 502 after 3 tries"),
    "503": (dict(status=503, headers={"Retry-After": "0"}), "HTTP 503 after 3 tries"),
    "504": (dict(status=504), "HTTP 504 after 3 tries"),
    "429-no-retry-after": (dict(status=429, body="Too Many Requests"), "rate limited (HTTP 429) after 3 tries"),
    "429-retry-after-hour": (dict(status=429, headers={"Retry-After": "3600"}), "rate limited (HTTP 429): Retry-After 3600"),
    "html-200": (dict(status=200, body="<!doctype html><title>Maintenance</title>", content_type="text/html"),
                 "bad response: an HTML page"),
    "not-json": (dict(status=200, body="Service unavailable", content_type="application/json"),
                 "bad response: invalid JSON"),
    "truncated-json": (dict(status=200, body='{"status": "ok", "message": {"DOI": "10.1', content_type="application/json"),
                       "bad response: invalid JSON"),
    "wrong-shape": (dict(status=200, body='{"status": "ok", "message": ["not", "a", "work"]}',
                         content_type="application/json"), "bad response: unexpected JSON"),
    "wrong-shape-items": (dict(status=200, body='{"status": "ok", "message": {"items": {"a": 1}}}',
                               content_type="application/json"), "bad response: unexpected JSON"),
    "message-without-work": (dict(status=200, body='{"status": "ok", "message": {"title": ["no DOI, no items"]}}',
                                  content_type="application/json"), "bad response: unexpected JSON"),
    "json-null": (dict(status=200, body="null", content_type="application/json"), "bad response"),
    "stall": (dict(status=200, delay=0.8, passthrough=True), "timeout after 3 tries"),
    "redirect-loop": (dict(redirect_loop=True), "redirect loop"),
}


@pytest.mark.parametrize("kind", ["lookup", "search"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_leaves_only_its_references_unresolved(crossref_server, tmp_path, fault, kind):
    spec, reason = FAULTS[fault]
    crossref_server.fail(times=1000, kind=kind, **spec)
    cache = tmp_path / "crossref.sqlite"
    started = time.monotonic()
    report = _check(_options(crossref_server.url, cache))
    took = time.monotonic() - started
    statuses = _statuses(report)
    affected = {"murrough"} if kind == "lookup" else {"duman", "carhart"}
    for name, (status, why) in statuses.items():
        if name in affected:
            assert status == "unresolved", (name, status, why)
            assert why.startswith(reason), (name, why)
        elif fault == "429-retry-after-hour" and status == "unresolved":
            # An hour-long Retry-After stops every request of the run, politely: a call of the other
            # kind still in the queue when it came is refused with the same reason (timing decides which).
            assert why.startswith(reason), (name, why)
        else:
            assert status == "verified", (name, status, why)
    # The rest of the report is intact: quotations judged, JSON renders, no error exit.
    assert [q.status for q in report.quotes] == ["genuine"]
    assert report.exit_code == 0
    json.loads(report.to_json())
    assert took < 10, took  # never waits a Retry-After of an hour, or backs off for long

    # Nothing broken was cached: with the fault gone, a second run asks again and succeeds,
    # and the references that worked come from the cache without a request.
    crossref_server.faults.clear()
    before = {k: crossref_server.count(k) for k in ("lookup", "search")}
    again = _statuses(_check(_options(crossref_server.url, cache)))
    assert {name: status for name, (status, _) in again.items()} == dict.fromkeys(KEYS, "verified")
    asked = {k: crossref_server.count(k) - before[k] for k in ("lookup", "search")}
    # Only what failed the first time is asked again (reference 1 by DOI look-up, 2 and 3 by search).
    failed = {name for name, (status, _) in statuses.items() if status == "unresolved"}
    assert asked == {"lookup": len(failed & {"murrough"}), "search": len(failed & {"duman", "carhart"})}, asked
    assert failed >= affected


# -- faults the fake cannot make: a connection reset in the middle of a body --------------------------


@contextmanager
def broken_server(mode: str) -> Iterator[str]:
    """A raw socket server: ``reset`` sends half a JSON body then RST; ``close`` half a body then FIN;
    ``garbage`` bytes that are not HTTP; ``silent`` accepts and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (socket.timeout, OSError):
                continue
            try:
                conn.settimeout(2)
                conn.recv(65536)
                if mode == "silent":
                    held.append(conn)
                    continue
                if mode == "garbage":
                    conn.sendall(b"\x00\xffNOT HTTP AT ALL\r\n\r\n")
                else:
                    body = b'{"status": "ok", "message-type": "work", "message": {"DOI": "10.1016/j.biopsych'
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"
                                 + body)
                    if mode == "reset":
                        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                conn.close()
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()
        for conn in held:
            conn.close()


SNAPSHOT_OTHERS = [DUMAN_2016, CARHART_HARRIS_2017]


@pytest.mark.parametrize("mode,reason", [
    ("reset", ("connection failed", "request failed")),
    ("close", ("connection failed", "request failed")),
    ("garbage", ("connection failed", "request failed")),
    ("silent", ("timeout",)),
])
def test_broken_connections_leave_only_their_reference_unresolved(tmp_path, mode, reason, crossref_server):
    from refcheck.resolve.snapshot import write_snapshot

    snapshot = tmp_path / "others.jsonl"
    write_snapshot(snapshot, SNAPSHOT_OTHERS)  # references 2 and 3 resolve from it; 1 needs the network
    cache = tmp_path / "crossref.sqlite"
    with broken_server(mode) as url:
        started = time.monotonic()
        report = _check(_options(url, cache, snapshot=str(snapshot)))
        assert time.monotonic() - started < 10
    statuses = _statuses(report)
    assert statuses["murrough"][0] == "unresolved" and statuses["murrough"][1].startswith(reason), statuses
    assert statuses["duman"][0] == statuses["carhart"][0] == "verified"
    assert [q.status for q in report.quotes] == ["genuine"]
    # The half-read body was not cached: against a working server the reference resolves.
    report = _check(_options(crossref_server.url, cache, snapshot=str(snapshot)))
    assert _statuses(report)["murrough"][0] == "verified"
    assert crossref_server.count("lookup") == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(tmp_path: Path, url: str, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess:
    doc = tmp_path / "draft.md"
    doc.write_text(DOCUMENT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "refcheck", "check", str(doc), "--format", "json", "--crossref-url", url,
         "--cache", str(tmp_path / "crossref.sqlite"), "--mailto", "tests@example.org", "--timeout", "1", *extra],
        capture_output=True, text=True, timeout=timeout, cwd=tmp_path,
    )


def test_connection_refused_on_the_command_line(tmp_path):
    """Crossref unreachable: every reference unresolved, the quotations still checked, exit 0, no traceback."""
    started = time.monotonic()
    proc = _cli(tmp_path, f"http://127.0.0.1:{_free_port()}")
    assert time.monotonic() - started < 30
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    refs = report["documents"][0]["references"]
    assert [r["status"] for r in refs] == ["unresolved"] * 3
    assert all(r["reason"].startswith("connection failed after 3 tries") for r in refs)
    assert [q["status"] for q in report["documents"][0]["quotes"]] == ["genuine"]


def test_retry_after_of_an_hour_on_the_command_line(crossref_server, tmp_path):
    """Default settings (max_retry_wait 60 s): a 3600 s Retry-After gives up at once instead of sleeping."""
    crossref_server.fail(429, times=1000, kind="lookup", headers={"Retry-After": "3600"})
    started = time.monotonic()
    proc = _cli(tmp_path, crossref_server.url)
    assert time.monotonic() - started < 20
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    refs = {r["id"][:5]: r for r in json.loads(proc.stdout)["documents"][0]["references"]}
    assert refs["murro"]["status"] == "unresolved" and "Retry-After 3600" in refs["murro"]["reason"]
    assert refs["duman"]["status"] == refs["carha"]["status"] == "verified"
    assert crossref_server.count("lookup") == 1  # asked once, did not retry into the wall


def test_crossref_unreachable_stops_asking_after_three_calls(tmp_path):
    """A runner without network: three references back off in full, the rest are not sent at all."""
    from refcheck.check import check_text

    references = [
        f"{i}. Author{chr(65 + i)}, B. ({2000 + i}). A study of topic number {i}. Journal of Things, {i}, 1–10."
        for i in range(1, 9)
    ]
    document = "# Draft\n\n## References\n\n" + "\n".join(references) + "\n"
    options = _options(f"http://127.0.0.1:{_free_port()}", tmp_path / "c.sqlite", concurrency=1)
    started = time.monotonic()
    report = check_text(document, "markdown", options=options)
    elapsed = time.monotonic() - started
    reasons = [r.reason for r in report.references]
    assert [r.status for r in report.references] == ["unresolved"] * 8
    assert all(reason.startswith("connection failed after 3 tries") for reason in reasons[:3]), reasons
    assert all(reason.startswith("Crossref unreachable (connection failed after 3 tries, 3 calls in a row)")
               for reason in reasons[3:]), reasons
    assert elapsed < 5


def test_the_breaker_lets_one_call_try_again_after_its_cool_down():
    from refcheck.resolve.breaker import Breaker

    clock = [0.0]
    breaker = Breaker(failures_to_open=3, cool_down=60, clock=lambda: clock[0])
    for _ in range(3):
        breaker.unanswered("timeout after 3 tries")
    assert breaker.refusal().startswith("Crossref unreachable (timeout after 3 tries")
    clock[0] = 60.5
    assert breaker.refusal() == ""  # one call may try
    breaker.unanswered("timeout after 3 tries")
    assert breaker.refusal(), "a single failure after the cool-down opens it again"
    clock[0] = 200
    breaker.answered()
    breaker.unanswered("timeout after 3 tries")
    assert breaker.refusal() == "", "an answer closed it: one failure is not enough"
    breaker.hold(30, "rate limited (HTTP 429): Retry-After 30")
    assert breaker.refusal() == "rate limited (HTTP 429): Retry-After 30"
