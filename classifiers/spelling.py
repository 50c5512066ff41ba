"""How a roster name is spelled when the note that names the applicant lost letters.

A note read by OCR from a scan loses accents ("SCHRODER") and misreads letters ("Marfa
NUNEZ" for María NÚÑEZ ORTEGA); a text PDF whose font had no glyph gives "Mai Ph?m". The
applicant's name is then taken from a source that spells the same name in full: the mail
(same letters, with accents or the letters lost), or, for a name OCR read, the papers: a
name in a paper's text (an MRZ, a CV's "Name:" line) that is the OCR reading but for one
letter in some of its words, that another paper or file name spells the same way. A name
no two papers spell alike is left as read (the identity stage then compares it).
"""

from __future__ import annotations

from collections.abc import Sequence

from classifiers.names import same_person
from fasdip.folding import fold
from fasdip.marks import fold_marked, has_marks
from fasdip.models import DocumentClassification

_SLIP_MIN_LETTERS = 4  # OCR's one-letter slips are told from another name in longer words


def _accents(name: str) -> int:
    return sum(not ch.isascii() for ch in name)


def best_spellings(roster: Sequence[str], others: Sequence[str]) -> list[str]:
    """Each roster name, spelled as another source spells the same letters with their
    accents ("SCHRODER" read on a scanned note, "SCHRÖDER" in the mail), or spells in full
    the letters a PDF's font lost ("Mai Ph?m" in the note's text, "Mai PHẠM" in the mail)."""

    def spells(other: str, name: str) -> bool:
        if has_marks(name) and not has_marks(other):
            return len(fold(other).split()) == len(fold_marked(name).split()) and same_person(
                name, other, 100.0
            )
        return fold(other) == fold(name) and _accents(other) > _accents(name)

    spelled = []
    for name in roster:
        same = [o for o in others if spells(o, name)]
        spelled.append(max(same, key=_accents) if same else name)
    return spelled


def _accented_letters(word: str) -> set[int]:
    """The places in ``fold(word)`` of the letters that ``word`` writes with an accent or
    a cedilla (``João`` -> {2}: the ``a`` of ``joao``)."""
    places: set[int] = set()
    at = 0
    for char in word:
        folded = fold(char)
        if not char.isascii():
            places.update(range(at, at + len(folded)))
        at += len(folded)
    return places


def _slip_on_an_accent(read_word: str, spelled_word: str) -> bool:
    """Whether OCR's one-letter slip falls on a letter the spelling writes with an accent
    or a cedilla ("Jodo" for João, "GONGALVES" for GONÇALVES): the letters OCR of a scan
    misreads most, so the typed spelling needs no second source for them."""
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz.distance import Levenshtein

    ops = Levenshtein.editops(fold(read_word), fold(spelled_word)).as_list()
    if len(ops) != 1:
        return False
    tag, _, place = ops[0]
    return tag == "replace" and place in _accented_letters(spelled_word)


def _slipped_words(
    read: list[str], spelled: list[str], original: Sequence[str] = ()
) -> list[str] | None:
    """The words of ``spelled`` that OCR read one letter off in ``read`` (every word of
    ``read`` is a word of ``spelled``, or one letter off a long one); None when a word of
    ``read`` fits none, or none fits exactly. ``original``: ``spelled`` as written, before
    folding; a slip on one of its accented letters counts as fitting exactly and is not
    returned (it needs no second source)."""
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz.distance import Levenshtein

    free = list(spelled)
    written = dict(zip(spelled, original, strict=False))
    slipped: list[str] = []
    exact = 0
    for word in read:
        if word in free:
            free.remove(word)
            exact += len(word) >= 3
            continue
        accent = next(
            (p for p in free if p in written and _slip_on_an_accent(word, written[p])), None
        )
        if accent is not None:
            free.remove(accent)
            exact += 1
            continue
        near = next(
            (
                p
                for p in free
                if min(len(word), len(p)) >= _SLIP_MIN_LETTERS
                and Levenshtein.distance(word, p) == 1
            ),
            None,
        )
        if near is None:
            return None
        free.remove(near)
        slipped.append(near)
    return slipped if exact else None


def spelled_by_papers(
    name: str, spellings: Sequence[tuple[str, str]], file_names: Sequence[tuple[str, str]]
) -> str:
    """``name`` (read by OCR) as the papers spell it, else unchanged. ``spellings``: (source,
    name) of names written in text (the mail's roster, a paper's MRZ or "Name:" line);
    ``file_names``: (source, folded hint) of the papers' file names. A spelling counts when
    OCR's reading is it but for one letter in some words, and a second source (another
    paper, another file name) writes those words as it does; it must be the only one."""
    read = fold(name).split()
    found: dict[str, str] = {}
    for source, spelled in spellings:
        words = fold(spelled).split()
        originals = spelled.split()
        slipped = _slipped_words(read, words, originals if len(originals) == len(words) else ())
        if slipped is None or (not slipped and read == words):
            continue
        seconds = [
            s
            for s, other in [*spellings, *file_names]
            if s != source and set(slipped) <= set(fold(other).split())
        ]
        if seconds or not slipped:  # every slip on an accented letter
            key = " ".join(words)
            if key not in found or _accents(spelled) > _accents(found[key]):
                found[key] = spelled
    return next(iter(found.values())) if len(found) == 1 else name


def papers_spellings(
    personal: Sequence[DocumentClassification],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(names the papers' text gives, their file names' hints), each with its paper's id."""
    named = [(d.attachment, d.person_name) for d in personal if d.person_name]
    hinted = [(d.attachment, d.filename_name) for d in personal if d.filename_name]
    return named, hinted
