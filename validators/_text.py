"""Text helpers shared by the validators: cue matching on folded text, sentences.

Texts and cues are folded by ``fasdip.folding.fold`` (the classifiers' own), so a cue
matches here exactly when it matches there ("surat-keterangan" is "surat keterangan").
A position found in a folded text is taken back to the original by
``fasdip.folding.fold_with_origins``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from fasdip.folding import fold


@lru_cache(maxsize=1024)
def cue_pattern(cue: str) -> re.Pattern[str]:
    """A regex for a cue on folded text: word boundaries, any run of spaces between words."""
    words = fold(cue).split()
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


def find_cues(folded: str, cues: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every occurrence of every cue in ``folded`` text as ``(start, end, cue)``, by position."""
    hits: list[tuple[int, int, str]] = []
    for cue in cues:
        if not cue.strip():
            continue
        hits.extend((m.start(), m.end(), cue) for m in cue_pattern(cue).finditer(folded))
    return sorted(hits)


def has_cue(text: str, cues: Iterable[str]) -> bool:
    folded = fold(text)
    return any(cue.strip() and cue_pattern(cue).search(folded) for cue in cues)


# A sentence ends at . ! ? ; followed by white space and a capital letter (or the end),
# or at a blank line. "s.d. 12", "15.01.2027", "H.E. the Ambassador" do not end one.
# An honorific's full stop ("Mr. Ola NORDMANN", "H.E. Mr.") ends no sentence either.
_NOT_AN_END = r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bNo\.)(?<!\bH\.E\.)(?<!\bProf\.)"
_SENTENCE_END = re.compile(
    rf"(?<=[.!?;]){_NOT_AN_END}\s+(?=[A-Z\u00c0-\u00de\"'(\[])|\n[ \t]*\n\s*|[.!?;]\s*$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; together they cover all of it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > start:
            spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# The header block of a mail quoted in a body (Outlook's, Gmail's, Indonesian clients'):
# from a "From:" line, its "Sent:", "Date:", "To:" lines say when that mail was sent and
# between whom, never a date the request states; and a reply's "On …, X wrote:" line.
_HEADER_OPENS = re.compile(r"^[ \t>]*(?:from|dari)[ \t]*:", re.IGNORECASE)
_HEADER_GOES_ON = re.compile(
    r"^[ \t>]*(?:sent|date|to|cc|dikirim|tanggal|kepada|tembusan|subject|perihal|subjek)[ \t]*:",
    re.IGNORECASE,
)
_HEADER_KEPT = re.compile(r"^[ \t>]*(?:subject|perihal|subjek)[ \t]*:", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"^[ \t>]*(?:on|pada)[ \t].{0,200}[ \t](?:wrote|menulis)[ \t]*:[ \t]*$", re.IGNORECASE
)


def without_quoted_headers(text: str) -> str:
    """``text`` with the header lines of the mails it quotes blanked (the subject kept, and
    every line kept in place, so that what follows stays a paragraph of its own)."""
    lines = text.split("\n")
    in_block = False
    for index, line in enumerate(lines):
        if _HEADER_OPENS.match(line):
            in_block = True
        elif not (in_block and _HEADER_GOES_ON.match(line)):
            in_block = False
        if (in_block and not _HEADER_KEPT.match(line)) or _ATTRIBUTION.match(line):
            lines[index] = ""
    return "\n".join(lines)
