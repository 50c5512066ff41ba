"""A missing-items reply sent despite a doubtful reading says an officer will also look at
that file (issue 13, kind 5), in both languages."""

from __future__ import annotations

from fasdip.models import Decision, DocumentType, FindingCode
from tests.responders.conftest import Kit


def test_the_reply_names_the_file_an_officer_will_also_look_at(kit: Kit) -> None:
    ktp = kit.attachment("a3", "KTP Budi Santoso.pdf")
    person = kit.person(
        key="p1",
        name="Budi SANTOSO",
        documents=[DocumentType.diplomatic_note, DocumentType.ktp],
        missing=[DocumentType.cv],
    )
    doubt = kit.catalog.make(
        FindingCode.identity_doubt, attachment=ktp, applicant="p1", reason="name letter unsure"
    )
    will_check = kit.catalog.make(
        FindingCode.officer_will_check, attachment=ktp, applicant="p1", document=DocumentType.ktp
    )
    verdict = kit.verdict(
        decision=Decision.missing_items,
        people=[person],
        attachments=[(ktp, DocumentType.ktp, "p1", [doubt, will_check])],
    )
    indonesian, english = kit.blocks(kit.reply(verdict).text)
    assert (
        'Petugas kami juga akan memeriksa secara langsung berkas "KTP Budi Santoso.pdf"'
        in indonesian
    )
    assert 'An officer will also look at the file "KTP Budi Santoso.pdf"' in english
    assert "name letter unsure" not in english  # the officers' reason stays theirs
