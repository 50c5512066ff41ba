"""Logging: every line about a mail carries its case or mail id; personal data is masked."""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any


class MailLogger(logging.LoggerAdapter[logging.Logger]):
    """Prefixes every message with ``[case]`` so grep finds a mail's whole story."""

    def process(
        self, msg: Any, kwargs: MutableMapping[str, Any]
    ) -> tuple[Any, MutableMapping[str, Any]]:
        case = self.extra.get("case", "-") if self.extra else "-"
        return f"[{case}] {msg}", kwargs


def mail_logger(name: str, case: str) -> MailLogger:
    return MailLogger(logging.getLogger(name), {"case": case})


def mask(value: str, keep_start: int = 2, keep_end: int = 2) -> str:
    """``A12345678`` -> ``A1*****78``; a passport number or NIK never appears in full."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def configure(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
