"""mail-parser's reading of a message: its attachments and decoded headers. The only module
importing mail-parser (``ingest.mime`` joins it with the standard library walk)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from email.errors import MessageError
from typing import Any

import mailparser
from mailparser.exceptions import MailParserError

from ingest import headers as hdr
from ingest.filenames import clean_filename
from ingest.parts import decode_base64_text

# mail-parser logs "content not handled" and similar at WARNING for ordinary mail.
logging.getLogger("mailparser").setLevel(logging.ERROR)


def read(raw: bytes) -> tuple[Any, str | None]:
    """mail-parser's reading of ``raw``, or why it failed (the stdlib walk still runs)."""
    try:
        return mailparser.parse_from_bytes(raw), None
    except MailParserError as exc:  # e.g. MailParserRecursionError on a multipart bomb
        return None, f"mail-parser: {type(exc).__name__}: {exc}"[:200]
    except AttributeError as exc:
        # mail-parser 4.8 bug, seen in tests: a nested multipart whose boundary never
        # appears (StartBoundaryNotFoundDefect) in a message without its closing boundary
        # makes its epilogue recovery call ``None.index`` (utils.find_between).
        return None, f"mail-parser failed on a broken MIME boundary: {exc}"[:200]
    except TypeError as exc:
        # Seen in fuzzing: RFC 2231 continuations mixing numbered and unnumbered parts
        # (``name*0*=…; name*=…``) make the stdlib's ``decode_params`` compare None with int.
        return None, f"mail-parser failed on a part's parameters: {exc}"[:200]
    except ValueError as exc:
        # Seen in tests: an RFC 2231 file name whose charset holds a NUL byte makes the
        # stdlib's ``collapse_rfc2231_value`` raise "embedded null character" through
        # mail-parser's ``get_filename()`` call.
        return None, f"mail-parser failed on a part header: {exc}"[:200]
    except MessageError as exc:
        # Seen in tests: flattening an attached multipart back to text (``as_string_safe``)
        # raises the stdlib generator's CharsetError (a charset name with 8-bit bytes) or
        # HeaderParseError (a header value that looks like it embeds another header).
        return None, f"mail-parser: {type(exc).__name__}: {exc}"[:200]


@dataclass(frozen=True)
class Found:
    """An attachment as mail-parser lists it, decoded to bytes."""

    data: bytes
    filename: str
    declared_type: str
    container: bool  # message/* or multipart/*: its parts are listed separately
    disposition: str | None
    content_id: str | None
    sha256: str


def files(parser: Any) -> list[Found]:
    """mail-parser's list of attachments (none when it could not read the message)."""
    if parser is None:
        return []
    found: list[Found] = []
    for item in parser.attachments:
        payload = item.get("payload") or ""
        if item.get("binary"):
            data = decode_base64_text(str(payload))
        else:
            data = str(payload).encode("utf-8", "surrogateescape")
        declared = str(item.get("mail_content_type") or "").lower()
        disposition = str(item.get("content-disposition") or "").split(";")[0].strip().lower()
        found.append(
            Found(
                data=data,
                filename=clean_filename(str(item.get("filename") or "")),
                declared_type=declared,
                container=declared.startswith(("message/", "multipart/")),
                disposition=disposition or None,
                content_id=str(item.get("content-id") or "").strip().strip("<>") or None,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    return found


class MailParserHeaders:
    """Header values as mail-parser decodes them (its dynamic attributes)."""

    def __init__(self, parser: Any) -> None:
        self._parser = parser

    def text(self, name: str) -> str:
        value = getattr(self._parser, name.lower().replace("-", "_"))
        if isinstance(value, list):
            value = value[0] if value else ""
        return hdr.unfold(hdr.fix_surrogates(str(value or "")))

    def addresses(self, name: str) -> list[tuple[str, str]]:
        pairs = getattr(self._parser, name.lower().replace("-", "_"))
        return [
            (hdr.unfold(str(n)), str(a).strip().lower()) for n, a in pairs or [] if str(a).strip()
        ]
