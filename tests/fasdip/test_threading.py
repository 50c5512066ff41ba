"""Threading with the real servers (Dovecot in, aiosmtpd out): separate requests are never
merged, a real follow-up is answered, and a mail that fails the sender check or comes from
another mission never joins, changes or re-judges a case (issues 15 and 17)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import compat32
from pathlib import Path

import pytest
from imapclient import IMAPClient

from config.settings import Settings, TrustSettings
from fasdip.mailroom import Mailroom
from fasdip.models import Decision, FindingCode, RequestType, Verdict
from fasdip.pipeline import Triage
from samples.builder import Spec
from samples.scenarios import build_scenario
from tests.fasdip.mailbox_helpers import make_settings
from tests.fasdip.server_settings import imap_settings, new_imap_user, smtp_settings
from tests.servers import Dovecot, SmtpServer, dovecot, smtp_server

__all__ = ["dovecot", "smtp_server"]

OURS = "mx.kemlu.go.id"
US = "usembassy.example"
SUBJECT = "New airport pass application"
MISSIONS = """\
missions:
  - key: us-embassy
    name: Embassy of the United States of America
    domains: [usembassy.example]
  - key: other-embassy
    name: Embassy of Other
    addresses: [desk@other.example]
"""


def request(
    seed: int, *, subject: str = SUBJECT, auth: str = f"dmarc=pass header.from={US}"
) -> bytes:
    """A complete new-airport-pass request of the US embassy for the seed's applicant
    (its own passport), under ``subject``, as our server delivers it (its results on top)."""
    scenario = build_scenario(Spec("same_subject", RequestType.airport_pass_new, "en", "usa"), seed)
    mail = message_from_bytes(scenario.eml, policy=compat32)
    del mail["Subject"]
    mail["Subject"] = subject
    if subject != SUBJECT:  # another mail of the mission's: its own Message-ID
        del mail["Message-ID"]
        mail["Message-ID"] = f"<later-{seed}-{time.monotonic_ns()}@{US}>"
    return f"Authentication-Results: {OURS}; {auth}\r\n".encode() + mail.as_bytes()


@pytest.fixture
def office(
    tmp_path: Path, triage: Triage, dovecot: Dovecot, smtp_server: SmtpServer
) -> Iterator[tuple[IMAPClient, Settings, Mailroom]]:
    client, user = new_imap_user(dovecot, "threads")
    settings = make_settings(
        tmp_path, imap=imap_settings(dovecot, user), smtp=smtp_settings(smtp_server)
    )
    settings.missions.file.write_text(MISSIONS)
    settings = settings.model_copy(update={"trust": TrustSettings(authserv_ids=[OURS])})
    room = Mailroom.open(settings, triage=triage)
    yield client, settings, room
    room.close()
    client.logout()


def test_three_same_subject_requests_for_three_applicants_are_three_cases_and_three_replies(
    office: tuple[IMAPClient, Settings, Mailroom], smtp_server: SmtpServer
) -> None:
    client, _settings, room = office
    for seed in (1, 2, 3):
        client.append("INBOX", request(seed))
    report = room.poll_once()
    assert (report.processed, report.sent, report.withheld) == (3, 3, 0)
    cases = room.store.cases()
    assert len(cases) == 3
    answered = sorted(m.headers["In-Reply-To"] for m in smtp_server.messages)
    assert len(set(answered)) == 3  # one reply to each request
    for case in cases:
        [stored] = room.store.verdicts(case.id)
        verdict = Verdict.model_validate_json(stored.verdict_json)
        assert verdict.decision is Decision.registration_proof, verdict.decision_reason
        assert len(verdict.applicants) == 1
    names = {
        Verdict.model_validate_json(v.verdict_json).applicants[0].name
        for v in room.store.verdicts()
    }
    assert len(names) == 3
    # the first applicant's mission writes again the same day, same subject, no header
    # naming the case: the passport number threads it into its case, and it is answered
    client.append("INBOX", request(1, subject=f"Re: {SUBJECT}"))
    report = room.poll_once()
    assert (report.processed, report.sent, report.withheld) == (1, 1, 0)
    assert len(room.store.cases()) == 3
    first = next(c for c in room.store.cases() if len(room.store.verdicts(c.id)) == 2)
    assert [o.message_id for o in room.store.outbox(first.id)] == [
        f"<{first.number}.r{n}@fasdip.kemlu.go.id>" for n in (1, 2)
    ]
    assert len(smtp_server.messages) == 4


def test_a_spoofed_follow_up_or_another_missions_never_joins_changes_or_rejudges_a_case(
    office: tuple[IMAPClient, Settings, Mailroom], smtp_server: SmtpServer
) -> None:
    client, _settings, room = office
    client.append("INBOX", request(1))
    room.poll_once()
    [case] = room.store.cases()
    [before] = room.store.verdicts(case.id)
    documents = room.store.attachments(case.id)
    assert before.decision == "registration_proof" and len(smtp_server.messages) == 1
    # the same documents of another applicant, "for" this case: forged, and another mission's
    forged = request(
        2,
        subject=f"Re: [{case.number}] corrected documents",
        auth=f"dmarc=fail (p=reject) header.from={US}",
    )
    other = message_from_bytes(request(2, subject=f"[{case.number}] documents"), policy=compat32)
    del other["From"]
    other["From"] = "Embassy of Other <desk@other.example>"
    del other["Authentication-Results"]
    other_raw = (
        f"Authentication-Results: {OURS}; dmarc=pass header.from=other.example\r\n".encode()
        + other.as_bytes()
    )
    client.append("INBOX", forged)
    client.append("INBOX", other_raw)
    report = room.poll_once()
    assert (report.processed, report.queued, report.sent) == (2, 0, 0)
    # the case is as it was: no new verdict, the same documents, the same decision
    assert room.store.verdicts(case.id) == [before]
    assert room.store.attachments(case.id) == documents
    assert room.store.case(case.id).decision == "registration_proof"
    assert len(smtp_server.messages) == 1  # nothing replied to either
    kept_apart = [c for c in room.store.cases() if c.id != case.id]
    assert len(kept_apart) == 2 and all(c.suspicious for c in kept_apart)
    reasons = []
    for apart in kept_apart:
        [stored] = room.store.verdicts(apart.id)
        verdict = Verdict.model_validate_json(stored.verdict_json)
        assert verdict.decision is Decision.officer_review and verdict.reply is None
        [finding] = [f for f in verdict.findings if f.code is FindingCode.thread_refused]
        assert case.number in finding.text_en and "suspicious" in finding.text_en
        reasons.append(finding.text_en)
    assert any("failed authentication" in r and "dmarc=fail" in r for r in reasons)
    assert any("desk@other.example" in r for r in reasons)
    assert all(m.acked for m in room.store.mails())  # handled, kept, acknowledged
