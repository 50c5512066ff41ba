"""Loading the reply templates: every fault stops start-up with the file named."""

from __future__ import annotations

import marshal
import shutil
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from jinja2 import bccache

from config.settings import BUNDLED_DIR
from fasdip.errors import ConfigError
from responders import ReplyTemplates
from responders.context import sample_contexts
from responders.templates import REQUIRED_TEMPLATES

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


def test_templates_that_passed_are_checked_again_once_a_file_changes(
    copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    ReplyTemplates.load(copy, cache)  # passed, and recorded
    ReplyTemplates.load(copy, cache)  # the record used
    included = copy / "_closing_en.txt.j2"  # a file the checked ones include
    included.write_text(included.read_text(encoding="utf-8") + "{{ closing_nmae }}\n")
    with pytest.raises(ConfigError) as err:
        ReplyTemplates.load(copy, cache)
    assert "closing_nmae" in str(err.value)
    included.unlink()
    with pytest.raises(ConfigError, match=r"_closing_en\.txt\.j2: reply template missing"):
        ReplyTemplates.load(copy, cache)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ReplyTemplates.load(tmp_path / "nowhere")


def _rendered(templates: ReplyTemplates) -> list[str]:
    """Every subject and body, with the start-up check's sample values."""
    return [
        templates.render_subject(context) + templates.render_body(decision, context)
        for decision, context in sample_contexts().items()
    ]


def test_compiled_templates_are_kept_and_used_at_the_next_start(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    expected = _rendered(ReplyTemplates.load(copy))
    ReplyTemplates.load(copy, cache)
    assert len(list(cache.glob("reply-*.jinja"))) >= len(REQUIRED_TEMPLATES)

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept template was compiled again")

    monkeypatch.setattr(jinja2.Environment, "_compile", no_compiling)
    assert _rendered(ReplyTemplates.load(copy, cache)) == expected


def test_a_changed_template_is_compiled_again(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    ReplyTemplates.load(copy, cache)
    path = copy / "subject.txt.j2"
    path.write_text("CHANGED " + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert all("CHANGED" in text for text in _rendered(ReplyTemplates.load(copy, cache)))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-40] + bytes(40),  # zeros at the end
        lambda data: b"j2" + bytes(200),  # not Jinja's header
        lambda data: b"",  # empty
    ],
    ids=["truncated", "zeroed-tail", "bad-header", "empty"],
)
def test_a_damaged_compiled_file_is_compiled_and_written_again(
    copy: Path, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cache = tmp_path / "cache"
    expected = _rendered(ReplyTemplates.load(copy))
    ReplyTemplates.load(copy, cache)
    good = {path: path.read_bytes() for path in cache.glob("reply-*.jinja")}
    for path, data in good.items():
        path.write_bytes(damage(data))
    assert _rendered(ReplyTemplates.load(copy, cache)) == expected
    assert {path: path.read_bytes() for path in cache.glob("reply-*.jinja")} == good


def test_a_cache_folder_that_cannot_be_written_costs_only_the_compiling(
    copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    expected = _rendered(ReplyTemplates.load(copy))
    assert _rendered(ReplyTemplates.load(copy, blocked / "cache")) == expected
    assert "ocr.template_cache_dir" in caplog.text


def test_a_compiled_file_another_user_could_have_written_is_not_run(
    copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    expected = _rendered(ReplyTemplates.load(copy))
    ReplyTemplates.load(copy, cache)
    # Each kept file's code replaced by another template's, its header (the checksum of
    # the real source) kept: what someone able to write the folder could do.
    planted = jinja2.Environment().compile("PLANTED", "planted")
    for path in cache.glob("reply-*.jinja"):
        data = path.read_bytes()
        head = data[: data.index(b".", len(bccache.bc_magic)) + 1]  # magic + pickled checksum
        path.write_bytes(head + marshal.dumps(planted))
    assert all(text == "PLANTEDPLANTED" for text in _rendered(ReplyTemplates.load(copy, cache)))

    for path in cache.glob("reply-*.jinja"):
        path.chmod(0o666)
    assert _rendered(ReplyTemplates.load(copy, cache)) == expected
