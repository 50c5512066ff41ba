"""Findings whose quoted values differ by language.

``messages.yaml`` has one placeholder (``{reason}``, ``{visit_date}``…) used by both
the Indonesian and the English template. Where a value reads differently in the two
languages ("berkas kosong" / "empty file"; "10 Februari 2027" / "10 February 2027"),
the catalog is asked twice, once per language, and the two texts are joined: the
finding's ``params`` keep the English value under the placeholder's name and the
Indonesian value under ``<name>_id``.
"""

from __future__ import annotations

import datetime as dt

from config.catalog import FindingCatalog
from fasdip.dates import format_date_en, format_date_id
from fasdip.models import Attachment, DocumentType, Finding, FindingCode


def bilingual_date(name: str, day: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    """``{name: "10 Februari 2027"}`` and ``{name: "10 February 2027"}``: a date as each
    language writes it in a letter (never the ISO form a mission would have to decode)."""
    return {name: format_date_id(day)}, {name: format_date_en(day)}


def make_bilingual(
    catalog: FindingCatalog,
    code: FindingCode,
    *,
    id_params: dict[str, str],
    en_params: dict[str, str],
    attachment: Attachment | None = None,
    document: DocumentType | None = None,
    detail: str | None = None,
    applicant: str | None = None,
    **params: str,
) -> Finding:
    def make(values: dict[str, str]) -> Finding:
        return catalog.make(
            code,
            attachment=attachment,
            document=document,
            detail=detail,
            applicant=applicant,
            severity=None,
            **{**params, **values},
        )

    in_id, in_en = make(id_params), make(en_params)
    merged = dict(in_en.params)
    for key, value in id_params.items():
        merged[f"{key}_id"] = value
    return in_en.model_copy(update={"text_id": in_id.text_id, "params": merged})
