"""A fake Crossref REST API on loopback, for tests and the benchmark.

It speaks the part of the API refcheck uses, in Crossref's own format:

* ``GET /works/{doi}`` → ``{"status": "ok", "message-type": "work", "message": {...}}``,
  or 404 with the plain-text body ``Resource not found.``;
* ``GET /works?query.bibliographic=...&rows=N`` → ``message-type: work-list`` with
  ``items`` carrying a relevance ``score``;
* ``GET /journals?query=...&rows=N`` → ``message-type: journal-list`` of journal records (title,
  ISSN, ``counts``, ``breakdowns.dois-by-issued-year``), and ``GET /journals/{issn}`` →
  ``message-type: journal``, or 404. The journals and their counts are this file's own fixtures
  (real titles and ISSNs; the counts are made up, of Crossref's order of size).

The records are real works, written by hand from their published metadata.
Every request is recorded (path, query, time, headers) so tests can count them;
faults (status codes, Retry-After, delays, bad bodies, redirect loops) can be
queued; and Crossref's rate and concurrency limits can be enforced (429 when
exceeded), as the live service does.

Use the ``crossref_server`` fixture (a :class:`FakeCrossref`), or
``FakeCrossref.serve()`` as a context manager outside pytest.
"""

from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import pytest
from pytest_httpserver import HTTPServer
from requests.structures import CaseInsensitiveDict
from werkzeug import Request, Response


def _person(given: str, family: str) -> dict[str, Any]:
    return {"given": given, "family": family, "sequence": "additional", "affiliation": []}


def _work(doi, title, authors, container, short, volume, issue, page, issued, online, publisher, issn):
    people = [_person(g, f) for g, f in authors]
    if people:
        people[0]["sequence"] = "first"
    return {
        "DOI": doi,
        "URL": f"https://doi.org/{doi}",
        "type": "journal-article",
        "title": [title],
        "author": people,
        "container-title": [container],
        "short-container-title": [short],
        "volume": volume,
        "issue": issue,
        "page": page,
        "publisher": publisher,
        "ISSN": issn,
        "issued": {"date-parts": [issued]},
        "published-print": {"date-parts": [issued]},
        "published-online": {"date-parts": [online]},
        "prefix": doi.split("/")[0],
        "member": "0",
        "source": "Crossref",
        "reference-count": 0,
        "is-referenced-by-count": 0,
    }


MURROUGH_2013 = _work(
    "10.1016/j.biopsych.2012.06.022",
    "Rapid and Longer-Term Antidepressant Effects of Repeated Ketamine Infusions in Treatment-Resistant Major Depression",
    [("James W.", "Murrough"), ("Andrew M.", "Perez"), ("Sarah", "Pillemer"), ("Jessica", "Stern"),
     ("Michael K.", "Parides"), ("Marije", "aan het Rot"), ("Katherine A.", "Collins"),
     ("Sanjay J.", "Mathew"), ("Dennis S.", "Charney"), ("Dan V.", "Iosifescu")],
    "Biological Psychiatry", "Biological Psychiatry", "74", "4", "250-256",
    [2013, 8], [2012, 7, 27], "Elsevier BV", ["0006-3223"],
)
DUMAN_2016 = _work(
    "10.1038/nm.4050",
    "Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants",
    [("Ronald S", "Duman"), ("George K", "Aghajanian"), ("Gerard", "Sanacora"), ("John H", "Krystal")],
    "Nature Medicine", "Nat Med", "22", "3", "238-249",
    [2016, 3], [2016, 3, 3], "Springer Science and Business Media LLC", ["1078-8956", "1546-170X"],
)
CARHART_HARRIS_2017 = _work(
    "10.1177/0269881117725915",
    "Serotonin and brain function: a tale of two receptors",
    [("R L", "Carhart-Harris"), ("D J", "Nutt")],
    "Journal of Psychopharmacology", "J Psychopharmacol", "31", "9", "1091-1120",
    [2017, 9], [2017, 8, 31], "SAGE Publications", ["0269-8811", "1461-7285"],
)
BERMAN_2000 = _work(
    "10.1016/S0006-3223(99)00230-9",
    "Antidepressant effects of ketamine in depressed patients",
    [("Robert M", "Berman"), ("Angela", "Cappiello"), ("Amit", "Anand"), ("Dan A", "Oren"),
     ("George R", "Heninger"), ("Dennis S", "Charney"), ("John H", "Krystal")],
    "Biological Psychiatry", "Biological Psychiatry", "47", "4", "351-354",
    [2000, 2], [2000, 2], "Elsevier BV", ["0006-3223"],
)
ZARATE_2006 = _work(
    "10.1001/archpsyc.63.8.856",
    "A Randomized Trial of an N-methyl-D-aspartate Antagonist in Treatment-Resistant Major Depression",
    [("Carlos A.", "Zarate"), ("Jaskaran B.", "Singh"), ("Paul J.", "Carlson"), ("Nancy E.", "Brutsche"),
     ("Rezvan", "Ameli"), ("David A.", "Luckenbaugh"), ("Dennis S.", "Charney"), ("Husseini K.", "Manji")],
    "Archives of General Psychiatry", "Arch Gen Psychiatry", "63", "8", "856",
    [2006, 8, 1], [2006, 8, 1], "American Medical Association (AMA)", ["0003-990X"],
)

def _journal(title: str, publisher: str, issns: list[str], first_year: int, per_year: int) -> dict[str, Any]:
    """A /journals record as Crossref shapes it; DOIs issued every year from ``first_year`` to 2025."""
    by_year = [[year, per_year + (year % 7) * 3] for year in range(2025, first_year - 1, -1)]
    total = sum(count for _, count in by_year)
    current = sum(count for year, count in by_year if year >= 2024)
    return {
        "last-status-check-time": 1733011200000,
        "counts": {"total-dois": total, "current-dois": current, "backfile-dois": total - current},
        "breakdowns": {"dois-by-issued-year": by_year},
        "publisher": publisher,
        "coverage": {"affiliations-current": 0.5},
        "title": title,
        "subjects": [],
        "coverage-type": {},
        "flags": {"deposits-articles": True},
        "ISSN": issns,
        "issn-type": [{"value": issns[0], "type": "print"}],
    }


JOURNALS: tuple[dict[str, Any], ...] = (
    _journal("Journal of Affective Disorders", "Elsevier BV", ["0165-0327"], 1979, 900),
    _journal("Journal of Affective Disorders Reports", "Elsevier BV", ["2666-9153"], 2020, 400),
    _journal("Neuropsychopharmacology", "Springer Science and Business Media LLC", ["0893-133X", "1740-634X"],
             1987, 350),
    # A journal whose DOIs start late: a paper cited before 2016 would not be in Crossref anyway.
    _journal("Journal of Late Registration", "Example Press", ["1234-5679"], 2016, 40),
)

RECORDS: tuple[dict[str, Any], ...] = (MURROUGH_2013, DUMAN_2016, CARHART_HARRIS_2017, BERMAN_2000, ZARATE_2006)

# How these works are cited in a reference list (APA-ish, as an author would write them).
REFERENCE_TEXTS: dict[str, str] = {
    MURROUGH_2013["DOI"]: "Murrough, J. W., Perez, A. M., Pillemer, S., et al. (2013). Rapid and longer-term "
    "antidepressant effects of repeated ketamine infusions in treatment-resistant major depression. "
    "Biological Psychiatry, 74(4), 250-256.",
    DUMAN_2016["DOI"]: "Duman, R. S., Aghajanian, G. K., Sanacora, G., & Krystal, J. H. (2016). Synaptic "
    "plasticity and depression: new insights from stress and rapid-acting antidepressants. "
    "Nature Medicine, 22(3), 238-249.",
    CARHART_HARRIS_2017["DOI"]: "Carhart-Harris, R. L., & Nutt, D. J. (2017). Serotonin and brain function: "
    "a tale of two receptors. Journal of Psychopharmacology, 31(9), 1091-1120.",
    BERMAN_2000["DOI"]: "Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in "
    "depressed patients. Biol Psychiatry. 2000;47(4):351-354.",
    ZARATE_2006["DOI"]: "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an "
    "N-methyl-D-aspartate antagonist in treatment-resistant major depression. "
    "Arch Gen Psychiatry. 2006;63(8):856-864.",
}

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 1}


def _record_words(record: dict[str, Any]) -> set[str]:
    parts = [*record.get("title", []), *record.get("container-title", []), record.get("volume", ""),
             record.get("page", ""), str(record["issued"]["date-parts"][0][0])]
    parts += [p.get("family", "") for p in record.get("author", [])]
    return _words(" ".join(parts))


@dataclass
class Recorded:
    """One request as the server saw it."""

    path: str
    query: dict[str, str]
    time: float
    headers: CaseInsensitiveDict  # of str
    kind: str  # "search", "lookup" or "other"
    status: int = 0


@dataclass
class Fault:
    """What to answer instead of the real thing, for the next ``times`` matching requests.

    ``status``/``body``/``content_type``/``headers`` make the response; ``delay``
    sleeps first (longer than the client's timeout = a timeout); ``redirect_loop``
    answers 302 to the same URL; ``kind`` limits the fault to searches or look-ups.
    """

    status: int = 500
    body: str = "Internal Server Error"
    content_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    times: int = 1
    kind: str | None = None
    redirect_loop: bool = False
    passthrough: bool = False  # only delay, then answer normally


class FakeCrossref:
    """The fake service behind a pytest-httpserver :class:`HTTPServer`."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.records: dict[str, dict[str, Any]] = {r["DOI"].lower(): r for r in RECORDS}
        self.journals: list[dict[str, Any]] = [dict(j) for j in JOURNALS]
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.latency = 0.0
        # Enforced limits: None = not enforced. Per second, and in flight.
        self.search_rate: float | None = None
        self.lookup_rate: float | None = None
        self.concurrency: int | None = None
        self.pool = "polite"
        self.limit_headers: dict[str, str] = {"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s",
                                              "x-concurrency-limit": "3"}
        self._lock = threading.Lock()
        self._in_flight = 0
        server.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    # -- set-up helpers

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def fail(self, status: int = 500, *, times: int = 1, **kwargs: Any) -> Fault:
        fault = Fault(status=status, times=times, **kwargs)
        with self._lock:
            self.faults.append(fault)
        return fault

    def enforce_limits(self, search_rate: float, lookup_rate: float, concurrency: int) -> None:
        self.search_rate, self.lookup_rate, self.concurrency = search_rate, lookup_rate, concurrency

    # -- reading what happened

    def count(self, kind: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if kind is None or r.kind == kind)

    def statuses(self) -> list[int]:
        with self._lock:
            return [r.status for r in self.requests]

    def max_per_window(self, kind: str, window: float = 1.0, tolerance: float = 0.0) -> int:
        """The most requests of ``kind`` that arrived within any ``window - tolerance`` seconds."""
        with self._lock:
            times = sorted(r.time for r in self.requests if r.kind == kind)
        best = 0
        j = 0
        for i, t in enumerate(times):
            while times[j] <= t - (window - tolerance):
                j += 1
            best = max(best, i - j + 1)
        return best

    # -- the service

    def _handle(self, request: Request) -> Response:
        path = request.path
        kind = ("search" if path.rstrip("/") == "/works" else "lookup" if path.startswith("/works/")
                else "journals" if path.rstrip("/") == "/journals" or path.startswith("/journals/") else "other")
        record = Recorded(path=path, query=dict(request.args), time=time.monotonic(),
                          headers=CaseInsensitiveDict(request.headers.items()), kind=kind)
        with self._lock:
            self.requests.append(record)
            fault = self._take_fault(kind)
            limited = self._over_limit(kind, record.time)
            self._in_flight += 1
        try:
            response = self._respond(request, kind, fault, limited)
        finally:
            with self._lock:
                self._in_flight -= 1
        record.status = response.status_code
        return response

    def _take_fault(self, kind: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and (fault.kind is None or fault.kind == kind):
                fault.times -= 1
                return fault
        return None

    def _over_limit(self, kind: str, now: float) -> bool:
        rate = {"search": self.search_rate, "lookup": self.lookup_rate}.get(kind)
        if self.concurrency is not None and self._in_flight >= self.concurrency:
            return True
        if rate is None:
            return False
        # Requests of this kind that arrived in the last second, this one included.
        recent = sum(1 for r in self.requests if r.kind == kind and now - r.time < 1.0)
        return recent > rate

    def _respond(self, request: Request, kind: str, fault: Fault | None, limited: bool) -> Response:
        if self.latency:
            time.sleep(self.latency)
        headers = {**self.limit_headers, "x-api-pool": self.pool}
        if limited:
            return Response("Too Many Requests", status=429, headers={**headers, "Retry-After": "1"},
                            content_type="text/plain")
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.redirect_loop:
                return Response("", status=302, headers={"Location": request.url})
            if not fault.passthrough:
                return Response(fault.body, status=fault.status, headers={**headers, **fault.headers},
                                content_type=fault.content_type)
        if kind == "lookup":
            doi = request.path[len("/works/"):].lower()
            work = self.records.get(doi)
            if work is None:
                return Response("Resource not found.", status=404, headers=headers, content_type="text/plain")
            body = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": work}
            return Response(json.dumps(body), status=200, headers=headers, content_type="application/json")
        if kind == "search":
            return self._search(request, headers)
        if kind == "journals":
            return self._journals(request, headers)
        return Response("Resource not found.", status=404, headers=headers, content_type="text/plain")

    def _search(self, request: Request, headers: dict[str, str]) -> Response:
        query = request.args.get("query.bibliographic", "")
        rows = int(request.args.get("rows", "20"))
        words = _words(query)
        scored = []
        for record in self.records.values():
            overlap = len(words & _record_words(record))
            # Crossref's scores for a good whole-reference match run from ~50 to ~150.
            scored.append((round(overlap * 6.5 + 1.25, 3), record))
        scored.sort(key=lambda pair: -pair[0])
        items = [{**record, "score": score} for score, record in scored[:rows]]
        body = {
            "status": "ok", "message-type": "work-list", "message-version": "1.0.0",
            "message": {"facets": {}, "total-results": len(scored), "items": items, "items-per-page": rows,
                        "query": {"start-index": 0, "search-terms": None}},
        }
        return Response(json.dumps(body), status=200, headers=headers, content_type="application/json")

    def _journals(self, request: Request, headers: dict[str, str]) -> Response:
        issn = request.path.rstrip("/")[len("/journals"):].strip("/")
        if issn:  # /journals/{issn}: one record, or 404 as Crossref answers
            journal = next((j for j in self.journals if issn.upper() in j["ISSN"]), None)
            if journal is None:
                return Response("Resource not found.", status=404, headers=headers, content_type="text/plain")
            body = {"status": "ok", "message-type": "journal", "message-version": "1.0.0", "message": journal}
            return Response(json.dumps(body), status=200, headers=headers, content_type="application/json")
        words = _words(request.args.get("query", ""))
        rows = int(request.args.get("rows", "20"))
        # Crossref ranks journals by their title's words; a query sharing none finds nothing.
        scored = [(len(words & _words(j["title"])), j) for j in self.journals]
        items = [j for score, j in sorted(scored, key=lambda pair: -pair[0]) if score][:rows]
        body = {"status": "ok", "message-type": "journal-list", "message-version": "1.0.0",
                "message": {"items-per-page": rows, "query": {"start-index": 0, "search-terms": None},
                            "total-results": len(items), "items": items}}
        return Response(json.dumps(body), status=200, headers=headers, content_type="application/json")

    @classmethod
    @contextmanager
    def serve(cls) -> Iterator["FakeCrossref"]:
        server = HTTPServer(host="127.0.0.1", threaded=True)
        server.start()
        try:
            yield cls(server)
        finally:
            server.clear()
            if server.is_running():
                server.stop()


@pytest.fixture(scope="session")
def _crossref_http() -> Iterator[HTTPServer]:
    # One server for the session: stopping a werkzeug server takes ~0.5 s, too slow per test.
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def crossref_server(_crossref_http: HTTPServer) -> Iterator[FakeCrossref]:
    """A fresh fake Crossref (no faults, no recorded requests) on a loopback port."""
    _crossref_http.clear()
    yield FakeCrossref(_crossref_http)
    _crossref_http.clear()


@pytest.fixture
def crossref_options(crossref_server: FakeCrossref, tmp_path: Any) -> Any:
    """Options pointing at the fake, with a cache in tmp_path and short waits."""
    from refcheck.options import Options

    return Options(
        mailto="tests@example.org",
        crossref_url=crossref_server.url,
        cache=str(tmp_path / "crossref.sqlite"),
        timeout=2.0,
        max_retries=3,
        max_retry_wait=0.05,
        search_rate=200.0,
        lookup_rate=200.0,
        concurrency=4,
    )
