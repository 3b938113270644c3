"""The Crossref client against a real HTTP server on loopback (tests/crossref_fake.py).

No test reaches the internet: every client points at the fake's loopback URL.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import habanero.request
import habanero.request_class
import pytest
import pytest_socket
import requests
from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016, MURROUGH_2013, REFERENCE_TEXTS, FakeCrossref

from refcheck.resolve.crossref import TOKEN_HEADER, CrossrefClient, normalize_doi

TESTS = Path(__file__).resolve().parent


def cache_bytes(options) -> bytes:
    path = Path(options.cache)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


# -- answers ------------------------------------------------------------------------


def test_lookup_returns_the_work(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        found = client.lookup("https://doi.org/10.1016/J.BIOPSYCH.2012.06.022")
    assert found.by_doi and not found.doi_not_found and not found.error
    assert found.source == "crossref"
    (candidate,) = found.candidates
    work = candidate.work
    assert work.doi == "10.1016/j.biopsych.2012.06.022"
    assert work.title.startswith("Rapid and Longer-Term Antidepressant Effects of Repeated Ketamine")
    assert (work.container, work.volume, work.issue, work.pages) == ("Biological Psychiatry", "74", "4", "250-256")
    assert 2013 in work.years and 2012 in work.years  # print year and online-first year
    assert work.authors[0].family == "Murrough" and len(work.authors) == 10
    assert candidate.score is None and candidate.source == "crossref"
    assert crossref_server.requests[0].path == "/works/10.1016/j.biopsych.2012.06.022"


def test_lookup_of_a_doi_with_parentheses(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        found = client.lookup("10.1016/S0006-3223(99)00230-9")
    assert found.candidates[0].work.title == "Antidepressant effects of ketamine in depressed patients"


def test_unknown_doi_is_doi_not_found(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        found = client.lookup("10.1038/nm.9999")
    assert found.doi_not_found and found.by_doi and not found.error and found.candidates == ()


def test_search_sends_the_whole_reference_and_returns_scored_candidates(crossref_server, crossref_options):
    text = REFERENCE_TEXTS[CARHART_HARRIS_2017["DOI"]]
    with CrossrefClient(crossref_options) as client:
        found = client.search(text)
    assert not found.error and not found.by_doi
    assert found.candidates[0].work.doi == "10.1177/0269881117725915"
    scores = [c.score for c in found.candidates]
    assert scores == sorted(scores, reverse=True) and all(isinstance(s, float) for s in scores)
    (request,) = crossref_server.requests
    assert request.path == "/works"
    assert request.query == {"query.bibliographic": text, "rows": "5"}  # no filters, nothing else


def test_mailto_goes_in_the_user_agent_only(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        client.lookup(DUMAN_2016["DOI"])
        client.search("Duman 2016 synaptic plasticity")
    for request in crossref_server.requests:
        assert "mailto:tests@example.org" in request.headers["User-Agent"]
        assert "refcheck/" in request.headers["User-Agent"]
        assert "mailto" not in request.query
        assert TOKEN_HEADER not in request.headers  # no token configured
    assert b"tests@example.org" not in cache_bytes(crossref_options)


def test_normalize_doi():
    assert normalize_doi(" doi:10.1177/0269881117725915. ") == "10.1177/0269881117725915"
    assert normalize_doi("http://dx.doi.org/10.1038/NM.4050") == "10.1038/nm.4050"


# -- the cache ---------------------------------------------------------------------


def test_second_run_makes_no_request(crossref_server, crossref_options):
    queries = [REFERENCE_TEXTS[MURROUGH_2013["DOI"]], REFERENCE_TEXTS[DUMAN_2016["DOI"]]]
    with CrossrefClient(crossref_options) as client:
        first = [client.lookup(DUMAN_2016["DOI"]), client.lookup("10.1038/nm.9999")] + [client.search(q) for q in queries]
    assert crossref_server.count() == 4
    assert Path(crossref_options.cache).is_file()
    with CrossrefClient(crossref_options) as client:
        second = [client.lookup(DUMAN_2016["DOI"]), client.lookup("10.1038/nm.9999")] + [client.search(q) for q in queries]
        assert client.requests_sent == 0
    assert crossref_server.count() == 4
    assert [lk.source for lk in second] == ["cache"] * 4
    assert second[1].doi_not_found
    assert [c.work for lk in first for c in lk.candidates] == [c.work for lk in second for c in lk.candidates]
    assert [c.score for lk in first for c in lk.candidates] == [c.score for lk in second for c in lk.candidates]


def test_refresh_refetches(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        client.lookup(DUMAN_2016["DOI"])
    with CrossrefClient(crossref_options.replace(refresh=True)) as client:
        assert client.lookup(DUMAN_2016["DOI"]).source == "crossref"
    assert crossref_server.count() == 2
    with CrossrefClient(crossref_options) as client:
        assert client.lookup(DUMAN_2016["DOI"]).source == "cache"
    assert crossref_server.count() == 2


def test_expired_entries_are_refetched(crossref_server, crossref_options):
    options = crossref_options.replace(cache_expire_days=0.5 / 86400)  # half a second
    with CrossrefClient(options) as client:
        client.lookup(DUMAN_2016["DOI"])
    time.sleep(0.7)
    with CrossrefClient(options) as client:
        assert client.lookup(DUMAN_2016["DOI"]).source == "crossref"
    assert crossref_server.count() == 2


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_offline_opens_no_socket_and_serves_the_cache(crossref_server, crossref_options):
    with CrossrefClient(crossref_options) as client:
        client.lookup(DUMAN_2016["DOI"])
        client.search(REFERENCE_TEXTS[DUMAN_2016["DOI"]])
    pytest_socket.disable_socket()
    try:
        with pytest.raises(pytest_socket.SocketBlockedError):
            socket.socket()  # the guard is on
        with CrossrefClient(crossref_options.replace(offline=True)) as client:
            cached = client.lookup(DUMAN_2016["DOI"])
            searched = client.search(REFERENCE_TEXTS[DUMAN_2016["DOI"]])
            missing = client.lookup(CARHART_HARRIS_2017["DOI"])
            missing_search = client.search("something never searched")
    finally:
        pytest_socket.enable_socket()
    assert cached.source == "cache" and cached.candidates[0].work.doi == "10.1038/nm.4050"
    assert searched.source == "cache" and searched.candidates
    assert missing.error == "offline and not cached" and missing.by_doi
    assert missing_search.error == "offline and not cached"
    assert crossref_server.count() == 2
    with CrossrefClient(crossref_options.replace(offline=True, refresh=True)) as client:
        assert client.lookup(DUMAN_2016["DOI"]).source == "cache"  # offline wins over refresh


# -- failures are data ---------------------------------------------------------------


def test_429_with_short_retry_after_is_waited_out(crossref_server, crossref_options):
    crossref_server.fail(429, body="Too Many Requests", headers={"Retry-After": "1"})
    started = time.monotonic()
    with CrossrefClient(crossref_options.replace(max_retry_wait=5.0)) as client:
        found = client.lookup(DUMAN_2016["DOI"])
        assert client.limiter.rate("lookup") < crossref_options.lookup_rate  # and it keeps a slower pace
    assert not found.error and found.candidates
    assert time.monotonic() - started >= 0.9
    assert crossref_server.statuses() == [429, 200]


def test_429_with_an_hour_long_retry_after_gives_up_quickly(crossref_server, crossref_options):
    crossref_server.fail(429, body="Too Many Requests", headers={"Retry-After": "3600"}, times=5)
    started = time.monotonic()
    with CrossrefClient(crossref_options.replace(max_retry_wait=2.0)) as client:
        found = client.search(REFERENCE_TEXTS[DUMAN_2016["DOI"]])
        later = client.lookup(DUMAN_2016["DOI"])  # the client does not knock again within the hour
    assert later.error == found.error
    assert time.monotonic() - started < 5
    assert "429" in found.error and "Retry-After 3600" in found.error
    assert found.candidates == ()
    assert crossref_server.count() == 1


def test_429_repeated_gives_up_after_max_retries(crossref_server, crossref_options):
    crossref_server.fail(429, headers={"Retry-After": "0"}, times=10)
    with CrossrefClient(crossref_options) as client:
        found = client.lookup(DUMAN_2016["DOI"])
    assert found.error == "rate limited (HTTP 429) after 3 tries"
    assert crossref_server.count() == 3


def test_5xx_is_retried_then_reported_and_never_cached(crossref_server, crossref_options):
    crossref_server.fail(503, body="<html><body>Service Unavailable</body></html>", content_type="text/html", times=3)
    with CrossrefClient(crossref_options) as client:
        found = client.lookup(DUMAN_2016["DOI"])
    assert found.error == "HTTP 503 after 3 tries" and found.by_doi
    assert crossref_server.count() == 3
    with CrossrefClient(crossref_options) as client:  # the fault is spent: a later run succeeds
        again = client.lookup(DUMAN_2016["DOI"])
    assert again.source == "crossref" and again.candidates
    assert crossref_server.count() == 4


def test_a_transient_5xx_is_retried(crossref_server, crossref_options):
    crossref_server.fail(500)
    with CrossrefClient(crossref_options) as client:
        found = client.search(REFERENCE_TEXTS[MURROUGH_2013["DOI"]])
    assert found.candidates[0].work.doi == MURROUGH_2013["DOI"]
    assert crossref_server.statuses() == [500, 200]


def test_timeouts_are_retried_then_reported(crossref_server, crossref_options):
    crossref_server.fail(200, delay=0.6, passthrough=True, times=3)
    with CrossrefClient(crossref_options.replace(timeout=0.2)) as client:
        found = client.lookup(DUMAN_2016["DOI"])
    assert found.error == "timeout after 3 tries"
    assert crossref_server.count() == 3


def test_connection_refused_is_reported(crossref_options):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = crossref_options.replace(crossref_url=f"http://127.0.0.1:{port}", max_retries=2)
    with CrossrefClient(options) as client:
        assert client.lookup(DUMAN_2016["DOI"]).error == "connection failed after 2 tries"
        assert client.search("anything").error == "connection failed after 2 tries"


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        ("{not json", "application/json", "bad response: invalid JSON"),
        ("<html><body>Oops, maintenance</body></html>", "text/html", "bad response: an HTML page instead of JSON"),
        ('{"status": "ok", "message": "not an object"}', "application/json", "bad response: unexpected JSON"),
        ('[1, 2, 3]', "application/json", "bad response: unexpected JSON"),
        ("", "application/octet-stream", "bad response: application/octet-stream instead of JSON"),
    ],
)
@pytest.mark.parametrize("call", ["lookup", "search"])
def test_bad_bodies_are_reported_and_not_cached(crossref_server, crossref_options, body, content_type, reason, call):
    crossref_server.fail(200, body=body, content_type=content_type)

    def ask(client):
        if call == "lookup":
            return client.lookup(DUMAN_2016["DOI"])
        return client.search(REFERENCE_TEXTS[DUMAN_2016["DOI"]])

    with CrossrefClient(crossref_options) as client:
        assert ask(client).error == reason
    with CrossrefClient(crossref_options) as client:
        again = ask(client)
    assert again.source == "crossref" and again.candidates[0].work.doi == DUMAN_2016["DOI"]
    assert crossref_server.count() == 2


def test_search_items_of_the_wrong_shape(crossref_server, crossref_options):
    crossref_server.fail(200, body='{"status": "ok", "message": {"total-results": 1, "items": {"a": 1}}}',
                         content_type="application/json")
    with CrossrefClient(crossref_options) as client:
        assert client.search("x y z").error == "bad response: unexpected JSON"


def test_redirect_loop_is_reported(crossref_server, crossref_options):
    crossref_server.fail(302, redirect_loop=True, times=100)
    with CrossrefClient(crossref_options) as client:
        assert client.lookup(DUMAN_2016["DOI"]).error == "redirect loop"


def test_other_client_errors_are_reported(crossref_server, crossref_options):
    crossref_server.fail(400, body='{"status":"failed","message-type":"validation-failure","message":[{"message":"bad"}]}',
                         content_type="application/json")
    with CrossrefClient(crossref_options) as client:
        assert client.search("x").error == "HTTP 400 from Crossref"


# -- scoping: nothing outside refcheck's own calls is touched --------------------------


def test_requests_is_left_as_it_was(crossref_server, crossref_options):
    session, get = requests.Session, requests.get
    with FakeCrossref.serve() as other:
        with CrossrefClient(crossref_options) as client:
            client.lookup(DUMAN_2016["DOI"])
            assert requests.Session is session and requests.get is get
            # While a client is open, the caller's own requests are not cached, even to the same host.
            for _ in range(2):
                plain = requests.get(f"{other.url}/works/10.1038/nm.4050", timeout=5)
                assert not getattr(plain, "from_cache", False)
                requests.get(f"{crossref_server.url}/works/10.1038/nm.4050", timeout=5)
            # habanero used directly by the caller goes straight to the network too.
            habanero.request.requests.get(f"{other.url}/works/10.1038/nm.4050", timeout=5)
        assert requests.Session is session and requests.get is get
        assert habanero.request.requests is requests and habanero.request_class.requests is requests
        assert other.count() == 3
    assert crossref_server.count() == 3


def test_the_token_is_sent_but_never_stored(crossref_server, crossref_options):
    options = crossref_options.replace(token="s3cr3t-plus-token-42")
    with CrossrefClient(options) as client:
        client.lookup(DUMAN_2016["DOI"])
        client.search(REFERENCE_TEXTS[DUMAN_2016["DOI"]])
        assert "s3cr3t" not in repr(options)
    for request in crossref_server.requests:
        assert request.headers[TOKEN_HEADER] == "Bearer s3cr3t-plus-token-42"
    stored = cache_bytes(options)
    assert b"Biological Psychiatry" in stored or b"Nature Medicine" in stored  # the cache was written
    assert b"s3cr3t" not in stored
    with CrossrefClient(crossref_options) as client:  # the token is not part of the cache key either
        assert client.lookup(DUMAN_2016["DOI"]).source == "cache"


# -- pacing ------------------------------------------------------------------------


def test_crossref_headers_slow_the_client_down(crossref_server, crossref_options):
    crossref_server.limit_headers = {"x-rate-limit-limit": "2", "x-rate-limit-interval": "1s",
                                     "x-concurrency-limit": "1"}
    with CrossrefClient(crossref_options) as client:
        client.lookup(DUMAN_2016["DOI"])
        assert client.limiter.rate("lookup") == 2.0
        assert client.limiter.concurrency == 1


def test_cache_hits_do_not_spend_the_rate_budget(crossref_server, crossref_options):
    texts = list(REFERENCE_TEXTS.values())
    with CrossrefClient(crossref_options) as client:
        for text in texts:
            client.search(text)
    slow = crossref_options.replace(search_rate=1.0)
    started = time.monotonic()
    with CrossrefClient(slow) as client:
        assert all(client.search(text).source == "cache" for text in texts)
    assert time.monotonic() - started < 0.5


def test_two_processes_share_one_cache_file(crossref_server, crossref_options):
    script = textwrap.dedent(
        """
        import sys
        from refcheck.resolve.crossref import CrossrefClient
        from refcheck.options import Options
        url, cache, which = sys.argv[1:]
        options = Options(mailto="tests@example.org", crossref_url=url, cache=cache, max_retry_wait=0.05,
                          lookup_rate=200.0, search_rate=200.0)
        dois = ["10.1038/nm.4050", "10.1177/0269881117725915", "10.1016/j.biopsych.2012.06.022",
                "10.1001/archpsyc.63.8.856", "10.1016/s0006-3223(99)00230-9"]
        if which == "b":
            dois.reverse()
        with CrossrefClient(options) as client:
            for _ in range(3):
                for doi in dois:
                    found = client.lookup(doi)
                    assert not found.error and found.candidates[0].work.doi == doi, found
                    assert not client.search(doi + " " + which).error
        print("ok")
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, crossref_server.url, crossref_options.cache, which],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=TESTS.parent)
        for which in ("a", "b")
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all(out.strip() == "ok" for out, _ in outputs)
    with CrossrefClient(crossref_options) as client:
        assert client.lookup("10.1038/nm.4050").source == "cache"
        assert client.search("10.1038/nm.4050 a").source == "cache"
        assert client.search("10.1038/nm.4050 b").source == "cache"


def test_connection_reset_is_reported(crossref_options):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    stop = False

    def slam():  # accept, read the request, hang up without answering
        while not stop:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.close()

    import threading

    thread = threading.Thread(target=slam, daemon=True)
    thread.start()
    try:
        options = crossref_options.replace(crossref_url=f"http://127.0.0.1:{port}", max_retries=2)
        with CrossrefClient(options) as client:
            assert client.lookup(DUMAN_2016["DOI"]).error == "connection failed after 2 tries"
    finally:
        stop = True
        listener.close()
