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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from config.catalog import FindingCatalog
from config.office import Keywords, Requirements
from fasdip.folding import fold, fold_with_origins
from fasdip.models import Finding, FindingCode, RequestType
from validators._findings import bilingual_date, make_bilingual
from validators._text import find_cues, has_cue, sentence_spans, without_quoted_headers
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
        """The texts, the body without the header lines of mails it quotes (a forwarded
        mail's "Sent: Monday, May 18, 2026" is when it was sent, no date of the request)."""
        return [t for t in (self.subject, without_quoted_headers(self.body), self.note) if t]


def dates_near_cues(
    text: str, cues: Iterable[str], months: dict[int, list[str]]
) -> list[FoundDate]:
    """Dates in sentences of ``text`` that also hold one of ``cues``, in order."""
    cue_list = list(cues)
    hits: list[FoundDate] = []
    for start, end, in_sentence in _sentences_with_dates(text, months):
        if find_cues(fold(text[start:end]), cue_list):
            hits.extend(in_sentence)
    return hits


def _sentences_with_dates(
    text: str, months: dict[int, list[str]]
) -> Iterator[tuple[int, int, list[FoundDate]]]:
    """Each sentence of ``text`` that holds a date: its span and its dates, in order."""
    found = find_dates(text, months)
    for start, end in sentence_spans(text) if found else []:
        in_sentence = [d for d in found if start <= d.start_index < end]
        if in_sentence:
            yield start, end, in_sentence


def _dates_after_cues(
    text: str, cues: Iterable[str], months: dict[int, list[str]]
) -> list[FoundDate]:
    """For each cue, the first date after it in its sentence (or else the last one before)."""
    cue_list = list(cues)
    chosen: list[FoundDate] = []
    for start, end, in_sentence in _sentences_with_dates(text, months):
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


@dataclass(frozen=True)
class _RuleContext:
    """What every request type's text rule may use."""

    texts: TextSources
    received: dt.date  # the receipt date in Asia/Jakarta
    requirements: Requirements
    keywords: Keywords
    catalog: FindingCatalog
    holidays: Mapping[dt.date, str]
    wanted: frozenset[str]  # the details requirements.yaml lists for the request type

    def stated(self, detail: str) -> bool:
        return _stated(self.texts, self.keywords, detail)

    def missing(self, detail: str) -> list[Finding]:
        """``missing_detail`` for ``detail``, when the request type needs it."""
        if detail not in self.wanted:
            return []
        return [self.catalog.make(FindingCode.missing_detail, detail=detail)]


def _visit_rules(ctx: _RuleContext) -> list[Finding]:
    """The visit date must be stated, and notified the set number of working days ahead."""
    visit = find_visit_date(ctx.texts, ctx.received, ctx.keywords)
    if visit is None:
        return ctx.missing("visit_date")
    working_days = ctx.requirements.rules.regional_visit_min_working_days
    deadline = working_day_deadline(visit.date, working_days, ctx.holidays)
    if ctx.received <= deadline:
        return []
    id_visit, en_visit = bilingual_date("visit_date", visit.date)
    id_dead, en_dead = bilingual_date("deadline", deadline)
    return [
        make_bilingual(
            ctx.catalog,
            FindingCode.visit_too_late,
            id_params={**id_visit, **id_dead},
            en_params={**en_visit, **en_dead},
            working_days=str(working_days),
            visit_date_iso=visit.date.isoformat(),
            deadline_iso=deadline.isoformat(),
            received_iso=ctx.received.isoformat(),
        )
    ]


def _renewal_rules(ctx: _RuleContext) -> list[Finding]:
    """A pass that expired longer ago than the renewal window is renewed no more."""
    expiry = find_expiry_date(ctx.texts, ctx.keywords)
    days = ctx.requirements.rules.renewal_max_days_after_expiry
    if expiry is None or ctx.received <= expiry + dt.timedelta(days=days):
        return []
    id_exp, en_exp = bilingual_date("expiry_date", expiry)
    return [
        make_bilingual(
            ctx.catalog,
            FindingCode.renewal_window_passed,
            id_params=id_exp,
            en_params=en_exp,
            days=str(days),
            expiry_date_iso=expiry.isoformat(),
            received_iso=ctx.received.isoformat(),
        )
    ]


def _visitor_rules(ctx: _RuleContext) -> list[Finding]:
    """A visitor pass states its purpose and the flight (a cue or a flight number)."""
    purpose = ctx.stated("purpose")
    flight = ctx.stated("flight") or any(has_flight_number(t) for t in ctx.texts.all())
    return (ctx.missing("purpose") if not purpose else []) + (
        ctx.missing("flight") if not flight else []
    )


def _stated_detail_rule(detail: str) -> Callable[[_RuleContext], list[Finding]]:
    """The rule of a request type that needs one detail stated in words."""

    def rule(ctx: _RuleContext) -> list[Finding]:
        return [] if ctx.stated(detail) else ctx.missing(detail)

    return rule


_RULES: dict[RequestType, Callable[[_RuleContext], list[Finding]]] = {
    RequestType.regional_visit: _visit_rules,
    RequestType.airport_pass_renewal: _renewal_rules,
    RequestType.airport_pass_visitor: _visitor_rules,
    RequestType.airport_pass_new: _stated_detail_rule("screening_date"),
    RequestType.honorary_consul: _stated_detail_rule("jurisdiction"),
}


def check_details(
    request: RequestType,
    texts: TextSources,
    received: dt.date,
    requirements: Requirements,
    keywords: Keywords,
    catalog: FindingCatalog,
    country_holidays: Mapping[dt.date, str],
) -> list[Finding]:
    """The text rules for ``request``; ``received`` is the receipt date in Asia/Jakarta.
    A missing detail is raised only when requirements.yaml lists it for ``request``."""
    rule = _RULES.get(request)
    if rule is None:
        return []
    wanted = frozenset(requirements.request_types[request].details)
    return rule(
        _RuleContext(texts, received, requirements, keywords, catalog, country_holidays, wanted)
    )
