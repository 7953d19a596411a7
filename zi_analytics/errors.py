"""The one error type that carries a message a user can read."""

from __future__ import annotations


class IngestError(Exception):
    """A file cannot be read; ``message`` is Indonesian and safe to show as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
