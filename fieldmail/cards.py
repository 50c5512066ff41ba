"""Pictures of identity papers, as they look on a mission's scanner glass."""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image, ImageDraw

from fieldmail.identity import Person, plain
from fieldmail.render import A4_SCAN, font, portrait
from fieldmail.truth import KtpTruth, MrzTruth

_MONTHS_ID = ["JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGU", "SEP", "OKT", "NOV", "DES"]


def passport_page(
    person: Person, mrz: MrzTruth, issued: dt.date, rng: random.Random
) -> Image.Image:
    """The data page of a passport on an A4 scan; the MRZ in OCR-B, heavier and wider set."""
    sheet = Image.new("RGB", A4_SCAN, "white")
    page = Image.new(
        "RGB", (720, 500), rng.choice([(236, 232, 220), (226, 236, 230), (238, 226, 232)])
    )
    draw = ImageDraw.Draw(page)
    label, value = font("serif", 13), font("mono-bold", 19)
    draw.text(
        (24, 14), "PASSPORT / PASSEPORT / REISEPASS", fill=(70, 60, 90), font=font("serif-bold", 18)
    )
    page.paste(portrait(rng, (230, 230, 235)).resize((170, 226)), (24, 52))
    fields = [
        ("Type / Code", f"P   {mrz.nationality}"),
        ("Passport No.", mrz.document_number),
        ("Surname / Nom", plain(person.surname).upper()),
        ("Given names / Prénoms", plain(person.given).upper()),
        ("Nationality", mrz.nationality),
        ("Date of birth", person.birth.strftime("%d %b %Y").upper()),
        ("Sex", person.sex),
        ("Date of issue", issued.strftime("%d %b %Y").upper()),
        ("Date of expiry", mrz.expiry_date.strftime("%d %b %Y").upper()),
    ]
    y = 50
    for name, text in fields:
        draw.text((214, y), name, fill=(90, 90, 110), font=label)
        draw.text((214, y + 14), text, fill=(15, 15, 25), font=value)
        y += 38
    ocr = font("ocrb", 24)
    pitch = rng.uniform(15.2, 15.8)  # its own pitch, not the font's advance
    weight = rng.choice([0, 1])
    for row, line in enumerate((mrz.line1, mrz.line2)):
        for i, ch in enumerate(line):
            draw.text(
                (18 + i * pitch, 420 + row * 36),
                ch,
                fill=(10, 10, 10),
                font=ocr,
                stroke_width=weight,
                stroke_fill=(10, 10, 10),
            )
    sheet.paste(page, (50, 60))
    return sheet


def ktp_card(
    person: Person, ktp: KtpTruth, district: tuple[str, str, str, str], rng: random.Random
) -> Image.Image:
    """An e-KTP (blue card) photocopied in colour onto the top of an A4 page."""
    sheet = Image.new("RGB", A4_SCAN, "white")
    card = Image.new("RGB", (640, 404), (160, 200, 228))
    draw = ImageDraw.Draw(card)
    head = font("sans-bold", 17)
    for i, text in enumerate((f"PROVINSI {district[1]}", district[2])):
        w = draw.textlength(text, font=head)
        draw.text(((640 - w) / 2, 10 + i * 22), text, fill="black", font=head)
    draw.text((18, 62), "NIK", fill="black", font=font("sans-bold", 20))
    draw.text((120, 62), f": {ktp.nik}", fill="black", font=font("ocra-bold", 22))
    small, val = font("libserif", 15), font("libserif-bold", 15)
    birth = f"{person.birth.day:02d}-{person.birth.month:02d}-{person.birth.year}"
    rows = [
        ("Nama", ktp.name),
        ("Tempat/Tgl Lahir", f"{district[2].replace('KOTA ', '')}, {birth}"),
        ("Jenis Kelamin", ktp.sex),
        (
            "Alamat",
            f"JL. {rng.choice(['KEMANG RAYA', 'CIKINI II', 'DAGO', 'MELATI'])} NO. {rng.randint(2, 99)}",
        ),
        ("RT/RW", f"{rng.randint(1, 12):03d}/{rng.randint(1, 9):03d}"),
        ("Kel/Desa", rng.choice(["BANGKA", "MENTENG", "LEBAK BULUS", "KUTA"])),
        ("Kecamatan", district[3]),
        ("Agama", rng.choice(["ISLAM", "KRISTEN", "KATHOLIK", "HINDU"])),
        ("Status Perkawinan", rng.choice(["KAWIN", "BELUM KAWIN"])),
        ("Pekerjaan", "KARYAWAN SWASTA"),
        ("Kewarganegaraan", "WNI"),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    for i, (name, text) in enumerate(rows):
        draw.text((18, 100 + i * 23), name, fill="black", font=small)
        draw.text((150, 100 + i * 23), f": {text}", fill="black", font=val)
    card.paste(portrait(rng, (200, 30, 30)).resize((130, 172)), (490, 100))
    issued = dt.date(2018 + rng.randint(0, 7), rng.randint(1, 12), rng.randint(1, 28))
    draw.text((492, 290), district[2].replace("KOTA ", ""), fill="black", font=small)
    draw.text(
        (492, 310), f"{issued.day:02d}-{issued.month:02d}-{issued.year}", fill="black", font=small
    )
    sheet.paste(card, (90, 80))
    return sheet


def official_card(
    title: str, person: Person, number: str, until: dt.date, rng: random.Random
) -> Image.Image:
    """A card-sized permit or Kemlu identity card, on an A4 scan."""
    sheet = Image.new("RGB", A4_SCAN, "white")
    card = Image.new(
        "RGB", (640, 404), rng.choice([(240, 236, 214), (222, 236, 222), (236, 222, 236)])
    )
    draw = ImageDraw.Draw(card)
    draw.text(
        (18, 12),
        "KEMENTERIAN LUAR NEGERI REPUBLIK INDONESIA",
        fill=(20, 40, 90),
        font=font("sans-bold", 16),
    )
    draw.text((18, 40), title, fill=(120, 20, 20), font=font("sans-bold", 20))
    card.paste(portrait(rng, (200, 30, 30)).resize((140, 186)), (18, 90))
    body = font("libserif", 18)
    until_text = f"{until.day:02d} {_MONTHS_ID[until.month - 1]} {until.year}"
    for i, text in enumerate(
        (
            f"Nama / Name: {person.full}",
            f"Kebangsaan: {person.nationality}",
            f"No.: {number}",
            f"Berlaku s.d. / Valid until: {until_text}",
        )
    ):
        draw.text((180, 100 + i * 40), text, fill="black", font=body)
    sheet.paste(card, (90, 100))
    return sheet
