"""One group of documents per applicant, named by the note, the documents and the file names."""

from __future__ import annotations

from classifiers import Classifiers
from fasdip.models import ApplicantCategory, Attachment, DocumentType, FileFormat
from tests.classifiers.conftest import NOTE_EN, NOTE_ID, attachment, email, mrz


def test_documents_join_the_applicant_the_note_names(classifiers: Classifiers) -> None:
    note = attachment("Note.pdf", NOTE_EN.format(what="issuance of the annual airport pass"))
    mail = email(
        "New airport pass",
        "Dear Sir,",
        note,
        attachment("Passport John Smith.pdf"),
        attachment("CV.pdf", "CURRICULUM VITAE\nName: Maria Garcia Lopez\n"),
        attachment("passport_garcia.pdf"),
        attachment("CV_SMITH.pdf"),
    )
    result = classifiers.classify(mail)
    by_name = {a.name: a for a in result.applicants}
    assert set(by_name) == {"John SMITH", "Maria GARCIA LOPEZ"}
    smith, garcia = by_name["John SMITH"], by_name["Maria GARCIA LOPEZ"]
    names = {a.id: a.filename for a in mail.attachments}
    assert {names[i] for i in smith.attachments} == {
        "Note.pdf",
        "Passport John Smith.pdf",
        "CV_SMITH.pdf",
    }
    assert {names[i] for i in garcia.attachments} == {"Note.pdf", "CV.pdf", "passport_garcia.pdf"}
    assert result.unassigned == []


def test_with_one_applicant_unnamed_documents_are_theirs(classifiers: Classifiers) -> None:
    note = attachment("ND.pdf", NOTE_ID.format(what="permohonan Pas Bandara Tahunan Baru"))
    ktp = attachment(
        "scan001.pdf", "PROVINSI DKI JAKARTA\nNIK : 3171011708850001\nNama : BUDI SANTOSO"
    )
    photo = attachment("IMG_1.jpg", fmt=FileFormat.jpeg, width=400, height=600)
    result = classifiers.classify(
        email("Pas Bandara Tahunan Baru", "Dengan hormat,", note, ktp, photo)
    )
    [applicant] = result.applicants
    assert applicant.name == "Budi SANTOSO"
    assert applicant.category == ApplicantCategory.local_staff
    assert set(applicant.attachments) == {note.id, ktp.id, photo.id}


def test_an_unnamed_photo_goes_to_the_only_applicant_still_without_one(
    classifiers: Classifiers,
) -> None:
    note = attachment("Note.pdf", NOTE_EN.format(what="issuance of the annual airport pass"))
    photo_smith = attachment("Photo John Smith.jpg", fmt=FileFormat.jpeg, width=400, height=600)
    unnamed = attachment("IMG_2034.jpg", fmt=FileFormat.jpeg, width=400, height=600)
    result = classifiers.classify(email("New airport pass", "", note, photo_smith, unnamed))
    garcia = next(a for a in result.applicants if a.name == "Maria GARCIA LOPEZ")
    assert unnamed.id in garcia.attachments


def test_an_unnamed_document_that_could_be_anyones_stays_unassigned(
    classifiers: Classifiers,
) -> None:
    note = attachment("Note.pdf", NOTE_EN.format(what="issuance of the annual airport pass"))
    unnamed = attachment("scan001.pdf", "CURRICULUM VITAE\nEducation: ...")
    result = classifiers.classify(email("New airport pass", "", note, unnamed))
    assert result.unassigned == [unnamed.id]


def test_passport_and_stay_permit_make_a_foreign_official(classifiers: Classifiers) -> None:
    result = classifiers.classify(
        email(
            "New airport pass", "", attachment("Passport Smith.pdf"), attachment("KITAS Smith.pdf")
        )
    )
    [applicant] = result.applicants
    assert applicant.category == ApplicantCategory.foreign_official
    assert applicant.category_confidence == 1.0
    assert {e.cue for e in applicant.evidence} >= {
        DocumentType.passport.value,
        DocumentType.stay_permit.value,
    }


def test_unnamed_photos_as_many_as_applicants_lacking_one_complete_the_set(
    classifiers: Classifiers,
) -> None:
    note = attachment("Note.pdf", NOTE_EN.format(what="issuance of the annual airport pass"))
    photos = [
        attachment(f"IMG_20{i}.jpg", fmt=FileFormat.jpeg, width=400, height=600) for i in (34, 35)
    ]
    result = classifiers.classify(email("New airport pass", "", note, *photos))
    assert result.unassigned == []
    assert result.assigned_by_order == [p.id for p in photos]
    assert all(any(p.id in a.attachments for p in photos) for a in result.applicants)


def test_the_note_s_words_next_to_a_name_decide_the_category(classifiers: Classifiers) -> None:
    note = attachment(
        "Note.pdf",
        "The Embassy presents its compliments ... replacement of a lost airport pass for:\n"
        "1. Mr. Kenji WATANABE, First Secretary\n"
        "2. Ms. Dewi SUSANTI, Driver, NIK 3173015503981140\n",
    )
    result = classifiers.classify(email("Lost airport pass", "", note))
    categories = {a.name: a.category for a in result.applicants}
    assert categories == {
        "Kenji WATANABE": ApplicantCategory.foreign_official,
        "Dewi SUSANTI": ApplicantCategory.local_staff,
    }


def test_names_match_across_letters_unicode_does_not_decompose(classifiers: Classifiers) -> None:
    note = attachment(
        "Note.pdf",
        NOTE_EN.format(what="issuance of the annual airport pass").replace(
            "John SMITH", "Ingrid LØKEN"
        ),
    )
    passport = attachment("scan003.pdf", "PASSPORT\n" + mrz("LOEKEN", "INGRID"))  # ICAO: Ø is OE
    result = classifiers.classify(email("New airport pass", "", note, passport))
    loken = next(a for a in result.applicants if a.name == "Ingrid LØKEN")
    assert passport.id in loken.attachments


# (files beside the only applicant's passport, which must stay unassigned): a paper of a
# kind the applicant's own papers rule out is somebody else's, named nowhere.
_NOT_THE_ONLY_APPLICANT_S = [
    (["Passport Smith.pdf", "KTP Prasetyo.pdf"], {"KTP Prasetyo.pdf"}),
    (["Passport Smith.pdf", "Izin Tinggal Smith.pdf", "Contract Wati.pdf"], {"Contract Wati.pdf"}),
    (["Passport Smith.pdf", "Photo scan.jpg"], set()),
]


def test_a_paper_the_only_applicant_s_own_papers_rule_out_stays_unassigned(
    classifiers: Classifiers,
) -> None:
    for files, left in _NOT_THE_ONLY_APPLICANT_S:
        note = attachment(
            "Note.pdf",
            NOTE_EN.format(what="issuance of the annual airport pass").replace(
                ", and Ms. Maria GARCIA LOPEZ, Attache", ""
            ),
        )
        docs = {name: attachment(name) for name in files}
        result = classifiers.classify(email("Airport pass", "Dear Sir,", note, *docs.values()))
        [smith] = result.applicants
        assert {n for n, d in docs.items() if d.id in result.unassigned} == left, files
        assert {n for n, d in docs.items() if d.id in smith.attachments} == set(files) - left


# (the note's applicants, the files, those that must stay unassigned): a file name naming a
# person outside the roster whose papers repeat one every applicant already holds shows a
# person the roster missed; none of their papers may fill an applicant's gap.
_SMITH = "Mr. John SMITH, First Secretary"
_BOTH = f"{_SMITH}, and Ms. Maria GARCIA LOPEZ, Attache"
_SOMEONE_ELSE_S = [
    (_SMITH, ["Passport Smith.pdf", "Passport Mueller.pdf"], {"Passport Mueller.pdf"}),
    (
        _SMITH,
        ["Passport Smith.pdf", "Passport_Jurgen_Mueller.pdf", "KITAS Jurgen Muller.pdf"],
        {"Passport_Jurgen_Mueller.pdf", "KITAS Jurgen Muller.pdf"},
    ),
    (
        _SMITH,
        ["Passport.pdf", "Passport Mueller.pdf", "KITAS Mueller.pdf"],
        {"Passport Mueller.pdf", "KITAS Mueller.pdf"},
    ),
    (
        _BOTH,
        [
            "Passport Smith.pdf",
            "KITAS Smith.pdf",
            "Passport Garcia.pdf",
            "Passport Mueller.pdf",
            "KITAS Mueller.pdf",
        ],
        {"Passport Mueller.pdf", "KITAS Mueller.pdf"},
    ),
    # no second copy: a word that fits nobody is a weak hint, the paper is the applicant's
    (_SMITH, ["Passport Smith.pdf", "KITAS Surabaya.pdf"], set()),
    # a second copy named by nobody, or by the applicant in another spelling, is theirs
    (_SMITH, ["Passport Smith.pdf", "Passport copy.pdf"], set()),
    (_SMITH, ["Passport J Smith.pdf", "Passport John Smyth.pdf"], set()),
]


def test_papers_named_for_a_person_the_roster_lacks_fill_no_applicant_s_gap(
    classifiers: Classifiers,
) -> None:
    for who, files, left in _SOMEONE_ELSE_S:
        note = attachment(
            "Note.pdf",
            NOTE_EN.format(what="issuance of the annual airport pass").replace(_BOTH, who),
        )
        docs = {name: attachment(name) for name in files}
        result = classifiers.classify(email("Airport pass", "Dear Sir,", note, *docs.values()))
        assert {n for n, d in docs.items() if d.id in result.unassigned} == left, files
        kept = {n for a in result.applicants for n, d in docs.items() if d.id in a.attachments}
        assert kept == set(files) - left, files


def _file(name: str) -> Attachment:
    if name.endswith(".jpg"):
        return attachment(name, fmt=FileFormat.jpeg, width=400, height=600)
    return attachment(name)


# (files beside the only applicant's note, those that must stay unassigned): once a paper
# shows a second person in the mail (a KTP beside a diplomat's passport, a second passport
# under another name), an unnamed paper that person could hold may be theirs.
_A_SECOND_PERSON_S = [
    (
        ["Passport Smith.pdf", "KITAS Smith.pdf", "KTP.pdf", "Contract.pdf", "IMG_2034.jpg"],
        {"KTP.pdf", "Contract.pdf", "IMG_2034.jpg"},
    ),
    # a Kemlu ID card is no local staff member's: it is still the diplomat's
    (["Passport Smith.pdf", "KTP.pdf", "ID card Kemlu.pdf"], {"KTP.pdf"}),
    (
        ["Passport Smith.pdf", "Passport Mueller.pdf", "IMG_2034.jpg"],
        {"Passport Mueller.pdf", "IMG_2034.jpg"},
    ),
    # nobody else in the mail: the unnamed photo is the applicant's
    (["Passport Smith.pdf", "KITAS Smith.pdf", "IMG_2034.jpg"], set()),
]


def test_an_unnamed_paper_a_second_person_could_hold_stays_unassigned(
    classifiers: Classifiers,
) -> None:
    note = NOTE_EN.format(what="issuance of the annual airport pass").replace(_BOTH, _SMITH)
    for files, left in _A_SECOND_PERSON_S:
        docs = {name: _file(name) for name in files}
        mail = email("Airport pass", "Dear Sir,", attachment("Note.pdf", note), *docs.values())
        result = classifiers.classify(mail)
        [smith] = result.applicants
        assert {n for n, d in docs.items() if d.id in result.unassigned} == left, files
        assert {n for n, d in docs.items() if d.id in smith.attachments} == set(files) - left
