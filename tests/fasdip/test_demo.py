"""`fasdip demo`: the service on the bundled sample mailbox, then proofs and the digest."""

from __future__ import annotations

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
    assert f"registration proofs:  {base / 'proofs'}/ ({len(proofs)} files)" in out

    # The follow-up with the missing photo completed its case: a second reply, a proof.
    second = [r for r in replies if ".r2@" in r.name]
    assert len(second) == 1
    assert "Bukti pendaftaran" in second[0].read_text(encoding="utf-8")
    case_number = second[0].name.split(".r2@")[0]
    assert any(case_number in PdfReader(p).pages[0].extract_text() for p in proofs)

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
