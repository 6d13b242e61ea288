"""One error family whose messages are safe to show a user as they are."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error this library raises on purpose; `str()` is one line fit for a user."""

    exit_code = 1


class InputError(SummarizerError):
    """An input file or text cannot be used: missing, empty, binary, mis-encoded or too large."""

    exit_code = 2


class ConfigError(SummarizerError):
    """No usable backend or an invalid setting; the message says how to fix it."""

    exit_code = 2


class BackendError(SummarizerError):
    """The model server failed or the model's answers never fit the schema."""

    exit_code = 1

    def __init__(
        self, message: str, *, attempts: int | None = None, last_response: str | None = None
    ) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_response = last_response


class CassetteError(SummarizerError):
    """A replayed run asked for a response its cassette does not hold."""

    exit_code = 2


class OutputError(SummarizerError):
    """The report could not be written where asked; the message says where it was kept instead."""

    exit_code = 1
