"""A reply an officer sends from the console: queued in the outbox like the machine's
replies (same deterministic Message-ID scheme), with its line of the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import func, select

from fasdip.errors import UsageError
from fasdip.store.audit import audit_line
from fasdip.store.commit import CommitMixin
from fasdip.store.records import ProofFile
from fasdip.store.schema import Case, Mail, VerdictRow


class ConsoleRepliesMixin(CommitMixin):
    def queue_officer_reply(
        self,
        case_id: int,
        *,
        kind: str,
        officer: str,
        now: dt.datetime,
        build: Callable[[str], tuple[str, list[str], bytes]],
        message_id_domain: str,
        proofs: Sequence[ProofFile] = (),
    ) -> str:
        """Queue the reply ``build(message_id)`` makes, with its registration ``proofs``
        (kept with the case, attached when it is sent); its Message-ID."""
        with self._tx() as s:
            case = s.get_one(Case, case_id)
            mail_id = s.scalar(select(func.max(Mail.id)).where(Mail.case_id == case_id))
            if mail_id is None:
                raise UsageError(f"case {case.number} has no mail to answer")
            message_id = self._queue_reply(
                s, case, mail_id, kind, build, message_id_domain, proofs, now
            )
            case.updated_at = now
            audit_line(s, officer, "send", f"{kind} {message_id}", now, case_id=case_id)
            return message_id

    def record_judgement(
        self, case_id: int, *, decision: str, verdict_json: str, officer: str, now: dt.datetime
    ) -> None:
        """The case judged again with the officers' corrections: its latest verdict."""
        with self._tx() as s:
            case = s.get_one(Case, case_id)
            mail_id = s.scalar(select(func.max(Mail.id)).where(Mail.case_id == case_id))
            if mail_id is None:
                raise UsageError(f"case {case.number} has no mail to judge")
            s.add(
                VerdictRow(
                    mail_id=mail_id,
                    case_id=case_id,
                    decision=decision,
                    reply_withheld=None,  # the officer sends from the console, or not
                    verdict_json=verdict_json,
                    created_at=now,
                )
            )
            case.decision, case.updated_at = decision, now
            audit_line(s, officer, "judge_again", decision, now, case_id=case_id)
