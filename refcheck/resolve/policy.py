"""What to make of Crossref's answers: pure decisions, no I/O.

The Crossref client (``crossref.py``) fetches; this module decides, from a
response's status, headers and body, how long to wait before retrying, what
pace the service grants, whether a response may be cached, and what to call a
response refcheck cannot use — like requests-cache's ``policy/``, apart from
the session that acts on it.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import urlsplit

__all__ = ["retry_after", "header_rate", "is_works_message", "cache_filter", "is_json", "bad_response_reason"]


def retry_after(response: Any) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


def header_rate(headers: Any) -> float | None:
    """Requests per second granted by ``x-rate-limit-limit`` / ``x-rate-limit-interval``."""
    try:
        limit = float(headers.get("x-rate-limit-limit", ""))
    except ValueError:
        return None
    match = _INTERVAL.match(headers.get("x-rate-limit-interval", "1s") or "1s")
    if not match or limit <= 0:
        return None
    seconds = float(match.group(1)) * _UNIT[match.group(2)]
    return limit / seconds if seconds > 0 else None





def is_works_message(body: Any) -> bool:
    return isinstance(body, dict) and body.get("status") == "ok" and isinstance(body.get("message"), dict)


def cache_filter(host: str) -> Callable[[Any], bool]:
    def cacheable(response: Any) -> bool:
        """False stops a response being stored (and drops a stored one it replaces)."""
        if urlsplit(response.url or "").netloc.lower() != host:
            return False
        if response.status_code != 200:
            return True  # allowable_codes=(200, 404) decides; a 5xx must not evict a good entry
        if not is_json(response):
            return False
        try:
            body = response.json()
        except ValueError:
            return False
        if not is_works_message(body):
            return False
        # {"status": "ok"} is not enough: a search must hold a list of items, a look-up its work,
        # or a malformed answer would be served from the cache on every later run.
        path = urlsplit(response.url).path.rstrip("/")
        if path.endswith("/works") or path.endswith("/journals"):
            return isinstance(body["message"].get("items"), list)
        if "/journals/" in path:  # one journal's record: its title is what refcheck reads
            return bool(body["message"].get("title"))
        return bool(body["message"].get("DOI"))

    return cacheable


def is_json(response: Any) -> bool:
    return "json" in response.headers.get("Content-Type", "").lower()


def bad_response_reason(response: Any) -> str:
    """A short reason for a response refcheck cannot use."""
    if response is None:
        return "no response from Crossref"
    status = response.status_code
    if status != 200:
        return f"HTTP {status} from Crossref"
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if "html" in ctype:
        return "bad response: an HTML page instead of JSON"
    if "json" not in ctype:
        return f"bad response: {ctype or 'no content type'} instead of JSON"
    try:
        response.json()
    except ValueError:
        return "bad response: invalid JSON"
    return "bad response: unexpected JSON"
