"""The registration proof (*bukti pendaftaran*): a signed one-page PDF for a complete case.

The proof carries a QR code with a compact, signed text::

    FASDIP1|FASDIP-2026-000123|airport_pass_new|2026-11-20|Robert WILLIAMS|<signature>

where the signature is HMAC-SHA256 (key: ``ProofSettings.hmac_key``) over everything
before the last ``|``, in URL-safe base64 without padding. The same text is written to
the PDF's metadata (subject and keywords) so that ``verify_proof_pdf`` can check a
proof without decoding the QR image; it also checks that the printed case number and
name are those the signature covers.

The passport number or NIK is printed partly masked (``fasdip.logs.mask``) and is not in
the signed text: a proof that is forwarded or lost does not give away an identity number.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import segno
from fpdf import FPDF
from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.office import Requirements
from config.settings import ProofSettings
from fasdip.errors import AdapterError, ConfigError
from fasdip.logs import mask
from fasdip.models import RequestType
from responders.proof_sign import proof_text
from responders.text import clean, date_en, date_id

NAME_LIMIT = 80
MISSION_LIMIT = 120
_FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
_MONO_FILE = "DejaVuSansMono.ttf"
_FOOTER_HEIGHT = 22.0  # mm from the bottom edge


class IdKind(StrEnum):
    passport = "passport"
    nik = "NIK"


class NextStep(BaseModel):
    model_config = ConfigDict(frozen=True)

    text_id: str
    text_en: str


def next_step(request_type: RequestType) -> NextStep:
    """What the mission does with the proof (docs/requirements.md, "What the mission gets back")."""
    if request_type is RequestType.airport_pass_new:
        return NextStep(
            text_id=(
                "Serahkan bukti pendaftaran ini kepada petugas Kantor Otoritas Bandara "
                "pada saat screening test."
            ),
            text_en="Hand this proof to the Airport Authority officer at the screening test.",
        )
    if request_type in (RequestType.airport_pass_renewal, RequestType.airport_pass_lost):
        return NextStep(
            text_id=(
                "Kementerian Luar Negeri akan menginput data pemohon ke dalam sistem dan "
                "menerbitkan tagihan (invoice) pembayaran PNBP. Setelah pembayaran selesai, "
                "mohon informasikan kepada kami untuk penjadwalan foto."
            ),
            text_en=(
                "The Ministry will enter the applicant's data into the system and issue the "
                "invoice for the PNBP payment. When the payment is made, please tell us so "
                "that the photograph can be scheduled."
            ),
        )
    return NextStep(
        text_id="Petugas kami akan menindaklanjuti permohonan ini dan menghubungi Saudara.",
        text_en="Our officers will follow up this request and contact you.",
    )


def _field_text(value: str, limit: int) -> str:
    """One printable line; ``|`` is the separator of the signed text, so it never appears."""
    return clean(value.replace("|", "/"), limit=limit)


class ProofData(BaseModel):
    """What one applicant's proof shows. Names of the request type come from requirements."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case_ref: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$")
    issued: dt.date
    mission_name: str
    applicant_name: str = Field(min_length=1)
    id_number: str = ""  # printed masked; "" when the case has none
    id_kind: IdKind = IdKind.passport
    request_type: RequestType
    request_name_id: str
    request_name_en: str

    @field_validator("applicant_name")
    @classmethod
    def _name(cls, value: str) -> str:
        cleaned = _field_text(value, NAME_LIMIT)
        if not cleaned:
            raise ValueError("the applicant's name is empty")
        return cleaned

    @field_validator("mission_name")
    @classmethod
    def _mission(cls, value: str) -> str:
        return _field_text(value, MISSION_LIMIT)

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        return "".join(ch for ch in value if ch.isalnum())[:40]

    @classmethod
    def for_request(
        cls, requirements: Requirements, request_type: RequestType, **values: Any
    ) -> ProofData:
        """``ProofData`` with the request type's Indonesian and English names filled in."""
        spec = requirements.request_types[request_type]
        return cls(
            request_type=request_type,
            request_name_id=spec.name_id,
            request_name_en=spec.name_en,
            **values,
        )

    @property
    def next_step(self) -> NextStep:
        return next_step(self.request_type)

    @property
    def masked_id(self) -> str:
        return mask(self.id_number) if self.id_number else "-"


# --------------------------------------------------------------------------- the PDF

_INK = (20, 33, 61)
_MUTED = (90, 98, 112)
_RULE = (160, 30, 40)  # a red rule under the heading (the flag's red, darkened)


def _fonts(pdf: FPDF, font_dir: Path) -> None:
    for style, filename in _FONT_FILES.items():
        path = font_dir / filename
        if not path.is_file():
            raise ConfigError(
                f"{path}: font missing; install fonts-dejavu-core (scripts/setup.sh) "
                "or set proof.font_dir"
            )
        pdf.add_font("DejaVu", style, str(path))
    mono = font_dir / _MONO_FILE
    pdf.add_font("DejaVuMono", "", str(mono if mono.is_file() else font_dir / _FONT_FILES[""]))
    # A name in a script the monospaced font lacks (Vietnamese…) falls back to DejaVu Sans.
    pdf.set_fallback_fonts(["DejaVu"])


def _qr_png(text: str) -> io.BytesIO:
    code = segno.make(text, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=8, border=4)
    out.seek(0)
    return out


def _both(text_id: str, text_en: str) -> str:
    return text_id if text_id == text_en else f"{text_id} / {text_en}"


@dataclass(frozen=True)
class _Style:
    """A font (family, emphasis, size) and its colour."""

    emphasis: str
    size: float
    color: tuple[int, int, int] = _INK
    family: str = "DejaVu"


def _use(pdf: FPDF, style: _Style) -> None:
    pdf.set_text_color(*style.color)
    pdf.set_font(style.family, style.emphasis, style.size)


def _centred(pdf: FPDF, style: _Style, height: float, text: str) -> None:
    """One centred line across the page, then the next line at the left margin."""
    _use(pdf, style)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.cell(width, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def _lines(pdf: FPDF, style: _Style, width: float, height: float, text: str) -> None:
    """Left-aligned text wrapped in ``width``, from the current x; the next line starts there."""
    _use(pdf, style)
    pdf.multi_cell(width, height, text, align="L", new_x="LEFT", new_y="NEXT")


def registration_proof(data: ProofData, settings: ProofSettings) -> bytes:
    """One A4 page in Indonesian and English, signed with ``settings.hmac_key``."""
    signed = proof_text(data, settings.hmac_key.get_secret_value())
    pdf = _page(data, settings, signed)
    _heading(pdf, settings)
    _title(pdf)
    _facts(pdf, data)
    box_bottom = _next_step(pdf, data.next_step)
    _verification(pdf, data, signed, box_bottom)
    _footer(pdf)
    return bytes(pdf.output())


def _page(data: ProofData, settings: ProofSettings, signed: str) -> FPDF:
    """An A4 page with the fonts and the metadata (the signed text as subject and keywords)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 18, 20)
    _fonts(pdf, settings.font_dir)
    pdf.set_title(f"Bukti Pendaftaran / Registration Proof {data.case_ref}")
    pdf.set_author("Direktorat Fasilitas Diplomatik, Kementerian Luar Negeri Republik Indonesia")
    pdf.set_creator("fasdip-intake")
    pdf.set_subject(signed)
    pdf.set_keywords(signed)
    pdf.set_creation_date(dt.datetime(data.issued.year, data.issued.month, data.issued.day))
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, settings: ProofSettings) -> None:
    """The ministry and the directorate in both languages, the issuer, a double red rule."""
    _centred(pdf, _Style("B", 13), 7, "KEMENTERIAN LUAR NEGERI REPUBLIK INDONESIA")
    _centred(
        pdf,
        _Style("I", 10, _MUTED),
        5.5,
        "Ministry of Foreign Affairs of the Republic of Indonesia",
    )
    pdf.ln(1.5)
    _centred(pdf, _Style("B", 11.5), 6, "Direktorat Fasilitas Diplomatik")
    _centred(pdf, _Style("I", 9.5, _MUTED), 5, "Directorate of Diplomatic Facilities")
    _centred(pdf, _Style("", 8.5, _MUTED), 4.5, f"{settings.issuer_id} / {settings.issuer_en}")
    pdf.ln(2.5)
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.2, pdf.w - pdf.r_margin, pdf.get_y() + 1.2)
    pdf.ln(7)


def _title(pdf: FPDF) -> None:
    _centred(pdf, _Style("B", 18), 9, "BUKTI PENDAFTARAN")
    _centred(pdf, _Style("I", 12, _MUTED), 6.5, "REGISTRATION PROOF")
    pdf.ln(6)


def _facts(pdf: FPDF, data: ProofData) -> None:
    """The facts, one row each: bilingual label on the left, the value on the right."""
    id_label_id, id_label_en = (
        ("Nomor paspor", "Passport number")
        if data.id_kind is IdKind.passport
        else ("NIK", "NIK (identity number)")
    )
    rows = [
        ("Nomor pendaftaran", "Registration number", data.case_ref, True),
        ("Tanggal", "Date", _both(date_id(data.issued), date_en(data.issued)), False),
        ("Perwakilan", "Mission", data.mission_name or "-", False),
        ("Nama pemohon", "Applicant", data.applicant_name, True),
        (id_label_id, id_label_en, data.masked_id, False),
        (
            "Jenis permohonan",
            "Request type",
            f"{data.request_name_id}\n{data.request_name_en}",
            False,
        ),
    ]
    pdf.set_draw_color(205, 210, 220)
    pdf.set_line_width(0.2)
    for label_id, label_en, value, strong in rows:
        _fact(pdf, (label_id, label_en), value, strong)


def _fact(pdf: FPDF, label: tuple[str, str], value: str, strong: bool) -> None:
    """One row: the value (bold when ``strong``) beside its label, a rule under both."""
    label_w = 55.0
    value_w = pdf.w - pdf.l_margin - pdf.r_margin - label_w
    top = pdf.get_y()
    pdf.set_xy(pdf.l_margin + label_w, top + 1.6)
    _use(pdf, _Style("B", 12) if strong else _Style("", 11))
    pdf.multi_cell(value_w, 5.8, value, align="L", new_x="LMARGIN", new_y="NEXT")
    value_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top + 1.6)
    pdf.set_font("DejaVu", "", 9.5)
    pdf.cell(label_w, 5, label[0], new_x="LMARGIN", new_y="NEXT")
    _use(pdf, _Style("I", 8.5, _MUTED))
    pdf.cell(label_w, 4.5, label[1], new_x="LMARGIN", new_y="NEXT")
    bottom = max(value_bottom, pdf.get_y()) + 1.6
    pdf.line(pdf.l_margin, bottom, pdf.w - pdf.r_margin, bottom)
    pdf.set_y(bottom)


def _next_step(pdf: FPDF, step: NextStep) -> float:
    """What the mission does next, framed; returns the frame's bottom."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.ln(6)
    pdf.set_fill_color(241, 244, 249)
    box_top = pdf.get_y()
    pdf.ln(3)
    pdf.set_x(pdf.l_margin + 4)
    _use(pdf, _Style("B", 10.5))
    pdf.cell(width - 8, 5.5, "Langkah selanjutnya / Next step", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_x(pdf.l_margin + 4)
    _lines(pdf, _Style("", 10.5), width - 8, 5.5, step.text_id)
    pdf.ln(1)
    pdf.set_x(pdf.l_margin + 4)
    _lines(pdf, _Style("I", 10, _MUTED), width - 8, 5.3, step.text_en)
    box_bottom = pdf.get_y() + 3
    # Draw the box behind the text: a frame is enough (no fill over the text).
    pdf.set_draw_color(120, 140, 175)
    pdf.rect(pdf.l_margin, box_top, width, box_bottom - box_top)
    pdf.set_y(box_bottom)
    return box_bottom


def _verification(pdf: FPDF, data: ProofData, signed: str, box_bottom: float) -> None:
    """The QR code of the signed text, how to verify it, and the text itself. Anchored above
    the footer, so that a long name or mission never pushes it off the page."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    qr_size = 40.0
    qr_top = pdf.h - _FOOTER_HEIGHT - 6 - qr_size
    if box_bottom > qr_top - 2:  # the length caps keep this from happening; tests check them
        raise AdapterError(f"{data.case_ref}: the registration proof does not fit on one page")
    pdf.image(_qr_png(signed), x=pdf.l_margin, y=qr_top, w=qr_size, h=qr_size)
    text_x = pdf.l_margin + qr_size + 6
    text_w = width - qr_size - 6
    pdf.set_xy(text_x, qr_top + 2)
    _lines(pdf, _Style("B", 10), text_w, 5.2, "Verifikasi / Verification")
    run = 'fasdip verify-proof --qr "<{}>"'
    _lines(
        pdf,
        _Style("", 9),
        text_w,
        4.6,
        "Pindai kode QR atau jalankan: " + run.format("teks di bawah"),
    )
    _lines(
        pdf,
        _Style("I", 8.5, _MUTED),
        text_w,
        4.4,
        "Scan the QR code or run: " + run.format("text below"),
    )
    pdf.ln(2)
    pdf.set_x(text_x)
    _lines(pdf, _Style("", 7.5, _INK, "DejaVuMono"), text_w, 3.8, signed)


def _footer(pdf: FPDF) -> None:
    """The line saying the proof is valid without a signature."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_y(pdf.h - _FOOTER_HEIGHT)
    pdf.set_draw_color(205, 210, 220)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    _use(pdf, _Style("", 8, _MUTED))
    pdf.multi_cell(
        width,
        4,
        "Dokumen ini dibuat secara elektronik dan sah tanpa tanda tangan. "
        "This document was issued electronically and is valid without a signature.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
