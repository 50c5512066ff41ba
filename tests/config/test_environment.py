"""FASDIP_* variables over the config file's values, read by pydantic-settings only when set."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import Settings, load_settings
from fasdip.errors import ConfigError


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_variable_wins_over_the_file_and_keeps_its_siblings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, "service:\n  poll_minutes: 7\nclassifier:\n  strong_score: 5.0\n")
    monkeypatch.setenv("FASDIP_CLASSIFIER__CONFIDENCE_THRESHOLD", "0.7")
    monkeypatch.setenv("fasdip_service__poll_minutes", "9")  # names are not case-sensitive
    settings = load_settings(config)
    assert settings.classifier.confidence_threshold == 0.7
    assert settings.classifier.strong_score == 5.0
    assert settings.service.poll_minutes == 9
    assert type(settings) is Settings
    assert pickle.loads(pickle.dumps(settings)) == settings  # as sent to the workers


def test_a_whole_section_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASDIP_TRUST", '{"authserv_ids": ["mx.kemlu.go.id"]}')
    assert load_settings().trust.authserv_ids == ["mx.kemlu.go.id"]


def test_a_bad_variable_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASDIP_SERVICE__POLL_MINUTES", "often")
    with pytest.raises(ConfigError, match=r"FASDIP_… environment\): service\.poll_minutes"):
        load_settings()


def test_the_same_settings_from_the_file_alone_as_with_an_unrelated_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, "timezone: Asia/Makassar\nocr:\n  page_text_width: 1000\n")
    alone = load_settings(config)
    monkeypatch.setenv("FASDIP_OFFICE_ADDRESS", alone.office_address)
    assert load_settings(config) == alone


def test_without_fasdip_variables_pydantic_settings_is_not_loaded(tmp_path: Path) -> None:
    config = _config(tmp_path, "service:\n  poll_minutes: 7\n")
    env = {
        name: value for name, value in os.environ.items() if not name.upper().startswith("FASDIP_")
    }
    code = (
        "import sys; from pathlib import Path; from config.settings import load_settings; "
        f"s = load_settings(Path({str(config)!r})); "
        "print(s.service.poll_minutes, 'pydantic_settings' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.split() == ["7.0", "False"]
