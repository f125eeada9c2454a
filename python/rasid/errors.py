"""The exceptions and warnings rasid raises.

Everything rasid raises on its own account is a :class:`RasidError`::

    RasidError
    ├── ReadError          an input could not be read (names the file and the place)
    ├── ResourcesError     a resources directory lacks a file or holds a malformed one
    ├── RasidIndexError    the index cannot be opened, read or written
    │   └── QueryError     a malformed query or filter (also a ValueError)
    └── StoriesError       the stories store cannot be opened, read or written

    ReadWarning            an input was skipped on purpose (empty, binary, not a text
                           format) or read with a problem (replaced bytes, ...)

Wrong argument types raise :class:`TypeError` and bad values :class:`ValueError`,
as Python functions do.
"""

from __future__ import annotations

__all__ = [
    "QueryError",
    "RasidError",
    "RasidIndexError",
    "ReadError",
    "ReadWarning",
    "ResourcesError",
    "StoriesError",
]


class RasidError(Exception):
    """The base of every error rasid raises on its own account."""


class ReadError(RasidError):
    """An input could not be read.

    The message is the one ``rasid analyze`` prints, e.g.
    ``news.jsonl:line 12: no "body" field``.

    Attributes:
        path: the input as given.
        location: where in it (``"line 12"``, ``"byte 4096"``, ``"record 2"``), or None.
        reason: what went wrong, without the path and the place.
        skip: True for inputs left out on purpose (empty, binary, not a text format).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        location: str | None = None,
        reason: str = "",
        skip: bool = False,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.location = location
        self.reason = reason or message
        self.skip = skip


class ResourcesError(RasidError):
    """A resources directory lacks a file or holds a malformed one (the message names it)."""


class RasidIndexError(RasidError):
    """The search index cannot be opened, read or written (a missing or locked index,
    one built with other analyzer settings, an unknown article id)."""


class QueryError(RasidIndexError, ValueError):
    """A malformed query or filter; the message points at the problem."""


class StoriesError(RasidError):
    """The stories store cannot be opened, read or written, or a story id is unknown."""


class ReadWarning(UserWarning):
    """An input skipped on purpose (empty, binary, not a text format), or an article
    read with a problem that did not stop it (replaced bytes, a contradicting weekday)."""
