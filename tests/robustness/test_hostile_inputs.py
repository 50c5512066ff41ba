"""Every kind of hostile input through the full offline triage: a verdict with the
expected finding and a fitting decision, in bounded time, nothing written anywhere.

The inputs come from ``samples.hostile`` (``HOSTILE_VARIANTS=5`` tries more of each).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest

from config.settings import Settings
from fasdip.models import Decision, FindingCode
from fasdip.pipeline import Triage
from samples import hostile

pytestmark = pytest.mark.slow  # hostile mails at their limits (large files, bombs)

VARIANTS = int(os.environ.get("HOSTILE_VARIANTS", "2"))
# Generous: the slowest kind (a 35 MB mail read twice) takes a few seconds on one core.
SECONDS_PER_MAIL = 60.0
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load(Settings())


@pytest.mark.parametrize("variant", range(VARIANTS))
@pytest.mark.parametrize("kind", list(hostile.KINDS))
def test_hostile_input_gets_a_verdict_with_its_finding(
    triage: Triage,
    kind: str,
    variant: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = hostile.build_case(kind, variant)
    monkeypatch.chdir(tmp_path)
    temp_before = set(os.listdir(tempfile.gettempdir()))

    started = time.monotonic()
    verdict = triage.run(case.raw)
    elapsed = time.monotonic() - started

    assert elapsed < SECONDS_PER_MAIL, f"{case.name} took {elapsed:.1f} s"
    codes = {f.code for f in verdict.findings}
    assert set(case.expected) <= codes, f"{case.name} ({case.note}): {sorted(codes)}"
    assert verdict.decision in case.decisions, f"{case.name}: {verdict.decision_reason}"
    for finding in verdict.findings:
        assert finding.text_id and finding.text_en
        assert not _PLACEHOLDER.search(finding.text_id + finding.text_en), finding
    for attachment in verdict.attachments:
        name = attachment.filename
        assert "/" not in name and "\\" not in name and name not in ("", ".", "..")
        assert not any(unicodedata.category(ch) == "Cc" for ch in name)
    verdict.model_dump_json()  # the --json contract holds
    assert list(tmp_path.iterdir()) == []  # nothing written where it runs
    new_temp = set(os.listdir(tempfile.gettempdir())) - temp_before
    assert not {n for n in new_temp if re.search(r"passwd|shadow|winmail|Passport", n)}


def test_a_limit_always_sends_the_case_to_an_officer(triage: Triage) -> None:
    for kind in ("pixel_bomb", "pdf_object_flood", "header_flood", "deep_nesting"):
        verdict = triage.run(hostile.build_case(kind).raw)
        limits = [f for f in verdict.findings if f.code is FindingCode.limit_exceeded]
        assert limits and all(f.params["limit_name"] for f in limits)
        assert verdict.decision is Decision.officer_review
        assert verdict.reply is None or "limit" not in verdict.reply.text


def test_a_fixable_file_is_told_to_the_mission(triage: Triage) -> None:
    verdict = triage.run(hostile.build_case("encrypted_pdf_aes").raw)
    assert verdict.decision is Decision.missing_items
    assert verdict.reply is not None
    assert "without a password" in verdict.reply.text


def test_the_generator_is_deterministic_and_covers_the_issue() -> None:
    wanted = {
        "malformed_mime", "broken_base64", "missing_boundary", "header_flood", "huge_line",
        "deep_nesting", "many_parts", "truncated_pdf", "corrupt_pdf", "encrypted_pdf_aes",
        "encrypted_pdf_rc4", "looping_pdf", "pdf_object_flood", "truncated_jpeg",
        "pixel_bomb", "zip_bomb", "winmail", "evil_filename", "nul_in_headers",
    }  # fmt: skip
    assert wanted <= set(hostile.KINDS)
    for kind in ("zip_bomb", "winmail", "malformed_mime"):
        assert hostile.build_case(kind, 1).raw == hostile.build_case(kind, 1).raw
