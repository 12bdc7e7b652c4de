"""Exceptions that carry the input's location and a plain reason."""

from __future__ import annotations


class CorroborateError(Exception):
    """Base class for every error the tool reports to a user."""


class InputError(CorroborateError):
    """A report that cannot be read: names the file (and row) and why."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # pickled by (location, reason), not by the joined message: errors come back from
        # worker processes (corroborate.scale)
        return (type(self), (self.location, self.reason))


class StoreError(CorroborateError):
    """The database cannot be opened or is of an unknown schema version."""
