"""A name OCR misread on a scanned note ("Marfa NUNEZ" for María NÚÑEZ ORTEGA) is spelled
as the mail or the papers spell it, when two sources agree and OCR slipped one letter in a
word; otherwise it is left as read (the identity stage compares it with the documents).

Each row: what OCR read on the scanned note, the mail's body, the files (name -> text
layer) and the applicants' names a person would write on the registration proof."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from classifiers import Classifiers
from tests.classifiers.conftest import attachment, email

_OPEN = "The Embassy of Spain presents its compliments to the Ministry and has the honour to "


@dataclass
class Row:
    kind: str
    read: str  # what OCR read on the scanned note
    files: dict[str, str]  # file name -> its text layer
    names: list[str]
    body: str = "Dear Sir or Madam, please find attached our note and the documents."
    note_has_text: bool = False  # the note is a text PDF: its words are the mission's own


_CV = "CURRICULUM VITAE\nName: María NÚÑEZ ORTEGA\nBorn in Sevilla\n"
ROWS = [
    Row(
        kind="a misread letter and a word lost: the CV and the file names spell the name",
        read=_OPEN + "request a new airport pass for Ms. Marfa NUNEZ, Second Secretary.",
        files={"CV Maria Nunez Ortega.pdf": _CV, "Passport Maria Nunez Ortega.pdf": ""},
        names=["María NÚÑEZ ORTEGA"],
    ),
    Row(
        kind="the mail spells the name OCR misread, a file name agrees",
        read=_OPEN + "request a new airport pass for Ms. Marfa NUNEZ, Second Secretary.",
        body="Please issue an airport pass for Ms. María NÚÑEZ, Second Secretary.",
        files={"Passport Maria Nunez.pdf": ""},
        names=["María NÚÑEZ"],
    ),
    Row(
        kind="one paper alone does not respell a plain letter: it stays as read",
        read=_OPEN + "request a new airport pass for Ms. Mazia NUNEZ, Second Secretary.",
        files={"CV.pdf": _CV, "Passport.pdf": ""},
        names=["Mazia NUNEZ"],
    ),
    Row(
        kind="a slip on a letter the paper writes with an accent: one paper is enough",
        read=_OPEN + "request a new airport pass for Ms. Marfa NUNEZ, Second Secretary.",
        files={"CV.pdf": _CV, "Passport.pdf": ""},
        names=["María NÚÑEZ ORTEGA"],
    ),
    Row(
        kind="every word slipped on its accent or cedilla (Jodo GONGALVES for João Gonçalves)",
        read=_OPEN + "request an identity card for Mr. Jodo GONGALVES, Attaché.",
        files={"Resume_Goncalves.pdf": "RESUME\nName: João Gonçalves\n", "Photo Goncalves.jpg": ""},
        names=["João Gonçalves"],
    ),
    Row(
        kind="two spellings one letter from the reading: neither is taken",
        read=_OPEN + "request a new airport pass for Mr. Marix NUNEZ, Second Secretary.",
        files={
            "CV Maria Nunez.pdf": "CV\nName: Maria NUNEZ\n",
            "Passport Maria Nunez.pdf": "",
            "CV Mario Nunez.pdf": "CV\nName: Mario NUNEZ\n",
            "Passport Mario Nunez.pdf": "",
        },
        names=["Marix NUNEZ"],
    ),
    Row(
        kind="more than one letter off is another name: it stays as read",
        read=_OPEN + "request a new airport pass for Ms. Carla NUNEZ, Second Secretary.",
        files={"CV Maria Nunez Ortega.pdf": _CV, "Passport Maria Nunez Ortega.pdf": ""},
        names=["Carla NUNEZ"],
    ),
    Row(
        kind="a note in a text PDF is the mission's own spelling, not respelled",
        read=_OPEN + "request a new airport pass for Ms. Marfa NUNEZ, Second Secretary.",
        files={"CV Maria Nunez Ortega.pdf": _CV, "Passport Maria Nunez Ortega.pdf": ""},
        names=["Marfa NUNEZ"],
        note_has_text=True,
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.kind for r in ROWS])
def test_a_name_ocr_misread_on_the_note_is_spelled_as_two_sources_spell_it(
    classifiers: Classifiers, row: Row
) -> None:
    note = attachment("Nota Diplomatik.pdf", row.read if row.note_has_text else "")
    files = [attachment(name, text) for name, text in row.files.items()]
    mail = email("Airport pass", row.body, note, *files)
    pages = {} if row.note_has_text else {note.id: [row.read]}
    result = classifiers.classify(mail, page_texts=pages)
    assert [a.name for a in result.applicants] == row.names
