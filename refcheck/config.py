"""Where options come from, and in what order they win.

defaults < config file < environment < command-line flags (and, for the
library, keyword arguments). Everything ends as one :class:`Options`.
"""

from __future__ import annotations

import os
from typing import Any, Mapping

from .errors import ConfigError
from .options import Options

# Environment variable → option. The Crossref Plus token is read from here only,
# never from a file that could be committed.
ENVIRONMENT: dict[str, str] = {
    "REFCHECK_MAILTO": "mailto",
    "REFCHECK_CACHE": "cache",
    "REFCHECK_CROSSREF_URL": "crossref_url",
    "REFCHECK_CROSSREF_TOKEN": "token",
}


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    return {option: environ[name] for name, option in ENVIRONMENT.items() if environ.get(name)}


def load_options(cli: Mapping[str, Any], start: str | os.PathLike[str] | None = None,
                 environ: Mapping[str, str] | None = None) -> Options:
    """Merge the config file (found upward from ``start``), the environment and CLI values."""
    values: dict[str, Any] = {}
    values.update(from_environment(environ))
    values.update({k: v for k, v in cli.items() if v is not None})
    if "token" in cli and cli["token"] is not None:
        raise ConfigError("the Crossref Plus token is read from REFCHECK_CROSSREF_TOKEN only")
    return Options.from_kwargs(**values)
