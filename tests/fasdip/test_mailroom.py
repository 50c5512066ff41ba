"""The mailroom end to end with the embedded defaults (a folder in, .eml files out) and
with a real SMTP server (aiosmtpd on loopback): threading, the registry, loops, limits,
retries and crash safety."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest

from config.settings import Settings
from fasdip.casefiles import CaseFiles
from fasdip.mail_threads import identity_digests, subject_key
from fasdip.mailroom import Mailroom
from fasdip.models import Decision, FindingCode, Verdict
from fasdip.pipeline import Triage
from fasdip.workers import Judged
from tests.fasdip.mailbox_helpers import (
    MISSION,
    OFFICE,
    CrashAt,
    InjectedCrash,
    make_settings,
    mission_mail,
)
from tests.fasdip.server_settings import smtp_settings
from tests.servers import SmtpServer, smtp_server

__all__ = ["smtp_server"]


def drop(settings: Settings, name: str, raw: bytes) -> None:
    settings.service.inbox_dir.mkdir(parents=True, exist_ok=True)
    (settings.service.inbox_dir / name).write_bytes(raw)


def outbox_files(settings: Settings) -> list[Path]:
    return sorted(settings.service.outbox_dir.glob("*.eml"))


def test_a_new_mail_is_judged_answered_and_moved_to_done(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    raw = mission_mail(1)
    drop(settings, "a.eml", raw)
    room = Mailroom.open(settings, triage=triage)
    report = room.poll_once()
    assert (report.processed, report.queued, report.sent, report.acknowledged) == (1, 1, 1, 1)
    [case] = room.store.cases()
    assert case.number == f"FASDIP-{dt.date.today().year}-000001"
    [reply_file] = outbox_files(settings)
    reply = message_from_bytes(reply_file.read_bytes())
    assert reply["Message-ID"] == f"<{case.number}.r1@fasdip.kemlu.go.id>"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["X-Auto-Response-Suppress"] == "All"
    assert reply["In-Reply-To"] == "<req1@embassy.example>"
    assert "<req1@embassy.example>" in reply["References"]
    assert f"[{case.number}]" in reply["Subject"] and reply["To"] == MISSION
    assert reply["From"].endswith(f"<{OFFICE}>")
    assert list(settings.service.inbox_dir.glob("*.eml")) == []
    assert (settings.service.inbox_dir / "done" / "a.eml").exists()
    # the same file dropped again is the same mail: no second case, no second answer
    drop(settings, "again.eml", raw)
    assert room.poll_once().processed == 0
    assert list(settings.service.inbox_dir.glob("*.eml")) == []
    room.close()


def test_follow_ups_land_in_the_same_case(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    room = Mailroom.open(settings, triage=triage)
    drop(settings, "1.eml", mission_mail(1))
    room.poll_once()
    [case] = room.store.cases()
    ours = f"<{case.number}.r1@fasdip.kemlu.go.id>"
    drop(settings, "2.eml", mission_mail(2, subject="Re: dokumen", in_reply_to=ours))
    drop(settings, "3.eml", mission_mail(3, subject=f"Tambahan [{case.number}]"))
    drop(settings, "4.eml", mission_mail(4, subject="Re: x", in_reply_to="<req1@embassy.example>"))
    drop(settings, "5.eml", mission_mail(5, subject="Permohonan ID Card"))  # another request
    room.poll_once()
    cases = room.store.cases()
    assert len(cases) == 2
    assert [v.case_id for v in room.store.verdicts()].count(case.id) == 4
    second = [
        o for o in room.store.outbox(case.id) if o.message_id.endswith(".r2@fasdip.kemlu.go.id>")
    ]
    assert second, "the follow-up was answered in the same case"
    # the follow-up is judged with every document of the case so far (earlier mails too)
    import json

    follow_up = json.loads(room.store.verdicts(case.id)[1].verdict_json)
    assert len(follow_up["attachments"]) == 2
    room.close()


def test_unknown_sender_goes_to_officers_unanswered(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    drop(settings, "x.eml", mission_mail(1, sender="someone@unknown.example"))
    room = Mailroom.open(settings, triage=triage)
    report = room.poll_once()
    assert (report.processed, report.queued, report.acknowledged) == (1, 0, 1)
    [verdict] = room.store.verdicts()
    assert verdict.decision == "officer_review" and verdict.reply_withheld == "unknown sender"
    assert '"unknown_sender"' in verdict.verdict_json
    assert outbox_files(settings) == []
    room.close()


@pytest.mark.parametrize(
    ("sender", "headers"),
    [
        (MISSION, {"Auto-Submitted": "auto-replied"}),
        (MISSION, {"Precedence": "bulk"}),
        (MISSION, {"List-Id": "<news.embassy.example>"}),
        ("mailer-daemon@embassy.example", {}),
        ("postmaster@embassy.example", {}),
        (OFFICE, {}),  # our own reply coming back
    ],
)
def test_no_reply_to_machines_or_ourselves(
    tmp_path: Path, triage: Triage, sender: str, headers: dict[str, str]
) -> None:
    settings = make_settings(tmp_path)
    drop(settings, "loop.eml", mission_mail(1, sender=sender, headers=headers))
    room = Mailroom.open(settings, triage=triage)
    report = room.poll_once()
    assert (report.processed, report.queued) == (1, 0)
    [verdict] = room.store.verdicts()
    assert verdict.decision == "ignore" and verdict.reply_withheld
    assert outbox_files(settings) == []
    room.close()


def test_an_auto_responder_ping_pong_stops_at_once(tmp_path: Path, triage: Triage) -> None:
    """The mission's out-of-office answers our reply: we do not answer it."""
    settings = make_settings(tmp_path)
    room = Mailroom.open(settings, triage=triage)
    drop(settings, "1.eml", mission_mail(1))
    room.poll_once()
    [case] = room.store.cases()
    ooo = mission_mail(
        2,
        subject=f"Automatic reply: [{case.number}] Kelengkapan",
        in_reply_to=f"<{case.number}.r1@fasdip.kemlu.go.id>",
        headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    )
    drop(settings, "ooo.eml", ooo)
    report = room.poll_once()
    assert (report.processed, report.queued) == (1, 0)
    assert len(room.store.outbox()) == 1
    room.close()


def test_a_human_follow_up_the_same_day_is_answered(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    room = Mailroom.open(settings, triage=triage)
    drop(settings, "1.eml", mission_mail(1))
    room.poll_once()
    [case] = room.store.cases()
    drop(settings, "2.eml", mission_mail(2, subject=f"Re: [{case.number}] dokumen"))
    report = room.poll_once()  # a second missing-items reply in the case today: sent
    assert (report.processed, report.queued, report.sent, report.withheld) == (1, 1, 1, 0)
    assert [o.message_id for o in room.store.outbox(case.id)] == [
        f"<{case.number}.r{n}@fasdip.kemlu.go.id>" for n in (1, 2)
    ]
    room.close()


def test_the_safety_caps_hold_a_reply_back_for_an_officer(
    tmp_path: Path, triage: Triage, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, replies_per_case_per_day=2, replies_per_sender_per_day=3)
    room = Mailroom.open(settings, triage=triage)
    drop(settings, "1.eml", mission_mail(1))
    room.poll_once()
    [case] = room.store.cases()
    for n in (2, 3):
        drop(settings, f"{n}.eml", mission_mail(n, subject=f"Re: [{case.number}] lagi {n}"))
        room.poll_once()
    assert len(room.store.outbox(case.id)) == 2  # the third in the case today: held back
    stored = room.store.verdicts()[-1]
    assert stored.reply_withheld == "safety cap: 2 replies in this case today"
    verdict = Verdict.model_validate_json(stored.verdict_json)
    assert verdict.decision is Decision.officer_review and verdict.reply is None
    [finding] = [f for f in verdict.findings if f.code is FindingCode.reply_withheld]
    assert "officer needs to answer" in finding.text_en and "missing_items" in finding.text_en
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(f"[{case.number}]" in m and "officer must look" in m for m in warned)
    # the officers' digest lists the case among those that need them, saying why
    files = CaseFiles(settings, room.store, triage.office.requirements, triage.catalog)
    rendered, _ = files.digest(dt.datetime.now(dt.UTC))
    needs_officer = rendered.text.split(case.number, 1)[1][:1500]
    assert "Balasan tertahan: perwakilan belum dijawab" in needs_officer
    for n in (4, 5):  # two new requests: the sender's cap (3) is reached by the second
        drop(settings, f"{n}.eml", mission_mail(n, subject=f"Permohonan {n} lain"))
    report = room.poll_once()
    assert (report.queued, report.withheld) == (1, 1)
    assert room.store.verdicts()[-1].reply_withheld == "safety cap: 3 replies to the sender today"
    room.close()


def test_a_failing_mail_is_retried_then_quarantined(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    drop(settings, "1.eml", mission_mail(1))

    class Broken:
        """A judge with a bug: every mail it is given raises."""

        slots = 1

        def run(self, raw: bytes, **_: object) -> Judged:
            raise RuntimeError("stage exploded")

        def close(self) -> None:
            return None

    room = Mailroom.open(settings, triage=triage, judge=Broken())
    for _ in range(settings.store.max_attempts + 2):
        room.poll_once()
        import time

        time.sleep(0.06)
    [mail] = room.store.mails()
    assert mail.status == "quarantined" and mail.attempts == settings.store.max_attempts
    assert "stage exploded" in (mail.last_error or "")
    assert not mail.acked and (settings.service.inbox_dir / "1.eml").exists()
    room.close()


def test_smtp_down_then_up_the_reply_is_sent_once(
    tmp_path: Path, triage: Triage, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, smtp=smtp_settings(smtp_server))
    drop(settings, "1.eml", mission_mail(1))
    room = Mailroom.open(settings, triage=triage)
    smtp_server.stop()
    report = room.poll_once()
    assert (report.queued, report.sent, report.send_failed, report.acknowledged) == (1, 0, 1, 0)
    [item] = room.store.outbox()
    assert item.status == "pending" and item.tries == 1 and item.last_error
    [case] = room.store.cases()
    assert item.case_number == case.number
    # the officer's grep for the case finds the failed send
    assert any(
        r.getMessage().startswith(f"[{case.number}] reply {item.message_id} not sent")
        for r in caplog.records
    )
    assert (settings.service.inbox_dir / "1.eml").exists()  # not acknowledged before sending
    smtp_server.start()
    import time

    time.sleep(0.06)  # the back-off
    report = room.poll_once()
    assert (report.sent, report.acknowledged) == (1, 1)
    [got] = smtp_server.messages
    assert got.recipients == [MISSION] and got.headers["Message-ID"] == item.message_id
    assert got.headers["Auto-Submitted"] == "auto-replied"
    room.close()


@pytest.mark.parametrize(
    "step", ["fetched", "saved_raw", "claimed", "committed", "sent", "acknowledged"]
)
def test_crash_at_each_step_then_restart_answers_each_mail_exactly_once(
    tmp_path: Path, triage: Triage, smtp_server: SmtpServer, step: str
) -> None:
    settings = make_settings(tmp_path, smtp=smtp_settings(smtp_server))
    for n in range(1, 4):
        drop(settings, f"{n}.eml", mission_mail(n, subject=f"Permohonan pas {n}"))
    crash = CrashAt(step)
    room = Mailroom.open(settings, triage=triage, hook=crash)
    with pytest.raises(InjectedCrash):
        room.poll_once()
    room.store.close()  # the process died; a new one starts
    restarted = Mailroom.open(settings, triage=triage)
    restarted.poll_once()
    restarted.poll_once()
    mails = restarted.store.mails()
    assert len(mails) == 3 and all(m.status == "done" and m.acked for m in mails)
    assert len(restarted.store.cases()) == 3 and len(restarted.store.verdicts()) == 3
    sent = Counter(m.headers["In-Reply-To"] for m in smtp_server.messages)
    assert sent == Counter({f"<req{n}@embassy.example>": 1 for n in range(1, 4)})
    assert list(settings.service.inbox_dir.glob("*.eml")) == []
    restarted.close()


def test_subject_key() -> None:
    assert subject_key("Re: RE: [FASDIP-2026-000123] Permohonan  Pas") == "permohonan pas"
    assert subject_key("Fwd: Permohonan Pas") == subject_key("permohonan pas")


def kill_on_claim(step: str) -> None:
    """The service dies (killed, restarted) while the mail is being judged."""
    if step == "claimed":
        raise InjectedCrash(step)


def test_the_service_killed_ten_times_on_a_mail_uses_no_try_and_answers_it_once(
    tmp_path: Path, triage: Triage, smtp_server: SmtpServer
) -> None:
    settings = make_settings(tmp_path, smtp=smtp_settings(smtp_server))
    drop(settings, "1.eml", mission_mail(1))
    for _ in range(10):
        room = Mailroom.open(settings, triage=triage, hook=kill_on_claim)
        with pytest.raises(InjectedCrash):
            room.poll_once()
        room.store.close()
    room = Mailroom.open(settings, triage=triage)
    report = room.poll_once()
    [mail] = room.store.mails()
    assert mail.status == "done" and mail.attempts == 0 and report.sent == 1
    assert [m.headers["In-Reply-To"] for m in smtp_server.messages] == ["<req1@embassy.example>"]
    room.close()


def test_a_mail_that_kills_the_service_every_time_is_quarantined(
    tmp_path: Path, triage: Triage
) -> None:
    settings = make_settings(tmp_path)
    settings = settings.model_copy(
        update={"store": settings.store.model_copy(update={"max_interrupted": 3})}
    )
    drop(settings, "poison.eml", mission_mail(1))
    for _ in range(3):
        room = Mailroom.open(settings, triage=triage, hook=kill_on_claim)
        with pytest.raises(InjectedCrash):
            room.poll_once()
        room.store.close()
    room = Mailroom.open(settings, triage=triage, hook=kill_on_claim)
    report = room.poll_once()  # no crash: the mail is not taken again
    [mail] = room.store.mails()
    assert mail.status == "quarantined" and report.processed == 0
    assert mail.last_error == "the service stopped 3 times on it"
    room.close()


def test_identity_digests_keep_only_confident_numbers(triage: Triage) -> None:
    from fasdip.models import FieldRead, KtpReading, PassportReading
    from fasdip.store import identity_digest

    verdict = triage.run(mission_mail(1)).model_copy(
        update={
            "passports": [
                PassportReading(
                    attachment="a1",
                    document_number=FieldRead(value="K58837776", check_digit_ok=True),
                ),
                PassportReading(attachment="a2", document_number=FieldRead(value="ZZ1")),
            ],
            "ktps": [
                KtpReading(attachment="a3", nik=FieldRead(value="3171234567890123"), nik_valid=True)
            ],
        }
    )
    assert identity_digests(verdict) == [
        identity_digest("passport", "K58837776"),
        identity_digest("nik", "3171234567890123"),
    ]


def test_a_new_mail_about_the_same_applicant_joins_the_case(tmp_path: Path, triage: Triage) -> None:
    """No case number, no In-Reply-To, another subject: the passport number threads it."""
    from email import message_from_bytes as parse
    from email.policy import compat32

    from samples.scenarios import build_corpus

    [scenario] = build_corpus(count=1, seed=7)  # a complete set with a passport copy
    second = parse(scenario.eml, policy=compat32)
    for name in ("Subject", "Message-ID", "In-Reply-To", "References"):
        del second[name]
    second["Subject"] = "Dokumen susulan"
    second["Message-ID"] = "<follow-up-without-headers@usembassy.example>"
    settings = make_settings(tmp_path)
    drop(settings, "1.eml", scenario.eml)
    room = Mailroom.open(settings, triage=triage)
    room.poll_once()
    drop(settings, "2.eml", second.as_bytes())
    room.poll_once()
    assert len(room.store.cases()) == 1 and len(room.store.verdicts()) == 2
    room.close()
