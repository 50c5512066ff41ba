"""What a mission reads in each reply (strings a person would look for)."""

from __future__ import annotations

from fasdip.models import (
    ApplicantCategory,
    Decision,
    DocumentType,
    FileFormat,
    FindingCode,
    RequestType,
    Severity,
)

D = DocumentType
FULL_NEW = [D.diplomatic_note, D.passport, D.stay_permit, D.kemlu_id_card, D.cv, D.photo]


def _blue_photo_case(kit):
    photo = kit.attachment("a3", "foto_john.jpg", FileFormat.jpeg, 150_000)
    blue = kit.catalog.make(
        FindingCode.photo_background_not_red, attachment=photo, document=D.photo
    )
    john = kit.person("p1", "John SMITH", FULL_NEW[:-1], missing=[D.photo])
    return kit.verdict(
        decision=Decision.missing_items,
        people=[john],
        attachments=[(photo, D.photo, "p1", [blue])],
    )


def test_missing_photo_and_blue_photo_listed_in_both_languages(kit):
    reply = kit.reply(_blue_photo_case(kit))
    indonesian, english = kit.blocks(reply.text)

    assert indonesian.lstrip().startswith("Dengan hormat,")
    assert english.lstrip().startswith("Dear Sir or Madam,")
    for block in (indonesian, english):
        assert "John SMITH" in block
        assert "FASDIP-2026-000123" in block
        assert '"Permohonan Pas Bandara Tahunan Baru"' in block
    assert "Foto berlatar belakang merah belum kami terima" in indonesian
    assert 'Foto "foto_john.jpg" tidak berlatar belakang merah' in indonesian
    assert "20 November 2026" in indonesian
    assert "Pas Bandara Tahunan Baru" in indonesian
    assert "Photograph with a red background: not yet received" in english
    assert 'The photo "foto_john.jpg" does not have a red background' in english
    assert "New annual airport pass" in english
    # English words stay out of the Indonesian block and the other way round.
    assert "We have not received" not in indonesian
    assert "belum kami terima" not in english


def test_missing_items_says_how_to_answer(kit):
    indonesian, english = kit.blocks(kit.reply(_blue_photo_case(kit)).text)
    assert "nomor kasus [FASDIP-2026-000123] pada subjek" in indonesian
    assert "loket" in indonesian
    assert "maksimal 1 MB per dokumen" in indonesian
    assert "keeping the case reference [FASDIP-2026-000123] in the subject" in english
    assert "attach only the missing or corrected documents" in english
    assert "PDF, or JPG for the photo, at most 1 MB each" in english
    assert "Fasdip counter" in english


def test_reply_headers_thread_to_the_mission_email(kit):
    reply = kit.reply(_blue_photo_case(kit))
    assert reply.to == ["consular@embassy.example"]
    assert reply.in_reply_to == "<note-123@embassy.example>"
    assert reply.references == ["<note-123@embassy.example>"]
    assert reply.kind is Decision.missing_items
    assert reply.subject == (
        "[FASDIP-2026-000123] Kelengkapan dokumen / Missing documents"
        " – Re: Permohonan Pas Bandara Tahunan Baru"
    )


def test_closing_names_the_office_in_both_languages(kit):
    indonesian, english = kit.blocks(kit.reply(_blue_photo_case(kit)).text)
    assert "Direktorat Fasilitas Diplomatik, Kementerian Luar Negeri" in indonesian
    assert "jawaban otomatis" in indonesian
    assert "Directorate of Diplomatic Facilities, Ministry of Foreign Affairs" in english
    assert "automatic first-pass answer" in english
    assert "fasdip.dafis.kundak@kemlu.go.id" in english


def test_two_applicants_each_listed_under_their_own_name(kit):
    anna = kit.person("p1", "Anna MÜLLER", [*FULL_NEW[:-2], D.photo], missing=[D.cv])
    budi = kit.person(
        "p2",
        "Budi SANTOSO",
        [D.diplomatic_note, D.ktp, D.cv, D.photo],
        missing=[D.employment_proof],
        category=ApplicantCategory.local_staff,
    )
    verdict = kit.verdict(decision=Decision.missing_items, people=[anna, budi])
    indonesian, english = kit.blocks(kit.reply(verdict).text)

    for block, cv, employment in (
        (indonesian, "Curriculum Vitae (CV) belum kami terima", "Kontrak Kerja"),
        (english, "Curriculum Vitae (CV): not yet received", "employment contract"),
    ):
        anna_at, budi_at = block.index("Anna MÜLLER"), block.index("Budi SANTOSO")
        assert anna_at < block.index(cv) < budi_at
        assert budi_at < block.index(employment)
        assert block.count(cv) == 1


def test_unnamed_applicant_is_numbered(kit):
    nameless = kit.person("p1", None, FULL_NEW[:-1], missing=[D.photo])
    reply = kit.reply(kit.verdict(decision=Decision.missing_items, people=[nameless]))
    indonesian, english = kit.blocks(reply.text)
    assert "Pemohon 1" in indonesian
    assert "Applicant 1" in english


def test_request_details_and_warnings_are_separate_from_applicants(kit):
    pass_holder = kit.person("p1", "Jean DUPONT", FULL_NEW[:-1], missing=[D.photo])
    flight = kit.catalog.make(FindingCode.missing_detail, detail="flight")
    passport = kit.attachment("a2", "passport_dupont.pdf")
    soon = kit.catalog.make(
        FindingCode.passport_expires_soon, attachment=passport, expiry_date="2027-03-01"
    )
    verdict = kit.verdict(
        decision=Decision.missing_items,
        request_type=RequestType.airport_pass_visitor,
        people=[pass_holder],
        findings=[flight],
        attachments=[(passport, D.passport, "p1", [soon])],
    )
    indonesian, english = kit.blocks(kit.reply(verdict).text)

    assert "Untuk permohonan secara keseluruhan:" in indonesian
    assert "detail penerbangan (nomor penerbangan dan tanggal)" in indonesian
    assert "Please state the flight details (flight number and date)" in english
    notes_id = indonesian[indonesian.index("Catatan (") :]
    notes_en = english[english.index("Notes (") :]
    assert 'Jean DUPONT: Paspor pada "passport_dupont.pdf" akan habis' in notes_id
    assert 'Jean DUPONT: The passport in "passport_dupont.pdf" expires on 2027-03-01' in notes_en
    # the warning is a note, not something to fix
    fix_list_en = english[: english.index("Notes (")]
    assert "expires on" not in fix_list_en


def test_info_findings_never_reach_the_mission(kit):
    officer_only = [
        kit.catalog.make(FindingCode.unknown_sender),
        kit.catalog.make(
            FindingCode.uncertain_document_type, attachment=kit.attachment("a9", "scan.pdf")
        ),
        kit.catalog.make(
            FindingCode.duplicate_attachment, attachment=kit.attachment("a8", "dup.pdf")
        ),
        # an info-severity override of a code that is normally blocking
        kit.catalog.make(FindingCode.name_mismatch, severity=Severity.info, reason="SMITH / SMYTH"),
    ]
    john = kit.person("p1", "John SMITH", FULL_NEW[:-1], missing=[D.photo])
    for decision in (Decision.missing_items, Decision.registration_proof, Decision.officer_review):
        reply = kit.reply(kit.verdict(decision=decision, people=[john], findings=officer_only))
        for finding in officer_only:
            assert finding.text_id not in reply.text
            assert finding.text_en not in reply.text
        assert "tidak terdaftar" not in reply.text
        assert "SMYTH" not in reply.text
        assert "scan.pdf" not in reply.text


def test_late_regional_visit_is_refused_citing_the_rule(kit):
    late = kit.catalog.make(
        FindingCode.visit_too_late,
        visit_date="1 Desember 2026",
        deadline="11 November 2026",
        working_days="14",
    )
    diplomat = kit.person("p1", "Ambassador Lars NIELSEN", [D.diplomatic_note, D.passport])
    verdict = kit.verdict(
        decision=Decision.late_refusal,
        request_type=RequestType.regional_visit,
        people=[diplomat],
        findings=[late],
        subject="Notification of regional visit to Surabaya",
    )
    reply = kit.reply(verdict)
    indonesian, english = kit.blocks(reply.text)

    assert "14 hari kerja" in indonesian
    assert (
        "Permohonan kunjungan daerah yang diterima kurang dari 14 hari kerja sebelum "
        "kunjungan dilaksanakan tidak akan diproses."
    ) in indonesian
    assert late.text_id in indonesian
    assert "pemberitahuan baru" in indonesian
    assert "14 working days" in english
    assert "weekends and Indonesian public holidays are not counted" in english
    assert late.text_en in english
    assert "new notification for a later visit date" in english
    assert "Regional visit cannot be processed" in reply.subject
    assert reply.kind is Decision.late_refusal


def test_complete_new_airport_pass_gets_the_registration_proof(kit):
    john = kit.person("p1", "John SMITH", FULL_NEW)
    reply = kit.reply(kit.verdict(decision=Decision.registration_proof, people=[john]))
    indonesian, english = kit.blocks(reply.text)

    assert "Bukti pendaftaran" in indonesian
    assert "petugas Kantor Otoritas Bandara pada saat pelaksanaan screening test" in indonesian
    assert "registration proof" in english
    assert "hand the registration proof to the Airport Authority officer" in english
    assert "at the screening test" in english
    assert "John SMITH" in indonesian and "John SMITH" in english
    assert "Foto berlatar belakang merah" in indonesian  # documents received are listed
    assert "Photograph with a red background" in english
    assert "missing" not in reply.text.lower()
    assert "belum kami terima" not in reply.text
    assert reply.subject.startswith("[FASDIP-2026-000123] Bukti pendaftaran / Registration proof")


def test_complete_renewal_next_step_is_the_pnbp_invoice(kit):
    john = kit.person("p1", "John SMITH", [*FULL_NEW, D.expired_airport_pass])
    verdict = kit.verdict(
        decision=Decision.registration_proof,
        request_type=RequestType.airport_pass_renewal,
        people=[john],
    )
    indonesian, english = kit.blocks(kit.reply(verdict).text)
    assert "tagihan (invoice) pembayaran PNBP" in indonesian
    assert "issue the invoice for the PNBP" in english
    assert "screening test" not in english


def test_a_renewal_past_its_window_is_told_to_apply_anew_in_a_new_email(kit):
    """A pass that expired more than 30 days ago is renewed no more: the mission is told
    to send a new-pass request in a new email, with the documents a new pass needs (no
    expired pass among them), not to reply to this case with missing documents."""
    passed = kit.catalog.make(
        FindingCode.renewal_window_passed, expiry_date="15 September 2026", days="30"
    )
    john = kit.person("p1", "John SMITH", [*FULL_NEW, D.expired_airport_pass])
    verdict = kit.verdict(
        decision=Decision.missing_items,
        request_type=RequestType.airport_pass_renewal,
        people=[john],
        findings=[passed],
    )
    indonesian, english = kit.blocks(kit.reply(verdict).text)
    assert passed.text_id in indonesian and passed.text_en in english
    assert "permohonan Pas Bandara Tahunan Baru melalui email baru" in indonesian
    assert "a new request (New annual airport pass) in a new email" in english
    for block, words in ((indonesian, "Salinan paspor"), (english, "Copy of the passport")):
        assert f"  - {words}" in block
        assert "lampirkan hanya dokumen" not in block
        assert "attach only the missing" not in block
    assert "expired" not in english.split("How to answer:")[1].lower()


def test_officer_review_acknowledges_without_guessing(kit):
    john = kit.person("p1", "John SMITH", [D.diplomatic_note], missing=[D.photo, D.cv])
    verdict = kit.verdict(
        decision=Decision.officer_review,
        request_type=RequestType.id_card,
        people=[john],
        findings=[kit.catalog.make(FindingCode.missing_detail, detail="purpose")],
    )
    reply = kit.reply(verdict)
    indonesian, english = kit.blocks(reply.text)

    assert "akan diperiksa oleh petugas" in indonesian
    assert "reviewed by one of our officers" in english
    assert "will contact you if any further document" in english
    # nothing about what the request is or what it lacks
    for guess in (
        "Kartu Identitas",
        "Identity card",
        "Foto",
        "Photograph",
        "Curriculum",
        "belum kami terima",
        "not yet received",
        "Please state",
    ):
        assert guess not in reply.text
    assert reply.subject.startswith("[FASDIP-2026-000123] Tanda terima / Acknowledgement")


def test_ignore_and_null_sender_get_no_reply(kit):
    assert kit.compose(kit.verdict(decision=Decision.ignore)) is None
    assert kit.compose(kit.verdict(decision=Decision.officer_review, sender="")) is None
    assert (
        kit.compose(kit.verdict(decision=Decision.officer_review, sender="a@b\r\nBcc: x@y")) is None
    )


def test_no_message_id_means_no_threading_headers(kit):
    reply = kit.reply(kit.verdict(decision=Decision.officer_review, message_id=None))
    assert reply.in_reply_to is None
    assert reply.references == []


def test_tagged_subject_is_not_tagged_twice(kit):
    verdict = kit.verdict(
        decision=Decision.officer_review,
        subject="[FASDIP-2026-000001] Re: Re: RE: Fwd: Permohonan Pas Bandara",
        case_ref="FASDIP-2026-000001",
    )
    reply = kit.reply(verdict)
    assert reply.subject == (
        "[FASDIP-2026-000001] Tanda terima / Acknowledgement of receipt"
        " – Re: Permohonan Pas Bandara"
    )
    assert reply.subject.count("FASDIP-") == 1
    assert reply.subject.count("Re:") == 1


def test_tag_after_a_reply_prefix_is_stripped_too(kit):
    verdict = kit.verdict(
        decision=Decision.officer_review, subject="Re: [FASDIP-2026-000123] Re: Nota 12/2026"
    )
    assert kit.reply(verdict).subject.endswith("Acknowledgement of receipt – Re: Nota 12/2026")


def test_a_reply_to_our_reply_gets_back_the_missions_own_subject(kit):
    """The mission answers our missing-items reply; our answer to that is not
    "Registration proof – Re: Missing documents – Re: New airport pass" (and longer each
    round), but carries the mission's first subject again."""
    verdict = kit.verdict(
        decision=Decision.officer_review,
        subject="RE: [FASDIP-2026-000123] Kelengkapan dokumen / Missing documents"
        " – Re: New airport pass",
    )
    reply = kit.reply(verdict)
    assert reply.subject == (
        "[FASDIP-2026-000123] Tanda terima / Acknowledgement of receipt – Re: New airport pass"
    )
    assert '"New airport pass"' in reply.text


def test_subject_with_line_breaks_is_flattened(kit):
    verdict = kit.verdict(
        decision=Decision.missing_items,
        people=[kit.person("p1", "John SMITH", FULL_NEW[:-1], missing=[D.photo])],
        subject="Permohonan\r\nBcc: victim@example.org\r\n\r\nPas Bandara",
    )
    reply = kit.reply(verdict)
    assert "\r" not in reply.subject and "\n" not in reply.subject
    assert reply.subject.endswith("– Re: Permohonan Bcc: victim@example.org Pas Bandara")
    assert '"Permohonan Bcc: victim@example.org Pas Bandara"' in reply.text


def test_empty_subject_leaves_no_dangling_re(kit):
    reply = kit.reply(kit.verdict(decision=Decision.officer_review, subject="Re: "))
    assert reply.subject == "[FASDIP-2026-000123] Tanda terima / Acknowledgement of receipt"
    assert "dengan subjek" not in reply.text


def test_sender_text_is_capped_and_stripped_of_control_characters(kit):
    long_name = "Very Long Name " * 40
    person = kit.person("p1", "Eve\x00\u202eEVIL\x1b[31m " + long_name, FULL_NEW[:-1], [D.photo])
    verdict = kit.verdict(
        decision=Decision.missing_items, people=[person], subject="S" * 1000 + "\x07"
    )
    reply = kit.reply(verdict)
    for bad in ("\x00", "\u202e", "\x1b", "\x07"):
        assert bad not in reply.text and bad not in reply.subject
    assert "S" * 300 not in reply.text
    assert "S" * 300 not in reply.subject
    assert "S" * 150 in reply.subject
    assert "Very Long Name " * 20 not in reply.text
    assert "Eve EVIL [31m Very Long Name" in reply.text
