"""Who the request is for (issue 13, kind 1): the roster comes from the note and the mail;
file names are weak hints that attach documents to it and never found an applicant.

Each row is a kind of mail written by someone else than our generator: its note, its
body and its file names, and the applicants (with their files) a person would see."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classifiers import Classifiers
from classifiers.hints import initials_of, initials_owner, match_hint, name_tokens
from fasdip.models import Attachment
from tests.classifiers.conftest import attachment, email

_OPEN = (
    "The Embassy of the Federal Republic of Germany presents its compliments to the Ministry of "
    "Foreign Affairs of the Republic of Indonesia, Directorate of Diplomatic Facilities, and has "
    "the honour to request "
)
_CLOSE = (
    "\nThe Embassy avails itself of this opportunity to renew to the Ministry the assurances of "
    "its highest consideration.\nJakarta, 16 November 2026\n"
)


def note(request: str, closing: str = _CLOSE) -> str:
    return _OPEN + request + closing


@dataclass
class Case:
    kind: str
    note: str | None  # the note's text layer; None: the note is a scan (no text)
    files: list[str]  # file names; each carries its name only (no text layer)
    applicants: dict[str, set[str]]  # applicant name -> its files (the note left out)
    body: str = "Dear Sir or Madam, please find attached our request."
    unassigned: set[str] = field(default_factory=set)
    subject: str = "Request for new annual airport passes"
    texts: dict[str, str] = field(default_factory=dict)  # file name -> its text layer


CASES = [
    Case(
        kind="surnames only, without accents or transliterated (Muller, Mueller, Loeken)",
        note=note(
            "new annual airport passes for Mr. Hans MÜLLER, First Secretary, and Ms. Ingrid "
            "LØKEN, Attaché."
        ),
        files=["Passport Muller.pdf", "ID card Mueller.pdf", "CV_Loken.pdf", "Passport LOEKEN.pdf"],
        applicants={
            "Hans MÜLLER": {"Passport Muller.pdf", "ID card Mueller.pdf"},
            "Ingrid LØKEN": {"CV_Loken.pdf", "Passport LOEKEN.pdf"},
        },
    ),
    Case(
        kind="an initial for the given name tells two people of one family apart",
        note=note(
            "new annual airport passes for Mr. Budi SANTOSO, Driver, and Ms. Siti SANTOSO, "
            "Secretary, both Indonesian citizens."
        ),
        files=["KTP B Santoso.pdf", "KTP S. Santoso.pdf", "CV Budi.pdf"],
        applicants={
            "Budi SANTOSO": {"KTP B Santoso.pdf", "CV Budi.pdf"},
            "Siti SANTOSO": {"KTP S. Santoso.pdf"},
        },
    ),
    Case(
        kind="common words and the city of the visit in file names never become people",
        note=note("the regional visit to Surabaya of Mr. Peter SCHULZ, Counsellor."),
        files=["Passport Schulz scan.pdf", "card SCHULZ Surabaya.pdf", "Surabaya agenda.pdf"],
        applicants={  # the agenda is the visit's: shared by every visitor, as the note
            "Peter SCHULZ": {
                "Passport Schulz scan.pdf",
                "card SCHULZ Surabaya.pdf",
                "Surabaya agenda.pdf",
            }
        },
        subject="Regional visit to Surabaya",
    ),
    Case(
        kind="the spouse of the ID-card applicant is named but is not applying",
        note=note(
            "the issuance of an identity card for Mr. Thomas WEBER, Second Secretary, who "
            "arrived on 2 November 2026 accompanied by his spouse Mrs. Anna WEBER."
        ),
        files=["CV Weber.pdf", "Photo T Weber.jpg"],
        applicants={"Thomas WEBER": {"CV Weber.pdf", "Photo T Weber.jpg"}},
        subject="ID card",
    ),
    Case(
        kind="an ID card for a spouse, named as the spouse of a diplomat: the spouse applies",
        note=note(
            "the issuance of an identity card for Mrs. Anna WEBER, spouse of Mr. Thomas WEBER, "
            "Second Secretary."
        ),
        files=["CV Weber.pdf"],
        applicants={"Anna WEBER": {"CV Weber.pdf"}},
        subject="ID card",
    ),
    Case(
        kind="the diplomat named after 'the spouse of' is not applying, the spouse after him is",
        note=note(
            "an identity card for the spouse of Mr. Thomas WEBER, Second Secretary, Mrs. Anna "
            "WEBER, and for Mr. Paul KOCH, Attaché."
        ),
        files=["CV Anna Weber.pdf", "CV Koch.pdf"],
        applicants={"Anna WEBER": {"CV Anna Weber.pdf"}, "Paul KOCH": {"CV Koch.pdf"}},
        subject="ID card",
    ),
    Case(
        kind="a spouse who accompanies the applicant, named as the wife of him, is not applying",
        note=note(
            "new annual airport passes for Mr. Thomas WEBER, Second Secretary, accompanied by "
            "Mrs. Anna WEBER, wife of Mr. Thomas WEBER."
        ),
        files=["Passport T Weber.pdf"],
        applicants={"Thomas WEBER": {"Passport T Weber.pdf"}},
    ),
    Case(
        kind="the ambassador who signs the note is not an applicant",
        note=note(
            "new annual airport passes for Ms. Claudia BECKER, Attaché.",
            closing=_CLOSE + "H.E. Mr. Ina LEPEL\nAmbassador\n",
        ),
        files=["Passport Becker.pdf"],
        applicants={"Claudia BECKER": {"Passport Becker.pdf"}},
    ),
    Case(
        kind="the official to be met on a regional visit is not an applicant",
        note=note(
            "the regional visit to Bali of Mr. Jonas KLEIN, First Secretary, to meet the Governor "
            "of Bali, Mr. Wayan KOSTER, on 3 December 2026."
        ),
        files=["Passport Klein.pdf", "CV Klein.pdf"],
        applicants={"Jonas KLEIN": {"Passport Klein.pdf", "CV Klein.pdf"}},
        subject="Regional visit",
    ),
    Case(
        kind="the note is a scan: the mail says who the request is for",
        note=None,
        body=(
            "Dear Sir or Madam,\nOn behalf of the Embassy we kindly request new airport passes "
            "for Mr. Lukas FISCHER and Ms. Eva HOFMANN (documents attached).\nBest regards,\n"
            "Ms. Sabine KRAUSE\nProtocol"
        ),
        files=["passport fischer.pdf", "passport hofmann.pdf", "CV E Hofmann.pdf"],
        applicants={
            "Lukas FISCHER": {"passport fischer.pdf"},
            "Eva HOFMANN": {"passport hofmann.pdf", "CV E Hofmann.pdf"},
        },
    ),
    Case(
        kind="a name wrapped over two lines of the note, surname on the second",
        note=note(
            "new annual airport passes for Mr. Hans MÜLLER, First Secretary, and Ms. María\n"
            "NÚÑEZ ORTEGA, Second Secretary."
        ),
        files=["Passport Muller.pdf", "Passport Nunez.pdf"],
        applicants={
            "Hans MÜLLER": {"Passport Muller.pdf"},
            "María NÚÑEZ ORTEGA": {"Passport Nunez.pdf"},
        },
    ),
    Case(
        kind="a surname that runs over a line break after a particle (Ms. Zoé VAN DER / BERG)",
        note=note(
            "the renewal of the airport passes of Mr. Hiroshi TANAKA, Attaché, Ms. Zoé VAN DER\n"
            "BERG, Third Secretary, and Mr. Pieter DE\nVRIES, Counsellor."
        ),
        files=["Passport Tanaka.pdf", "Passport Zoe Van der Berg.pdf", "Passport De Vries.pdf"],
        applicants={
            "Hiroshi TANAKA": {"Passport Tanaka.pdf"},
            "Zoé VAN DER BERG": {"Passport Zoe Van der Berg.pdf"},
            "Pieter DE VRIES": {"Passport De Vries.pdf"},
        },
    ),
    Case(
        kind="applicants without an honorific, a line break between given names and SURNAME",
        note=note(
            "new annual airport passes for Agus SETIAWAN (protocol assistant, local staff) and "
            "Fitri\nHANDAYANI (driver, local staff), and for Ms. Ingrid BJØRNSTAD, Counsellor "
            "and Kartika\nSARI (protocol assistant, local staff)."
        ),
        files=["KTP Setiawan.pdf", "KTP Handayani.pdf", "Passport Bjornstad.pdf", "KTP Sari.pdf"],
        applicants={
            "Agus SETIAWAN": {"KTP Setiawan.pdf"},
            "Fitri HANDAYANI": {"KTP Handayani.pdf"},
            "Ingrid BJØRNSTAD": {"Passport Bjornstad.pdf"},
            "Kartika SARI": {"KTP Sari.pdf"},
        },
    ),
    Case(
        kind="a name without capitals wrapped after its first word (Mr./Ms. Tuti / Jessica Saputra)",
        note=note(
            "new annual airport passes for Mr. Hans MÜLLER, Second Secretary, and Mr./Ms. Tuti\n"
            "Jessica Saputra, local staff (driver)."
        ),
        files=["Passport Muller.pdf", "KTP Tuti Jessica Saputra.pdf"],
        applicants={
            "Hans MÜLLER": {"Passport Muller.pdf"},
            "Tuti Jessica Saputra": {"KTP Tuti Jessica Saputra.pdf"},
        },
    ),
    Case(
        kind="a heading over a line break is nobody (Embassy of Japan / TOKYO)",
        note="THE EMBASSY OF JAPAN\nEmbassy of Japan\nTOKYO\nEmbassy of France\nNOTE VERBALE No. 18\n"
        + note("a new annual airport pass for Mr. Paul KOCH, Attaché."),
        files=["Passport Koch.pdf"],
        applicants={"Paul KOCH": {"Passport Koch.pdf"}},
    ),
    Case(
        kind="an applicant named without an honorific, given names then the SURNAME",
        note=note(
            "new annual airport passes for Maria Magdalena SIMANJUNTAK (driver, local staff) "
            "and Mrs. Annegret SCHRÖDER, Minister-Counsellor."
        ),
        files=["KTP_scan_Maria_Magdalena_Simanjuntak.pdf", "Passport_Annegret_Schroder.pdf"],
        applicants={
            "Maria Magdalena SIMANJUNTAK": {"KTP_scan_Maria_Magdalena_Simanjuntak.pdf"},
            "Annegret SCHRÖDER": {"Passport_Annegret_Schroder.pdf"},
        },
    ),
    Case(
        kind="the person to be received, named after a title, is no applicant",
        note=None,
        body=(
            "Dear Sir or Madam,\nThe Embassy would be grateful for a visitor airport pass for "
            "Mr. Hiroshi TANAKA, Counsellor to receive the delegation of Rektor Universitas "
            "Hasanuddin, Prof. Andi MAPPARENTA on flight QR 956 arriving on 7 March 2026."
        ),
        files=["Passport Tanaka.pdf"],
        applicants={"Hiroshi TANAKA": {"Passport Tanaka.pdf"}},
        subject="Visitor pass",
    ),
    Case(
        kind="the official to be met, after her office, in Indonesian, is no applicant",
        note=note(
            "rencana kunjungan kerja Mr. Hiroshi TANAKA, Counsellor ke Yogyakarta pada tanggal "
            "6 Maret 2026 untuk bertemu Sekretaris Daerah DIY, Ibu Endang SURYANINGSIH."
        ),
        files=["Passport Tanaka.pdf", "CV Tanaka.pdf"],
        applicants={"Hiroshi TANAKA": {"Passport Tanaka.pdf", "CV Tanaka.pdf"}},
        subject="Kunjungan ke Yogyakarta",
    ),
    Case(
        kind="a pass for a person who meets someone: the one it is for still applies",
        note=note(
            "to meet the Governor of Bali, a visitor pass for Mr. Jonas KLEIN, First Secretary."
        ),
        files=["Passport Klein.pdf"],
        applicants={"Jonas KLEIN": {"Passport Klein.pdf"}},
        subject="Visitor pass",
    ),
    Case(
        kind="a place or a rank before a word in capitals is nobody (Provinsi DI, Attaché X)",
        note=note(
            "the accreditation of Mrs. Annegret SCHRÖDER as Defence Attaché SCHRÖDER's deputy, "
            "honorary consul in Provinsi DI Yogyakarta."
        ),
        files=["CV Schroder.pdf"],
        applicants={"Annegret SCHRÖDER": {"CV Schroder.pdf"}},
    ),
    Case(
        kind="a name the note spells without its accents keeps the mail's accents",
        note=note("a new annual airport pass for Mrs. Annegret SCHRODER, Minister-Counsellor."),
        body="We request a new annual airport pass for Mrs. Annegret SCHRÖDER (note attached).",
        files=["Passport Schroder.pdf"],
        applicants={"Annegret SCHRÖDER": {"Passport Schroder.pdf"}},
    ),
    Case(
        kind="an agenda named for one of two visitors is that visitor's (the other lacks one)",
        note=note(
            "the regional visit to Bali of Mr. Jonas KLEIN and Ms. Ingrid LØKEN on 3 December 2026."
        ),
        files=["Passport Klein.pdf", "Passport Loken.pdf", "Agenda visit Bali Loken.pdf"],
        applicants={
            "Jonas KLEIN": {"Passport Klein.pdf"},
            "Ingrid LØKEN": {"Passport Loken.pdf", "Agenda visit Bali Loken.pdf"},
        },
        subject="Regional visit",
    ),
    Case(
        kind="given names run over a line break before the surname (Mr. José / Luis PEÑA)",
        note=note(
            "the applications for new annual airport passes for Ms. Élodie CARON, Second\n"
            "Secretary and Mr. José\nLuis PEÑA, Minister-Counsellor."
        ),
        files=["Passport Caron.pdf", "Passport Jose Luis Pena.pdf"],
        applicants={
            "Élodie CARON": {"Passport Caron.pdf"},
            "José Luis PEÑA": {"Passport Jose Luis Pena.pdf"},
        },
    ),
    Case(
        kind="a document's words before a surname in the subject are no given name",
        note=None,
        subject="Nota 319/CONS/2026 - Kartu Identitas TANAKA",
        body="Kami mengajukan permohonan Kartu Identitas Kemlu untuk Mr. Hiroshi TANAKA, Attaché.",
        files=["CV_Hiroshi_Tanaka.pdf"],
        applicants={"Hiroshi TANAKA": {"CV_Hiroshi_Tanaka.pdf"}},
    ),
    Case(
        kind="the words of an attaché's title before a surname in the subject are no given name",
        note=None,
        subject="Fwd: Nota 189/PROT/2026 - Atase Pertahanan PEÑA",
        body="Dengan hormat, terlampir nota diplomatik kami beserta dokumen pendukung.",
        files=["Daftar Riwayat Hidup Pena.pdf", "foto Pena.jpg"],
        texts={"Daftar Riwayat Hidup Pena.pdf": "DAFTAR RIWAYAT HIDUP\nNama: José Luis PEÑA\n"},
        applicants={"José Luis PEÑA": {"Daftar Riwayat Hidup Pena.pdf", "foto Pena.jpg"}},
    ),
    Case(
        kind="a scan whose read name slipped two letters of a long word (GroBmamn) is still hers",
        note=note("a new annual airport pass for Ms. Großmann Ilse WEIß, Attaché."),
        files=["permit.pdf", "kemlu.pdf", "photo.jpg"],
        texts={"permit.pdf": "IZIN TINGGAL DIPLOMATIK\nNama Lengkap : WEIB, GroBmamn Ilse\n"},
        applicants={"Großmann Ilse WEIß": {"permit.pdf", "kemlu.pdf", "photo.jpg"}},
    ),
    Case(
        kind="with one applicant, a document whose text names someone else stays unassigned",
        note=note("a new annual airport pass for Ms. Élodie CARON, Second Secretary."),
        files=["Passport Caron.pdf", "Dokumen Jose Luis Pena.pdf"],
        texts={"Dokumen Jose Luis Pena.pdf": "PASSPORT\nName: José Luis PEÑA\n"},
        applicants={"Élodie CARON": {"Passport Caron.pdf"}},
        unassigned={"Dokumen Jose Luis Pena.pdf"},
    ),
    Case(
        kind="an agenda named for nobody serves every visitor",
        note=note(
            "the regional visit to Bali of Mr. Jonas KLEIN and Ms. Ingrid LØKEN on 3 December 2026."
        ),
        files=["Passport Klein.pdf", "Passport Loken.pdf", "Agenda visit Bali.pdf"],
        applicants={
            "Jonas KLEIN": {"Passport Klein.pdf", "Agenda visit Bali.pdf"},
            "Ingrid LØKEN": {"Passport Loken.pdf", "Agenda visit Bali.pdf"},
        },
        subject="Regional visit",
    ),
    Case(
        kind="an unnamed KTP scan joins the local staff member, not the diplomat lacking one",
        note=note(
            "new annual airport passes for Mr. Felix WAGNER, Attaché, and Mr. Budi SANTOSO, "
            "driver (local staff)."
        ),
        files=["Passport Wagner.pdf", "Employment letter Santoso.pdf", "scan0043 KTP.pdf"],
        applicants={
            "Felix WAGNER": {"Passport Wagner.pdf"},
            "Budi SANTOSO": {"Employment letter Santoso.pdf", "scan0043 KTP.pdf"},
        },
    ),
    Case(
        kind="an unnamed passport scan joins the diplomat, not the local staff lacking one",
        note=note(
            "new annual airport passes for Mr. Felix WAGNER, Attaché, and Mr. Budi SANTOSO, "
            "driver (local staff)."
        ),
        files=["Stay permit Wagner.pdf", "KTP Santoso.pdf", "scan0041 passport.pdf"],
        applicants={
            "Felix WAGNER": {"Stay permit Wagner.pdf", "scan0041 passport.pdf"},
            "Budi SANTOSO": {"KTP Santoso.pdf"},
        },
    ),
    Case(
        kind="an unnamed KTP with two local staff lacking one stays unassigned",
        note=note(
            "new annual airport passes for Mr. Budi SANTOSO and Ms. Siti RAHAYU, drivers "
            "(local staff)."
        ),
        files=["Employment Santoso.pdf", "Employment Rahayu.pdf", "KTP scan.pdf"],
        applicants={
            "Budi SANTOSO": {"Employment Santoso.pdf"},
            "Siti RAHAYU": {"Employment Rahayu.pdf"},
        },
        unassigned={"KTP scan.pdf"},
    ),
    Case(
        kind="capitals that name a country or an office are nobody (Republik INDONESIA)",
        note=note(
            "a new annual airport pass for Mr. Felix WAGNER, Attaché, to the Kementerian Luar "
            "Negeri Republik INDONESIA and the Soekarno-Hatta Airport AUTHORITY."
        ),
        files=["Passport Wagner.pdf"],
        applicants={"Felix WAGNER": {"Passport Wagner.pdf"}},
    ),
    Case(
        kind="a document matching nobody joins the only applicant",
        note=note("a new annual airport pass for Mr. Felix WAGNER, Attaché."),
        files=["Passport Wagner.pdf", "CV scan Jakarta.pdf"],
        applicants={"Felix WAGNER": {"Passport Wagner.pdf", "CV scan Jakarta.pdf"}},
    ),
    Case(
        kind="with two applicants, a document that could be either's stays unassigned",
        note=note(
            "new annual airport passes for Mr. Felix WAGNER and Mr. Paul KOCH, both Attachés."
        ),
        files=["Passport Wagner.pdf", "Passport Koch.pdf", "CV Jakarta.pdf"],
        applicants={
            "Felix WAGNER": {"Passport Wagner.pdf"},
            "Paul KOCH": {"Passport Koch.pdf"},
        },
        unassigned={"CV Jakarta.pdf"},
    ),
    Case(
        kind="with two applicants, a document matching nobody joins the only one lacking it",
        note=note(
            "new annual airport passes for Mr. Felix WAGNER and Mr. Paul KOCH, both Attachés."
        ),
        files=["Passport Wagner.pdf", "Passport Koch.pdf", "CV Jakarta.pdf", "CV F Wagner.pdf"],
        applicants={
            "Felix WAGNER": {"Passport Wagner.pdf", "CV F Wagner.pdf"},
            "Paul KOCH": {"Passport Koch.pdf", "CV Jakarta.pdf"},
        },
    ),
    Case(
        kind="nobody named anywhere: one applicant, whatever the file names say",
        note=None,
        body="Please find attached the documents for the airport pass.",
        files=["Passport Braun Jakarta.pdf", "ID card scan.pdf", "CV final.pdf"],
        applicants={
            "": {"Passport Braun Jakarta.pdf", "ID card scan.pdf", "CV final.pdf"},
        },
    ),
    Case(
        kind="letters the note's PDF lost ('Ph?m') neither cut the name nor found a person",
        note=note(
            "new annual airport passes for Ms. Mai Ph?m, Attaché, and Mr. J\ufffdrgen M\ufffdLLER, "
            "First Secretary."
        ),
        files=["Passport Pham.pdf", "CV Mai Pham.pdf", "Passport Mueller.pdf"],
        applicants={
            "Mai Ph?m": {"Passport Pham.pdf", "CV Mai Pham.pdf"},
            "J\ufffdrgen M\ufffdLLER": {"Passport Mueller.pdf"},
        },
    ),
    Case(
        kind="a letter the note's PDF dropped ('Phm' for Phạm): the file names still find her",
        note=note(
            "new annual airport passes for Ms. Mai Phm, Attaché, and Ms. Lan PHAN, Second "
            "Secretary."
        ),
        files=["Passport Pham.pdf", "CV Pham.pdf", "Passport Phan.pdf", "CV Phan.pdf"],
        applicants={
            "Mai Phm": {"Passport Pham.pdf", "CV Pham.pdf"},
            "Lan PHAN": {"Passport Phan.pdf", "CV Phan.pdf"},
        },
    ),
    Case(
        kind="letters the note's PDF lost are spelled as the mail spells them",
        note=note("a new annual airport pass for Ms. Mai PH?M, Attaché."),
        body="We request a new annual airport pass for Ms. Mai PHẠM (note attached).",
        files=["Passport Pham.pdf"],
        applicants={"Mai PHẠM": {"Passport Pham.pdf"}},
    ),
    Case(
        kind="a photo named by initials only joins the one applicant with those initials",
        note=note(
            "new annual airport passes for Agus SETIAWAN (driver, local staff) and Hendra "
            "GUNAWAN (protocol assistant, local staff)."
        ),
        files=["KTP Setiawan.pdf", "KTP Gunawan.pdf", "Foto_HG.jpg"],
        applicants={
            "Agus SETIAWAN": {"KTP Setiawan.pdf"},
            "Hendra GUNAWAN": {"KTP Gunawan.pdf", "Foto_HG.jpg"},
        },
    ),
    Case(
        kind="initials as single letters, the surname first, tell two applicants apart",
        note=note(
            "new annual airport passes for Agus SETIAWAN (driver, local staff) and Hendra "
            "GUNAWAN (protocol assistant, local staff)."
        ),
        files=["KTP Setiawan.pdf", "KTP Gunawan.pdf", "pasfoto S A.jpg"],
        applicants={
            "Agus SETIAWAN": {"KTP Setiawan.pdf", "pasfoto S A.jpg"},
            "Hendra GUNAWAN": {"KTP Gunawan.pdf"},
        },
    ),
    Case(
        kind="initials two applicants share name neither: the photo stays with an officer",
        note=note(
            "new annual airport passes for Agus SETIAWAN (driver, local staff) and Adi "
            "SUSANTO (protocol assistant, local staff)."
        ),
        files=["KTP Setiawan.pdf", "KTP Susanto.pdf", "Foto_AS.jpg"],
        applicants={
            "Agus SETIAWAN": {"KTP Setiawan.pdf"},
            "Adi SUSANTO": {"KTP Susanto.pdf"},
        },
        unassigned={"Foto_AS.jpg"},
    ),
    Case(
        kind="a second photo by the initials of one who has one does not fill another's gap",
        note=note(
            "new annual airport passes for Agus SETIAWAN (driver, local staff) and Hendra "
            "GUNAWAN (protocol assistant, local staff)."
        ),
        files=["KTP Setiawan.pdf", "KTP Gunawan.pdf", "Photo Gunawan.jpg", "Foto HG.jpg"],
        applicants={
            "Agus SETIAWAN": {"KTP Setiawan.pdf"},
            "Hendra GUNAWAN": {"KTP Gunawan.pdf", "Photo Gunawan.jpg"},
        },
        unassigned={"Foto HG.jpg"},
    ),
    Case(
        kind="a name without honorific late in a long sentence",
        note=note("a new annual airport pass for Øyvind Bjørn SKÅR, Third Secretary."),
        files=["Passport Skar.pdf"],
        applicants={"Øyvind Bjørn SKÅR": {"Passport Skar.pdf"}},
    ),
]


def _mail(case: Case) -> tuple[list[Attachment], object]:
    atts = [attachment(name, case.texts.get(name, "")) for name in case.files]
    parts = list(atts)
    if case.note is not None:
        parts.insert(0, attachment("Note Verbale.pdf", case.note))
    else:
        parts.insert(0, attachment("Note Verbale.pdf", ""))  # a scan: no text layer
    return parts, email(case.subject, case.body, *parts)


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_the_applicants_are_the_people_the_request_is_for(
    classifiers: Classifiers, case: Case
) -> None:
    parts, mail = _mail(case)
    result = classifiers.classify(mail)  # type: ignore[arg-type]
    names = {a.id: a.filename for a in parts}
    found = {
        (a.name or ""): {names[i] for i in a.attachments} - {"Note Verbale.pdf"}
        for a in result.applicants
    }
    assert found == case.applicants
    assert {names[i] for i in result.unassigned} == case.unassigned


def test_several_copies_and_nobody_named_founds_one_applicant_per_file_name(
    classifiers: Classifiers,
) -> None:
    """Two passports and no name anywhere but the file names: the names are all there is."""
    files = ["Passport Braun.pdf", "Passport Jung.pdf", "CV Braun.pdf"]
    parts = [attachment(name) for name in files]
    result = classifiers.classify(email("Airport passes", "Documents attached.", *parts))
    found = {a.name: len(a.attachments) for a in result.applicants}
    assert found == {"braun": 2, "jung": 1}


def test_several_copies_that_file_names_do_not_tell_apart_go_to_an_officer(
    classifiers: Classifiers,
) -> None:
    parts = [attachment(name) for name in ["Passport 1.pdf", "Passport 2.pdf", "CV.pdf"]]
    result = classifiers.classify(email("Airport passes", "Documents attached.", *parts))
    assert result.applicants == []
    assert set(result.unassigned) == {p.id for p in parts}


# An umlaut right before an "e" ("Øe") is ambiguous once written plainly ("oee"): left out.
_LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüøéß", min_size=3, max_size=10).filter(
    lambda word: re.search("[äöüø][eé]", word) is None
)


@given(given_name=_LETTERS, surname=_LETTERS, other=_LETTERS)
def test_a_surname_written_plainly_finds_its_person(
    given_name: str, surname: str, other: str
) -> None:
    """Accents dropped, ü as ue or u, upper or lower case: the surname finds its owner,
    unless the other person's name is spelled the same way."""
    roster = [f"{given_name.title()} {surname.upper()}", f"Maria {other.upper()}"]
    plain = surname.replace("ü", "ue").replace("ø", "oe").replace("ß", "ss")
    index = match_hint(f"Passport {plain}", roster, strict=False)
    if not {*name_tokens(surname), *name_tokens(given_name)} & {*name_tokens(f"maria {other}")}:
        assert index == 0


_CAPITALISED = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)


@given(first=_CAPITALISED, last=_CAPITALISED, other_first=_CAPITALISED, other_last=_CAPITALISED)
def test_initials_name_the_one_applicant_who_has_them(
    first: str, last: str, other_first: str, other_last: str
) -> None:
    """ "Foto_AS.jpg": Agus SETIAWAN's, unless the other applicant has the same initials
    (or the two letters are a word of a name)."""
    roster = [f"{first.title()} {last.upper()}", f"{other_first.title()} {other_last.upper()}"]
    run = f"{first[0]}{last[0]}"
    words = {first, last, other_first, other_last}
    shared = run in initials_of(roster[1]) or run in words
    assert initials_owner(run, roster) == (None if shared else 0)
    assert initials_owner(f"{first[0]} {last[0]}", roster) == (None if shared else 0)
