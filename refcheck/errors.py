"""refcheck's own exception types.

Everything refcheck raises on purpose derives from :class:`RefcheckError`, so a
caller can catch one type. The CLI turns each into one line on stderr and exit
code 2. A reference that fails to parse or resolve is *not* an exception: it
becomes a result with a status and a reason.
"""

from __future__ import annotations


class RefcheckError(Exception):
    """Base class of every error refcheck raises on purpose."""


class InputError(RefcheckError):
    """A document cannot be read: missing, unreadable, binary, or of an unknown format."""


class ConfigError(RefcheckError):
    """A configuration file, option or environment variable has a bad key or value."""


class QuotesTableError(RefcheckError):
    """The curated quotes table is malformed (the message names the row)."""


class SnapshotError(RefcheckError):
    """A snapshot file cannot be read or written."""
