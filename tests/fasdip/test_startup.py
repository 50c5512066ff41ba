"""Start-up: `fasdip run` and `fasdip web` refuse the public development proof key (exit 2,
one line); a FASDIP_* variable that names no setting is reported, not silently ignored."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from config.environment import setting_variables, unknown_variables
from config.settings import Settings
from fasdip import cli
from fasdip.startup import ONE_THREAD, one_thread_each
from tests.fasdip.mailbox_helpers import make_settings
from tests.fasdip.status_helpers import write_settings


@pytest.mark.parametrize("command", ["run", "web"])
def test_run_and_web_refuse_the_development_proof_key_in_one_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(tmp_path)
    assert settings.proof.uses_development_key
    config = write_settings(settings, tmp_path / "settings.yaml")
    assert cli.main(["--config", str(config), command]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "proof.hmac_key" in err[0] and "FASDIP_PROOF__HMAC_KEY=" not in err[0]
    assert "set FASDIP_PROOF__HMAC_KEY" in err[0] and "development key" in err[0]
    assert f"`fasdip {command}`" in err[0]
    assert not settings.service.lock_file.exists()  # nothing started


def test_a_misspelt_variable_is_named_with_the_setting_it_was_meant_for(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("FASDIP_SERVCE__POLL_MINUTES", "5")
    monkeypatch.setenv("FASDIP_IMAP__HOST", "")  # a real setting: no word about it
    monkeypatch.setenv("FASDIP_TRUST", '{"authserv_ids": ["mx.kemlu.go.id"]}')  # a section
    config = write_settings(make_settings(tmp_path), tmp_path / "settings.yaml")
    with caplog.at_level(logging.WARNING):
        assert cli.main(["--config", str(config), "config"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown["service"]["poll_minutes"] == 2.0  # the misspelt one changed nothing
    assert shown["trust"]["authserv_ids"] == ["mx.kemlu.go.id"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "FASDIP_SERVCE__POLL_MINUTES names no setting and is ignored; "
        "did you mean FASDIP_SERVICE__POLL_MINUTES?"
    ]


def test_every_setting_has_its_variable() -> None:
    names = set(setting_variables(Settings))
    assert {"FASDIP_TIMEZONE", "FASDIP_PROOF__HMAC_KEY", "FASDIP_HEALTH__ALIVE_MINUTES"} <= names
    assert {
        "FASDIP_OAUTH2__TOKEN_URL",
        "FASDIP_IMAP__PROCESSED_FOLDER",
        "FASDIP_SMTP__AUTH",
    } <= names


@given(st.sampled_from(sorted(setting_variables(Settings))), st.text(max_size=20))
def test_known_names_in_any_case_are_never_reported(name: str, value: str) -> None:
    environ = {name: value, name.lower(): value, "PATH": "/usr/bin", "FASDIPX": "1"}
    assert unknown_variables(Settings, environ) == []


@given(st.from_regex(r"FASDIP_[A-Z_]{1,30}", fullmatch=True))
def test_a_name_outside_the_settings_is_always_reported(name: str) -> None:
    reported = unknown_variables(Settings, {name: "1"})
    known = set(setting_variables(Settings))
    assert len(reported) == (0 if name in known else 1)
    if reported:
        assert reported[0].startswith(f"{name} names no setting")


@pytest.mark.parametrize("given_value", [None, "4"])
def test_native_libraries_get_one_thread_unless_the_environment_says_otherwise(
    given_value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ONE_THREAD:
        if given_value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, given_value)
    one_thread_each()
    assert {os.environ[name] for name in ONE_THREAD} == {given_value or "1"}
