"""Helpers for classifier tests: attachments as ingest would hand them over."""

from __future__ import annotations

import hashlib

import pytest

from classifiers import Classifiers
from config.office import OfficeConfig, load_office
from config.settings import Settings, load_settings
from fasdip.icao import check_digit
from fasdip.models import Attachment, ContentInfo, FileFormat, InboundEmail


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def office(settings: Settings) -> OfficeConfig:
    return load_office(settings)


@pytest.fixture(scope="session")
def classifiers(office: OfficeConfig, settings: Settings) -> Classifiers:
    return Classifiers(office.keywords, office.requirements, settings.classifier)


_counter = iter(range(1, 10_000))


def attachment(
    filename: str,
    text: str = "",
    fmt: FileFormat = FileFormat.pdf,
    width: int | None = None,
    height: int | None = None,
) -> Attachment:
    """An attachment whose content ingest has read: ``text`` is its PDF text layer."""
    data = f"{filename}\n{text}".encode()
    return Attachment(
        id=f"a{next(_counter)}",
        filename=filename,
        declared_type="application/pdf" if fmt == FileFormat.pdf else "image/jpeg",
        detected_format=fmt,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=ContentInfo(readable=True, text=text, page_count=1, width=width, height=height),
        data=data,
    )


def email(
    subject: str, body: str, *attachments: Attachment, sender: str = "protocol@embassy.example"
) -> InboundEmail:
    return InboundEmail(
        message_id="<t@embassy.example>",
        subject=subject,
        from_address=sender,
        body_text=body,
        attachments=list(attachments),
    )


NOTE_EN = """THE EMBASSY OF THE UNITED STATES OF AMERICA
Note No. 123/2026
The Embassy of the United States of America presents its compliments to the Ministry of Foreign
Affairs of the Republic of Indonesia, Directorate of Diplomatic Facilities, and has the honour to
request the {what} for Mr. John SMITH, First Secretary, and Ms. Maria GARCIA LOPEZ, Attache.
Enclosed are copies of the passport, stay permit (Izin Tinggal), Kemlu ID card, curriculum vitae
and photograph of each.
The Embassy avails itself of this opportunity to renew to the Ministry the assurances of its
highest consideration."""

NOTE_ID = """KEDUTAAN BESAR JEPANG
Nota Diplomatik No. 45/2026
Kedutaan Besar Jepang menyampaikan salam hormat kepada Kementerian Luar Negeri Republik Indonesia,
c.q. Direktorat Fasilitas Diplomatik, dan dengan hormat mengajukan {what} untuk Bapak Budi SANTOSO,
staf lokal Kedutaan.
Kedutaan Besar Jepang menggunakan kesempatan ini untuk menyampaikan penghargaan yang setinggi-tingginya."""


def mrz(surname: str, given: str, number: str = "X1234567<") -> str:
    name = f"{surname}<<{given.replace(' ', '<')}"
    line1 = f"P<USA{name}".ljust(44, "<")[:44]
    birth, expiry = "850101", "300101"
    line2 = (
        f"{number}{check_digit(number)}USA{birth}{check_digit(birth)}M"
        f"{expiry}{check_digit(expiry)}{'<' * 14}0"
    )
    return f"{line1}\n{line2}{check_digit(line2[:10] + line2[13:20] + line2[21:43])}"
