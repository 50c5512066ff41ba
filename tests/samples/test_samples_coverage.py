"""The default corpus covers every request type, language, category and defect."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fasdip.models import ApplicantCategory, Decision, FindingCode, RequestType
from samples.scenarios import Scenario, build_corpus
from tests.samples.samples_testkit import parse

pytestmark = pytest.mark.slow  # generates large corpora


def by_name(corpus: list[Scenario]) -> dict[str, Scenario]:
    return {s.name: s for s in corpus}


def test_every_request_type_appears_in_both_languages(corpus: list[Scenario]) -> None:
    seen = {(s.truth.request_type, s.truth.language) for s in corpus}
    for kind in RequestType:
        if kind is RequestType.other:
            continue
        assert (kind, "id") in seen, kind
        assert (kind, "en") in seen, kind


def test_both_applicant_categories_and_several_applicants_appear(corpus: list[Scenario]) -> None:
    categories = {a.category for s in corpus for a in s.truth.applicants}
    assert categories == set(ApplicantCategory)
    assert any(len(s.truth.applicants) >= 2 for s in corpus)
    assert any(len(s.truth.applicants) == 3 for s in corpus)


def test_complete_and_incomplete_sets_appear(corpus: list[Scenario]) -> None:
    missing = [s for s in corpus if any(a.missing for a in s.truth.applicants)]
    complete = [s for s in corpus if s.truth.decision is Decision.registration_proof]
    assert missing and complete
    for scenario in missing:
        assert FindingCode.missing_document in scenario.truth.findings
        assert scenario.truth.decision is Decision.missing_items


def test_every_defect_appears_once_at_least(corpus: list[Scenario]) -> None:
    s = by_name(corpus)
    expected = {
        "defect_photo_blue": FindingCode.photo_background_not_red,
        "defect_photo_white": FindingCode.photo_background_not_red,
        "defect_pdf_too_large": FindingCode.too_large,
        "defect_jpeg_named_pdf": FindingCode.wrong_format,
        "defect_docx_instead_of_pdf": FindingCode.wrong_format,
        "defect_encrypted_pdf": FindingCode.unreadable_file,
        "defect_corrupt_pdf": FindingCode.unreadable_file,
        "defect_zero_byte_file": FindingCode.unreadable_file,
        "visitor_en_no_flight": FindingCode.missing_detail,
        "new_id_no_screening_date": FindingCode.missing_detail,
        "renewal_en_window_passed": FindingCode.renewal_window_passed,
        "regional_en_too_late": FindingCode.visit_too_late,
    }
    for name, code in expected.items():
        assert code in s[name].truth.findings, name
        assert s[name].truth.decision is not Decision.registration_proof or code in (
            FindingCode.missing_detail,
        )
    # a defective document counts as found, not missing
    for name in expected:
        assert all(not a.missing for a in s[name].truth.applicants), name


def test_decisions_follow_the_pipeline_rules(corpus: list[Scenario]) -> None:
    s = by_name(corpus)
    assert s["new_id_no_screening_date"].truth.decision is Decision.registration_proof
    assert s["visitor_en_no_flight"].truth.decision is Decision.missing_items
    assert s["regional_en_too_late"].truth.decision is Decision.late_refusal
    assert s["regional_en_in_time"].truth.decision is Decision.officer_review
    assert s["auto_reply_out_of_office"].truth.decision is Decision.ignore
    assert FindingCode.auto_submitted in s["auto_reply_out_of_office"].truth.findings
    assert s["bounce_mailer_daemon"].truth.decision is Decision.ignore
    question = s["question_no_attachments_id"].truth
    assert question.decision is Decision.officer_review
    assert question.findings == [FindingCode.no_attachments]
    assert s["new_en_foreign_complete"].truth.decision is Decision.registration_proof
    assert s["id_card_en_foreign_complete"].truth.decision is Decision.officer_review


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
VISIT = re.compile(
    r"take place from (\d{1,2})(?: ([A-Z][a-z]+) (\d{4}))? to \d{1,2} ([A-Z][a-z]+) (\d{4})"
)


def visit_start(body: str) -> dt.date:
    match = VISIT.search(body)
    assert match, body
    day, month, year, end_month, end_year = match.groups()
    return dt.date(int(year or end_year), MONTHS.index(month or end_month) + 1, int(day))


def test_regional_visit_dates_match_their_scenario(corpus: list[Scenario]) -> None:
    s = by_name(corpus)
    for name, low, high in (("regional_en_too_late", 5, 5), ("regional_en_in_time", 40, 60)):
        body = parse(s[name].eml).get_body(("plain",))
        assert body is not None
        start = visit_start(body.get_content())
        assert low <= (start - s[name].truth.today).days <= high, name


def test_misleading_file_names_keep_the_truth_by_content(corpus: list[Scenario]) -> None:
    truth = by_name(corpus)["new_id_foreign_misleading_names"].truth
    named = {a.filename: a.document_type.value for a in truth.attachments}
    assert named["passport.pdf"] == "cv"
    assert named["cv.pdf"] == "passport"


def test_a_larger_corpus_has_distinct_names() -> None:
    corpus = build_corpus(200, seed=7)
    assert len(corpus) == 200
    assert len({s.name for s in corpus}) == 200
    assert {s.truth.request_type for s in corpus[60:]} >= {
        k for k in RequestType if k is not RequestType.other
    }
