"""Whose papers are these: one group of attachments per applicant, and each one's category.

The applicants are the people the request is *for* (the roster): those the diplomatic
note names with an honorific, else those the mail names, else those the documents' text
names (an MRZ, a "Name:" line), leaving out people named in another role (a spouse, the
official to be met, the signer; ``keywords.roster``). Documents then join the applicant
their text names, else the one their file name fits (a weak hint: surname, initials,
transliteration, accents; other words are noise). A file name founds no applicant, except
when nothing names anyone and several copies of one document show there are several.
With one applicant, unnamed documents are theirs. With several, an unnamed document goes
to the only applicant still lacking that type who could hold it (a KTP is an Indonesian's,
not that of a diplomat whose passport came; a passport not a local staff member's);
otherwise it stays unassigned and an officer decides. An agenda is the visit's, shared by
every visitor, unless its name or text names one of them: then it is that visitor's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from classifiers.categories import CATEGORY_BY_DOCUMENT, CategoryVoter
from classifiers.hints import hint_match, initials_owner, match_hint, name_tokens
from classifiers.names import RosterCues, names_in_note, same_person
from classifiers.spelling import best_spellings, papers_spellings, spelled_by_papers
from classifiers.text import CueSet
from config.office import Keywords
from config.settings import ClassifierSettings
from fasdip.folding import fold
from fasdip.models import (
    ApplicantGroup,
    DocumentClassification,
    DocumentType,
)

# The request's own papers, every applicant's alike (as the note is).
SHARED_DOCUMENTS = frozenset({DocumentType.diplomatic_note, DocumentType.tentative_agenda})


@dataclass
class _Draft:
    name: str | None
    documents: list[DocumentClassification] = field(default_factory=list)

    def types(self) -> set[DocumentType]:
        return {t for d in self.documents for t in d.covers}


def _could_hold(draft: _Draft, document: DocumentType) -> bool:
    """Whether an applicant may own a ``document``: a KTP or an employment letter is a local
    staff member's, a passport, stay permit or Kemlu ID card a foreign official's; an
    applicant whose papers show only the other category does not lack it."""
    wanted = CATEGORY_BY_DOCUMENT.get(document)
    held = {CATEGORY_BY_DOCUMENT[t] for t in draft.types() if t in CATEGORY_BY_DOCUMENT}
    return wanted is None or not held or wanted in held


def _names_someone_else(hint: str | None, roster: Sequence[str]) -> bool:
    """Whether a file name's words name a person (a word of three letters or more that is
    no document or noise word) who fits none of the roster's names."""
    if not hint or not any(len(w) >= 3 for w in name_tokens(hint)):
        return False
    return all(hint_match(hint, name).words == 0 for name in roster)


def _another_person_s(
    drafts: Sequence[_Draft], pool: Sequence[DocumentClassification]
) -> list[DocumentClassification]:
    """Unnamed papers whose file names name one person outside the roster, when among them is
    a second copy of a paper every applicant already holds ("Passport Mueller.pdf" beside the
    only applicant's passport): that person is someone the roster missed, so none of their
    papers may fill an applicant's gap (their stay permit would hide the applicant's missing
    one). They stay unassigned and an officer looks."""
    roster = [d.name for d in drafts if d.name]
    if not roster or len(roster) != len(drafts):
        return []
    foreign = [d for d in pool if _names_someone_else(d.filename_name, roster)]
    people: list[list[DocumentClassification]] = []
    for doc in foreign:
        hints = [group[0].filename_name or "" for group in people]
        index = match_hint(doc.filename_name or "", hints, strict=False)
        if index is None:
            people.append([doc])
        else:
            people[index].append(doc)
    held = set.intersection(*(d.types() for d in drafts))
    if len(drafts) == 1:  # the only applicant's: their unnamed papers are theirs too
        held |= {t for d in pool if d not in foreign for t in d.covers}
    held -= {DocumentType.other, *SHARED_DOCUMENTS}
    return [doc for group in people if held & {t for d in group for t in d.covers} for doc in group]


def _join_by_initials(
    drafts: Sequence[_Draft], pool: Sequence[DocumentClassification]
) -> tuple[list[DocumentClassification], list[DocumentClassification]]:
    """(papers left, papers set aside): unnamed papers whose file name gives only initials
    ("Foto_AS.jpg") join the one applicant with those initials if that applicant still
    lacks every paper it covers and could hold it; else they are set aside (unassigned): a
    second photo of theirs must not fill another applicant's gap by elimination."""
    roster = [d.name or "" for d in drafts]
    left: list[DocumentClassification] = []
    aside: list[DocumentClassification] = []
    for doc in pool:
        index = initials_owner(doc.filename_name, roster) if doc.filename_name else None
        if index is None or doc.document_type == DocumentType.other:
            left.append(doc)
        elif set(doc.covers) & drafts[index].types() or not all(
            _could_hold(drafts[index], t) for t in doc.covers
        ):
            aside.append(doc)
        else:
            drafts[index].documents.append(doc)
    return left, aside


def _join_the_only_applicant(
    draft: _Draft,
    pool: Sequence[DocumentClassification],
    theirs: Sequence[DocumentClassification],
) -> list[DocumentClassification]:
    """The only applicant takes the papers no name gives to anyone; those left are returned.

    A paper whose own text names someone else (an MRZ of another person), or of a kind the
    applicant's own papers rule out (a KTP beside a foreign official's passport), is not
    theirs. Once such papers (or ``theirs``: papers named for a person the roster missed)
    show a second person in the mail, an unnamed paper that person could hold and does not
    hold yet (an ``IMG_…`` photo) may be theirs as well: it stays unassigned too, and the
    applicant's own gap stays visible to the officer who looks."""
    named = draft.name is not None
    others = [
        d for d in pool if named and (d.person_name or not _could_hold(draft, d.document_type))
    ]
    if others or theirs:
        someone = _Draft(name=None, documents=[*others, *theirs])
        others += [
            d
            for d in pool
            if d not in others
            and d.document_type not in someone.types()
            and _could_hold(someone, d.document_type)
        ]
    draft.documents.extend(d for d in pool if d not in others)
    return others


class ApplicantGrouper:
    def __init__(self, keywords: Keywords, settings: ClassifierSettings) -> None:
        self._categories = CategoryVoter(keywords)
        self._roles = RosterCues(
            before=CueSet.flat(keywords.roster.not_applicant_before),
            after=CueSet.flat(keywords.roster.not_applicant_after),
            closings=CueSet.flat(keywords.roster.closings),
            not_names=frozenset(fold(w) for w in keywords.roster.not_names),
            for_whom=CueSet.flat(keywords.roster.for_whom),
            relations=CueSet.flat(keywords.roster.relations),
        )

    def group(
        self,
        documents: Sequence[DocumentClassification],
        note_texts: Sequence[str],
        mail_text: str,
        scanned_notes: Sequence[str] = (),
    ) -> tuple[list[ApplicantGroup], list[str], list[str]]:
        """(applicants, unassigned ids, ids paired by order); notes are shared by all.
        ``mail_text``: the subject and body (the roster when the note names nobody);
        ``scanned_notes``: those of ``note_texts`` read by OCR from a scan."""
        notes = [d for d in documents if d.document_type in SHARED_DOCUMENTS]
        personal = [d for d in documents if d.document_type not in SHARED_DOCUMENTS]

        roster, named_in = self._roster(note_texts), list(note_texts)
        if roster:  # a scanned note read by OCR loses accents the mail may keep
            in_mail = self._roster([mail_text])
            roster = best_spellings(roster, in_mail)
            roster = self._respelled(roster, note_texts, scanned_notes, in_mail, personal)
        else:
            roster, named_in = self._roster([mail_text]), [mail_text]
        if not roster:
            roster = self._roster_from_texts(personal)
        if not roster and self._several_applicants(personal):
            roster = self._roster_from_file_names(personal, [mail_text, *note_texts])
            if not roster:  # several people, named nowhere: an officer sorts the papers
                return [], [d.attachment for d in personal], []
        drafts = [_Draft(name=name) for name in roster]
        notes, named = self._shared_named_for_some(notes, roster)
        for doc, named_for in named:
            drafts[named_for].documents.append(doc)

        pool: list[DocumentClassification] = []
        for doc in personal:
            index = self._owner(doc, roster)
            if index is None:
                pool.append(doc)
            else:
                drafts[index].documents.append(doc)
        aside: list[DocumentClassification] = []
        if len(drafts) > 1:
            pool, aside = _join_by_initials(drafts, pool)

        theirs = _another_person_s(drafts, pool)
        pool = [d for d in pool if d not in theirs]
        if len(drafts) <= 1:
            if not drafts and not pool:
                return [], [], []  # no personal documents and nobody named: no applicant
            if not drafts:
                drafts.append(_Draft(name=None))
            pool, by_order = _join_the_only_applicant(drafts[0], pool, theirs), list[str]()
        else:
            pool, by_order = self._by_elimination(drafts, pool)
        pool += theirs + aside

        request_text = "\n".join([mail_text, *note_texts])
        mail_votes = self._categories.mail_votes(request_text)
        applicants = [
            self._categories.applicant(
                f"p{i}", draft.name, draft.documents, notes, mail_votes, named_in, roster
            )
            for i, draft in enumerate(drafts, start=1)
        ]
        return applicants, [d.attachment for d in pool], by_order

    def _roster(self, texts: Sequence[str]) -> list[str]:
        roster = [name for text in texts for name in names_in_note(text, self._roles)]
        return [
            n for i, n in enumerate(roster) if not any(same_person(n, o, 95.0) for o in roster[:i])
        ]

    def _respelled(
        self,
        roster: Sequence[str],
        note_texts: Sequence[str],
        scanned_notes: Sequence[str],
        in_mail: Sequence[str],
        personal: Sequence[DocumentClassification],
    ) -> list[str]:
        """The roster with each name that only OCR read (on a scanned note) spelled as the
        mail or the papers spell it, when OCR slipped a letter (``spelled_by_papers``)."""
        if not scanned_notes:
            return list(roster)
        in_text = self._roster([t for t in note_texts if t not in scanned_notes])
        named, hinted = papers_spellings(personal)
        spellings = [("mail", n) for n in in_mail] + named
        return [
            name
            if any(fold(name) == fold(t) for t in in_text)
            else spelled_by_papers(name, spellings, hinted)
            for name in roster
        ]

    def _shared_named_for_some(
        self, shared: Sequence[DocumentClassification], roster: Sequence[str]
    ) -> tuple[list[DocumentClassification], list[tuple[DocumentClassification, int]]]:
        """(shared papers, (paper, roster index) of those named for one applicant): with
        several applicants, an agenda whose name or text names one of them is theirs (each
        visitor sends one; the others still lack theirs); one named for nobody serves all."""
        if len(roster) < 2:
            return list(shared), []
        named: list[tuple[DocumentClassification, int]] = []
        for doc in shared:
            if doc.document_type == DocumentType.diplomatic_note:
                continue
            hint = doc.person_name or doc.filename_name
            index = match_hint(hint, roster, strict=False) if hint else None
            if index is not None:
                named.append((doc, index))
        mine = {id(doc) for doc, _ in named}
        return [d for d in shared if id(d) not in mine], named

    def _owner(self, doc: DocumentClassification, roster: Sequence[str]) -> int | None:
        """The roster entry a document's text names, else the one its file name fits."""
        if doc.document_type in SHARED_DOCUMENTS:
            return None
        if doc.person_name:
            index = match_hint(doc.person_name, roster, strict=True)
            if index is not None:
                return index
        if doc.filename_name:
            return match_hint(doc.filename_name, roster, strict=False)
        return None

    def _roster_from_texts(self, personal: Sequence[DocumentClassification]) -> list[str]:
        """People the documents' text names (an MRZ, a "Name:" line), longest first."""
        roster: list[str] = []
        for doc in sorted(personal, key=lambda d: -len(d.person_name or "")):
            if doc.person_name and match_hint(doc.person_name, roster, strict=True) is None:
                roster.append(doc.person_name)
        return roster

    @staticmethod
    def _several_applicants(personal: Sequence[DocumentClassification]) -> int:
        """How many people at least the documents belong to: the most copies of one type in
        one mail (a follow-up's ``m1-a2`` sends a copy again: the same person)."""
        copies = Counter(
            (d.attachment.split("-", 1)[0] if "-" in d.attachment else "", d.document_type)
            for d in personal
            if d.document_type != DocumentType.other
        )
        most = max(copies.values(), default=0)
        return most if most > 1 else 0

    def _roster_from_file_names(
        self, personal: Sequence[DocumentClassification], texts: Sequence[str]
    ) -> list[str]:
        """Nobody is named anywhere but several copies of one document type show there are
        several applicants: file names found them, from words that are not in the mail's
        own text (a city, "card"), if they give exactly as many people as copies."""
        known = {w for text in texts for w in name_tokens(text)}
        roster: list[str] = []
        for doc in personal:
            words = [w for w in name_tokens(doc.filename_name or "") if len(w) >= 3]
            hint = " ".join(w for w in words if w not in known)
            if hint and match_hint(hint, roster, strict=False) is None:
                roster.append(hint)
        return roster if len(roster) == self._several_applicants(personal) else []

    @staticmethod
    def _by_elimination(
        drafts: list[_Draft], pool: list[DocumentClassification]
    ) -> tuple[list[DocumentClassification], list[str]]:
        """Unnamed documents of a type go to the applicants still lacking that type who
        could hold it (``_could_hold``), until no more find their owner.

        One document and one applicant lacking it: that is theirs. k documents and
        exactly k applicants lacking the type: each has one (the set is complete),
        paired in the order of the email; which is whose stays unsure, so these are
        returned as ``by_order`` and nothing about them is said of a named person.
        """
        by_order: list[str] = []
        placed = True
        while placed and pool:
            placed = False
            for document in dict.fromkeys(d.document_type for d in pool):
                docs = [d for d in pool if d.document_type == document]
                lacking = [
                    dr for dr in drafts if document not in dr.types() and _could_hold(dr, document)
                ]
                if document == DocumentType.other or len(docs) != len(lacking):
                    continue
                for doc, draft in zip(docs, lacking, strict=True):
                    draft.documents.append(doc)
                if len(docs) > 1:
                    by_order += [d.attachment for d in docs]
                pool = [d for d in pool if d not in docs]
                placed = True
        return pool, by_order
