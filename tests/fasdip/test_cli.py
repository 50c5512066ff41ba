"""`fasdip triage` as an officer or a script uses it: files in, a verdict out, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import BUNDLED_DIR
from fasdip.cli import main
from tests.fasdip.corpus import scenario


def saved(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.eml"
    path.write_bytes(scenario(name).eml)
    return path


def test_json_verdict_follows_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(tmp_path, "renewal_id_foreign_missing_photo")
    assert main(["triage", str(path), "--json", "--today", "2026-11-20"]) == 0
    verdict = json.loads(capsys.readouterr().out)

    assert verdict["request_type"] == "airport_pass_renewal"
    assert verdict["decision"] == "missing_items"
    [applicant] = verdict["applicants"]
    assert applicant["category"] == "foreign_official"
    assert applicant["missing"] == ["photo"]
    assert "passport" in applicant["documents"] and applicant["name"]
    for attachment in verdict["attachments"]:
        assert {"filename", "document_type", "detected_format", "size", "findings"} <= set(
            attachment
        )
    codes = {(f["code"], f["severity"], f["document"]) for f in verdict["findings"]}
    assert ("missing_document", "blocking", "photo") in codes
    [passport] = verdict["passports"]  # the MRZ in the copy's text layer
    assert passport["accepted"] and passport["document_number"]["check_digit_ok"]
    assert verdict["ktps"] == []
    assert verdict["reply"]["subject"].startswith(f"[{verdict['case_ref']}]")
    assert verdict["reply"]["text"].index("Dengan hormat") < verdict["reply"]["text"].index(
        "Dear Sir or Madam"
    )
    assert "Foto berlatar belakang merah" in verdict["reply"]["text"]


def test_without_json_a_person_gets_a_short_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(tmp_path, "defect_photo_blue")
    assert main(["triage", str(path)]) == 0
    out = capsys.readouterr().out
    assert "decision  missing_items" in out
    assert "photo_background_not_red" in out
    assert len(out.splitlines()) < 25


def test_a_folder_gives_one_verdict_per_email(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(tmp_path, "new_en_foreign_complete")
    saved(tmp_path, "auto_reply_out_of_office")
    assert main(["triage", str(tmp_path), "--json"]) == 0
    verdicts = json.loads(capsys.readouterr().out)
    assert [v["decision"] for v in verdicts] == ["ignore", "registration_proof"]
    assert verdicts[0]["reply"] is None


def test_a_file_that_is_not_an_email_is_a_finding_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scan.eml"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    assert main(["triage", str(path), "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["decision"] == "officer_review"
    assert [f["code"] for f in verdict["findings"]] == ["not_an_email"]
    assert verdict["reply"] is None


def test_a_missing_file_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "no/such/file.eml"]) == 2
    err = capsys.readouterr().err
    assert err == "fasdip: no/such/file.eml: no such file; give the path of a saved email (.eml)\n"


def test_a_malformed_date_exits_2_and_says_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["triage", "x.eml", "--today", "20-11-2026"])
    assert exit_.value.code == 2
    assert "'20-11-2026' is not a date: use YYYY-MM-DD" in capsys.readouterr().err


def test_a_broken_config_file_stops_start_up_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "requirements.yaml"
    text = (BUNDLED_DIR / "requirements.yaml").read_text(encoding="utf-8")
    broken.write_text(
        text.replace("max_file_bytes: 1048576", "max_file_bytes: -1"), encoding="utf-8"
    )
    monkeypatch.setenv("FASDIP_REQUIREMENTS_FILE", str(broken))
    assert main(["triage", str(saved(tmp_path, "new_en_foreign_complete"))]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "rules.max_file_bytes" in err


def test_the_installed_command_runs_as_a_new_process(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "fasdip"
    path = saved(tmp_path, "regional_en_too_late")
    done = subprocess.run(
        [str(command), "triage", str(path), "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["decision"] == "late_refusal"
    assert done.stderr == ""
