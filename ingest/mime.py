"""Raw email bytes -> ``InboundEmail``.

Two readers look at every message:

* mail-parser (``ingest.mail_parser``) gives the decoded headers and its list of attachments;
* the standard library walk (``ingest.parts``) visits every MIME leaf, including what
  mail-parser drops: a part without a file name or Content-ID, an attached message (its
  text is merged into the body by mail-parser, the message itself is lost), parts behind
  a boundary that is missing or differs from the declared one.

The attachments are the union of both (``ingest.union``), matched by the sha256 of the
decoded bytes and the file name; ``Attachment.found_by`` says who found each one. ``parse``
never raises: problems are findings on ``InboundEmail.findings``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from config.catalog import FindingCatalog
from config.settings import DEFAULT_LIMITS, IngestSettings, LimitsSettings
from fasdip.models import Attachment, Finding, FindingCode, InboundEmail
from ingest import mail_parser
from ingest.header_fields import HeaderSource, StdlibHeaders, header_fields
from ingest.parts import Leaf, looks_like_email, parse_message, shape, walk
from ingest.union import body_text, union

_FIELD_START = re.compile(rb"^[^ \t\r\n]", re.M)  # a header line that is not a continuation


class _Findings:
    """The findings of one mail, in the order the steps of ``parse`` meet them."""

    def __init__(self, catalog: FindingCatalog) -> None:
        self.catalog = catalog
        self.items: list[Finding] = []

    def breach(self, limit_name: str, reason: str) -> None:
        self.items.append(
            self.catalog.make(FindingCode.limit_exceeded, limit_name=limit_name, reason=reason)
        )

    def undecodable(self, filename: str, reason: str) -> None:
        self.items.append(
            self.catalog.make(FindingCode.undecodable_part, filename=filename, reason=reason)
        )


def parse(
    raw: bytes,
    settings: IngestSettings,
    catalog: FindingCatalog,
    limits: LimitsSettings = DEFAULT_LIMITS,
) -> InboundEmail:
    """Parse one email; never raises on any input bytes.

    Each limit of ``limits`` broken is a ``limit_exceeded`` finding naming the setting, and
    the mail is read as far as is safe: above ``max_email_bytes`` only its headers; with
    headers above ``max_header_bytes`` / ``max_header_fields`` or a MIME tree above
    ``max_mime_parts`` / ``max_mime_depth`` mail-parser is skipped (the standard library
    walk reads the parts up to the limits); beyond ``max_attachments`` the files are left
    in the original mail for the officer.
    """
    raw = bytes(raw)
    sizes: dict[str, Any] = {"raw_size": len(raw), "raw_sha256": hashlib.sha256(raw).hexdigest()}
    found = _Findings(catalog)
    if len(raw) > limits.max_email_bytes:
        found.breach(
            "max_email_bytes",
            f"the email has {len(raw)} bytes, above the limit of {limits.max_email_bytes}; "
            "only its headers were read",
        )
        return _headers_only(raw, found.items, catalog, limits)
    header_bytes, heavy_headers = _check_header_block(raw, limits, found)
    message, failure = parse_message(raw)
    if not looks_like_email(message):
        not_email = catalog.make(FindingCode.not_an_email)
        return InboundEmail(**sizes, looks_like_email=False, findings=[*found.items, not_email])
    if b"\x00" in raw[:header_bytes]:
        found.undecodable(
            "(email headers)", "the headers hold NUL bytes, which email does not allow"
        )
    heavy_tree = _check_tree(message, failure, limits, found)
    parser = None if heavy_headers or heavy_tree else _read_mail_parser(raw, found)
    leaves = _walk_leaves(message, failure, limits, found)
    attachments = _attachments(leaves, parser, settings, limits, found)
    source: HeaderSource = (
        mail_parser.MailParserHeaders(parser) if parser is not None else StdlibHeaders(message)
    )
    return InboundEmail(
        **sizes,
        **header_fields(source, message),
        body_text=body_text(leaves),
        attachments=attachments,
        findings=found.items,
    )


def _check_header_block(raw: bytes, limits: LimitsSettings, found: _Findings) -> tuple[int, bool]:
    """The header block's size in bytes, and whether it is too heavy for mail-parser; the
    header and line limits broken are findings."""
    header_bytes, header_lines = header_block(raw)
    heavy = False
    if header_bytes > limits.max_header_bytes:
        heavy = True
        found.breach(
            "max_header_bytes",
            f"the header block has {header_bytes} bytes, above the limit of "
            f"{limits.max_header_bytes}",
        )
    if header_lines > limits.max_header_fields:
        heavy = True
        found.breach(
            "max_header_fields",
            f"the email has {header_lines} header lines, above the limit of "
            f"{limits.max_header_fields}",
        )
    if long_line(raw, limits.max_line_bytes):
        found.breach(
            "max_line_bytes", f"a line of the email is longer than {limits.max_line_bytes} bytes"
        )
    return header_bytes, heavy


def _check_tree(
    message: Message, failure: str | None, limits: LimitsSettings, found: _Findings
) -> bool:
    """Whether the MIME tree is too big or deep for mail-parser (measured without recursion)."""
    tree = shape(message, limits.max_mime_parts) if failure is None else None
    heavy = tree is not None and (
        tree.parts > limits.max_mime_parts or tree.depth > limits.max_mime_depth
    )
    if failure == "too_deep":
        heavy = True
        found.breach(
            "max_mime_depth",
            "the MIME parts are nested too deeply to be read at all; only the headers were read",
        )
    elif failure is not None:
        found.undecodable("(email)", "MIME structure could not be read (malformed)")
    return heavy


def _read_mail_parser(raw: bytes, found: _Findings) -> Any:
    """mail-parser's reading, or None with a finding saying why it failed."""
    parser, problem = mail_parser.read(raw)
    if problem:
        found.undecodable("(email)", problem)
    return parser


def _walk_leaves(
    message: Message, failure: str | None, limits: LimitsSettings, found: _Findings
) -> list[Leaf]:
    """The standard library walk's leaves, up to the limits; what it could not read is a
    finding."""
    walked = (
        walk(message, limits.max_mime_depth, limits.max_mime_parts) if failure is None else None
    )
    if walked is None:
        return []
    for limit_name, reason in walked.breaches:
        found.breach(limit_name, reason)
    for problem in walked.problems:
        found.undecodable("(email)", problem)
    for leaf in walked.leaves:
        if leaf.kind == "body" and leaf.problem:
            found.undecodable("(email body)", leaf.problem)
    return walked.leaves


def _attachments(
    leaves: list[Leaf],
    parser: Any,
    settings: IngestSettings,
    limits: LimitsSettings,
    found: _Findings,
) -> list[Attachment]:
    """Both readers' attachments, at most ``max_attachments``; an undecodable one is a
    finding."""
    attachments = union(leaves, mail_parser.files(parser), settings, limits)
    if len(attachments) > limits.max_attachments:
        found.breach(
            "max_attachments",
            f"the email carries {len(attachments)} attachments, above the limit of "
            f"{limits.max_attachments}; only the first {limits.max_attachments} were read",
        )
        attachments = attachments[: limits.max_attachments]
    for attachment, decode_problem in attachments:
        if decode_problem:
            found.items.append(
                found.catalog.make(
                    FindingCode.undecodable_part, attachment=attachment, reason=decode_problem
                )
            )
    return [attachment for attachment, _ in attachments]


@functools.lru_cache(maxsize=8)
def _line_over(limit: int) -> re.Pattern[bytes]:
    # More than ``limit`` bytes before the line's end (CR LF or LF; a CR inside a line
    # counts). Anchored at line starts, so the search is linear in the mail's size.
    return re.compile(rb"(?m)^[^\n]{%d}(?:[^\r\n]|\r(?=[^\n]))" % limit)


def long_line(raw: bytes, limit: int) -> bool:
    """Whether a line of ``raw`` is longer than ``limit`` bytes."""
    return len(raw) > limit and _line_over(limit).search(raw) is not None


def header_block(raw: bytes) -> tuple[int, int]:
    """(bytes, header lines) of the header block: up to the first empty line."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    end = min(ends) if ends else len(raw)
    return end, sum(1 for _ in _FIELD_START.finditer(raw, 0, end))


def envelope(raw: bytes, limits: LimitsSettings = DEFAULT_LIMITS) -> InboundEmail:
    """Who sent what, from the headers alone (at most ``max_header_bytes`` of them; nothing
    of the body is decoded): for a mail that cannot, or could not, be read in full."""
    raw = bytes(raw)
    message = BytesHeaderParser(policy=compat32).parsebytes(raw[: limits.max_header_bytes])
    is_email = looks_like_email(message)
    return InboundEmail(
        raw_size=len(raw),
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        looks_like_email=is_email,
        **(header_fields(StdlibHeaders(message), message) if is_email else {}),
    )


def _headers_only(
    raw: bytes, findings: list[Finding], catalog: FindingCatalog, limits: LimitsSettings
) -> InboundEmail:
    """An email too big to read: its headers (at most ``max_header_bytes`` of them)."""
    email = envelope(raw, limits)
    if not email.looks_like_email:
        findings = [*findings, catalog.make(FindingCode.not_an_email)]
    return email.model_copy(update={"findings": findings})
