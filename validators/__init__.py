"""validators: is it right? File checks, the photo, the checklist, dates and text rules,
and the findings made from passport and KTP readings (the reading itself is ``readers``).

Each function gets its settings and config passed in and returns checks and/or
``Finding`` objects made through ``config.catalog.FindingCatalog``. Depends only on
``fasdip.models``, ``fasdip.errors`` and ``config``.

Two are imported from their own modules, where they are used, not here: the photo check
(``validators.photo``: a mail with a photo) and the honorary consul's jurisdiction
(``validators.jurisdiction``, with the provinces of ``fasdip.regions``): a mail with
neither does not load them.
"""

from fasdip.dates import format_date_en, format_date_id
from validators.checklist import missing_documents
from validators.dates import FoundDate, find_dates
from validators.files import check_file
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
    "FoundDate",
    "TextSources",
    "check_details",
    "check_file",
    "count_working_days",
    "find_dates",
    "find_expiry_date",
    "find_visit_date",
    "format_date_en",
    "format_date_id",
    "indonesian_holidays",
    "is_working_day",
    "local_date",
    "missing_documents",
    "stated_findings",
    "working_day_deadline",
]
