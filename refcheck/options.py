"""One settings object for every way refcheck is configured.

CLI flags, the config file, environment variables and the library's keyword
arguments all produce an :class:`Options`; precedence is decided in one place
(:func:`Options.from_kwargs` for the library, ``config.py`` for files and the
environment).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError

DEFAULT_CROSSREF_URL = "https://api.crossref.org"
DEFAULT_CACHE_EXPIRE_DAYS = 30
DEFAULT_TIMEOUT = 20.0
FAIL_ON_CHOICES = ("error", "warning", "never")

# Crossref's limits in force since December 2025 (requests per second / concurrent).
POLITE_SEARCH_RATE = 3.0
POLITE_LOOKUP_RATE = 10.0
POLITE_CONCURRENCY = 3
PUBLIC_SEARCH_RATE = 1.0
PUBLIC_LOOKUP_RATE = 5.0
PUBLIC_CONCURRENCY = 1


@dataclass(frozen=True)
class Options:
    """Every option refcheck understands, with its default.

    >>> Options.from_kwargs(mailto="me@example.org").polite
    True
    """

    mailto: str | None = None
    cache: str | None = None  # path of the SQLite cache file; None = user cache dir
    cache_expire_days: float = DEFAULT_CACHE_EXPIRE_DAYS
    refresh: bool = False
    offline: bool = False
    crossref_url: str = DEFAULT_CROSSREF_URL
    snapshot: str | None = None
    quotes_table: str | None = None
    fail_on: str = "error"
    fail_on_unresolved: bool = False  # exit 1 when references could not be checked (a CI job's choice)
    ignore: tuple[tuple[str, str], ...] = ()  # (citation key or DOI, reason)
    search_rate: float | None = None  # per second; None = from the pool
    lookup_rate: float | None = None
    concurrency: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = 3
    max_retry_wait: float = 60.0  # never honour a Retry-After longer than this
    token: str | None = field(default=None, repr=False)  # Crossref Plus; env only
    check_quotes: bool = True
    check_references: bool = True
    fix: bool = False  # correct mismatched values in the checked files themselves (check_file, CLI --fix)

    @property
    def polite(self) -> bool:
        return bool(self.mailto)

    @property
    def effective_search_rate(self) -> float:
        return self.search_rate or (POLITE_SEARCH_RATE if self.polite else PUBLIC_SEARCH_RATE)

    @property
    def effective_lookup_rate(self) -> float:
        return self.lookup_rate or (POLITE_LOOKUP_RATE if self.polite else PUBLIC_LOOKUP_RATE)

    @property
    def effective_concurrency(self) -> int:
        return self.concurrency or (POLITE_CONCURRENCY if self.polite else PUBLIC_CONCURRENCY)

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> "Options":
        """Build options from keyword arguments, rejecting unknown names and bad values."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(kwargs) - names)
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(unknown)}")
        values = {k: v for k, v in kwargs.items() if v is not None}
        if "ignore" in values:
            values["ignore"] = _normalise_ignore(values["ignore"])
        options = cls(**values)
        options.validate()
        return options

    def replace(self, **changes: Any) -> "Options":
        return dataclasses.replace(self, **changes)

    def validate(self) -> None:
        if self.fail_on not in FAIL_ON_CHOICES:
            raise ConfigError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}, not {self.fail_on!r}")
        if self.cache_expire_days < 0:
            raise ConfigError("cache_expire_days must be zero or more")
        for name in ("search_rate", "lookup_rate", "timeout"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ConfigError(f"{name} must be a positive number")
        if self.concurrency is not None and self.concurrency < 1:
            raise ConfigError("concurrency must be at least 1")


def _normalise_ignore(value: Any) -> tuple[tuple[str, str], ...]:
    """Accept {key: reason}, [(key, reason)], [{"key":..., "reason":...}] or [key]."""
    if isinstance(value, dict):
        return tuple((str(k), str(v)) for k, v in value.items())
    items: list[tuple[str, str]] = []
    for item in value:
        if isinstance(item, str):
            items.append((item, ""))
        elif isinstance(item, dict):
            key = item.get("key") or item.get("doi") or item.get("id")
            if not key:
                raise ConfigError(f"ignore entry {item!r} names no key or doi")
            items.append((str(key), str(item.get("reason", ""))))
        else:
            key, reason = item
            items.append((str(key), str(reason)))
    return tuple(items)
