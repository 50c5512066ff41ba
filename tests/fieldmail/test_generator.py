"""The field generator: deterministic, its mails readable by our ingest, its truth consistent."""

from __future__ import annotations

import io
import zipfile

import pytest

import ingest
from config.settings import load_settings
from fasdip.models import Decision, DocumentType, FileFormat, FindingCode, RequestType
from fasdip.pipeline import Triage
from fieldmail.compose import generate
from fieldmail.files import DOCX
from fieldmail.identity import check_digit
from fieldmail.truth import NEEDS, PROOF_ON_COMPLETE, REPLY_DECISIONS, Habit, MailTruth

D = DocumentType
Mails = list[tuple[bytes, MailTruth]]


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_mails() -> None:
    assert generate(3, 1) == generate(3, 1)
    assert generate(3, 1)[0] != generate(3, 2026)[0]


def test_another_process_writes_the_same_corpus(tmp_path) -> None:
    """No clock, host, hash order or unseeded noise leaks into the bytes."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": "123"}
    subprocess.run(
        [sys.executable, "-m", "fieldmail", str(tmp_path), "--count", "3", "--seed", "1"],
        check=True,
        env=env,
        capture_output=True,
    )
    assert (tmp_path / "003.eml").read_bytes() == generate(3, 1)[0]
    assert (
        MailTruth.model_validate_json((tmp_path / "003.truth.json").read_text())
        == generate(3, 1)[1]
    )


def _check_truth(truth: MailTruth) -> None:
    """What a truth must satisfy whatever was generated."""
    for applicant in truth.applicants:
        needs = NEEDS[truth.request_type][applicant.category]
        assert set(applicant.missing) == set(needs) - set(applicant.sent)
        covered = {d for f in truth.files if f.applicant == applicant.name for d in f.covers}
        if any(f.applicant is None for f in truth.files):
            covered.add(D.diplomatic_note)
        assert set(applicant.sent) == covered & set(needs)
    problems = {c for f in truth.files for c in f.problems}
    assert problems <= set(truth.findings)
    incomplete = any(a.missing for a in truth.applicants)
    assert (FindingCode.missing_document in truth.findings) == incomplete
    if truth.decision == Decision.registration_proof:
        assert truth.request_type in PROOF_ON_COMPLETE and not incomplete and not problems
    if incomplete or problems:
        assert truth.decision in (Decision.missing_items, Decision.late_refusal)
    assert truth.reply_without_officer == (truth.decision in REPLY_DECISIONS)
    for f in truth.files:
        assert (FindingCode.too_large in f.problems) == (f.size > 1_048_576)
        if f.mrz is not None:
            line2 = f.mrz.line2
            assert len(f.mrz.line1) == len(line2) == 44
            assert line2[9] == check_digit(line2[:9]) and line2[27] == check_digit(line2[21:27])


def test_every_truth_is_self_consistent(first_mails: Mails) -> None:
    for _raw, truth in first_mails:
        _check_truth(truth)


def test_every_mail_parses_and_carries_exactly_the_files_of_its_truth(first_mails: Mails) -> None:
    triage = Triage.load(load_settings())
    settings = triage.settings
    for raw, truth in first_mails:
        email = ingest.parse(raw, settings.ingest, triage.catalog, limits=settings.limits)
        email = ingest.inspect(email, settings.ingest, limits=settings.limits)
        assert email.looks_like_email and email.subject == truth.subject
        assert [a.filename for a in email.attachments] == [f.filename for f in truth.files]
        for attachment, f in zip(email.attachments, truth.files, strict=True):
            assert attachment.size == f.size
            if f.content_type == DOCX or f.filename.endswith(".docx"):
                assert attachment.detected_format == FileFormat.docx
            elif f.filename.endswith(".pdf") and f.image_only:
                assert attachment.content is not None and attachment.content.text.strip() == ""
            elif f.filename.endswith(".pdf"):
                assert attachment.content is not None and len(attachment.content.text) > 40


def test_a_word_file_is_a_real_docx(first_mails: Mails) -> None:
    import email as stdlib_email
    from email import policy

    seen = 0
    for raw, truth in first_mails:
        if not any(f.filename.endswith(".docx") for f in truth.files):
            continue
        message = stdlib_email.message_from_bytes(raw, policy=policy.default)
        for part in message.iter_attachments():
            if str(part.get_filename()).endswith(".docx"):
                with zipfile.ZipFile(io.BytesIO(part.get_content())) as archive:
                    assert "word/document.xml" in archive.namelist()
                    seen += 1
    assert seen


@pytest.mark.slow
def test_the_bench_corpus_covers_every_type_language_habit_and_decision(full_corpus: Mails) -> None:
    truths = [t for _raw, t in full_corpus]
    assert len(truths) >= 200
    for truth in truths:
        _check_truth(truth)
    assert {t.request_type for t in truths} == set(RequestType)
    assert {t.language for t in truths} == {"en", "id", "fr-en"}
    assert {a.category for t in truths for a in t.applicants} >= {
        "foreign_official",
        "local_staff",
    }
    assert {h for t in truths for h in t.habits} == set(Habit)
    assert {t.decision for t in truths} >= set(Decision) - {Decision.ignore}
    other = [t for t in truths if t.request_type == RequestType.other]
    assert other and all(t.decision == Decision.officer_review for t in other)
    assert any(len(f.covers) >= 3 and D.passport in f.covers for t in truths for f in t.files)
    assert any(f.filename.startswith("scan") for t in truths for f in t.files)
    assert any(f.filename.startswith("IMG_") for t in truths for f in t.files)
