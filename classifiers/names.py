"""Who a document is about: person names from note text, document text and file names."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from classifiers.text import CueSet
from fasdip.folding import fold
from fasdip.marks import fold_marked, has_marks, words_fit

_HONORIFIC = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Tuan|Nyonya|Nona|Sdr|Sdri|Saudara|Saudari|Bapak|Bpk|Ibu|"
    r"H\.\s?E|Colonel|Kolonel|Col|Lt\.?\s?Col|Brigadier General|Captain|Kapten|Major|Mayor)"
)
# A "?" (or U+FFFD) in a word is a letter the PDF's font could not give ("Ph?m", fasdip.marks).
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-?\ufffd]*"
# "Mr. John SMITH", "Ibu Siti RAHAYU", "H.E. Mr. Jean-Luc DUPONT"
# A name may run over a line break of a wrapped paragraph ("Ms. María\nNÚÑEZ ORTEGA").
_NAME_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_HONORIFIC_NAME = re.compile(
    rf"\b{_HONORIFIC}\.?{_NAME_GAP}(?:(?:Mr|Mrs|Ms|Dr)\.?[ \t]+)?"
    rf"({_NAME_WORD}(?:{_NAME_GAP}{_NAME_WORD}){{0,4}})"
)
# "Name: John SMITH", "Nama : BUDI SANTOSO", "Nama Lengkap/Full name: ..."
_LABELLED_NAME = re.compile(
    r"^[ \t]*(?:Full[ \t]+name|Nama[ \t]+Lengkap(?:[ \t]*/[ \t]*Full[ \t]+name)?|Name|Nama|Nama/Name)"
    r"[ \t]*[:：][ \t]*([^\n\r:]{2,80})$",
    re.IGNORECASE | re.MULTILINE,
)
_MRZ_TD3_LINE1 = re.compile(r"^P[A-Z0-9<][A-Z<]{3}([A-Z<]{39})$")
_WORDS_NOT_NAMES = {"the", "of", "and", "dan", "embassy", "kedutaan", "republic", "republik"}


def _is_surname(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


# Words a family name may hold before its last word (VAN DER BERG, DE VRIES, BIN ALI).
_PARTICLE = re.compile(
    r"van|der|den|de|da|das|dos|di|del|della|la|le|von|zu|ten|ter|bin|binti|al|el|ibn"
)


def _within_line(name: str) -> str:
    """A name cut at a line break, unless the line ended before its surname and the next
    one opens with it, or with given names before it: "María\nNÚÑEZ ORTEGA",
    "José\nLuis PEÑA" and "Tuti\nJessica Saputra" are one name each, "Ola NORDMANN\nSecond"
    is not."""
    first, sep, rest = name.partition("\n")
    if not sep:
        return name
    carried = rest.split()
    # given names may run on too ("Mr. José\nLuis PEÑA"): up to the surname in capitals
    given = 0
    while given < min(len(carried), _MAX_GIVEN) and _is_given(carried[given]):
        given += 1
    if (
        given < len(carried)
        and _is_surname(carried[given])
        and not any(_is_surname(w) for w in first.split())
    ):
        return " ".join([*first.split(), *_within_line(rest).split()])
    # a surname never ends on a particle ("Ms. Zoé VAN DER\nBERG"): it goes on
    ending = first.split()[-1:]
    if ending and _PARTICLE.fullmatch(fold(ending[0])) and _is_surname(ending[0]):
        surname = list(itertools.takewhile(_is_surname, carried))[:_MAX_SURNAME]
        return " ".join([*first.split(), *surname])
    # a name written without capitals ("Mr./Ms. Tuti\nJessica Saputra, local staff") goes
    # on when neither line has a surname in capitals and the next line ends the name
    if (
        "\n" not in rest
        and 0 < len(carried) == given
        and not any(_is_surname(w) for w in first.split())
    ):
        return " ".join([*first.split(), *carried])
    return first


def _clean(name: str) -> str | None:
    words = [w for w in re.split(r"\s+", name.strip(" .,;")) if w]
    while words and fold(words[-1]) in _WORDS_NOT_NAMES:
        words.pop()
    if not words:
        return None
    if len(words) == 1 and not words[0].isupper():
        return None  # one capitalised word ("Kota") is too weak to be a name
    return " ".join(words)


@dataclass(frozen=True)
class RosterCues:
    """Folded words that tell a named person is not one the request is for."""

    before: CueSet  # just before the name: "his spouse", "to meet", "Dear"
    after: CueSet  # just after the name: "wife of", "Governor of"
    closings: CueSet  # a closing formula: the names after it sign or are signed for
    not_names: frozenset[str] = frozenset()  # folded words no bare name holds ("republik")
    # Words that put the next name among the applicants ("for", "atas nama"): a role word
    # ("to meet") counts only when no such word stands between it and the name.
    for_whom: CueSet = field(default_factory=lambda: CueSet.flat([]))
    # Words that tie a name to the next ("Mrs. A, spouse of Mr. B"): B is A's relative.
    relations: CueSet = field(default_factory=lambda: CueSet.flat([]))


_CONTEXT_WORDS = 3  # words either side of a name that say what the person is to the request
_OF = {"of", "dari"}
_AFTER_CLOSING_CHARS = 160  # a signature block follows its closing formula closely


def names_in_note(text: str, cues: RosterCues | None = None) -> list[str]:
    """The people a note (or a mail) asks for, named with an honorific, in order, without
    repeats; with ``cues``, a person it names in another role (a spouse, the official to
    be met, the one who signs or is addressed) is left out."""
    candidates = [
        (match.start(), match.end(1), _clean(_within_line(match.group(1))))
        for match in _HONORIFIC_NAME.finditer(text)
    ]
    if cues is not None:  # a name written without an honorific, when the office says how
        candidates += [
            bare
            for bare in _bare_names(text, cues.not_names)
            if not any(start <= bare[0] < end for start, end, _ in candidates)
        ]
    found: list[str] = []
    since = 0  # where the previous applicant's name ended: the words before a name stop there
    for start, end, name in sorted(candidates, key=lambda c: c[0]):
        if not name or any(same_person(name, other, 90.0) for other in found):
            continue
        role = _role_of(text, start, end, cues, since, first=not found) if cues else None
        if role == "relative":  # "… spouse of Mr. B, and Mr. C": C's clause starts after B
            since = end
        if role:
            continue
        found.append(name)
        since = end
    return found


# "Maria Magdalena SIMANJUNTAK", "Jean-Luc DUPONT": given names capitalised, then the
# surname in capitals, words apart by spaces only (a comma or a full stop ends the run; a
# run has no length cap: a cap cut "… a pass for Øyvind Bjørn SKÅR" before the surname).
_WORD = re.compile(r"[^\W\d_][\w'’\-?\ufffd]*")
# A wrapped paragraph may break a line between the given names and the surname ("and Fitri
# / HANDAYANI (driver)"): one line break, not a blank line, may part two words of a run.
_BARE_NAME = re.compile(
    r"[^\W\d_][\w'’\-?\ufffd]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)[^\W\d_][\w'’\-?\ufffd]*)+"
)
_MAX_GIVEN = 3
_MAX_SURNAME = 3


def _is_given(word: str) -> bool:
    return word[0].isupper() and any(c.islower() for c in word[1:])


def _bare_names(text: str, not_names: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each "Given SURNAME" run: the surname's words in capitals (one
    to three), just after one to three capitalised given names; a word of ``not_names``
    is no given name ("For", "Dan") and no surname ("INDONESIA")."""
    found: list[tuple[int, int, str]] = []
    for run in _BARE_NAME.finditer(text):
        words = list(_WORD.finditer(run.group(0)))
        plain = [w.group(0) for w in words]
        # broken[i]: a line break parts word i from the one before (only the given names
        # and the surname may stand on two lines, each part whole on its own line)
        broken = [
            i > 0 and "\n" in run.group(0)[words[i - 1].end() : w.start()]
            for i, w in enumerate(words)
        ]
        index = 0
        while index < len(words):
            end = index
            while (
                end < len(words)
                and end - index < _MAX_SURNAME
                and _is_surname(plain[end])
                and (end == index or not broken[end])
            ):
                end += 1
            if end == index:
                index += 1
                continue
            first = index
            while (
                first > 0
                and index - first < _MAX_GIVEN
                and _is_given(plain[first - 1])
                and fold(plain[first - 1]) not in not_names
                and (first == index or not broken[first])
            ):
                first -= 1
            start, stop = run.start() + words[first].start(), run.start() + words[end - 1].end()
            if (
                first < index
                and not any(fold(w) in not_names for w in plain[index:end])
                and (not broken[index] or _inside_a_paragraph(text, start, stop))
            ):
                found.append((start, stop, " ".join(plain[first:end])))
            index = end
    return found


def _inside_a_paragraph(text: str, start: int, stop: int) -> bool:
    """Whether a name broken over two lines stands inside running text: words before it on
    its first line and after it on its last ("… and Fitri / HANDAYANI (driver) …"), not a
    heading's last word over the next heading ("Embassy of Japan / TOKYO")."""
    before = text[:start].rsplit("\n", 1)[-1]
    after = text[stop:].split("\n", 1)[0]
    return bool(before.strip()) and bool(after.strip())


_LOOK_BACK_CHARS = 160  # the clause before a name: "to receive the delegation of the Rector, Prof."
_LOOK_BACK_WORDS = 12
_CLAUSE_BREAK = re.compile(r"[.!?;:]\s+(?=[A-Z\u00c0-\u00de])|\n[ \t]*\n")


def _role_of(
    text: str, start: int, end: int, cues: RosterCues, since: int, *, first: bool
) -> str | None:
    """What else than an applicant the person named at ``start:end`` is, or None: "signer"
    (a closing formula shortly before), "role" (a role word next after the name, "Governor
    of", or before it in its clause, "to meet the Regional Secretary, Mrs. X", with no word
    for whom the request is, "for", "atas nama", nearer the name), "relative".

    A name after a relation ("spouse of Mr. B") is the relative of someone else named. A
    name before one ("Mrs. A, spouse of Mr. B") applies when the request is for them ("an
    identity card for Mrs. A, spouse of …") or is the ``first`` named; else they are named
    as the relative too ("… accompanied by Mrs. A, wife of Mr. B")."""
    if cues.closings.matches(fold(text[max(0, start - _AFTER_CLOSING_CHARS) : start])):
        return "signer"
    after = " ".join(fold(text[end : end + 80]).split()[:_CONTEXT_WORDS])
    if cues.after.matches(after):
        return "role"
    nearest = _nearest_cue(text, start, cues, since)
    if nearest == "relation":
        return "relative"
    if cues.relations.matches(after):
        return None if nearest == "for" or (nearest is None and first) else "relative"
    return "role" if nearest == "role" else None


def _nearest_cue(text: str, start: int, cues: RosterCues, since: int) -> str | None:
    """The cue in the name's clause (after the previous applicant) nearest before it: "for"
    (for whom the request is), "relation" ("spouse of" just before), "role" ("to meet")."""
    window = text[max(since, start - _LOOK_BACK_CHARS) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    before = fold(window[breaks[-1].end() :] if breaks else window).split()[-_LOOK_BACK_WORDS:]
    if before and before[-1] in _OF:  # "the spouse of Mr. X": X is the relative
        relation = any(
            cues.relations.first_index(" ".join(before[i:])) == 0 for i in range(len(before))
        )
        return "relation" if relation else "for"
    for index in range(len(before) - 1, -1, -1):  # the nearest cue of either kind decides
        tail = " ".join(before[index:])
        if cues.for_whom.first_index(tail) == 0:
            return "for"
        if cues.before.first_index(tail) == 0:
            return "role"
    return None


def mrz_name(text: str) -> str | None:
    """``GIVEN NAMES SURNAME`` from a TD3 passport MRZ line in a text layer."""
    for line in text.splitlines():
        compact = line.replace(" ", "").strip()
        match = _MRZ_TD3_LINE1.match(compact)
        if match:
            surname, _, given = match.group(1).partition("<<")
            parts = [given.replace("<", " ").strip(), surname.replace("<", " ").strip()]
            name = " ".join(p for p in parts if p)
            return name or None
    return None


def name_in_text(text: str) -> str | None:
    """The person a document is about: its MRZ, else its first "Name:" line."""
    from_mrz = mrz_name(text)
    if from_mrz:
        return from_mrz
    match = _LABELLED_NAME.search(text)
    if match:
        return _clean(match.group(1))
    return None


def name_in_filename(stem: str, noise: CueSet) -> str | None:
    """What is left of a file name once document words, noise words and numbers are gone."""
    words = fold(stem).split()
    # Remove multi-word noise/cue phrases first, then single tokens.
    text = f" {' '.join(words)} "
    for cue in sorted(noise.matches(" ".join(words)), key=lambda c: -len(c.folded)):
        text = text.replace(f" {cue.folded} ", " ")
    kept = [w for w in text.split() if w.isalpha()]  # one letter: an initial
    # a word, or initials only ("Foto M S.jpg"): those of an applicant, or nobody's
    return " ".join(kept) if any(len(w) >= 2 for w in kept) or len(kept) >= 2 else None


def same_person(a: str, b: str, threshold: float) -> bool:
    return person_score(a, b) >= threshold


def person_score(a: str, b: str) -> float:
    """0-100: tolerant of order, accents, case and one name missing (token_set_ratio); a
    name with replacement marks ("Mai Ph?m") is 100 when each of its words fits the other's."""
    if has_marks(a) or has_marks(b):
        wa, wb = fold_marked(a).split(), fold_marked(b).split()
        short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        if words_fit(short, long_):
            return 100.0
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(fa, fb))


def best_match(name: str, roster: Iterable[str], threshold: float) -> int | None:
    """Index of the roster entry this name belongs to; None when no entry or a tie."""
    scores = [person_score(name, entry) for entry in roster]
    if not scores:
        return None
    top = max(scores)
    if top < threshold or scores.count(top) > 1:
        return None
    return scores.index(top)
