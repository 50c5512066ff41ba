"""``fasdip status --json`` as a user runs it, on settings written to a YAML file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import SecretStr

from config.settings import Settings
from fasdip import cli


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, Path):
        return str(value)
    return value


def write_settings(settings: Settings, path: Path) -> Path:
    """The settings as a YAML file for ``--config`` (secrets in clear: a test's own)."""
    path.write_text(yaml.safe_dump(_plain(settings.model_dump(mode="python"))))
    return path


def status(
    settings: Settings, tmp: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    """``fasdip --config … status --json``: its exit code and its JSON."""
    config = write_settings(settings, tmp / "status-settings.yaml")
    capsys.readouterr()
    code = cli.main(["--config", str(config), "status", "--json"])
    return code, json.loads(capsys.readouterr().out)
