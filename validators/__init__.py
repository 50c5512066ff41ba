"""validators: is it right? File checks, the photo, the checklist, dates and text rules,
and the findings made from passport and KTP readings (the reading itself is ``readers``).

Each function gets its settings and config passed in and returns checks and/or
``Finding`` objects made through ``config.catalog.FindingCatalog``. Depends only on
``fasdip.models``, ``fasdip.errors`` and ``config``.
"""

from fasdip.dates import format_date_en, format_date_id
from validators.checklist import missing_documents
from validators.dates import FoundDate, find_dates
from validators.files import check_file
from validators.jurisdiction import jurisdiction_findings
from validators.photo import BackgroundMeasure, check_photo, measure_background
from validators.rules import TextSources, check_details, find_expiry_date, find_visit_date
from validators.stated import stated_findings
from validators.workdays import (
    count_working_days,
    indonesian_holidays,
    is_working_day,
    local_date,
    working_day_deadline,
)

__all__ = [
    "BackgroundMeasure",
    "FoundDate",
    "TextSources",
    "check_details",
    "check_file",
    "check_photo",
    "count_working_days",
    "find_dates",
    "find_expiry_date",
    "find_visit_date",
    "format_date_en",
    "format_date_id",
    "indonesian_holidays",
    "is_working_day",
    "jurisdiction_findings",
    "local_date",
    "measure_background",
    "missing_documents",
    "stated_findings",
    "working_day_deadline",
]
