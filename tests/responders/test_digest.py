"""The officers' digest, built from real verdicts of the sample corpus and looked at in Chromium."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.office import load_office
from config.settings import DigestSettings, load_settings
from fasdip.errors import ConfigError
from fasdip.models import Decision, Verdict
from fasdip.pipeline import Triage
from responders.digest import (
    DigestCase,
    DigestData,
    DigestTemplates,
    RenderedDigest,
    attention_line,
    build_digest,
    render_digest,
)
from samples.people import MISSIONS
from samples.scenarios import CATALOGUE, _special, build_corpus, build_scenario
from tests import browser

JAKARTA = ZoneInfo("Asia/Jakarta")
GENERATED = dt.datetime(2026, 11, 25, 7, 30, tzinfo=JAKARTA)
XSS = "<script>alert(1)</script>"
# From the first 20 of the corpus: every request type, complete and incomplete.
PICK = (
    "new_en_foreign_complete",
    "new_id_local_complete",
    "renewal_id_foreign_complete",
    "lost_id_local_complete",
    "visitor_en_foreign_combined_pdf",
    "regional_id_in_time",
    "honorary_en_complete",
    "id_card_id_local_complete",
    "accreditation_en_foreign",
    "attache_id_foreign",
    "new_en_local_missing_cv",
    "renewal_id_foreign_missing_photo",
)
EXTRA = ("regional_en_too_late", "defect_corrupt_pdf", "defect_photo_blue")
SPECIAL = ("auto_reply_out_of_office", "question_no_attachments_id")
MISSION_NAMES = {m.address: f"{m.name_id} / {m.name_en}" for m in MISSIONS}


def sample_verdicts() -> list[Verdict]:
    """Real verdicts: the picked scenarios run through the real pipeline."""
    scenarios = [s for s in build_corpus(20) if s.name in PICK]
    scenarios += [build_scenario(spec) for spec in CATALOGUE if spec.name in EXTRA]
    scenarios += [_special(name, 7) for name in SPECIAL]
    triage = Triage.load(load_settings())
    return [triage.run(s.eml, today=s.truth.today) for s in scenarios]


def sample_cases(verdicts: Sequence[Verdict]) -> list[DigestCase]:
    """What the store would hand in: mission names, answer times, saved document paths."""
    cases = []
    for index, verdict in enumerate(verdicts):
        if index == 0:  # a sender's subject is text, never markup
            verdict = verdict.model_copy(update={"subject": f"Re: {XSS} Pas Bandara"})
        if index == 1:  # the classifier was unsure
            verdict = verdict.model_copy(update={"request_confidence": 0.41})
        received = verdict.received_at or dt.datetime(2026, 11, 20, 9, tzinfo=JAKARTA)
        folder = f"/srv/fasdip/cases/{verdict.case_ref}"
        cases.append(
            DigestCase(
                verdict=verdict,
                mission=MISSION_NAMES.get(verdict.sender, ""),
                answered_at=received + dt.timedelta(minutes=5) if verdict.reply else None,
                sender_known=False if index == 2 else None,
                documents={a.id: f"{folder}/{a.filename}" for a in verdict.attachments},
                proofs=[f"{folder}/bukti-pendaftaran.pdf"]
                if verdict.decision is Decision.registration_proof
                else [],
            )
        )
    return cases


def build_sample_digest(cases: Sequence[DigestCase]) -> DigestData:
    settings = load_settings()
    return build_digest(
        cases,
        load_office(settings).requirements,
        settings.digest,
        generated_at=GENERATED,
        period_start=GENERATED - dt.timedelta(days=7),
        confidence_threshold=settings.classifier.confidence_threshold,
        timezone=settings.timezone,
    )


@pytest.fixture(scope="module")
def cases() -> list[DigestCase]:
    return sample_cases(sample_verdicts())


@pytest.fixture(scope="module")
def data(cases: list[DigestCase]) -> DigestData:
    return build_sample_digest(cases)


@pytest.fixture(scope="module")
def rendered(data: DigestData) -> RenderedDigest:
    return render_digest(data, DigestTemplates.load(load_settings().templates_dir))


def test_every_case_appears_in_both_parts(cases, rendered) -> None:
    assert len(cases) >= 15
    for case in cases:
        assert case.verdict.case_ref in rendered.html, case.verdict.case_ref
        assert case.verdict.case_ref in rendered.text, case.verdict.case_ref


def test_no_script_and_sender_text_stays_text(rendered) -> None:
    assert "<script" not in rendered.html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html
    assert XSS in rendered.text  # plain text needs no escaping
    assert not re.search(r"\son[a-z]+\s*=", rendered.html)  # no event handlers either


def test_sections_sort_the_cases(data) -> None:
    groups = {g.key: g for g in data.sections.needs_officer}
    assert list(groups) == ["complete", "undecided", "late"]
    assert all(r.decision is Decision.registration_proof for r in groups["complete"].rows)
    late = groups["late"].rows
    assert [r.request_type.value for r in late] == ["regional_visit"]
    undecided = {r.case_ref: {w.en for w in r.reasons} for r in groups["undecided"].rows}
    reasons = set().union(*undecided.values())
    assert {"Officer review", "Request type uncertain", "Unknown sender", "Unreadable file"} <= (
        reasons
    )
    waiting = data.sections.waiting_on_missions
    assert waiting and all(r.decision is Decision.missing_items for r in waiting)
    assert all(r.days_waiting is not None and r.days_waiting > 0 for r in waiting)
    assert [r.days_waiting for r in waiting] == sorted(
        (r.days_waiting or 0 for r in waiting), reverse=True
    )
    assert [r.decision for r in data.sections.ignored] == [Decision.ignore]


def test_numbers_add_up(cases, data) -> None:
    n = data.sections.numbers
    assert n.received == len(cases)
    assert n.needs_officer + n.waiting_on_missions + n.ignored == n.received
    assert n.complete == sum(1 for c in cases if c.verdict.decision is Decision.registration_proof)
    assert sum(line.count for line in n.by_request_type) == n.received - n.ignored
    assert sum(line.count for line in n.by_mission) == n.received - n.ignored


def test_rows_carry_what_officers_act_on(data, rendered) -> None:
    rows = [r for g in data.sections.needs_officer for r in g.rows]
    rows += data.sections.waiting_on_missions
    proof = next(r for r in rows if r.decision is Decision.registration_proof)
    assert proof.documents[0].href == (
        f"file:///srv/fasdip/cases/{proof.case_ref}/bukti-pendaftaran.pdf"
    )
    assert "Pas Bandara Tahunan Baru" in rendered.html
    missing = data.sections.waiting_on_missions[0]
    assert missing.findings and all(f.text for f in missing.findings)
    assert missing.findings[0].text in rendered.text
    assert rendered.subject.startswith("[Fasdip] Digest 25 November 2026")
    assert "\n" not in rendered.subject


def test_unsafe_links_are_not_links(cases) -> None:
    case = cases[3].model_copy(
        update={"documents": {a.id: "javascript:alert(1)" for a in cases[3].verdict.attachments}}
    )
    data = build_sample_digest([case])
    links = [d for g in data.sections.needs_officer for r in g.rows for d in r.documents]
    links += [d for r in data.sections.waiting_on_missions for d in r.documents]
    assert links and all(d.href is None or not d.href.startswith("javascript") for d in links)
    settings = DigestSettings(link_base="https://files.kemlu.example/fasdip")
    built = build_digest(
        cases[:1],
        load_office(load_settings()).requirements,
        settings,
        generated_at=GENERATED,
        period_start=GENERATED,
    )
    hrefs = [d.href for g in built.sections.needs_officer for r in g.rows for d in r.documents]
    hrefs += [d.href for r in built.sections.waiting_on_missions for d in r.documents]
    assert hrefs and all(
        h and h.startswith("https://files.kemlu.example/fasdip/srv/") for h in hrefs
    )


def test_an_empty_day_renders(rendered) -> None:
    settings = load_settings()
    empty = build_digest(
        [],
        load_office(settings).requirements,
        settings.digest,
        generated_at=GENERATED,
        period_start=GENERATED,
    )
    out = render_digest(empty, DigestTemplates.load(settings.templates_dir))
    assert "Nothing today" in out.html and "Nothing today" in out.text


def test_missing_or_broken_template_is_one_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"digest\.html\.j2: digest template missing"):
        DigestTemplates.load(tmp_path)
    (tmp_path / "digest.html.j2").write_text("{% if %}", encoding="utf-8")
    (tmp_path / "digest.txt.j2").write_text("ok", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1: Jinja syntax error"):
        DigestTemplates.load(tmp_path)


@pytest.mark.skipif(browser.chromium() is None, reason="chromium is not installed")
@pytest.mark.parametrize(("label", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshot_in_chromium(rendered, tmp_path: Path, label: str, width: int) -> None:
    page = rendered.save(tmp_path / "digest.html")
    png = browser.screenshot(page, tmp_path / f"digest-{label}.png", width=width, height=2400)
    assert png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_reply_still_in_the_outbox_is_shown_waiting_not_sent(cases) -> None:
    complete = next(c for c in cases if c.verdict.decision is Decision.registration_proof)
    waiting = complete.model_copy(
        update={"answered_at": None, "reply_waiting": "2 failed tries: 451 try again later"}
    )
    rendered = render_digest(
        build_sample_digest([waiting]), DigestTemplates.load(load_settings().templates_dir)
    )
    for part in (rendered.html, rendered.text):
        assert "Reply not sent yet: 2 failed tries: 451 try again later" in part
        assert "Reply sent" not in part and "proof was sent" not in part
    sent = render_digest(
        build_sample_digest([complete]), DigestTemplates.load(load_settings().templates_dir)
    )
    assert "Reply sent" in sent.text and "Reply not sent yet" not in sent.text


def test_the_attention_section_comes_first_and_escapes_sender_text() -> None:
    settings = load_settings()
    line = attention_line(
        "unsent",
        case_ref="FASDIP-2026-000009",
        sender="desk@embassy.example",
        subject=f"Pas {XSS}",
        reason="<FASDIP-2026-000009.r1@x>: 554 rejected",
        since=GENERATED,
        timezone=settings.timezone,
    )
    data = build_sample_digest([]).model_copy(deep=True)
    data = data.model_copy(
        update={"sections": data.sections.model_copy(update={"attention": [line]})}
    )
    out = render_digest(data, DigestTemplates.load(settings.templates_dir))
    assert "1 ATTENTION" in out.subject
    for part, later in ((out.html, "1. Perlu petugas"), (out.text, "== 1. PERLU PETUGAS")):
        top = part[: part.index(later)]
        assert "FASDIP-2026-000009" in top and "desk@embassy.example" in top
        assert "Reply stuck in the outbox" in top and "554 rejected" in top
    assert "<script" not in out.html.lower()
