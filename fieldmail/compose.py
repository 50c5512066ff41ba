"""One mail from a plan: its files, its body, the .eml bytes, and the truth derived from them."""

from __future__ import annotations

import random

from fasdip.models import ApplicantCategory, DocumentType, FindingCode, RequestType
from fieldmail import render
from fieldmail.bodies import build_message, message_id_stable, subject_for
from fieldmail.files import (
    SCANNED,
    Clerk,
    Made,
    build_file,
    combined_file,
    papers,
    simple_page,
    statement_page,
)
from fieldmail.identity import DISTRICTS
from fieldmail.scenario import Applicant, Plan, plan
from fieldmail.truth import (
    NEEDS,
    REPLY_DECISIONS,
    ApplicantTruth,
    FileTruth,
    Habit,
    MailTruth,
    expected_decision,
    missing_for,
)
from fieldmail.wording import cover_text, day, note_lines

D = DocumentType
TRIO = [D.passport, D.stay_permit, D.kemlu_id_card]


def generate(number: int, seed: int) -> tuple[bytes, MailTruth]:
    """Mail ``number`` of the corpus of ``seed``: the same bytes every time."""
    rng = random.Random(f"fieldmail:{seed}:{number}")
    p = plan(number, rng)
    clerk = Clerk(
        rng=rng,
        today=p.today,
        style=rng.choice(["surname", "surname", "initial", "full", "scanner"]),
        fold=rng.choice(["keep", "plain", "plain", "germanic"]),
        city=p.facts.city or "Jakarta",
    )
    made: list[Made] = []
    if p.kind != RequestType.other:
        drop = _drops(p, rng)
        note = _note(p, rng, clerk, dropped=None in drop)
        if note is not None:
            made.append(note)
        defect = _pick_defect(p, rng)
        for index, applicant in enumerate(p.applicants):
            wrong = {defect[1]: defect[2]} if defect and defect[0] == index else {}
            made += _applicant_files(p, applicant, clerk, rng, drop.get(index, set()), wrong)
    elif p.facts.earlier_date and rng.random() < 0.5:
        made.append(_note(p, rng, clerk, dropped=False) or _never())
    for item in made:
        p.habits |= item.habits
    note_sent = any(D.diplomatic_note in m.truth.covers for m in made)
    text = cover_text(
        p.kind,
        p.facts,
        p.lang,
        p.clerk_name,
        note_attached=note_sent and p.kind != RequestType.other,
        rng=rng,
    )
    subject = subject_for(p, rng)
    message = build_message(p, subject, text, made, rng)
    message_id_stable(message, p, seed)
    return message.as_bytes(), _truth(p, seed, made, str(message["Subject"]), str(message["From"]))


def _truth(p: Plan, seed: int, made: list[Made], subject: str, sender: str) -> MailTruth:
    files = [m.truth for m in made]
    note_sent = any(D.diplomatic_note in f.covers for f in files)
    applicants = []
    for a in p.applicants:
        sent = {d for f in files if f.applicant == a.person.full for d in f.covers}
        if note_sent:
            sent.add(D.diplomatic_note)
        needs = NEEDS[p.kind][a.category]
        applicants.append(
            ApplicantTruth(
                name=a.person.full,
                category=a.category,
                sent=[d for d in needs if d in sent],
                missing=missing_for(p.kind, a.category, sent),
            )
        )
    findings: list[FindingCode] = []
    if any(a.missing for a in applicants):
        findings.append(FindingCode.missing_document)
    for f in files:
        findings += [c for c in f.problems if c not in findings]
    if p.window_passed:
        findings.append(FindingCode.renewal_window_passed)
    if p.no_flight:
        findings.append(FindingCode.missing_detail)
    if p.late:
        findings.append(FindingCode.visit_too_late)
    if p.kind == RequestType.honorary_consul and _lives_outside(p.facts.province, files):
        findings.append(FindingCode.ktp_outside_jurisdiction)
    if p.kind == RequestType.other:
        findings, applicants = [], []
    decision = expected_decision(p.kind, findings, has_files=bool(files), late=p.late)
    return MailTruth(
        number=p.number,
        seed=seed,
        request_type=p.kind,
        language=p.lang,
        applicants=applicants,
        not_applicants=p.not_applicants,
        files=files,
        findings=findings,
        decision=decision,
        reply_without_officer=decision in REPLY_DECISIONS,
        habits=sorted(p.habits),
        today=p.today,
        sender=sender,
        subject=subject,
    )


def _lives_outside(province: str, files: list[FileTruth]) -> bool:
    """Whether a consul's KTP, sent without a defect, prints another province than the
    jurisdiction's (REQUIREMENTS: the KTP address must lie in the jurisdiction)."""
    home = {code[:2] for code, printed, _, _ in DISTRICTS if printed == province.upper()}
    return any(
        f.ktp is not None and not f.problems and f.ktp.region_code[:2] not in home for f in files
    )


def _never() -> Made:
    raise AssertionError("a note is always made when not dropped")


def _drops(p: Plan, rng: random.Random) -> dict[int | None, set[DocumentType]]:
    """Which required documents the mission forgets (key None: the note)."""
    if rng.random() < 0.04:
        return {None: {D.diplomatic_note}}
    if rng.random() >= 0.3:
        return {}
    index = rng.randrange(len(p.applicants))
    needs = [d for d in NEEDS[p.kind][p.applicants[index].category] if d != D.diplomatic_note]
    p.habits.add(Habit.missing_documents)
    return {index: set(rng.sample(needs, min(len(needs), rng.choice([1, 1, 2]))))}


def _note(p: Plan, rng: random.Random, clerk: Clerk, *, dropped: bool) -> Made | None:
    if dropped:
        p.habits.add(Habit.missing_documents)
        return None
    title, lines = note_lines(p.kind, p.facts, p.lang, p.today)
    scanned = rng.random() < 0.3
    if scanned:
        sheet = render.typed_sheet(title, lines, key=rng.choice(["libserif", "serif"]))
        sheet = render.stamp(sheet, rng, p.facts.mission.split(" of ")[-1])
        picture = render.degrade(sheet, rng, grey=rng.random() < 0.4)
        data, ctype = render.scan_pdf([picture], rng.randint(45, 70)), "application/pdf"
        p.habits.add(Habit.scanned_note)
    elif rng.random() < 0.05:
        data, ctype = render.docx([title, *lines]), "application/msword"
    else:
        data, ctype = (
            render.text_pdf([render.Page(title=title, lines=lines, font="serif")]),
            "application/pdf",
        )
    ext = "docx" if data[:2] == b"PK" else "pdf"
    if ext == "pdf" and clerk.style == "scanner" and scanned:
        name = clerk.scanner_name("pdf")
    else:
        name = (
            rng.choice(["Note {n}", "Nota Diplomatik {n}", "NV {n}", "Note Verbale"]).format(
                n=p.facts.note_number.replace("/", "-")
            )
            + f".{ext}"
        )
    problems = [FindingCode.wrong_format] if ext == "docx" else []
    habits = {Habit.docx_file} if ext == "docx" else set()
    truth = FileTruth(
        filename=name,
        content_type=ctype,
        document_type=D.diplomatic_note,
        covers=[D.diplomatic_note],
        applicant=None,
        problems=problems,
        size=len(data),
        image_only=scanned,
    )
    return Made(name=name, data=data, content_type=ctype, truth=truth, habits=habits)


def _applicant_files(
    p: Plan,
    a: Applicant,
    clerk: Clerk,
    rng: random.Random,
    dropped: set[DocumentType],
    wrong: dict[DocumentType, str],
) -> list[Made]:
    person = a.person
    paper = papers(person, a.title, rng, p.today)
    needs = [d for d in NEEDS[p.kind][a.category] if d != D.diplomatic_note and d not in dropped]
    out: list[Made] = []
    trio = [d for d in needs if d in TRIO or (d == D.cv and D.passport in needs)]
    if (
        a.category == ApplicantCategory.foreign_official
        and len(trio) >= 3
        and not wrong
        and rng.random() < 0.3
    ):
        out.append(combined_file(paper, trio, clerk))
        needs = [d for d in needs if d not in trio]
    companion = p.clerk_name if " " in p.clerk_name else f"{p.clerk_name} (Protocol)"
    for kind in needs:
        page = paper.pages.get(kind)
        if page is None and kind in (D.applicant_statement, D.companion_statement):
            page = statement_page(kind, person, companion)
        elif page is None and kind != D.photo:
            page = simple_page(kind, person, _fact_line(p, kind))
            if kind in SCANNED or (kind == D.police_loss_report and rng.random() < 0.5):
                page = render.Page(picture=render.typed_sheet(page.title, page.lines, key="mono"))
        out.append(
            build_file(kind, paper, page or render.Page(), clerk, defect=wrong.get(kind, ""))
        )
    return out


def _fact_line(p: Plan, kind: DocumentType) -> str:
    f = p.facts
    if kind == D.tentative_agenda and f.visit_from:
        return f"{f.city}, {day(f.visit_from, 'en')} - {day(f.visit_to or f.visit_from, 'en')}: courtesy call, meetings"
    if kind == D.police_loss_report and f.lost_on:
        return f"Telah melaporkan kehilangan Pas Bandara pada {day(f.lost_on, 'id')}."
    if kind == D.expired_airport_pass and f.expired_on:
        return f"Berlaku s.d. {day(f.expired_on, 'id')}"
    return f"Bekerja pada {f.mission_id} sejak {p.today.year - 3}."


def _pick_defect(p: Plan, rng: random.Random) -> tuple[int, DocumentType, str] | None:
    """Now and then one file is sent wrong: a Word CV, a PNG photo, a too-large scan, a blue photo."""
    roll = rng.random()
    defect = (
        "docx"
        if roll < 0.06
        else "png"
        if roll < 0.11
        else "big"
        if roll < 0.16
        else rng.choice(["blue", "white"])
        if roll < 0.23
        else ""
    )
    if not defect:
        return None
    index = rng.randrange(len(p.applicants))
    needs = NEEDS[p.kind][p.applicants[index].category]
    targets = {
        "docx": [D.cv],
        "png": [D.photo],
        "blue": [D.photo],
        "white": [D.photo],
        "big": [d for d in needs if d in SCANNED],
    }[defect]
    targets = [d for d in targets if d in needs]
    return (index, rng.choice(targets), defect) if targets else None
