"""The signature of a registration proof: the signed text of its QR code, and checking it.

The text is ``FASDIP1|case|request type|issued|name|signature``; the signature is
HMAC-SHA256 (key: ``ProofSettings.hmac_key``) over everything before the last ``|``,
in URL-safe base64 without padding. ``verify_proof_pdf`` checks the same text in a
proof's metadata and that the page prints the case number and name it covers.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import io
import re
import unicodedata
from typing import Protocol

from pydantic import BaseModel, ConfigDict
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from fasdip.models import RequestType

PROOF_VERSION = "FASDIP1"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _signature(body: str, key: str) -> str:
    digest = hmac.new(
        key.encode("utf-8"), _normalise(body).encode("utf-8"), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Signed(Protocol):
    """What a proof's signature covers (``responders.proof.ProofData`` has it)."""

    @property
    def case_ref(self) -> str: ...
    @property
    def request_type(self) -> RequestType: ...
    @property
    def issued(self) -> dt.date: ...
    @property
    def applicant_name(self) -> str: ...


def proof_text(data: Signed, key: str) -> str:
    """The signed text of the QR code and the PDF metadata."""
    body = "|".join(
        (
            PROOF_VERSION,
            data.case_ref,
            data.request_type.value,
            data.issued.isoformat(),
            data.applicant_name,
        )
    )
    return f"{body}|{_signature(body, key)}"


class ProofCheck(BaseModel):
    """The answer of a verification: ``valid`` and, when not, why."""

    model_config = ConfigDict(frozen=True)

    valid: bool
    reason: str = ""
    case_ref: str | None = None
    request_type: str | None = None
    issued: dt.date | None = None
    applicant_name: str | None = None

    def line(self) -> str:
        """One line for the command line: ``valid: …`` or ``invalid: <reason>``."""
        if not self.valid:
            return f"invalid: {self.reason}"
        return (
            f"valid: {self.case_ref} {self.request_type} issued {self.issued} "
            f"for {self.applicant_name}"
        )


def _invalid(reason: str) -> ProofCheck:
    return ProofCheck(valid=False, reason=reason)


def verify_proof_text(text: str, key: str) -> ProofCheck:
    """Check the signed text read from a QR code or from a proof's metadata."""
    text = _normalise(text.strip())
    parts = text.split("|")
    if len(parts) != 6 or parts[0] != PROOF_VERSION:
        return _invalid(f"not a Fasdip proof text (expected {PROOF_VERSION}|… with 6 fields)")
    _, case_ref, request_type, issued, name, signature = parts
    body = text.rpartition("|")[0]
    if not hmac.compare_digest(
        signature.encode("ascii", "replace"), _signature(body, key).encode()
    ):
        return _invalid("the signature does not match: the proof was altered or signed elsewhere")
    try:
        day = dt.date.fromisoformat(issued)
    except ValueError:
        return _invalid(f"the date '{issued}' is not a date")
    return ProofCheck(
        valid=True,
        case_ref=case_ref,
        request_type=request_type,
        issued=day,
        applicant_name=name,
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", _normalise(text)).casefold()


def verify_proof_pdf(pdf: bytes, key: str) -> ProofCheck:
    """Check a proof PDF: its signed metadata text, and that the page prints the same."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        meta = reader.metadata
        subject = str(meta.subject or "") if meta is not None else ""
        page_text = "".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        return _invalid(f"not a readable PDF ({exc})")
    if not subject:
        return _invalid("the PDF carries no Fasdip proof text in its metadata")
    check = verify_proof_text(subject, key)
    if not check.valid:
        return check
    printed = _squash(page_text)
    for label, value in (("case number", check.case_ref), ("name", check.applicant_name)):
        if value and _squash(value) not in printed:
            return _invalid(f"the printed {label} differs from the signed one")
    return check
