"""Which case a mail belongs to: what its headers say (case number in the subject,
In-Reply-To / References, sender and subject) and the identities its verdict read.

The store turns these hints into a case (``Store.assign_case``); nothing here touches it.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from zoneinfo import ZoneInfo

from fasdip.models import Verdict
from fasdip.store import CASE_NUMBER, ThreadHints, identity_digest
from ingest.headers import addresses, decode_text, message_ids

_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|tr|bls|balas|sv|vs)\s*(\[\d+\])?\s*:\s*)+", re.I
)


def headers(raw: bytes) -> Message:
    """The header block of a raw mail (nothing of the body is decoded)."""
    return BytesHeaderParser(policy=compat32).parsebytes(raw)


def sender(head: Message) -> str:
    found = addresses([str(v) for v in head.get_all("From", [])])
    return found[0][1] if found else ""


def thread_hints(head: Message, now: dt.datetime, zone: ZoneInfo, window_days: int) -> ThreadHints:
    subject = decode_text(head.get("Subject", ""))
    in_reply_to = message_ids(decode_text(head.get("In-Reply-To", "")))
    refs = message_ids(decode_text(head.get("References", "")))
    chain = list(dict.fromkeys([*in_reply_to, *reversed(refs)]))
    own_id = message_ids(decode_text(head.get("Message-ID", "")))
    return ThreadHints(
        sender=sender(head),
        subject=subject[:1000],
        subject_key=subject_key(subject),
        case_numbers=[m.group(0) for m in CASE_NUMBER.finditer(subject)],
        message_ids=chain[:50],
        message_id=own_id[0] if own_id else None,
        year=now.astimezone(zone).year,
        window_days=window_days,
    )


def subject_key(subject: str) -> str:
    """``Re: [FASDIP-2026-000123] Permohonan  Pas`` -> ``permohonan pas``."""
    text = CASE_NUMBER.sub(" ", subject)
    text = re.sub(r"\[\s*\]", " ", text)
    text = _SUBJECT_PREFIX.sub("", text)
    return " ".join(text.lower().split())[:500]


def identity_digests(verdict: Verdict) -> list[str]:
    """Digests of the passport numbers and NIKs read with confidence (never the numbers)."""
    found: list[str] = []
    for passport in verdict.passports:
        number = passport.document_number
        if number.value and (passport.accepted or number.check_digit_ok):
            found.append(identity_digest("passport", number.value))
    for ktp in verdict.ktps:
        if ktp.nik.value and ktp.nik_valid:
            found.append(identity_digest("nik", ktp.nik.value))
    return list(dict.fromkeys(found))
