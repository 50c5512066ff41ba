"""Every MIME leaf of a message, walked with the standard library (``compat32``).

This is the second opinion next to mail-parser (``ingest.mime``): it keeps what
mail-parser drops (parts without a name, attached messages, parts behind a wrong or
missing boundary) and says which parts could not be decoded.

``compat32`` rather than ``policy.default``: it is the policy mail-parser itself parses
with, so both see the same tree, and its header values are plain strings (the header
registry of ``policy.default`` parses each header lazily and can raise on broken input
long after parsing).
"""

from __future__ import annotations

import binascii
import email
import re
from collections import Counter
from dataclasses import dataclass, field
from email import errors
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Literal

from fasdip.models import FileFormat
from ingest.filenames import clean_filename, part_filename
from ingest.headers import as_text
from ingest.sniff import sniff

MAX_DEPTH = 100  # nested multiparts / messages followed (LimitsSettings.max_mime_depth)
MAX_PARTS = 1_000  # MIME parts visited (LimitsSettings.max_mime_parts)

EMAIL_HEADERS = frozenset(
    {"from", "to", "subject", "date", "message-id", "received", "mime-version", "content-type"}
)
_BASE64_DEFECTS: dict[type[errors.MessageDefect], str] = {
    errors.InvalidBase64CharactersDefect: "invalid base64 characters",
    errors.InvalidBase64PaddingDefect: "base64 padding is wrong",
    errors.InvalidBase64LengthDefect: "base64 length is impossible (data cut off)",
}
_BOUNDARY_LINE = re.compile(
    rb"^--([0-9A-Za-z'()+_,./:=?-][0-9A-Za-z'()+_,./:=? -]{0,69})\r?$", re.M
)
_PAYLOAD_ERRORS = (ValueError, TypeError, LookupError, UnicodeError, binascii.Error, IndexError)

Kind = Literal["file", "message", "body", "nested_body", "meta"]


@dataclass(frozen=True)
class Leaf:
    """One MIME leaf, or an attached message (``kind="message"``) whose parts follow it."""

    kind: Kind
    data: bytes
    declared_type: str
    filename: str = ""  # cleaned; "" when the part names no file
    disposition: str | None = None  # "inline", "attachment" or None
    content_id: str | None = None  # without the angle brackets
    parent: int | None = None  # index (in Walk.leaves) of the attached message holding it
    problem: str | None = None  # why its transfer encoding could not be decoded
    text: str = ""  # decoded text of a body part


@dataclass
class Walk:
    leaves: list[Leaf] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # structure problems, for findings
    # Limits met: (setting name, what was left unread), for limit_exceeded findings.
    breaches: list[tuple[str, str]] = field(default_factory=list)
    parts: int = 0  # MIME parts visited


@dataclass(frozen=True)
class Shape:
    """The size of a MIME tree, measured without recursion before anything reads it."""

    parts: int
    depth: int


def shape(message: Message, stop_after: int) -> Shape:
    """Parts and nesting depth of ``message`` (counting stops after ``stop_after`` parts)."""
    parts = 0
    deepest = 0
    stack: list[tuple[Message, int]] = [(message, 0)]
    while stack and parts <= stop_after:
        part, depth = stack.pop()
        parts += 1
        deepest = max(deepest, depth)
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((sub, depth + 1) for sub in payload if isinstance(sub, Message))
    return Shape(parts, deepest)


def parse_message(raw: bytes) -> tuple[Message, str | None]:
    """The parsed message, and why its MIME tree could not be parsed (then headers only):
    ``"too_deep"`` (the parser's recursion ran out) or ``"malformed"`` (a parameter the
    standard library chokes on while looking for a boundary: ``name*0*`` and an
    unnumbered ``name*`` together raise TypeError in ``email.utils.decode_params``)."""
    try:
        return email.message_from_bytes(raw, policy=compat32), None
    except RecursionError:
        return BytesHeaderParser(policy=compat32).parsebytes(raw), "too_deep"
    except (TypeError, ValueError, IndexError, LookupError):
        return BytesHeaderParser(policy=compat32).parsebytes(raw), "malformed"


def looks_like_email(message: Message) -> bool:
    """At least one header field an email has (a PDF or random bytes have none)."""
    return any(name.strip().lower() in EMAIL_HEADERS for name in message)


def walk(message: Message, max_depth: int = MAX_DEPTH, max_parts: int = MAX_PARTS) -> Walk:
    """Every leaf down to ``max_depth`` levels and up to ``max_parts`` parts."""
    result = Walk()
    _visit(message, None, 0, result, (max_depth, max_parts))
    return result


def _visit(part: Message, parent: int | None, depth: int, out: Walk, caps: tuple[int, int]) -> None:
    max_depth, max_parts = caps
    if depth > max_depth:
        reason = f"MIME parts nested deeper than {max_depth} levels were not read"
        if ("max_mime_depth", reason) not in out.breaches:
            out.breaches.append(("max_mime_depth", reason))
        return
    out.parts += 1
    if out.parts > max_parts:
        if not any(name == "max_mime_parts" for name, _ in out.breaches):
            out.breaches.append(
                ("max_mime_parts", f"more than {max_parts} MIME parts; the rest were not read")
            )
        return
    maintype = part.get_content_maintype()
    if part.is_multipart():  # the payload is a list of parts: reading it decodes nothing
        subparts = [sub for sub in part.get_payload() if isinstance(sub, Message)]
        if maintype == "message" and part.get_content_type() in (
            "message/rfc822",
            "message/global",
        ):
            _visit_message(part, subparts, parent, depth, out, caps)
            return
        if maintype == "message":  # delivery-status and friends: header blocks, not files
            out.leaves.append(Leaf("meta", b"", part.get_content_type(), parent=parent))
            return
        for sub in subparts:
            _visit(sub, parent, depth + 1, out, caps)
        return
    if maintype == "multipart":
        recovered = recover_boundary(part)
        if recovered is not None:
            for sub in recovered:
                _visit(sub, parent, depth + 1, out, caps)
            return
    leaf = _leaf(part, parent)
    inner = _attached_eml(leaf)
    if inner is None:
        out.leaves.append(leaf)
        return
    # An .eml sent as a plain file (application/octet-stream): opened like message/rfc822,
    # its bytes kept as sent.
    out.leaves.append(
        Leaf(
            "message",
            leaf.data,
            leaf.declared_type,
            filename=leaf.filename,
            disposition=leaf.disposition,
            content_id=leaf.content_id,
            parent=parent,
            problem=leaf.problem,
        )
    )
    _visit(inner, len(out.leaves) - 1, depth + 1, out, caps)


def _attached_eml(leaf: Leaf) -> Message | None:
    """The message inside a file part named ``*.eml`` whose bytes are an email, else None."""
    if leaf.kind != "file" or not leaf.filename.lower().endswith(".eml"):
        return None
    if sniff(leaf.data) is not FileFormat.rfc822:
        return None
    message, failure = parse_message(leaf.data)
    return message if failure is None and looks_like_email(message) else None


def _visit_message(
    part: Message,
    payload: list[Message],
    parent: int | None,
    depth: int,
    out: Walk,
    caps: tuple[int, int],
) -> None:
    inner = payload[0] if payload else Message()
    out.leaves.append(
        Leaf(
            "message",
            flatten(inner),
            part.get_content_type(),
            filename=clean_filename(part_filename(part)),
            disposition=_disposition(part),
            content_id=_content_id(part),
            parent=parent,
        )
    )
    _visit(inner, len(out.leaves) - 1, depth + 1, out, caps)


def _leaf(part: Message, parent: int | None) -> Leaf:
    data, problem = decode_payload(part)
    declared = part.get_content_type()
    filename = clean_filename(part_filename(part))
    disposition = _disposition(part)
    is_body = (
        not filename
        and disposition != "attachment"
        and (declared in ("text/plain", "text/html") or part.get_content_maintype() == "multipart")
    )
    if not is_body:
        kind: Kind = "file"
    else:
        kind = "body" if parent is None else "nested_body"
    text = _text(part, data) if is_body else ""
    return Leaf(
        kind, data, declared, filename, disposition, _content_id(part), parent, problem, text
    )


def decode_payload(part: Message) -> tuple[bytes, str | None]:
    """The part's bytes after its transfer encoding, and why decoding failed (else None).

    A broken base64 part keeps what could be decoded; the email package notes the damage
    as defects on the part while decoding.
    """
    before = len(part.defects)
    try:
        data = part.get_payload(decode=True)
    except _PAYLOAD_ERRORS as exc:
        return b"", f"{type(exc).__name__}: {exc}"[:200]
    if not isinstance(data, bytes):
        return b"", "the part has no decodable payload"
    new = [d for d in part.defects[before:] if type(d) in _BASE64_DEFECTS]
    if not new:
        return data, None
    if any(isinstance(d, errors.InvalidBase64LengthDefect) for d in new):
        # The stdlib gives the still-encoded text back here: decode all whole quanta.
        data = salvage_base64(data)
    return data, "; ".join(dict.fromkeys(_BASE64_DEFECTS[type(d)] for d in new))


def salvage_base64(encoded: bytes) -> bytes:
    """Decode as much of damaged base64 as possible (invalid characters skipped)."""
    clean = re.sub(rb"[^A-Za-z0-9+/]", b"", encoded)
    clean = clean[: len(clean) - len(clean) % 4]
    try:
        return binascii.a2b_base64(clean)
    except binascii.Error:
        return b""


def decode_base64_text(text: str) -> bytes:
    """Base64 text decoded as leniently as the email package does (for mail-parser payloads)."""
    encoded = b"".join(text.encode("ascii", "ignore").split())
    missing = -len(encoded) % 4
    try:
        return binascii.a2b_base64(encoded + b"=" * missing, strict_mode=True)
    except binascii.Error:
        pass
    for candidate in (encoded, encoded + b"=="):
        try:
            return binascii.a2b_base64(candidate)
        except binascii.Error:
            continue
    return salvage_base64(encoded)


def recover_boundary(part: Message) -> list[Message] | None:
    """Sub-parts of a multipart whose boundary is missing or differs from the one used.

    The boundary most often seen on ``--boundary`` lines of the body is taken; None when
    the body shows no such line twice.
    """
    body = _raw_payload(part)
    counts = Counter(m.rstrip(b" ").removesuffix(b"--") for m in _BOUNDARY_LINE.findall(body))
    candidates = [(n, b) for b, n in counts.items() if b and n >= 2]
    if not candidates:
        return None
    boundary = max(candidates)[1]
    head = b'Content-Type: %s; boundary="%s"\r\n\r\n' % (
        part.get_content_type().encode("ascii", "replace"),
        boundary,
    )
    try:
        rebuilt = email.message_from_bytes(head + body, policy=compat32)
    except RecursionError:
        return None
    if not rebuilt.is_multipart():
        return None
    return [p for p in rebuilt.get_payload() if isinstance(p, Message)] or None


def flatten(message: Message) -> bytes:
    """An attached message as bytes (regenerated: the email package keeps no original)."""
    try:
        return message.as_bytes()
    except (LookupError, UnicodeError, ValueError, TypeError, errors.MessageError):
        try:
            return message.as_string().encode("utf-8", "surrogateescape")
        except (LookupError, UnicodeError, ValueError, TypeError, errors.MessageError):
            return _raw_payload(message)


def _raw_payload(part: Message) -> bytes:
    """The bytes of a non-multipart payload as sent. ``get_payload(decode=True)`` is used
    because without ``decode`` the stdlib decodes 8-bit text with the declared charset,
    which raises on names like ``utf-8\\0`` (ValueError) or RFC 2231 tuples (TypeError)."""
    if part.is_multipart():
        return b""
    try:
        data = part.get_payload(decode=True)
    except _PAYLOAD_ERRORS:
        return b""
    return data if isinstance(data, bytes) else b""


def _text(part: Message, data: bytes) -> str:
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return data.decode("utf-8", "replace")


def _disposition(part: Message) -> str | None:
    value = part.get_content_disposition()
    return value.lower() if isinstance(value, str) else None


def _content_id(part: Message) -> str | None:
    value = as_text(part.get("content-id")).strip().strip("<>").strip()
    return value or None
