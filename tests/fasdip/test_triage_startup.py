"""``fasdip triage`` of a mail with one passport loads only what that mail needs: the
holiday tables of 250 countries and the Tesseract-process adapter cost it 0.4 s of a
start-up the user waits for (issue 14: under 1 s, process start included), and the
Tesseract model 0.1 s of CPU where the OCR-B templates read the passport alone; the readers
of Word, winmail.dat and HTML parts, the photo check, the consul's jurisdiction (with the
provinces) and the KTP's text reader 1% of its instructions; pycountry's import (its
version looked up among the installed distributions) 4%: the ISO codes are read from its
data file; numpy.ma (imported by np.percentile's np.unique and np.median's NaN check) 1.4%:
the readers take those from readers.numeric; rapidfuzz 0.5%, imported where names are
compared (this mail names nobody)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.fasdip.test_triage_start import one_passport_mail

ROOT = Path(__file__).resolve().parents[2]
NOT_NEEDED = (
    "holidays",
    "pytesseract",
    "tesserocr",
    "ingest.docx",
    "ingest.tnef",
    "ingest.htmltext",
    "validators.photo",
    "validators.jurisdiction",
    "fasdip.regions",
    "readers.ktp_text",
    "pycountry",
    "numpy.ma",
    "rapidfuzz",
)


def test_triage_of_a_passport_mail_loads_no_holidays_nor_tesseract(
    tmp_path: Path,
) -> None:
    raw = one_passport_mail(3_000_001)
    path = tmp_path / "passport.eml"
    path.write_bytes(raw)
    script = (
        "import sys; from fasdip.cli import main; "
        f"code = main(['triage', {str(path)!r}, '--json']); "
        f"print([m for m in {NOT_NEEDED!r} if m in sys.modules], file=sys.stderr); "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    verdict = json.loads(done.stdout)
    [reading] = verdict["passports"]
    assert reading["accepted"]  # the passport was read all the same


def test_the_collector_runs_again_after_the_loading(tmp_path: Path) -> None:
    """The `fasdip` program loads with the collector off (what it builds lives on) and
    turns it back on before the mails: a folder of a thousand mails still frees its
    cycles."""
    path = tmp_path / "passport.eml"
    path.write_bytes(one_passport_mail(3_000_002))
    script = (
        "import gc, sys; from fasdip.cli import main; "
        f"sys.argv = ['fasdip', 'triage', {str(path)!r}, '--json']; code = main(); "
        "print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "True True"
    assert json.loads(done.stdout)["passports"][0]["accepted"]
