"""Where options come from, and in what order they win.

defaults < config file < environment < command-line flags (and, for the
library, keyword arguments). Everything ends as one :class:`Options`.

The config file is ``refcheck.toml``, ``.refcheck.toml`` or the
``[tool.refcheck]`` table of ``pyproject.toml``, looked for in the document's
folder and then upward, stopping at the top of the git work tree (the folder
holding ``.git``) or the filesystem root. The nearest folder that has one wins;
within a folder, ``refcheck.toml`` before ``.refcheck.toml`` before
``pyproject.toml``.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> _ = open(os.path.join(folder, "refcheck.toml"), "w").write('fail_on = "warning"\\n')
>>> load_options({}, start=folder, environ={}).fail_on
'warning'
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import ConfigError
from .options import FAIL_ON_CHOICES, Options

# Environment variable → option. The Crossref Plus token is read from here only,
# never from a file that could be committed.
ENVIRONMENT: dict[str, str] = {
    "REFCHECK_MAILTO": "mailto",
    "REFCHECK_CACHE": "cache",
    "REFCHECK_CROSSREF_URL": "crossref_url",
    "REFCHECK_CROSSREF_TOKEN": "token",
}

CONFIG_NAMES: tuple[str, ...] = ("refcheck.toml", ".refcheck.toml", "pyproject.toml")

# Keys whose value is a path: relative ones resolve against the config file's folder.
PATH_KEYS: frozenset[str] = frozenset({"cache", "snapshot", "quotes_table"})


@dataclass(frozen=True)
class ConfigFile:
    """A config file found for a document, and the ``[tool.refcheck]``-level values it holds."""

    path: Path
    values: Mapping[str, Any]


# --- value checks: each returns the value to use or raises ValueError(why) -------------------

def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    return value.strip()


def _mailto(value: Any) -> str:
    value = _string(value)
    if "@" not in value or any(c.isspace() for c in value):
        raise ValueError(f"must be an e-mail address, not {value!r}")
    return value


def _url(value: Any) -> str:
    value = _string(value)
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"must be an http(s) URL, not {value!r}")
    return value.rstrip("/")


def _number(minimum: float, strict: bool) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number, not {value!r}")
        if value < minimum or (strict and value == minimum):
            raise ValueError(f"must be {'greater than' if strict else 'at least'} {minimum:g}, not {value!r}")
        return float(value)
    return check


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a whole number of at least 1, not {value!r}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {value!r}")
    return value


def _fail_on(value: Any) -> str:
    if value not in FAIL_ON_CHOICES:
        raise ValueError(f"must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}")
    return value


def _ignore(value: Any) -> tuple[tuple[str, str], ...]:
    """A list of ``{key = "...", reason = "..."}`` or ``{doi = "...", reason = "..."}`` tables."""
    if not isinstance(value, list):
        raise ValueError('must be a list of tables such as {key = "smith2020", reason = "..."}')
    out: list[tuple[str, str]] = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise ValueError(f'entry {n} must be a table such as {{key = "smith2020", reason = "..."}}')
        unknown = sorted(set(item) - {"key", "doi", "reason"})
        if unknown:
            raise ValueError(f"entry {n} has unknown field(s) {', '.join(unknown)} (use key or doi, and reason)")
        names = [item[k] for k in ("key", "doi") if k in item]
        if len(names) != 1 or not isinstance(names[0], str) or not names[0].strip():
            raise ValueError(f"entry {n} must name exactly one of key or doi")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(f"entry {n} ({names[0]}) needs a reason")
        out.append((names[0].strip(), reason.strip()))
    return tuple(out)


FILE_KEYS: dict[str, Callable[[Any], Any]] = {
    "mailto": _mailto,
    "cache": _string,
    "cache_expire_days": _number(0, strict=False),
    "snapshot": _string,
    "quotes_table": _string,
    "offline": _boolean,
    "check_quotes": _boolean,
    "fail_on": _fail_on,
    "fail_on_unresolved": _boolean,
    "ignore": _ignore,
    "search_rate": _number(0, strict=True),
    "lookup_rate": _number(0, strict=True),
    "concurrency": _count,
    "timeout": _number(0, strict=True),
    "crossref_url": _url,
}

ENVIRONMENT_CHECKS: dict[str, Callable[[Any], Any]] = {
    "mailto": _mailto, "cache": _string, "crossref_url": _url, "token": _string,
}


# --- finding and reading the file ------------------------------------------------------------

def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The refcheck table of a config file, or None when a pyproject.toml has none."""
    data = _load_toml(path)
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("refcheck")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.refcheck] must be a table")
    return table


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file that applies to a document (or folder), or None.

    Looks in ``start``'s folder (the current folder when None or ``-``), then
    upward; stops after the folder that holds ``.git`` or at the root.
    """
    if start is None or os.fspath(start) == "-":
        folder = Path.cwd()
    else:
        folder = Path(start).expanduser().absolute()
        if not folder.is_dir():
            folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _table(path) is not None):
                return path
        if (candidate / ".git").exists():
            break
    return None


def read_config(path: str | os.PathLike[str]) -> ConfigFile:
    """Read and check one config file; relative paths in it resolve against its folder.

    Every error names the file and the key.
    """
    path = Path(path)
    table = _table(path)
    where = f"{path} [tool.refcheck]" if path.name == "pyproject.toml" else str(path)
    if table is None:
        return ConfigFile(path, {})
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key == "token":
            raise ConfigError(f"{where}: key 'token' is refused: a Crossref Plus token must not be committed; "
                              "set REFCHECK_CROSSREF_TOKEN instead")
        check = FILE_KEYS.get(key)
        if check is None:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(FILE_KEYS))})")
        try:
            value = check(raw)
        except ValueError as exc:
            raise ConfigError(f"{where}: key {key!r} {exc}") from None
        if key in PATH_KEYS:
            value = str((path.parent / Path(value).expanduser()).resolve())
        values[key] = value
    return ConfigFile(path, values)


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Option values from ``REFCHECK_*`` variables (empty ones are unset)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, option in ENVIRONMENT.items():
        raw = environ.get(name)
        if not raw:
            continue
        try:
            value = ENVIRONMENT_CHECKS[option](raw)
        except ValueError as exc:
            raise ConfigError(f"environment variable {name} {exc}") from None
        if option == "cache":
            value = str(Path(value).expanduser().absolute())
        values[option] = value
    return values


def load_options(cli: Mapping[str, Any], start: str | os.PathLike[str] | None = None,
                 environ: Mapping[str, str] | None = None, config: str | os.PathLike[str] | None = None) -> Options:
    """Merge the config file (found upward from ``start``), the environment and CLI values.

    ``config`` names a config file to use instead of searching. CLI values of
    None mean "not given".
    """
    if "token" in cli and cli["token"] is not None:
        raise ConfigError("the Crossref Plus token is read from REFCHECK_CROSSREF_TOKEN only")
    path = Path(config) if config is not None else find_config(start)
    values: dict[str, Any] = {}
    if path is not None:
        values.update(read_config(path).values)
    values.update(from_environment(environ))
    values.update({k: v for k, v in cli.items() if v is not None})
    try:
        return Options.from_kwargs(**values)
    except ConfigError as exc:
        raise ConfigError(f"{exc} (config file: {path})" if path is not None else str(exc)) from None
