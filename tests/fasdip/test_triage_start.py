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
