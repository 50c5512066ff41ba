"""Loading the reply templates: every fault stops start-up with the file named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from config.settings import BUNDLED_DIR
from fasdip.errors import ConfigError
from responders import ReplyTemplates

BUNDLED = BUNDLED_DIR / "templates"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(BUNDLED, target)
    return target


def test_bundled_templates_load() -> None:
    assert ReplyTemplates.load(BUNDLED).templates_dir == BUNDLED


def test_missing_template_names_the_file(copy: Path) -> None:
    (copy / "late_refusal.txt.j2").unlink()
    with pytest.raises(ConfigError, match=r"late_refusal\.txt\.j2: reply template missing"):
        ReplyTemplates.load(copy)


def test_missing_included_template_names_both_files(copy: Path) -> None:
    (copy / "_closing_en.txt.j2").unlink()
    with pytest.raises(ConfigError) as err:
        ReplyTemplates.load(copy)
    assert "_closing_en.txt.j2: reply template missing" in str(err.value)
    assert "included by" in str(err.value)


def test_jinja_syntax_error_names_file_and_line(copy: Path) -> None:
    path = copy / "officer_review.txt.j2"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "{% if subject %}never closed\n")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        ReplyTemplates.load(copy)
    message = str(err.value)
    assert "officer_review.txt.j2" in message
    assert "line" in message
    assert "syntax error" in message


def test_unknown_name_in_a_template_fails_at_load(copy: Path) -> None:
    path = copy / "registration_proof.txt.j2"
    path.write_text(path.read_text(encoding="utf-8") + "{{ applicant_nmae }}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        ReplyTemplates.load(copy)
    assert "registration_proof.txt.j2" in str(err.value)
    assert "applicant_nmae" in str(err.value)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ReplyTemplates.load(tmp_path / "nowhere")
