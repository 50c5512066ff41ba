"""`fasdip triage` as a one-off process: what its start costs once is not paid again."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samples.emails import build_email
from samples.passport_kinds import make_kind

pytestmark = pytest.mark.slow  # a passport page read, twice, by new processes


def one_passport_mail(seed: int) -> bytes:
    sample = make_kind("clean", seed)
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol Section",
        subject="Passport copy for the visitor pass",
        body="Dear Sir or Madam,\nPlease find attached the passport copy.\n",
        attachments=[("Passport_copy.pdf", "application/pdf", sample.pdf())],
        date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        message_id=f"<start-{seed}@embassy.example>",
    )


def triage(mail: Path, cache: Path) -> dict[str, Any]:
    command = Path(sys.executable).parent / "fasdip"
    env = {**os.environ, "FASDIP_OCR__TEMPLATE_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [str(command), "triage", str(mail), "--json"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    verdict: dict[str, Any] = json.loads(done.stdout)
    for reading in verdict["passports"]:
        reading.pop("seconds")  # the one thing that may differ
    return verdict


def test_the_next_triage_loads_the_glyph_templates_the_first_rendered(tmp_path: Path) -> None:
    mail = tmp_path / "passport.eml"
    mail.write_bytes(one_passport_mail(3_000_001))
    cache = tmp_path / "cache"

    first = triage(mail, cache)
    kept = cache / "ocrb.npz"
    assert kept.is_file()
    written = kept.stat().st_mtime_ns
    second = triage(mail, cache)

    assert kept.stat().st_mtime_ns == written  # loaded, not rendered and written again
    assert second == first
    [reading] = second["passports"]
    assert reading["accepted"]


def test_a_mail_without_pdf_or_card_loads_no_pdf_reader_nor_card_reader(tmp_path: Path) -> None:
    """What a mail does not need is not imported: pypdf (with cryptography and fontTools,
    0.2 s), the KTP reader (0.04 s), pydantic-settings with no FASDIP_ variable (0.1 s)."""
    mail = tmp_path / "letter.eml"
    mail.write_bytes(
        build_email(
            sender="protocol@embassy.example",
            sender_name="Protocol Section",
            subject="Request for New Annual Airport Pass",
            body="Dear Sir or Madam,\nWe request an annual airport pass for our attaché.\n",
            attachments=[],
            date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
            message_id="<start-no-pdf@embassy.example>",
        )
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("FASDIP_")}
    code = (
        "import sys; from fasdip.cli import main; code = main(sys.argv[1:]); "
        "heavy = ('pypdf', 'cryptography', 'fontTools', 'readers.ktp', 'pydantic_settings'); "
        "print(code, *sorted(name for name in heavy if name in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "triage", str(mail), "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert json.loads(done.stdout)["message_id"] == "<start-no-pdf@embassy.example>"
    assert done.stderr.split()[-1:] == ["0"], done.stderr
