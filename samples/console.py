"""Requests for the console's tests: a complete request whose Kemlu ID card comes as an
unnamed scan (``scan004.pdf``), which the machine cannot name with certainty, so the case
goes to an officer; named correctly, the case is complete (a registration proof)."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

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
            part.set_param("filename", SCAN_NAME, header="Content-Disposition")
            att = att.model_copy(update={"filename": SCAN_NAME})
        renamed.append(att)
    return message.as_bytes(), truth.model_copy(update={"attachments": renamed})
