"""`fasdip demo`: the service on the bundled sample mailbox, then proofs and the digest."""

from __future__ import annotations

import email
import email.policy
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from fasdip.cli import main


def test_the_demo_answers_every_mission_and_shows_every_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "demo"
    assert main(["demo", "--dir", str(base)]) == 0
    out = capsys.readouterr().out

    replies = sorted((base / "outbox").glob("*.eml"))
    proofs = sorted((base / "proofs").glob("*.pdf"))
    [digest] = sorted((base / "digest").glob("*.html"))
    assert f"officers' copies:     {base / 'proofs'}/ ({len(proofs)} files)" in out

    # Every registration-proof reply carries one PDF per applicant, read back from the
    # .eml the mission gets, and `fasdip verify-proof` accepts each of them.
    carried: dict[str, list[Path]] = {}
    for reply in replies:
        message = email.message_from_bytes(reply.read_bytes(), policy=email.policy.default)
        files = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
        if message["X-Fasdip-Kind"] != "registration_proof":
            assert files == []
            continue
        case_number = reply.name.split(".r")[0]
        assert files, f"{reply.name}: a registration-proof reply without its PDF"
        for part in files:
            assert str(part.get_filename()).startswith(f"Bukti-Pendaftaran-{case_number}")
            saved = tmp_path / "read-back" / str(part.get_filename())
            saved.parent.mkdir(exist_ok=True)
            data = part.get_payload(decode=True)
            assert isinstance(data, bytes)
            saved.write_bytes(data)
            carried.setdefault(case_number, []).append(saved)
    assert sum(len(f) for f in carried.values()) == len(proofs)
    assert f"registration proofs:  {len(proofs)} PDFs attached to the replies" in out
    capsys.readouterr()
    for case_number, saved_files in carried.items():
        for saved in saved_files:
            assert main(["verify-proof", str(saved)]) == 0
            assert capsys.readouterr().out.startswith(f"valid: {case_number} ")
    assert any(len(f) > 1 for f in carried.values())  # a case of several applicants

    # The follow-up with the missing photo completed its case: a second reply, a proof.
    second = [r for r in replies if ".r2@" in r.name]
    assert len(second) == 1
    assert "Bukti pendaftaran" in second[0].read_text(encoding="utf-8")
    case_number = second[0].name.split(".r2@")[0]
    assert case_number in carried
    assert case_number in PdfReader(carried[case_number][0]).pages[0].extract_text()

    # The digest says "sent" only of replies that left: here every one did.
    with sqlite3.connect(base / "fasdip.sqlite3") as db:
        unsent = db.execute("SELECT count(*) FROM outbox WHERE status != 'sent'").fetchone()
        answered = db.execute(
            "SELECT count(DISTINCT case_id) FROM outbox WHERE status = 'sent'"
        ).fetchone()
    text = digest.with_suffix(".txt").read_text(encoding="utf-8")
    assert unsent == (0,) and "Reply not sent yet" not in text
    assert text.count("Reply sent ") == answered[0]
    assert "ATTENTION NOW (0)" in text

    # Every case in the store is in the digest; automatic mail and the stranger got no reply.
    with sqlite3.connect(base / "fasdip.sqlite3") as db:
        numbers = [row[0] for row in db.execute("SELECT number FROM cases")]
    html = digest.read_text(encoding="utf-8")
    assert numbers and all(number in html for number in numbers)
    assert "<script" not in html.lower()
    assert not any("freemail.example" in r.read_text(encoding="utf-8") for r in replies)


def test_the_demo_refuses_a_folder_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "something").write_text("x")
    assert main(["demo", "--dir", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().err
