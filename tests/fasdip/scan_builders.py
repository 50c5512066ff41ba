"""Builders of documents as other missions send them: scans without a text layer (pages
drawn with Pillow, so that Tesseract really reads them), combined PDFs of several
documents, with a valid MRZ where a passport page has one."""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF

from fasdip.icao import check_digit
from samples.emails import build_email
from samples.files import page_scan_jpeg, text_pdf_pages

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)

Page = tuple[str, list[str]]


def scanned_pages_pdf(pages: list[Page], seed: int = 0) -> bytes:
    """A PDF whose pages are scans (one JPEG each, no text layer)."""
    pdf = FPDF(format="A4")
    pdf.set_producer("Canon iR-ADV C5535 PDF")
    for number, (title, lines) in enumerate(pages):
        pdf.add_page()
        jpeg = page_scan_jpeg(title, lines, seed=seed + number)
        pdf.image(io.BytesIO(jpeg), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def mixed_pages_pdf(scanned: list[Page], typed: list[Page], seed: int = 0) -> bytes:
    """One PDF of scanned pages (no text layer) followed by typed pages (a text layer): the
    identity pages scanned and the CV written on a computer, put together by the mission."""
    pdf = FPDF(format="A4")
    for number, (title, lines) in enumerate(scanned):
        pdf.add_page()
        jpeg = page_scan_jpeg(title, lines, seed=seed + number)
        pdf.image(io.BytesIO(jpeg), x=0, y=0, w=210, h=297)
    for title, lines in typed:
        pdf.add_page()
        pdf.set_font("Helvetica", "", 15)
        pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10.5)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def text_pages_pdf(pages: list[Page]) -> bytes:
    return text_pdf_pages(pages)


def mrz(surname: str, given: str, number: str, country: str = "NOR") -> list[str]:
    """A TD3 MRZ that passes every check digit."""
    line1 = f"P<{country}{surname}<<{given.replace(' ', '<')}".ljust(44, "<")[:44]
    birth, expiry = "850315", "310101"
    body = (
        f"{number}{check_digit(number)}{country}{birth}{check_digit(birth)}M"
        f"{expiry}{check_digit(expiry)}{'<' * 14}0"
    )
    return [line1, body + check_digit(body[:10] + body[13:20] + body[21:43])]


def passport_page(surname: str, given: str, number: str) -> Page:
    return "PASSPORT", [
        f"Passport No.: {number}",
        f"Surname: {surname}",
        f"Given names: {given.upper()}",
        "Date of expiry: 01 JAN 2031",
        "",
        *mrz(surname, given, number),
    ]


def stay_permit_page(name: str) -> Page:
    return "IZIN TINGGAL DINAS", [
        "Direktorat Jenderal Imigrasi",
        f"Nama / Name: {name}",
        "Berlaku sampai / Valid until: 12-10-2028",
    ]


def id_card_page(name: str) -> Page:
    return "KARTU IDENTITAS DIPLOMATIK", [
        "Kementerian Luar Negeri Republik Indonesia",
        f"Nama: {name}",
        "Berlaku s.d.: 12-10-2028",
    ]


def cv_page(name: str) -> Page:
    return "CURRICULUM VITAE", [
        f"Name: {name}",
        "Education: University of Oslo, Master of Laws",
        "Work experience: Ministry of Foreign Affairs, Oslo",
    ]


def mail(subject: str, body: str, *attachments: tuple[str, str, bytes]) -> bytes:
    return build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject=subject,
        body=body,
        attachments=list(attachments),
        date=WHEN,
        message_id="<scans@norway-embassy.example>",
    )


def pdf(name: str, data: bytes) -> tuple[str, str, bytes]:
    return (name, "application/pdf", data)
