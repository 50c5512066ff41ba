"""Is this mail written by a machine? (RFC 3834 and the usual signs of bounces and lists.)

An automatic message is never answered: answering one starts mail loops and backscatter.
"""

from __future__ import annotations

from classifiers.text import CueSet
from config.office import Keywords
from fasdip.folding import fold
from fasdip.models import Evidence, InboundEmail

_BULK_PRECEDENCE = {"bulk", "list", "junk", "auto_reply"}


class AutomaticDetector:
    def __init__(self, keywords: Keywords) -> None:
        self._subjects = [fold(s) for s in keywords.automatic_subjects]
        self._senders = CueSet.flat(keywords.automatic_senders)

    def evidence(self, email: InboundEmail) -> list[Evidence]:
        """Why this mail is automatic; empty when a person wrote it."""
        found: list[Evidence] = []

        def add(source: str, cue: str) -> None:
            found.append(Evidence(source=source, cue=cue, weight=1.0))

        if email.auto_submitted and email.auto_submitted.strip().lower() != "no":
            add("header", f"Auto-Submitted: {email.auto_submitted.strip()}")
        if email.precedence and email.precedence.strip().lower() in _BULK_PRECEDENCE:
            add("header", f"Precedence: {email.precedence.strip()}")
        if email.list_id:
            add("header", "List-Id")
        for name in email.auto_reply_headers:
            if name.lower() != "x-auto-response-suppress":
                add("header", name)
        if email.content_type.lower().startswith("multipart/report"):
            add("header", "Content-Type: multipart/report (delivery report)")
        if not email.from_address:
            add("header", "null sender")
        else:
            local_part = email.from_address.split("@", 1)[0]
            if self._senders.matches(fold(local_part)):
                add("sender", email.from_address)
        subject = fold(email.subject)
        for start in self._subjects:
            if subject.startswith(start):
                add("subject", start)
                break
        return found
