"""Glyph templates rendered once and kept in a small ``.npz`` file of the OCR cache folder.

Rendering the OCR-B templates costs 0.12 s of CPU, a tenth of a ``fasdip triage`` of one
passport; loading them from the file costs 2 ms. Each set of templates has its file
(``ocrb.npz``), which holds, beside the arrays, the key they were rendered for: the
sha256 of the font file, of the module that renders them (its code is part of the
recipe) and of the template parameters, with the Pillow, FreeType and numpy versions. A file
missing, rendered for another key (stale) or unreadable (corrupt, truncated) is
rendered again and written anew; never a traceback. It is written to a temporary file
renamed over the old one, so processes starting together never read half a file. A
folder that cannot be written costs the rendering only (one warning naming the setting).

The folder is set once at start-up (``keep_in``: the ``ocr.template_cache_dir`` setting,
``fasdip.pipeline``); until then, or with None, templates are rendered in every process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import PIL
from PIL import ImageFont

log = logging.getLogger(__name__)

Arrays = dict[str, np.ndarray]

_KEY = "__key__"  # the array holding the key a file was rendered for
_folder: Path | None = None
_warned: set[Path] = set()


def keep_in(folder: Path | None) -> None:
    """Keep rendered templates in ``folder`` from now on (None: render them each time)."""
    global _folder
    _folder = folder


def folder() -> Path | None:
    """Where rendered templates are kept (None: nowhere)."""
    return _folder


@dataclass(frozen=True)
class TemplateSet:
    """One set of glyph templates: what they are drawn from, and with what."""

    name: str  # the file's name, without ``.npz``
    font: Path  # the font file the glyphs are drawn from
    source: Path  # the module that draws them (a change of its code renders them again)
    params: str  # the drawing's parameters, as text (sizes, alphabet, variants)

    def key(self) -> str:
        """The sha256 of everything the rendered templates depend on."""
        digest = hashlib.sha256()
        for part in (
            self.font.read_bytes(),
            self.source.read_bytes(),
            self.params.encode(),
            PIL.__version__.encode(),
            str(getattr(ImageFont.core, "freetype2_version", "")).encode(),  # draws glyphs
            np.__version__.encode(),
        ):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()


def kept(templates: TemplateSet, render: Callable[[], Arrays]) -> Arrays:
    """The arrays ``render`` gives for ``templates``: from the kept file when it holds
    them for the same key, else rendered now (and kept, when a folder is set)."""
    where = _folder
    if where is None:
        return render()
    try:
        key = templates.key()
    except OSError:
        return render()  # the font unreadable: rendering says so, as without a folder
    path = where / f"{templates.name}.npz"
    loaded = _load(path, key)
    if loaded is not None:
        return loaded
    arrays = render()
    _save(path, key, arrays)
    return arrays


def _load(path: Path, key: str) -> Arrays | None:
    """The arrays kept in ``path`` for ``key``; None when missing, stale or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays: Arrays = {name: stored[name] for name in stored.files}
    except (FileNotFoundError, NotADirectoryError):
        return None  # not kept yet (or no folder: ``_save`` says so)
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("%s: unreadable glyph templates (%s); rendering them again", path, exc)
        return None
    if str(arrays.pop(_KEY, "")) != key:
        log.info("%s: glyph templates of another font or recipe; rendering them again", path)
        return None
    return arrays


def _save(path: Path, key: str, arrays: Arrays) -> None:
    """Write ``arrays`` with ``key`` to ``path`` (a temporary file renamed over it)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            stored: dict[str, Any] = {**arrays, _KEY: np.array(key)}  # (savez's stub)
            np.savez(handle, allow_pickle=False, **stored)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary.exists():
            temporary.unlink()
        if path.parent not in _warned:
            _warned.add(path.parent)
            log.warning(
                "%s: cannot keep the glyph templates there (%s); they are rendered at each "
                "start (0.1 s): set ocr.template_cache_dir (FASDIP_OCR__TEMPLATE_CACHE_DIR) "
                "to a writable folder",
                path.parent,
                exc.strerror or exc,
            )
