"""Small text helpers: sender-controlled text made safe to quote, subjects, dates.

Everything a mission sent us (subject, names, file names) is quoted as plain text in a
reply: control characters and bidirectional overrides are removed, line breaks are
flattened to spaces (no header injection through a subject) and the length is capped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from fasdip.dates import format_date_en, format_date_id
from fasdip.models import Finding, Verdict

# Sender text is quoted, never trusted at full length.
SENDER_TEXT_LIMIT = 200
# Finding texts are office wording with a file name inside: allow more, still bounded.
FINDING_TEXT_LIMIT = 1000

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)


def clean(text: str | None, limit: int = SENDER_TEXT_LIMIT) -> str:
    """One line of printable text, at most ``limit`` characters (cut with an ellipsis)."""
    if not text:
        return ""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in _BIDI_CONTROLS:
            continue
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")  # CR, LF, TAB, NEL, U+2028…: a space, so words stay apart
        elif category in ("Cs", "Co", "Cn"):
            continue  # surrogates, private use, unassigned
        else:
            kept.append(char)
    flat = " ".join("".join(kept).split())
    if len(flat) > limit:
        flat = flat[: max(limit - 1, 0)].rstrip() + "…"
    return flat


# "Re:", "RE :", "Fwd:", "FW:", "AW:", "WG:", "TR:", "Balas:", "Re[2]:" … at the start.
_PREFIX = re.compile(
    r"^(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw|balas|bls|trs|tkn)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*",
    re.IGNORECASE,
)
# Our own case tag, wherever it is: "[FASDIP-2026-000123]".
_CASE_TAG = re.compile(r"\[\s*FASDIP-[^\]\r\n]{0,40}\]\s*", re.IGNORECASE)


def original_subject(subject: str | None, our_labels: Sequence[str] = ()) -> str:
    """The mission's subject without our case tag, without repeated reply prefixes and,
    in a reply to our reply, without the label our subject put before theirs
    (``our_labels``: ``ReplyTemplates.subject_labels``)."""
    text = clean(subject, limit=10 * SENDER_TEXT_LIMIT)
    text = _CASE_TAG.sub(" ", text)
    text = " ".join(text.split())
    folded = [label.casefold() for label in our_labels]
    while True:
        stripped = _PREFIX.sub("", text, count=1).lstrip(" -–—")
        for label in folded:
            if stripped.casefold().startswith(label):
                stripped = stripped[len(label) :].lstrip(" -–—")
                break
        if stripped == text:
            break
        text = stripped
    return clean(text)


def one_line(text: str) -> str:
    """A rendered subject on one line, single-spaced."""
    return " ".join(clean(text, limit=10 * SENDER_TEXT_LIMIT).split())


def local_date(moment: dt.datetime | None, timezone: str) -> dt.date | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(timezone))
    return moment.date()


def date_id(day: dt.date | None) -> str:
    """``21 November 2026`` with Indonesian month names; "" when unknown."""
    if day is None:
        return ""
    return format_date_id(day)


def date_en(day: dt.date | None) -> str:
    if day is None:
        return ""
    return format_date_en(day)


def unique_findings(verdict: Verdict) -> list[Finding]:
    """The request's findings, then each attachment's, each finding once."""
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for finding in [*verdict.findings, *(f for a in verdict.attachments for f in a.findings)]:
        key = (
            finding.code,
            finding.severity,
            finding.attachment,
            finding.applicant,
            finding.document,
            finding.text_id,
            finding.text_en,
        )
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out
