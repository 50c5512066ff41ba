"""Header values from untrusted mail, decoded without raising (standard library only)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from email.errors import HeaderParseError
from email.header import Header, decode_header, make_header

_MSG_ID = re.compile(r"<([^<>\s]{1,998})>")
_DECODE_ERRORS = (HeaderParseError, LookupError, UnicodeError, ValueError, TypeError, IndexError)


def as_text(value: object) -> str:
    """A header value as ``str``: 8-bit bytes read as UTF-8 (else Latin-1), never surrogates."""
    if value is None:
        return ""
    if isinstance(value, Header):
        try:
            text = str(value)
        except _DECODE_ERRORS:
            text = value.encode()
    else:
        text = str(value)
    return fix_surrogates(text)


def fix_surrogates(text: str) -> str:
    """Undo the ``surrogateescape`` the email package uses for raw 8-bit header bytes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
    return text


def decode_text(value: object) -> str:
    """RFC 2047 encoded words decoded; a broken word stays as it was sent."""
    text = as_text(value)
    if "=?" not in text:
        return unfold(text)
    try:
        decoded = str(make_header(decode_header(text)))
    except _DECODE_ERRORS:
        return unfold(text)
    return unfold(fix_surrogates(decoded))


def unfold(text: str) -> str:
    return " ".join(text.split())


def parse_date(value: str | None) -> dt.datetime | None:
    """An aware datetime from an RFC 5322 date; ``-0000`` or no zone counts as UTC."""
    if not value or not value.strip():
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def received_date(received: list[str]) -> dt.datetime | None:
    """The date after the last ``;`` of the topmost ``Received:`` header."""
    if not received:
        return None
    top = unfold(received[0])
    if ";" not in top:
        return None
    return parse_date(top.rsplit(";", 1)[1])


def message_ids(value: str) -> list[str]:
    """``<a@b> <c@d>`` -> ``["<a@b>", "<c@d>"]``; a bare token is kept as it is."""
    found = [f"<{m}>" for m in _MSG_ID.findall(value)]
    if found:
        return found
    return value.split()[:1] if value.strip() else []


def first_message_id(value: str) -> str | None:
    ids = message_ids(value)
    return ids[0] if ids else None


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs; entries without an address are dropped.

    An entry with no ``@`` is no address: it is what is left of a display name that an
    unquoted comma cut (``From: Protocol Office, Embassy of X <protocol@x.example>``
    gives ``Protocol`` and then the address)."""
    try:
        # Split first, decode the names after: a decoded name may hold a comma.
        pairs = email.utils.getaddresses([as_text(v) for v in values])
    except _DECODE_ERRORS:
        return []
    return [(decode_text(name), addr.strip().lower()) for name, addr in pairs if "@" in addr]
