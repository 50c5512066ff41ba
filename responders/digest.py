"""The officers' digest: what needs them, what waits on missions, and the day's numbers.

The store fills one small typed ``DigestCase`` per case (the verdict plus what only the
store knows: the mission's name, when we answered, where the documents are saved);
``build_digest`` sorts those into ``DigestData``; ``render_digest`` turns that into an
HTML email (table layout, inline CSS, no scripts) with a plain-text part, through the
Jinja2 templates ``digest.html.j2`` and ``digest.txt.j2`` of ``Settings.templates_dir``.

The figures (``DigestNumbers``) should come from the store's own count; when the
caller gives none, they are counted from the cases handed in.

The parts: ``digest_model`` (the data), ``digest_build`` (sorting and counting),
``digest_render`` (the templates and the subject); this module names them all.
"""

from __future__ import annotations

from responders.digest_build import (
    ATTENTION_TITLES,
    DECISION_NAMES,
    FINDING_LIMIT,
    GROUPS,
    UNREADABLE,
    attention_line,
    build_digest,
    count_numbers,
)
from responders.digest_model import (
    AttentionLine,
    CaseGroup,
    CaseRow,
    CountLine,
    DigestCase,
    DigestData,
    DigestNumbers,
    DigestPeriod,
    DigestSections,
    DocumentLink,
    FindingLine,
    RenderedDigest,
    Words,
)
from responders.digest_render import (
    HTML_TEMPLATE,
    TEXT_TEMPLATE,
    DigestTemplates,
    digest_subject,
    render_digest,
)

__all__ = [
    "ATTENTION_TITLES",
    "DECISION_NAMES",
    "FINDING_LIMIT",
    "GROUPS",
    "HTML_TEMPLATE",
    "TEXT_TEMPLATE",
    "UNREADABLE",
    "AttentionLine",
    "CaseGroup",
    "CaseRow",
    "CountLine",
    "DigestCase",
    "DigestData",
    "DigestNumbers",
    "DigestPeriod",
    "DigestSections",
    "DigestTemplates",
    "DocumentLink",
    "FindingLine",
    "RenderedDigest",
    "Words",
    "attention_line",
    "build_digest",
    "count_numbers",
    "digest_subject",
    "render_digest",
]
