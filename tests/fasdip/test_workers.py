"""Mails judged in worker processes: the same verdicts, and one bad mail killed alone.

Each test starts a real pool of spawned worker processes; the faults are real too: a mail
that takes longer than its deadline, a picture that needs more memory than the cap, a
worker killed with SIGKILL while it reads.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import LimitsSettings, OcrSettings, Settings, StoreSettings, WorkerSettings
from fasdip.mailroom import Mailroom
from fasdip.models import Decision, FindingCode, Verdict
from fasdip.pipeline import Triage
from fasdip.workers import PoolJudge
from samples.emails import build_email
from samples.files import photo_jpeg, text_pdf
from samples.ktps import make_ktp
from samples.passports import make_passport
from tests.fasdip.mailbox_helpers import make_settings, mission_mail

pytestmark = pytest.mark.slow  # a pool of worker processes running Tesseract

TODAY = dt.date(2026, 11, 16)
WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)


def request(*files: tuple[str, str, bytes], message_id: str = "<w1@embassy.example>") -> bytes:
    note = text_pdf(
        "NOTE VERBALE",
        [
            "The Embassy presents its compliments to the Ministry of Foreign Affairs and",
            "requests the issuance of the annual airport pass for Mr. Hans Muller.",
        ],
    )
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol",
        subject="Request for New Annual Airport Pass",
        body="Please find the documents attached.",
        attachments=[("Note.pdf", "application/pdf", note), *files],
        date=WHEN,
        message_id=message_id,
    )


def small_request() -> bytes:
    return request(("Photo.jpg", "image/jpeg", photo_jpeg("red")), message_id="<small@e.example>")


def slow_request(cards: int = 10) -> bytes:
    """Scanned KTPs: about 0.3 s of OCR each (tesserocr; 1.5 s each with the Tesseract
    command)."""
    scans = [(f"scan{i}.jpg", "image/jpeg", make_ktp(100 + i).jpeg) for i in range(cards)]
    return request(*scans, message_id="<slow@embassy.example>")


def pool(settings: Settings, var: Path, **workers: object) -> Iterator[PoolJudge]:
    """A pool of two workers whose shared readings file is under ``var`` (each test its
    own: a document read in another test must be read again here)."""
    settings = settings.model_copy(
        update={
            "workers": WorkerSettings.model_validate({"processes": 2, **workers}),
            "store": StoreSettings(var_dir=var),
        }
    )
    judge = PoolJudge(settings, Triage.load(settings))
    try:
        yield judge
    finally:
        judge.close()


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PoolJudge]:
    yield from pool(Settings(), tmp_path_factory.mktemp("var"))


def without_timings(verdict: Verdict) -> dict[str, object]:
    """The verdict as data, less the seconds each reading took."""
    return verdict.model_dump(
        exclude={"passports": {"__all__": {"seconds"}}, "ktps": {"__all__": {"seconds"}}}
    )


def finding_codes(verdict: Verdict) -> list[FindingCode]:
    return [f.code for f in verdict.findings]


def test_a_mail_judged_in_a_worker_gets_the_verdict_it_gets_in_process(
    judge: PoolJudge, triage: Triage
) -> None:
    passport = make_passport(3)
    raw = request(
        ("scan001.pdf", "application/pdf", passport.pdf("jpeg")),
        ("Photo.jpg", "image/jpeg", photo_jpeg("red")),
    )
    judged = judge.run(raw, today=TODAY, case_ref="FASDIP-2026-000007")

    in_process = triage.run(raw, today=TODAY, case_ref="FASDIP-2026-000007")
    assert without_timings(judged.verdict) == without_timings(in_process)
    [reading] = judged.verdict.passports
    assert reading.document_number.value == passport.truth.document_number
    assert judged.seconds["parse"] > 0 and judged.seconds["ocr"] > 0


def test_a_mail_past_its_deadline_goes_to_an_officer_and_the_next_one_is_judged(
    tmp_path: Path,
) -> None:
    for judge in pool(Settings(), tmp_path, email_timeout_seconds=4):
        started = time.monotonic()
        verdict = judge.run(slow_request(40), today=TODAY).verdict  # ~12 s of OCR
        took = time.monotonic() - started

        assert took < 10, f"the deadline was 4 s, the answer came after {took:.1f} s"
        assert verdict.decision == Decision.officer_review
        [finding] = verdict.findings
        assert finding.code == FindingCode.limit_exceeded
        assert finding.params["limit_name"] == "workers.email_timeout_seconds"
        assert verdict.sender == "protocol@embassy.example"
        assert verdict.subject == "Request for New Annual Airport Pass"
        # The mission is told its mail arrived and an officer will look at it; the
        # limit itself is for the officers' eyes.
        assert verdict.reply is not None and verdict.reply.kind == Decision.officer_review
        assert "timeout" not in verdict.reply.text

        after = judge.run(small_request(), today=TODAY).verdict
        assert FindingCode.limit_exceeded not in finding_codes(after)
        assert after.request_type.value == "airport_pass_new"


def test_a_picture_that_needs_more_memory_than_the_cap_is_stopped(tmp_path: Path) -> None:
    # Pillow's pixel guard is raised out of the way, so the memory cap is what stops it.
    settings = Settings(limits=LimitsSettings(max_image_pixels=400_000_000))
    huge = photo_jpeg("red", width=9000, height=9000)
    raw = request(("Photo.jpg", "image/jpeg", huge))
    for judge in pool(settings, tmp_path, memory_mb=450):
        verdict = judge.run(raw, today=TODAY).verdict

        assert verdict.decision == Decision.officer_review
        [finding] = verdict.findings
        assert finding.code == FindingCode.limit_exceeded
        assert finding.params["limit_name"] == "workers.memory_mb"
        after = judge.run(small_request(), today=TODAY).verdict
        assert FindingCode.limit_exceeded not in finding_codes(after)


def _children(parent: int) -> list[tuple[int, bytes]]:
    """(pid, command line) of the processes whose parent is ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if f"PPid:\t{parent}\n" in status:
            found.append((int(entry.name), cmdline))
    return found


def _workers() -> list[int]:
    """Pids of this process's spawned pool workers."""
    return [pid for pid, cmdline in _children(os.getpid()) if b"spawn_main" in cmdline]


def _kill_the_busy_worker() -> None:
    """SIGKILL the worker that is running Tesseract, as the kernel's OOM killer would."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for pid in _workers():
            if any(b"tesseract" in cmdline for _, cmdline in _children(pid)):
                os.kill(pid, signal.SIGKILL)
                return
        time.sleep(0.05)


def test_a_worker_killed_while_it_reads_sends_that_mail_to_an_officer(tmp_path: Path) -> None:
    # A Tesseract process per call, so the busy worker shows itself by its child
    # (in-process tesserocr, the default, starts none).
    settings = Settings(ocr=OcrSettings(engine="tesseract"))
    for judge in pool(settings, tmp_path):
        killer = threading.Thread(target=_kill_the_busy_worker)
        killer.start()
        verdict = judge.run(slow_request(4), today=TODAY).verdict
        killer.join()

        assert verdict.decision == Decision.officer_review
        [finding] = verdict.findings
        assert finding.code == FindingCode.processing_failed
        assert "-9" in finding.params["reason"]
        after = judge.run(small_request(), today=TODAY).verdict
        assert FindingCode.processing_failed not in finding_codes(after)


def test_the_mailroom_judges_a_backlog_on_both_cores_and_answers_each_mail_once(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    settings = settings.model_copy(update={"workers": WorkerSettings(processes=2)})
    settings.service.inbox_dir.mkdir(parents=True)
    for n in range(1, 9):
        (settings.service.inbox_dir / f"m{n}.eml").write_bytes(mission_mail(n))
    room = Mailroom.open(settings)
    try:
        assert room.judge.slots == 3  # two workers and one mail waiting (workers.queued)
        report = room.poll_once()
    finally:
        room.close()

    assert (report.processed, report.sent, report.failed) == (8, 8, 0)
    replies = sorted(settings.service.outbox_dir.glob("*.eml"))
    assert len(replies) == 8
    answered = {
        line for r in replies for line in r.read_text().splitlines() if "In-Reply-To" in line
    }
    assert len(answered) == 8
    assert report.seconds["parse"] > 0 and report.seconds["store"] > 0
