"""Which case a mail belongs to: what its headers say (case number in the subject,
In-Reply-To / References, sender), the sender's standing (mission, authentication) and
what its verdict read (each applicant's passport number, NIK and name; the request type).

The store turns these hints into a case (``Store.assign_case``); nothing here touches it.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from zoneinfo import ZoneInfo

from fasdip.models import RequestType, Verdict
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


def thread_hints(
    head: Message,
    now: dt.datetime,
    zone: ZoneInfo,
    window_days: int,
    *,
    mission: str = "",
    distrust: str | None = None,
) -> ThreadHints:
    subject = decode_text(head.get("Subject", ""))
    in_reply_to = message_ids(decode_text(head.get("In-Reply-To", "")))
    refs = message_ids(decode_text(head.get("References", "")))
    chain = list(dict.fromkeys([*in_reply_to, *reversed(refs)]))
    own_id = message_ids(decode_text(head.get("Message-ID", "")))
    return ThreadHints(
        sender=sender(head).lower(),
        mission=mission,
        distrust=distrust,
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


def applicant_identities(verdict: Verdict, key: bytes | None = None) -> list[list[str]]:
    """Per applicant, the digests of its passport numbers and NIKs read with confidence and
    of its name (two words at least); a confident number of no applicant is one of its own.
    ``key``: the store vault's ``identity_key`` (keyed digests when a key is set)."""
    numbers: dict[str, str] = {}
    for passport in verdict.passports:
        number = passport.document_number
        if number.value and (passport.accepted or number.check_digit_ok):
            numbers[passport.attachment] = identity_digest("passport", number.value, key)
    for ktp in verdict.ktps:
        if ktp.nik.value and ktp.nik_valid:
            numbers[ktp.attachment] = identity_digest("nik", ktp.nik.value, key)
    groups: list[list[str]] = []
    assigned: set[str] = set()
    for applicant in verdict.applicants:
        group = [numbers[a] for a in applicant.attachments if a in numbers]
        assigned.update(applicant.attachments)
        if applicant.name and len(applicant.name.split()) >= 2:
            group.append(identity_digest("name", applicant.name, key))
        groups.append(list(dict.fromkeys(group)))
    groups += [[digest] for att, digest in numbers.items() if att not in assigned]
    return [group for group in groups if group]


def identity_digests(verdict: Verdict, key: bytes | None = None) -> list[str]:
    """Every digest of ``applicant_identities`` once (what the case keeps; never a number)."""
    return list(dict.fromkeys(d for group in applicant_identities(verdict, key) for d in group))


def request_key(verdict: Verdict, threshold: float) -> str:
    """The mail's request type when it brings a recognised one (else ""): a mail about a
    case's applicant with another request type is a request of its own."""
    if verdict.request_type is RequestType.other or verdict.request_confidence < threshold:
        return ""
    return verdict.request_type.value
