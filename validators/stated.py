"""Rules on what the note states about the people it names, beside their papers.

* ``honorary_consul``: the KTP's province against the jurisdiction (``jurisdiction``).
* ``id_card``: a birth date the note states next to an applicant's name ("…, his son,
  Ali SMITH, born on 4 March 2014") tells an applicant under 17 when no passport or KTP
  does (the papers of a child are often not sent at all).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from config.catalog import FindingCatalog
from config.office import Keywords
from fasdip.folding import fold
from fasdip.models import ApplicantGroup, Finding, KtpReading, RequestType
from validators._text import find_cues
from validators.dates import find_dates
from validators.identity import age_findings
from validators.rules import TextSources

_AFTER_NAME_CHARS = 90  # "…, born on 4 March 2014" follows the name closely


def stated_birth_date(
    text: str, name: str, others: Sequence[str], cues: Sequence[str], months: dict[int, list[str]]
) -> dt.date | None:
    """The birth date ``text`` states just after ``name`` (before any of ``others``)."""
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    match = re.search(pattern, text) if pattern else None
    if match is None:
        return None
    window = text[match.end() : match.end() + _AFTER_NAME_CHARS]
    for other in others:
        cut = window.find(other.split()[-1]) if other.split() else -1
        if cut >= 0:
            window = window[:cut]
    if not find_cues(fold(window), cues):
        return None
    dates = find_dates(window, months)
    return dates[0].date if dates else None


def stated_findings(
    request: RequestType,
    texts: TextSources,
    ktps: Sequence[KtpReading],
    applicants: Sequence[ApplicantGroup],
    keywords: Keywords,
    min_age: int,
    catalog: FindingCatalog,
    today: dt.date,
) -> list[Finding]:
    """The findings of the rules above for ``request``."""
    if request == RequestType.honorary_consul:
        from validators.jurisdiction import jurisdiction_findings  # (for a consul only)

        cues = keywords.details.get("jurisdiction", [])
        return jurisdiction_findings(texts, ktps, cues, catalog)
    if request != RequestType.id_card:
        return []
    cues = keywords.details.get("birth_date", [])
    names = [a.name for a in applicants if a.name]
    findings: list[Finding] = []
    for group in applicants:
        if not group.name:
            continue
        others = [n for n in names if n != group.name]
        born = stated_birth_date(texts.note, group.name, others, cues, keywords.months)
        findings += age_findings(born, request, today, min_age, catalog, group.key)
    return findings
