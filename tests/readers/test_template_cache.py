"""Glyph templates rendered once, kept in the OCR cache folder, and the same when loaded."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from readers import template_cache
from readers.ktp_nik import _nik_templates
from readers.ocrb import OCRB_FONT, OcrbTemplateReader
from readers.template_cache import Arrays, TemplateSet, kept


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """Templates kept in a folder of this test's own (the process's setting restored)."""
    before = template_cache.folder()
    template_cache.keep_in(tmp_path / "cache")
    yield tmp_path / "cache"
    template_cache.keep_in(before)


@pytest.fixture(scope="module")
def fresh() -> OcrbTemplateReader:
    """The OCR-B templates as rendered, no folder involved."""
    before = template_cache.folder()
    template_cache.keep_in(None)
    try:
        return OcrbTemplateReader()
    finally:
        template_cache.keep_in(before)


def same(a: OcrbTemplateReader, b: OcrbTemplateReader) -> bool:
    return bool(np.array_equal(a._matrix, b._matrix)) and a.caps_ratio == b.caps_ratio


def test_kept_ocrb_templates_equal_freshly_rendered_ones(
    folder: Path, fresh: OcrbTemplateReader
) -> None:
    first = OcrbTemplateReader()  # rendered, and written
    assert (folder / "ocrb.npz").is_file()
    loaded = OcrbTemplateReader()
    assert same(first, fresh) and same(loaded, fresh)
    assert loaded._matrix.dtype == fresh._matrix.dtype == np.float32


def test_kept_nik_templates_equal_freshly_rendered_ones(folder: Path) -> None:
    rendered, rendered_pitch = _nik_templates.__wrapped__()
    assert (folder / "ocra-nik.npz").is_file()
    loaded, loaded_pitch = _nik_templates.__wrapped__()
    assert np.array_equal(loaded, rendered) and loaded.dtype == rendered.dtype == np.float32
    assert loaded_pitch == rendered_pitch


def counting(calls: list[int], value: float) -> Arrays:
    calls.append(1)
    return {"glyphs": np.full((3, 4), value)}


def recipe(params: str = "size 80") -> TemplateSet:
    return TemplateSet("test-set", Path(OCRB_FONT), Path(template_cache.__file__), params)


def test_a_kept_set_is_loaded_not_rendered_again(folder: Path) -> None:
    calls: list[int] = []
    first = kept(recipe(), lambda: counting(calls, 1.5))
    again = kept(recipe(), lambda: counting(calls, 9.0))
    assert calls == [1]
    assert np.array_equal(first["glyphs"], again["glyphs"])


def test_a_stale_file_is_rendered_again(folder: Path) -> None:
    calls: list[int] = []
    kept(recipe("size 80"), lambda: counting(calls, 1.5))
    other = kept(recipe("size 96"), lambda: counting(calls, 2.5))  # other parameters
    assert calls == [1, 1]
    assert float(other["glyphs"][0, 0]) == 2.5
    assert float(kept(recipe("size 96"), lambda: counting(calls, 0.0))["glyphs"][0, 0]) == 2.5


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "not a zip file": lambda data: b"not a zip file at all",
    "truncated": lambda data: data[: len(data) // 2],
    "bytes flipped": lambda data: (
        data[:5000] + bytes(b ^ 0xFF for b in data[5000:6000]) + data[6000:]
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_corrupt_file_is_rebuilt_never_a_traceback(
    folder: Path, fresh: OcrbTemplateReader, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    OcrbTemplateReader()
    path = folder / "ocrb.npz"
    data = path.read_bytes()
    path.write_bytes(DAMAGES[damage](data))
    with caplog.at_level(logging.WARNING, logger="readers.template_cache"):
        rebuilt = OcrbTemplateReader()
    assert same(rebuilt, fresh)
    assert "unreadable glyph templates" in caplog.text and str(path) in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="readers.template_cache"):
        assert same(OcrbTemplateReader(), fresh)  # written anew, whole
    assert caplog.text == ""


def test_a_folder_that_cannot_be_written_costs_the_rendering_only(
    tmp_path: Path, fresh: OcrbTemplateReader, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    before = template_cache.folder()
    template_cache.keep_in(blocker / "cache")
    try:
        with caplog.at_level(logging.WARNING, logger="readers.template_cache"):
            reader = OcrbTemplateReader()
    finally:
        template_cache.keep_in(before)
    assert same(reader, fresh)
    assert "ocr.template_cache_dir" in caplog.text
    assert list(tmp_path.iterdir()) == [blocker]  # no temporary file left behind


def test_an_unreadable_font_is_left_to_the_rendering(folder: Path, tmp_path: Path) -> None:
    calls: list[int] = []
    missing = TemplateSet("no-font", tmp_path / "gone.otf", Path(template_cache.__file__), "")
    assert float(kept(missing, lambda: counting(calls, 4.0))["glyphs"][0, 0]) == 4.0
    assert calls == [1] and not (folder / "no-font.npz").exists()
