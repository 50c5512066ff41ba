"""Rules that need only the text of the email and the note, and dates.

* ``regional_visit``: the visit date (a date after receipt, in a sentence with a visit
  cue); received after the 14-working-day deadline -> ``visit_too_late``; no visit date
  -> ``missing_detail(visit_date)``.
* ``airport_pass_renewal``: a stated expiry date more than 30 days before receipt ->
  ``renewal_window_passed``.
* ``airport_pass_visitor``: purpose and flight stated, else ``missing_detail``.
* ``airport_pass_new``: the wanted screening-test date, else ``missing_detail`` (warning).
* ``honorary_consul``: the consular jurisdiction, else ``missing_detail`` (warning).

``missing_detail`` is raised only for the details that requirements.yaml lists for the
request type, with the severity given there. Cues come from keywords.yaml ``details``
and match without regard to case or accents, on word boundaries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict

from config.catalog import FindingCatalog
from config.office import Keywords, Requirements
from fasdip.dates import format_date_en, format_date_id
from fasdip.folding import fold, fold_with_origins
from fasdip.models import Finding, FindingCode, RequestType
from validators._findings import make_bilingual
from validators._text import find_cues, has_cue, sentence_spans
from validators.dates import FoundDate, find_dates
from validators.workdays import working_day_deadline

# An IATA flight number: a two-character airline code (two letters, or a letter and a
# digit either way round) and 1-4 digits: "GA 881", "SQ956", "QZ 7510", "3K 241".
FLIGHT_NUMBER = re.compile(
    r"(?<![\w/.-])(?P<airline>[A-Z]{2}|[A-Z]\d|\d[A-Z])[ \u00a0-]?(?P<number>\d{1,4})[A-Z]?(?![\w/-])"
)
# Two capitals and digits that are not flights in Indonesian letters (RT 05 / RW 03, No 12).
NOT_AIRLINES = frozenset({"RT", "RW", "NO", "NR", "ND", "HP", "PO"})


class TextSources(BaseModel):
    """The texts a rule may read. ``note`` is the text of the diplomatic note PDF(s)."""

    model_config = ConfigDict(frozen=True)

    subject: str = ""
    body: str = ""
    note: str = ""

    def all(self) -> list[str]:
        return [t for t in (self.subject, self.body, self.note) if t]


def _bilingual_dates(name: str, day: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    return {name: format_date_id(day)}, {name: format_date_en(day)}


def dates_near_cues(
    text: str, cues: Iterable[str], months: dict[int, list[str]]
) -> list[FoundDate]:
    """Dates in sentences of ``text`` that also hold one of ``cues``, in order."""
    cue_list = list(cues)
    found = find_dates(text, months)
    if not found:
        return []
    hits: list[FoundDate] = []
    for start, end in sentence_spans(text):
        in_sentence = [d for d in found if start <= d.start_index < end]
        if in_sentence and find_cues(fold(text[start:end]), cue_list):
            hits.extend(in_sentence)
    return hits


def _dates_after_cues(
    text: str, cues: Iterable[str], months: dict[int, list[str]]
) -> list[FoundDate]:
    """For each cue, the first date after it in its sentence (or else the last one before)."""
    cue_list = list(cues)
    found = find_dates(text, months)
    if not found:
        return []
    chosen: list[FoundDate] = []
    for start, end in sentence_spans(text):
        in_sentence = [d for d in found if start <= d.start_index < end]
        if not in_sentence:
            continue
        folded = fold_with_origins(text[start:end])
        for hit_start, hit_end, _cue in find_cues(folded.text, cue_list):
            cue_start, cue_end = folded.original_span(hit_start, hit_end)
            after = [d for d in in_sentence if d.start_index >= start + cue_end]
            before = [d for d in in_sentence if d.end_index <= start + cue_start]
            pick = after[0] if after else (before[-1] if before else None)
            if pick is not None and pick not in chosen:
                chosen.append(pick)
    return chosen


def find_visit_date(texts: TextSources, received: dt.date, keywords: Keywords) -> FoundDate | None:
    """The earliest date after ``received`` stated in a sentence about the visit."""
    cues = keywords.details.get("visit_date", [])
    candidates = [
        d
        for text in texts.all()
        for d in dates_near_cues(text, cues, keywords.months)
        if d.date > received
    ]
    return min(candidates, key=lambda d: d.date) if candidates else None


def find_expiry_date(texts: TextSources, keywords: Keywords) -> dt.date | None:
    """The expiry date of the old pass, when stated; the latest one if several are."""
    cues = keywords.details.get("expiry", [])
    dates = [
        d.end or d.date
        for text in texts.all()
        for d in _dates_after_cues(text, cues, keywords.months)
    ]
    return max(dates) if dates else None


def has_flight_number(text: str) -> bool:
    return any(m.group("airline").upper() not in NOT_AIRLINES for m in FLIGHT_NUMBER.finditer(text))


def _stated(texts: TextSources, keywords: Keywords, detail: str) -> bool:
    cues = keywords.details.get(detail, [])
    return any(has_cue(text, cues) for text in texts.all())


def check_details(
    request: RequestType,
    texts: TextSources,
    received: dt.date,
    requirements: Requirements,
    keywords: Keywords,
    catalog: FindingCatalog,
    country_holidays: Mapping[dt.date, str],
) -> list[Finding]:
    """The text rules for ``request``; ``received`` is the receipt date in Asia/Jakarta."""
    wanted = set(requirements.request_types[request].details)
    findings: list[Finding] = []

    def missing(detail: str) -> None:
        if detail in wanted:
            findings.append(catalog.make(FindingCode.missing_detail, detail=detail))

    if request is RequestType.regional_visit:
        visit = find_visit_date(texts, received, keywords)
        if visit is None:
            missing("visit_date")
        else:
            working_days = requirements.rules.regional_visit_min_working_days
            deadline = working_day_deadline(visit.date, working_days, country_holidays)
            if received > deadline:
                id_visit, en_visit = _bilingual_dates("visit_date", visit.date)
                id_dead, en_dead = _bilingual_dates("deadline", deadline)
                findings.append(
                    make_bilingual(
                        catalog,
                        FindingCode.visit_too_late,
                        id_params={**id_visit, **id_dead},
                        en_params={**en_visit, **en_dead},
                        working_days=str(working_days),
                        visit_date_iso=visit.date.isoformat(),
                        deadline_iso=deadline.isoformat(),
                        received_iso=received.isoformat(),
                    )
                )

    elif request is RequestType.airport_pass_renewal:
        expiry = find_expiry_date(texts, keywords)
        days = requirements.rules.renewal_max_days_after_expiry
        if expiry is not None and received > expiry + dt.timedelta(days=days):
            id_exp, en_exp = _bilingual_dates("expiry_date", expiry)
            findings.append(
                make_bilingual(
                    catalog,
                    FindingCode.renewal_window_passed,
                    id_params=id_exp,
                    en_params=en_exp,
                    days=str(days),
                    expiry_date_iso=expiry.isoformat(),
                    received_iso=received.isoformat(),
                )
            )

    elif request is RequestType.airport_pass_visitor:
        if not _stated(texts, keywords, "purpose"):
            missing("purpose")
        if not (
            _stated(texts, keywords, "flight") or any(has_flight_number(t) for t in texts.all())
        ):
            missing("flight")

    elif request is RequestType.airport_pass_new:
        if not _stated(texts, keywords, "screening_date"):
            missing("screening_date")

    elif request is RequestType.honorary_consul and not _stated(texts, keywords, "jurisdiction"):
        missing("jurisdiction")

    return findings
