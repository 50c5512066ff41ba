"""The registration proof: one signed A4 page that a person can read and a machine can check."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from config.office import load_office
from config.settings import ProofSettings, load_settings
from fasdip import cli, cli_verify_proof
from fasdip.errors import AdapterError
from fasdip.models import RequestType
from responders.proof import IdKind, ProofData, registration_proof
from responders.proof_sign import proof_text, verify_proof_pdf, verify_proof_text

PASSPORT = "TR9876543"
NIK = "3171234567890001"


@pytest.fixture(scope="module")
def proof_settings() -> ProofSettings:
    return load_settings().proof


@pytest.fixture(scope="module")
def key(proof_settings: ProofSettings) -> str:
    return proof_settings.hmac_key.get_secret_value()


@pytest.fixture(scope="module")
def data() -> ProofData:
    requirements = load_office(load_settings()).requirements
    return ProofData.for_request(
        requirements,
        RequestType.airport_pass_new,
        case_ref="FASDIP-2026-000123",
        issued=dt.date(2026, 11, 20),
        mission_name="Kedutaan Besar Republik Türkiye",
        applicant_name="Ayşe ÖZTÜRK",
        id_number=PASSPORT,
        id_kind=IdKind.passport,
    )


@pytest.fixture(scope="module")
def pdf(data: ProofData, proof_settings: ProofSettings) -> bytes:
    return registration_proof(data, proof_settings)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_one_a4_page_rendered_by_pdftoppm(pdf: bytes, tmp_path: Path) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is not installed: run scripts/setup.sh")
    (tmp_path / "proof.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", str(tmp_path / "proof.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=30,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    assert pages[0].stat().st_size > 10_000


def test_text_carries_case_name_and_request_type_but_not_the_full_passport(pdf: bytes) -> None:
    text = _text(pdf)
    for expected in (
        "FASDIP-2026-000123",
        "Ayşe ÖZTÜRK",
        "Pas Bandara Tahunan Baru",
        "New annual airport pass",
        "BUKTI PENDAFTARAN",
        "REGISTRATION PROOF",
        "Kantor Otoritas Bandara",
        "Airport Authority officer at the screening test",
        "Kedutaan Besar Republik Türkiye",
    ):
        assert expected in text, expected
    assert PASSPORT not in text
    assert "TR*****43" in text


def test_metadata_carries_the_signed_text(pdf: bytes, data: ProofData, key: str) -> None:
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.subject == proof_text(data, key)
    assert meta.subject.startswith("FASDIP1|FASDIP-2026-000123|airport_pass_new|2026-11-20|")


def test_verify_accepts_the_proof(pdf: bytes, key: str) -> None:
    check = verify_proof_pdf(pdf, key)
    assert check.valid, check.reason
    assert check.case_ref == "FASDIP-2026-000123"
    assert check.applicant_name == "Ayşe ÖZTÜRK"
    assert check.line().startswith("valid: FASDIP-2026-000123")


def _with_subject(pdf: bytes, subject: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({"/Subject": subject, "/Keywords": subject})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (1, "FASDIP-2026-000999"),
        (2, "airport_pass_renewal"),
        (3, "2026-12-20"),
        (4, "Someone ELSE"),
        (5, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    ],
)
def test_verify_rejects_a_tampered_copy(pdf: bytes, key: str, field: int, value: str) -> None:
    parts = verify_proof_text_parts(pdf)
    parts[field] = value
    tampered = _with_subject(pdf, "|".join(parts))
    check = verify_proof_pdf(tampered, key)
    assert not check.valid
    assert "signature" in check.reason


def verify_proof_text_parts(pdf: bytes) -> list[str]:
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.subject
    return str(meta.subject).split("|")


def test_a_validly_signed_text_on_another_page_is_rejected(
    data: ProofData, proof_settings: ProofSettings, key: str
) -> None:
    """Someone pastes a genuine signed text into a proof printed for another person."""
    other = registration_proof(
        data.model_copy(update={"applicant_name": "Someone ELSE"}), proof_settings
    )
    forged = _with_subject(other, proof_text(data, key))
    check = verify_proof_pdf(forged, key)
    assert not check.valid
    assert "printed name" in check.reason


def test_verify_rejects_another_key(data: ProofData, key: str) -> None:
    foreign = ProofSettings.model_validate({"hmac_key": "another-office-key-0123456789"})
    pdf = registration_proof(data, foreign)
    assert verify_proof_pdf(pdf, foreign.hmac_key.get_secret_value()).valid
    check = verify_proof_pdf(pdf, key)
    assert not check.valid
    assert "signature" in check.reason


def test_verify_text_rejects_garbage_and_non_pdf(key: str) -> None:
    assert not verify_proof_text("hello", key).valid
    assert not verify_proof_text("", key).valid
    assert not verify_proof_pdf(b"%PDF-1.4 broken", key).valid
    assert not verify_proof_pdf(b"not a pdf", key).valid


def test_names_cannot_break_the_signed_text(data: ProofData, key: str) -> None:
    sneaky = data.model_copy(update={"applicant_name": "A|B"})
    sneaky = ProofData.model_validate(sneaky.model_dump())
    assert sneaky.applicant_name == "A/B"
    assert verify_proof_text(proof_text(sneaky, key), key).valid


@pytest.mark.parametrize("rtype", list(RequestType))
def test_longest_values_still_fit_one_page(
    rtype: RequestType, proof_settings: ProofSettings
) -> None:
    requirements = load_office(load_settings()).requirements
    data = ProofData.for_request(
        requirements,
        rtype,
        case_ref="FASDIP-2026-000124",
        issued=dt.date(2026, 11, 20),
        mission_name="Kedutaan Besar " * 20,
        applicant_name="Wolfgang Amadeus Maximilian " * 8,
        id_number=NIK,
        id_kind=IdKind.nik,
    )
    try:
        pdf = registration_proof(data, proof_settings)
    except AdapterError as exc:  # pragma: no cover - the message says which case
        pytest.fail(str(exc))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert NIK not in reader.pages[0].extract_text()


# --------------------------------------------------------------------------- the command


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    if cli_verify_proof not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, cli_verify_proof])
    return cli.main


def test_cli_accepts_the_proof_and_its_qr_text(run, pdf, tmp_path, capsys) -> None:
    path = tmp_path / "proof.pdf"
    path.write_bytes(pdf)
    assert run(["verify-proof", str(path)]) == 0
    assert capsys.readouterr().out.startswith("valid: FASDIP-2026-000123")
    qr = "|".join(verify_proof_text_parts(pdf))
    assert run(["verify-proof", "--qr", qr]) == 0
    assert capsys.readouterr().out.startswith("valid: FASDIP-2026-000123")


def test_cli_rejects_a_tampered_copy(run, pdf, tmp_path, capsys) -> None:
    parts = verify_proof_text_parts(pdf)
    parts[4] = "Someone ELSE"
    path = tmp_path / "tampered.pdf"
    path.write_bytes(_with_subject(pdf, "|".join(parts)))
    assert run(["verify-proof", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("invalid: ") and out.count("\n") == 1
    assert run(["verify-proof", "--qr", "|".join(parts)]) == 1


def test_cli_missing_file_and_bad_usage(run, tmp_path, capsys) -> None:
    assert run(["verify-proof", str(tmp_path / "nope.pdf")]) == 2
    err = capsys.readouterr().err
    assert "nope.pdf" in err and err.count("\n") == 1
    assert run(["verify-proof"]) == 2
    assert run(["verify-proof", str(tmp_path / "x.pdf"), "--qr", "x"]) == 2


def test_key_setting_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASDIP_PROOF__HMAC_KEY", "an-office-key-of-some-length")
    settings = load_settings()
    assert settings.proof.hmac_key.get_secret_value() == "an-office-key-of-some-length"
    assert not settings.proof.uses_development_key
    monkeypatch.delenv("FASDIP_PROOF__HMAC_KEY")
    assert load_settings().proof.uses_development_key
