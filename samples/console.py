"""Requests for the console's tests: a complete request whose Kemlu ID card comes as an
unnamed scan (``scan004.pdf``) too blurred for OCR to read (the machine reads what a clear
scan says, issue 13), so the machine cannot name it and the case goes to an officer; named
correctly by the officer, the case is complete (a registration proof)."""

from __future__ import annotations

import email
import email.policy
import io
from email.message import EmailMessage

from PIL import Image, ImageDraw, ImageFilter

from fasdip.models import DocumentType, RequestType
from samples.builder import Spec, build
from samples.truth import Truth

SCAN_NAME = "scan004.pdf"


def unnamed_scan_request(seed: int = 16, mission: str = "japan") -> tuple[bytes, Truth]:
    """(the email, its truth): the Kemlu ID card's file is renamed ``scan004.pdf`` and
    scanned (a picture without text); the truth's attachment says what it really is."""
    spec = Spec(
        name="console-unnamed-scan",
        kind=RequestType.airport_pass_new,
        language="en",
        mission=mission,
        defects={(0, DocumentType.kemlu_id_card): "scan"},
    )
    raw, truth = build(spec, seed)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    renamed = []
    for part, att in zip(message.iter_attachments(), truth.attachments, strict=True):
        if att.document_type == DocumentType.kemlu_id_card:
            blurred = _blurred_card_scan(seed)
            part.set_content(blurred, maintype="application", subtype="pdf", filename=SCAN_NAME)
            att = att.model_copy(update={"filename": SCAN_NAME, "size": len(blurred)})
        renamed.append(att)
    return message.as_bytes(), truth.model_copy(update={"attachments": renamed})


def _blurred_card_scan(seed: int) -> bytes:
    """A one-page image-only PDF: a card-sized shape with lines of print blurred past
    reading (a shaken phone picture), so neither its name nor its text says what it is."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rounded_rectangle((180, 300, 1060, 860), radius=30, fill=(214, 226, 236))
    for row in range(8):
        y = 380 + row * 56
        draw.rectangle((240, y, 240 + 520 - (row * 37 + seed) % 200, y + 22), fill=(60, 60, 70))
    page = page.filter(ImageFilter.GaussianBlur(14))
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150.0)
    return out.getvalue()
