"""The Crossref edge of refcheck: DOI look-ups and bibliographic searches, cached.

This is the only module that imports :mod:`habanero` and :mod:`requests_cache`.
:class:`CrossrefClient` is a :class:`~refcheck.resolve.source.Source`, the last
one the resolver asks: it speaks for all of Crossref, so its ``lookup`` never
answers ``None`` (an unknown DOI is ``doi_not_found``).

How habanero's requests are cached, paced and given a timeout
--------------------------------------------------------------
habanero 1.2 calls the module-level ``requests.get`` of its own modules
(``habanero.request`` for ``/works/{doi}``, ``habanero.request_class`` for
``/works?query...``) with no timeout and no session. refcheck never patches
``requests`` itself (no ``requests_cache.install_cache``, which swaps the
global ``requests.Session`` and is not safe across threads); it replaces only
the name ``requests`` *inside those two habanero modules* with a small shim
object that looks like the requests module. The shim is a pass-through unless
the current thread is inside a :class:`CrossrefClient` call, in which case it
sends the request through that client's private
:class:`requests_cache.CachedSession` (SQLite, thread-safe) with a timeout, the
rate limiter, retries with back-off, and the Plus token header. The shim is
installed when the first client opens and removed when the last one closes
(reference-counted under a lock), and the per-call binding is thread-local, so
concurrent calls never race on patch/unpatch, ``requests.Session`` and
``requests.get`` stay the caller's own, and nothing outside refcheck's own
Crossref calls is ever cached.

Caching
-------
Only 200 responses with a well-formed Crossref JSON body and 404s of
``/works/{doi}`` are stored, so a timeout, a 5xx, a 429 or an HTML error page
is refetched next run. A cache hit costs no rate budget: the cache is probed
(``only_if_cached``) before a request takes a rate-limiter slot. ``mailto``
travels in the User-Agent (where habanero puts it, as Crossref asks); the
User-Agent headers and ``Crossref-Plus-API-Token`` are named in requests-cache's
``ignored_parameters``, so neither the e-mail address nor the token is written
to the cache file or used in its keys, and users with different addresses can
share one cache.

Failures are data: every method returns a :class:`~refcheck.model.Lookup`,
with ``error`` set to a short reason (``"timeout after 3 tries"``) when
Crossref could not answer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlsplit

import habanero  # type: ignore[import-untyped]  # habanero ships no type hints
import habanero.request  # type: ignore[import-untyped]  # habanero ships no type hints
import habanero.request_class  # type: ignore[import-untyped]  # habanero ships no type hints
import requests
import requests_cache
from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS

from ..model import Candidate, Lookup, Venue
from ..normalize import fold, normalize_doi
from ..options import Options
from . import policy
from .breaker import Breaker
from .cache import cache_path
from .ratelimit import RateLimiter
from .records import venue_from_message, work_from_message

__all__ = ["CrossrefClient", "normalize_doi", "TOKEN_HEADER"]

TOKEN_HEADER = "Crossref-Plus-API-Token"
# Left out of cache keys and redacted from stored requests: secrets and the e-mail address.
REDACTED_PARAMS = (*DEFAULT_IGNORED_PARAMS, TOKEN_HEADER, "User-Agent", "X-USER-AGENT", "mailto")
BACKOFF_BASE = 1.0  # seconds before the 2nd try; doubled for each further try
OFFLINE_MISS = "offline and not cached"
CACHE_BUSY_TIMEOUT_MS = 30_000
VENUE_ROWS = 5  # journals asked of /journals per venue name

log = logging.getLogger(__name__)

# -- the shim habanero sees as ``requests`` ---------------------------------------


class _Failure(Exception):
    """Raised inside a call when Crossref could not answer; carries the short reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _RequestsShim:
    """Stands in for the ``requests`` module inside habanero's request modules.

    ``get`` goes through the :class:`_Call` bound to the current thread, or to
    the real ``requests.get`` when no refcheck call is running on it.
    """

    def __init__(self, real: Any) -> None:
        self._real = real
        self._local = threading.local()

    def __getattr__(self, name: str) -> Any:  # exceptions, __version__, ...
        return getattr(self._real, name)

    def get(self, url: str, params: Any = None, **kwargs: Any) -> Any:
        call = getattr(self._local, "call", None)
        if call is None:
            return self._real.get(url, params=params, **kwargs)
        return call.get(url, params=params, **kwargs)

    def bind(self, call: "_Call | None") -> None:
        self._local.call = call


_HABANERO_MODULES = (habanero.request, habanero.request_class)
_shim = _RequestsShim(requests)
_shim_lock = threading.Lock()
_shim_users = 0


def _install_shim() -> None:
    global _shim_users
    with _shim_lock:
        if _shim_users == 0:
            for module in _HABANERO_MODULES:
                module.requests = _shim  # type: ignore[attr-defined]
        _shim_users += 1


def _uninstall_shim() -> None:
    global _shim_users
    with _shim_lock:
        _shim_users -= 1
        if _shim_users == 0:
            for module in _HABANERO_MODULES:
                module.requests = requests  # type: ignore[attr-defined]


# -- one call: what happened on the wire ----------------------------------------------


class _Call:
    """The transport for one refcheck call; remembers the final response."""

    def __init__(self, client: "CrossrefClient", kind: str) -> None:
        self.client = client
        self.kind = kind
        self.response: requests.Response | None = None
        self.from_cache = False

    def get(self, url: str, params: Any = None, headers: Any = None, **_: Any) -> requests.Response:
        client = self.client
        options = client.options
        headers = dict(headers or {})
        if options.token:
            token = options.token if options.token.lower().startswith("bearer ") else f"Bearer {options.token}"
            headers[TOKEN_HEADER] = token
        if not options.refresh or options.offline:
            cached = client._session_get(url, params=params, headers=headers, only_if_cached=True)
            if getattr(cached, "from_cache", False) and cached.status_code != 504:
                self.response, self.from_cache = cached, True
                return cached
        if options.offline:
            raise _Failure(OFFLINE_MISS)

        refusal = client.breaker.refusal()
        if refusal:
            raise _Failure(refusal)  # a long Retry-After, or Crossref unreachable: do not knock again

        tries = max(1, options.max_retries)
        reason = ""
        for attempt in range(1, tries + 1):
            wait_asked: float | None = None
            response_status = 0
            try:
                with client.limiter.slot(self.kind):
                    client._count_request()
                    response = client._session_get(
                        url, params=params, headers=headers, timeout=options.timeout,
                        force_refresh=options.refresh,
                    )
            except requests.exceptions.TooManyRedirects:
                raise _Failure("redirect loop") from None
            except requests.exceptions.Timeout:
                reason = "timeout"
            except requests.exceptions.ConnectionError:
                reason = "connection failed"
            except requests.exceptions.RequestException as exc:
                raise _Failure(f"request failed: {type(exc).__name__}") from None
            else:
                client.breaker.answered()
                client._learn_limits(self.kind, response)
                status = response_status = response.status_code
                if status != 429 and status < 500:
                    self.response, self.from_cache = response, bool(getattr(response, "from_cache", False))
                    return response
                reason = "rate limited (HTTP 429)" if status == 429 else f"HTTP {status}"
                wait_asked = policy.retry_after(response)
                if wait_asked is not None and wait_asked > options.max_retry_wait:
                    reason = (f"{reason}: Retry-After {wait_asked:g} s exceeds "
                              f"max_retry_wait {options.max_retry_wait:g} s")
                    client.breaker.hold(wait_asked, reason)
                    raise _Failure(reason)
            if attempt == tries:
                break
            wait = wait_asked if wait_asked is not None else BACKOFF_BASE * 2 ** (attempt - 1)
            wait = min(wait, options.max_retry_wait)
            if response_status == 429:
                # Every request of the batch waits, not only this one, and the pace stays slower.
                client.limiter.pause(wait)
                current = client.limiter.rate(self.kind)
                if current:
                    client.limiter.slow_down(self.kind, current * 0.8)
            client._sleep(wait)
        reason = f"{reason} after {tries} {'try' if tries == 1 else 'tries'}"
        if not response_status:
            client.breaker.unanswered(reason)
        raise _Failure(reason)


# -- the cache file: the user's, so a broken one is worked around, never deleted -----------


class _CacheUnusable(Exception):
    """The SQLite cache failed in a way that waiting will not fix (read-only, disk full, corrupt)."""


def _cache_trouble(path: Path) -> str:
    """Why the SQLite file at ``path`` cannot be the cache, or "" if it can; never blocks for long.

    Run before requests-cache opens the file: requests-cache 1.x retries ``BEGIN
    IMMEDIATE`` forever on any error, so a read-only or full disk would hang it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), timeout=CACHE_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        return getattr(exc, "strerror", None) or str(exc)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # what requests-cache asks for; needs the -wal and -shm files
        db.execute("BEGIN IMMEDIATE")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "" if "locked" in str(exc) or "busy" in str(exc) else str(exc)  # busy: another refcheck writes
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        db.close()
    return ""


def _bounded_write_lock(store: Any) -> Callable[[], Any]:
    """Stands in for requests-cache's ``SQLiteDict._acquire_sqlite_lock``, which loops forever when
    ``BEGIN IMMEDIATE`` fails for a reason other than a busy database and swallows failed writes."""

    @contextmanager
    def acquire() -> Any:
        with store._lock:
            try:
                store._connection.execute("BEGIN IMMEDIATE")  # waits up to busy_timeout for other writers
            except sqlite3.Error as exc:
                raise _CacheUnusable(str(exc)) from None
            store._active_transaction = True
            try:
                yield
                store._connection.commit()
            except BaseException:
                try:
                    store._connection.rollback()
                except sqlite3.Error:
                    pass
                raise
            finally:
                store._active_transaction = False

    return acquire


# -- the client -----------------------------------------------------------------------


class CrossrefClient:
    """DOI look-ups and bibliographic searches against Crossref, through the cache.

    >>> with CrossrefClient(Options(mailto="me@example.org", offline=True, cache=":memory:")) as client:
    ...     client.lookup("10.1038/nm.4050").error
    'offline and not cached'
    """

    def __init__(self, options: Options, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self._sleep = sleep
        self.base_url = options.crossref_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc.lower()
        self.cache_path = _cache_location(options.cache)
        self.limiter = RateLimiter(
            {"search": options.effective_search_rate, "lookup": options.effective_lookup_rate},
            options.effective_concurrency,
            sleep=sleep,  # so a progress bar can show rate-limit waits
        )
        self._requests_sent = 0
        self.breaker = Breaker()
        self._count_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._cache_failed = False
        self._dropped_sessions: list[requests_cache.CachedSession] = []
        self.session = self._open_session()
        from .._version import __version__

        self._habanero = habanero.Crossref(
            base_url=self.base_url, mailto=options.mailto, ua_string=f"refcheck/{__version__}"
        )
        # One /journals request per venue per run, whatever the number of references citing it.
        self._venues: dict[str, tuple[Venue, ...] | None] = {}
        self._venues_lock = threading.Lock()
        self._closed = False
        _install_shim()

    # -- the session and its cache

    def _new_session(self, path: Path | str | None) -> requests_cache.CachedSession:
        """A cached session on the SQLite file ``path``, or in memory for this run when None."""
        settings: dict[str, Any] = dict(
            expire_after=timedelta(days=self.options.cache_expire_days),
            allowable_codes=(200, 404),
            allowable_methods=("GET",),
            filter_fn=policy.cache_filter(self.host),
            ignored_parameters=REDACTED_PARAMS,
            stale_if_error=False,
        )
        if path is None:
            session = requests_cache.CachedSession("refcheck", backend="memory", **settings)
        else:
            session = requests_cache.CachedSession(str(path), backend="sqlite", wal=True,
                                                   busy_timeout=CACHE_BUSY_TIMEOUT_MS, **settings)
            for store in (session.cache.responses, session.cache.redirects):
                if hasattr(store, "_acquire_sqlite_lock"):
                    store._acquire_sqlite_lock = _bounded_write_lock(store)
        # Retries are refcheck's (with back-off and Retry-After); urllib3 must not retry on its own.
        adapter = requests.adapters.HTTPAdapter(max_retries=0, pool_maxsize=max(10, self.options.effective_concurrency))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        # requests drops only Authorization on a redirect to another host: drop the Plus token too.
        rebuild_auth = session.rebuild_auth

        def rebuild_auth_without_token(prepared: Any, response: Any) -> None:
            rebuild_auth(prepared, response)
            if urlsplit(prepared.url).netloc.lower() != self.host:
                prepared.headers.pop(TOKEN_HEADER, None)

        session.rebuild_auth = rebuild_auth_without_token  # type: ignore[method-assign, assignment]
        return session

    def _open_session(self) -> requests_cache.CachedSession:
        if isinstance(self.cache_path, Path):
            trouble = _cache_trouble(self.cache_path)
            if trouble:
                self._warn_cache(trouble)
                return self._new_session(None)
        try:
            return self._new_session(self.cache_path)
        except (sqlite3.Error, OSError, _CacheUnusable) as exc:
            self._warn_cache(str(exc))
            return self._new_session(None)

    def _warn_cache(self, reason: str) -> None:
        self._cache_failed = True
        log.warning("the Crossref cache %s cannot be used (%s); checking without it (the file is left untouched)",
                    self.cache_path, reason)

    def _session_get(self, url: str, **kwargs: Any) -> requests.Response:
        """``session.get``; if the cache file fails mid-run, warn once and go on with an in-memory cache."""
        session = self.session
        try:
            return session.get(url, **kwargs)
        except (sqlite3.Error, _CacheUnusable) as exc:
            with self._cache_lock:
                if self.session is session:
                    if not self._cache_failed:
                        self._warn_cache(str(exc))
                    self._dropped_sessions.append(session)
                    self.session = self._new_session(None)
            return self.session.get(url, **kwargs)

    # -- lifecycle

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        _uninstall_shim()
        for session in (*self._dropped_sessions, self.session):
            try:
                session.close()
            except (sqlite3.Error, OSError):
                pass

    def __enter__(self) -> "CrossrefClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def requests_sent(self) -> int:
        """How many requests this client has sent to the network (cache hits excluded)."""
        return self._requests_sent

    def _count_request(self) -> None:
        with self._count_lock:
            self._requests_sent += 1

    def _learn_limits(self, kind: str, response: requests.Response) -> None:
        """Slow down when Crossref's headers grant less than the configured limits."""
        if getattr(response, "from_cache", False):
            return
        rate = policy.header_rate(response.headers)
        if rate is not None:
            self.limiter.slow_down(kind, rate)
        try:
            concurrency = int(response.headers.get("x-concurrency-limit", ""))
        except ValueError:
            return
        self.limiter.limit_concurrency(concurrency)

    def _run(self, kind: str, fn: Callable[[habanero.Crossref], Any]) -> tuple[_Call, Any, str]:
        """Run one habanero call with this client as its transport; (call, result, error)."""
        if self._closed:
            raise RuntimeError("CrossrefClient is closed")
        call = _Call(self, kind)
        _shim.bind(call)
        try:
            return call, fn(self._habanero), ""
        except _Failure as failure:
            return call, None, failure.reason
        except Exception:  # habanero raises HTTPError, RequestError, ValueError, KeyError...
            return call, None, policy.bad_response_reason(call.response)
        finally:
            _shim.bind(None)

    def _source(self, call: _Call) -> str:
        return "cache" if call.from_cache else "crossref"

    # -- the two questions refcheck asks

    def lookup(self, doi: str) -> Lookup:
        """``/works/{doi}``: the work a DOI names, or ``doi_not_found``.

        Never raises for a network or server problem: ``Lookup.error`` says what went wrong.
        """
        doi = normalize_doi(doi)
        if not doi:
            return Lookup(by_doi=True, error="empty DOI")
        call, result, error = self._run("lookup", lambda cr: cr.works(ids=quote(doi, safe="/:;()")))
        source = self._source(call)
        if call.response is not None and call.response.status_code == 404:
            return Lookup(by_doi=True, doi_not_found=True, source=source)
        if error:
            return Lookup(by_doi=True, error=error, source=source)
        if not policy.is_works_message(result) or not result["message"].get("DOI"):
            return Lookup(by_doi=True, error="bad response: unexpected JSON", source=source)
        work = work_from_message(result["message"])
        return Lookup(candidates=(Candidate(work, source=source),), by_doi=True, source=source)  # type: ignore[arg-type]

    def search(self, query: str, rows: int = 5) -> Lookup:
        """``/works?query.bibliographic=<query>&rows=<rows>``: candidates with Crossref's raw score."""
        query = " ".join(query.split())
        if not query:
            return Lookup(error="empty query")
        call, result, error = self._run(
            "search", lambda cr: cr.works(query_bibliographic=query, limit=rows)
        )
        source = self._source(call)
        if error:
            return Lookup(error=error, source=source)
        items = result["message"].get("items") if policy.is_works_message(result) else None
        if not isinstance(items, list):
            return Lookup(error="bad response: unexpected JSON", source=source)
        candidates = []
        for item in items:
            if not isinstance(item, dict):
                continue
            score = item.get("score")
            candidates.append(
                Candidate(
                    work_from_message(item),
                    score=float(score) if isinstance(score, (int, float)) else None,
                    source=source,  # type: ignore[arg-type]
                )
            )
        return Lookup(candidates=tuple(candidates), source=source)


    def venues(self, name: str, rows: int = VENUE_ROWS) -> tuple[Venue, ...] | None:
        """``/journals?query=<name>&rows=<rows>``: the journals Crossref names like ``name``, best first.

        ``()`` when Crossref knows none; ``None`` when it could not answer (offline and not cached,
        timeout...): no evidence either way. Memoised by folded name for the client's life (one run),
        so a venue cited by many references costs one request, and cached like every response.
        """
        key = " ".join(fold(name).split())
        if not key:
            return ()
        with self._venues_lock:  # held across the fetch: two threads citing one venue send one request
            if key in self._venues:
                return self._venues[key]
            call, result, error = self._run("search", lambda cr: cr.journals(query=" ".join(name.split()), limit=rows))
            items = result["message"].get("items") if not error and policy.is_works_message(result) else None
            found: tuple[Venue, ...] | None = None
            if isinstance(items, list):
                found = tuple(venue_from_message(item, self._source(call)) for item in items if isinstance(item, dict))
            elif not error:
                log.debug("unexpected /journals answer for %r", name)
            self._venues[key] = found
            return found


def _cache_location(cache: str | None) -> Path | str:
    if cache and (":memory:" in cache or "mode=memory" in cache):
        return cache
    return cache_path(cache)  # its folder is made by _cache_trouble, which reports a failure as a warning

