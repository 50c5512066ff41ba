"""The office's YAML files are checked at start-up: a mistake is one line naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.office import load_office
from config.settings import BUNDLED_DIR, load_settings
from fasdip.errors import ConfigError
from fasdip.models import ApplicantCategory, DocumentType, FindingCode, RequestType


def test_the_bundled_files_encode_every_code_of_the_requirements() -> None:
    office = load_office(load_settings())
    assert set(office.requirements.request_types) == set(RequestType)
    assert set(office.requirements.documents) == set(DocumentType)
    assert set(office.messages.findings) == set(FindingCode)
    new_pass = office.requirements.request_types[RequestType.airport_pass_new]
    assert new_pass.categories[ApplicantCategory.local_staff] == [
        DocumentType.diplomatic_note,
        DocumentType.ktp,
        DocumentType.employment_proof,
        DocumentType.cv,
        DocumentType.photo,
    ]
    assert office.requirements.rules.max_file_bytes == 1_048_576


def _broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (BUNDLED_DIR / name).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_an_unknown_document_code_names_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _broken_copy(
        tmp_path, "requirements.yaml", "[diplomatic_note, ktp, cv]", "[diplomatic_note, ktpp, cv]"
    )
    monkeypatch.setenv("FASDIP_REQUIREMENTS_FILE", str(broken))
    with pytest.raises(ConfigError) as err:
        load_office(load_settings())
    message = str(err.value)
    assert "\n" not in message
    assert str(broken) in message
    assert "request_types.honorary_consul.categories.foreign_official.1" in message


def test_a_finding_without_words_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _broken_copy(tmp_path, "messages.yaml", "  too_large:", "  too_big:")
    monkeypatch.setenv("FASDIP_MESSAGES_FILE", str(broken))
    with pytest.raises(ConfigError, match="findings"):
        load_office(load_settings())


def test_invalid_yaml_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "keywords.yaml"
    broken.write_text("request_types: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("FASDIP_KEYWORDS_FILE", str(broken))
    with pytest.raises(ConfigError, match="not valid YAML") as err:
        load_office(load_settings())
    assert "\n" not in str(err.value)


def test_a_wrong_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASDIP_CLASSIFIER__CONFIDENCE_THRESHOLD", "7")
    with pytest.raises(ConfigError, match=r"classifier\.confidence_threshold"):
        load_settings()


def test_a_settings_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(
        "timezone: Asia/Makassar\nclassifier:\n  confidence_threshold: 0.7\n", encoding="utf-8"
    )
    monkeypatch.setenv("FASDIP_TIMEZONE", "Asia/Jayapura")
    settings = load_settings(path)
    assert settings.classifier.confidence_threshold == 0.7
    assert settings.timezone == "Asia/Jayapura"


def test_an_unknown_time_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASDIP_TIMEZONE", "Asia/Atlantis")
    with pytest.raises(ConfigError, match=r"timezone: .*Asia/Atlantis"):
        load_settings()
