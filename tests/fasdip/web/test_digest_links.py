"""With ``web.base_url`` set, each case of the digest links to its page in the console
(HTML and plain text); without it, no such link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.settings import load_settings
from fasdip.mailroom import Mailroom
from fasdip.pipeline import Triage
from fasdip.service import write_digest
from samples.console import unnamed_scan_request
from tests.fasdip.web.conftest import poll, write_config

pytestmark = pytest.mark.slow  # Tesseract on the request's scans


def digest_of(tmp: Path, triage: Triage, **web: str) -> tuple[str, str]:
    config = write_config(tmp, **web)
    raw, _truth = unnamed_scan_request()
    poll(config, triage, {"1.eml": raw})
    settings = load_settings(config)
    room = Mailroom.open(settings, triage=triage)
    try:
        write_digest(settings, room)
    finally:
        room.close()
    [html] = (tmp / "digest").glob("*.html")
    return html.read_text("utf-8"), html.with_suffix(".txt").read_text("utf-8")


def test_digest_cases_link_to_the_console_when_its_address_is_set(
    tmp_path: Path, triage: Triage
) -> None:
    html, text = digest_of(tmp_path / "on", triage, base_url="https://fasdip.kemlu.go.id/")
    found = re.search(r'<a href="(https://fasdip\.kemlu\.go\.id/cases/FASDIP-\d{4}-000001)"', html)
    assert found, "the case number links to its page"
    assert f"Buka / Open: {found.group(1)}" in text
    html, text = digest_of(tmp_path / "off", triage)
    assert "/cases/FASDIP-" not in html and "Buka / Open" not in text
