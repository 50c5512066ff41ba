"""One hierarchy for every error fasdip-intake raises on purpose.

Each error carries a stable ``reason`` code, an exit code for the CLI, and a
message that names the file or setting at fault and how to fix it. Code that
wraps a third-party failure does it with ``raise SomeError(...) from exc`` so
that the cause stays in the traceback for developers, while the user sees one
line.

Problems *with a mission's email* (a corrupt PDF, a photo with a blue
background) are not errors: they are findings in the verdict. Errors are for
problems with the program's own inputs: settings, config files, a file given
on the command line that cannot be read.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``fasdip`` command (docs/design.md: 0 done, 2 usage, 1 unexpected)."""

    ok = 0
    unexpected = 1
    usage = 2


class FasdipError(Exception):
    """Base class: ``reason`` is a stable code, ``str(err)`` is the one-line message."""

    reason: str = "fasdip_error"
    exit_code: ExitCode = ExitCode.unexpected

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.reason


class UsageError(FasdipError):
    """The command line asks for something that cannot be done."""

    reason = "bad_usage"
    exit_code = ExitCode.usage


class ConfigError(FasdipError):
    """A settings value or a config file (YAML, template) is missing or invalid."""

    reason = "bad_config"
    exit_code = ExitCode.usage


class InputFileError(FasdipError):
    """A file named on the command line cannot be read."""

    reason = "input_unreadable"
    exit_code = ExitCode.usage


class AdapterError(FasdipError):
    """An external tool (PDF library, image library, OCR, mail server) failed."""

    reason = "tool_failed"


class OcrError(AdapterError):
    """Tesseract failed or is not installed."""

    reason = "ocr_failed"


class TokenError(AdapterError):
    """No OAuth2 access token for the mailbox: token URL unreachable, client or grant refused."""

    reason = "oauth2_token_failed"


class StoreError(AdapterError):
    """The database of the store (SQLite or PostgreSQL) cannot be reached or read."""

    reason = "store_unreachable"
