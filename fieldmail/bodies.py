"""The mail around the files: subject, plain / Outlook-HTML-only / forwarded bodies, headers."""

from __future__ import annotations

import datetime as dt
import html
import random
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from fasdip.models import RequestType
from fieldmail.files import Made
from fieldmail.scenario import Plan
from fieldmail.truth import Habit

MAILBOX = "fasdip.dafis.kundak@kemlu.go.id"
WIB = dt.timezone(dt.timedelta(hours=7))
SUBJECTS = {
    RequestType.airport_pass_new: ("Airport pass - {who}", "Permohonan Pas Bandara - {who}"),
    RequestType.airport_pass_renewal: ("Airport pass {who} (expired)", "Pas Bandara a.n. {who}"),
    RequestType.airport_pass_lost: ("Lost airport pass - {who}", "Pas Bandara hilang - {who}"),
    RequestType.airport_pass_visitor: ("Visitor pass request", "Pas Kunjungan Bandara"),
    RequestType.regional_visit: ("Visit to {city}", "Kunjungan ke {city}"),
    RequestType.honorary_consul: ("Honorary Consul {city}", "Konsul Kehormatan {city}"),
    RequestType.id_card: ("ID card {who}", "Kartu Identitas {who}"),
    RequestType.accreditation: ("Notification of arrival - {who}", "Kedatangan staf - {who}"),
    RequestType.attache_accreditation: ("Defence Attaché {who}", "Atase Pertahanan {who}"),
    RequestType.other: ("Enquiry", "Pertanyaan"),
}


def subject_for(p: Plan, rng: random.Random) -> str:
    en, id_ = SUBJECTS[p.kind]
    who = p.applicants[0].person.surname.upper()
    text = (id_ if p.lang == "id" else en).format(who=who, city=p.facts.city)
    if rng.random() < 0.5:
        text = (
            f"Note No. {p.facts.note_number}: {text}"
            if p.lang != "id"
            else f"Nota {p.facts.note_number} - {text}"
        )
    return text


def _outlook_html(text: str) -> str:
    paras = "".join(
        f"<p class=MsoNormal><span style='font-family:\"Calibri\",sans-serif'>{html.escape(line) or '&nbsp;'}"
        "<o:p></o:p></span></p>\n"
        for line in text.split("\n")
    )
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">'
        '<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">'
        '<meta name=Generator content="Microsoft Word 15 (filtered medium)">'
        "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>"
        f'<body lang=EN-US link="#0563C1"><div class=WordSection1>\n{paras}</div></body></html>'
    )


def _forwarded(p: Plan, subject: str, text: str, sender: str, sent: dt.datetime) -> tuple[str, str]:
    """A colleague forwards the clerk's mail to the ministry: (subject, body)."""
    note = (
        "Mohon bantuan untuk diproses. Terima kasih."
        if p.lang == "id"
        else "Forwarding the request below, for your kind attention."
    )
    header = (
        f"-----Original Message-----\nFrom: {p.clerk_name} <{sender}>\n"
        f"Sent: {sent:%A, %B %d, %Y %I:%M %p}\nTo: protocol@{p.mission[3]}\nSubject: {subject}\n"
    )
    return f"Fwd: {subject}", f"{note}\n\n{header}\n{text}"


def build_message(
    p: Plan, subject: str, text: str, made: list[Made], rng: random.Random
) -> EmailMessage:
    sender = f"protocol@{p.mission[3]}"
    sent = dt.datetime.combine(p.today, dt.time(rng.randint(8, 15), rng.randint(0, 59)), WIB)
    style = rng.choices(["plain", "html", "forward"], weights=[55, 25, 20])[0]
    msg = EmailMessage()
    if style == "forward":
        subject, text = _forwarded(p, subject, text, sender, sent - dt.timedelta(hours=2))
        p.habits.add(Habit.forwarded_chain)
    msg["From"] = f"{p.mission[0]} <{sender}>"
    msg["To"] = MAILBOX
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = make_msgid(idstring=f"fm{p.number}", domain=p.mission[3])
    if style == "html":
        msg.set_content(_outlook_html(text), subtype="html")
        p.habits.add(Habit.html_only_body)
    else:
        msg.set_content(text)
    for item in made:
        main, sub = item.content_type.split("/", 1)
        msg.add_attachment(item.data, maintype=main, subtype=sub, filename=item.name)
    return msg


def message_id_stable(msg: EmailMessage, p: Plan, seed: int) -> None:
    """make_msgid and the MIME boundary come from the clock and the host: fix both."""
    del msg["Message-ID"]
    msg["Message-ID"] = f"<fm.{seed}.{p.number:04d}@{p.mission[3]}>"
    if msg.is_multipart():
        msg.set_boundary(f"=_fieldmail_{seed}_{p.number:04d}_=")
