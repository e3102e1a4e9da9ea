"""Errors a user can act on. The CLI prints ``str(error)`` as one line and exits non-zero."""

from __future__ import annotations


class FrontwatchError(Exception):
    """Base class: the message says what went wrong and where."""


class InputError(FrontwatchError):
    """One input (a file, a line of a file) cannot be read; other inputs go on."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where = where
        self.what = what


class SettingsError(FrontwatchError):
    """The settings file or an environment override is invalid."""


class StoreError(FrontwatchError):
    """The database cannot be opened, migrated or written."""


class ResourceError(FrontwatchError):
    """A packaged data file (lexicon, mapping) is missing or malformed."""
