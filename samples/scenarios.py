"""The scenario catalogue: emails with their truth, deterministic from a seed.

``build_corpus(count, seed)`` returns the fixed catalogue first (every request type in
both languages, both categories, complete and incomplete sets, multi-applicant emails,
uninformative and misleading file names, one of each defect, non-requests), then random
valid variants drawn from the seed until ``count`` is reached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from fasdip.models import DocumentType, FindingCode, RequestType
from samples.builder import JAKARTA, Lang, NameStyle, Spec, build
from samples.emails import MAILBOX, build_bounce, build_email
from samples.people import MISSION_BY_KEY, MISSIONS
from samples.truth import (
    FOREIGN,
    LOCAL,
    REQUIRED,
    Scenario,
    Truth,
    TruthApplicant,
    TruthAttachment,
    decide,
)

__all__ = [
    "CATALOGUE",
    "Scenario",
    "Truth",
    "TruthApplicant",
    "TruthAttachment",
    "build_corpus",
    "build_scenario",
    "variant_spec",
]

R = RequestType
DT = DocumentType

CATALOGUE: list[Spec] = [
    # --- complete sets: every type, both languages
    Spec("new_en_foreign_complete", R.airport_pass_new, "en", "usa"),
    Spec("new_id_local_complete", R.airport_pass_new, "id", "japan", [LOCAL], style="indonesian"),
    Spec("renewal_id_foreign_complete", R.airport_pass_renewal, "id", "spain", style="indonesian"),
    Spec(
        "renewal_en_local_complete", R.airport_pass_renewal, "en", "australia", [LOCAL], html=True
    ),
    Spec("lost_en_foreign_complete", R.airport_pass_lost, "en", "germany", style="underscore"),
    Spec("lost_id_local_complete", R.airport_pass_lost, "id", "netherlands", [LOCAL]),
    Spec("visitor_en_foreign_combined_pdf", R.airport_pass_visitor, "en", "korea", combined=True),
    Spec(
        "visitor_id_local_complete",
        R.airport_pass_visitor,
        "id",
        "brazil",
        [LOCAL],
        style="indonesian",
    ),
    Spec("regional_en_in_time", R.regional_visit, "en", "norway"),
    Spec("regional_id_in_time", R.regional_visit, "id", "turkiye", style="indonesian"),
    Spec("honorary_en_complete", R.honorary_consul, "en", "norway", [LOCAL]),
    Spec(
        "honorary_id_complete",
        R.honorary_consul,
        "id",
        "brazil",
        [LOCAL],
        consul_seat="surabaya",
        style="indonesian",
    ),
    Spec("id_card_en_foreign_complete", R.id_card, "en", "france"),
    Spec("id_card_id_local_complete", R.id_card, "id", "usa", [LOCAL]),
    Spec("accreditation_en_foreign", R.accreditation, "en", "undp", inline=True),
    Spec("accreditation_id_foreign", R.accreditation, "id", "japan"),
    Spec("attache_en_foreign", R.attache_accreditation, "en", "australia"),
    Spec("attache_id_foreign", R.attache_accreditation, "id", "turkiye", style="indonesian"),
    # --- incomplete sets
    Spec(
        "new_en_local_missing_cv",
        R.airport_pass_new,
        "en",
        "netherlands",
        [LOCAL],
        omit={0: [DT.cv]},
    ),
    Spec(
        "renewal_id_foreign_missing_photo",
        R.airport_pass_renewal,
        "id",
        "japan",
        omit={0: [DT.photo]},
        style="indonesian",
    ),
    Spec(
        "lost_id_foreign_missing_report_and_permit",
        R.airport_pass_lost,
        "id",
        "france",
        omit={0: [DT.police_loss_report, DT.stay_permit]},
    ),
    Spec(
        "visitor_en_local_missing_companion",
        R.airport_pass_visitor,
        "en",
        "usa",
        [LOCAL],
        omit={0: [DT.companion_statement]},
    ),
    Spec(
        "regional_en_missing_agenda",
        R.regional_visit,
        "en",
        "germany",
        omit={0: [DT.tentative_agenda]},
    ),
    Spec(
        "honorary_id_missing_cv",
        R.honorary_consul,
        "id",
        "spain",
        [LOCAL],
        omit={0: [DT.cv]},
        consul_seat="medan",
    ),
    Spec("id_card_en_local_missing_note", R.id_card, "en", "korea", [LOCAL], omit_note=True),
    Spec(
        "attache_id_missing_cv_photo",
        R.attache_accreditation,
        "id",
        "brazil",
        omit={0: [DT.cv, DT.photo]},
    ),
    # --- several applicants in one email
    Spec("new_en_three_foreign", R.airport_pass_new, "en", "usa", [FOREIGN] * 3, html=True),
    Spec(
        "renewal_id_two_local",
        R.airport_pass_renewal,
        "id",
        "australia",
        [LOCAL] * 2,
        style="indonesian",
    ),
    Spec(
        "new_en_mixed_local_missing_employment",
        R.airport_pass_new,
        "en",
        "spain",
        [FOREIGN, LOCAL],
        omit={1: [DT.employment_proof]},
    ),
    Spec("id_card_id_two_foreign", R.id_card, "id", "france", [FOREIGN] * 2, inline=True),
    # --- file names that do not say what the file is
    Spec("new_en_foreign_generic_names", R.airport_pass_new, "en", "germany", style="generic"),
    Spec(
        "renewal_id_local_generic_names",
        R.airport_pass_renewal,
        "id",
        "korea",
        [LOCAL],
        style="generic",
    ),
    Spec(
        "new_id_foreign_misleading_names",
        R.airport_pass_new,
        "id",
        "norway",
        style="short",
        swap=(DT.passport, DT.cv),
    ),
    Spec(
        "new_en_foreign_scanned_stay_permit",
        R.airport_pass_new,
        "en",
        "japan",
        defects={(0, DT.stay_permit): "scan"},
    ),
    # --- one defect each
    Spec("defect_photo_blue", R.airport_pass_new, "en", "france", defects={(0, DT.photo): "blue"}),
    Spec(
        "defect_photo_white",
        R.airport_pass_renewal,
        "id",
        "usa",
        [LOCAL],
        defects={(0, DT.photo): "white"},
    ),
    Spec(
        "defect_pdf_too_large",
        R.airport_pass_new,
        "en",
        "brazil",
        defects={(0, DT.cv): "too_large"},
    ),
    Spec(
        "defect_jpeg_named_pdf",
        R.airport_pass_lost,
        "en",
        "netherlands",
        defects={(0, DT.passport): "jpeg_as_pdf"},
    ),
    Spec("defect_docx_instead_of_pdf", R.id_card, "en", "undp", defects={(0, DT.cv): "docx"}),
    Spec(
        "defect_encrypted_pdf",
        R.airport_pass_new,
        "id",
        "germany",
        defects={(0, DT.stay_permit): "encrypted"},
    ),
    Spec(
        "defect_corrupt_pdf",
        R.airport_pass_renewal,
        "en",
        "spain",
        [LOCAL],
        defects={(0, DT.employment_proof): "corrupt"},
    ),
    Spec(
        "defect_zero_byte_file",
        R.airport_pass_new,
        "en",
        "turkiye",
        defects={(0, DT.kemlu_id_card): "empty"},
    ),
    Spec("visitor_en_no_flight", R.airport_pass_visitor, "en", "japan", no_flight=True),
    Spec("new_id_no_screening_date", R.airport_pass_new, "id", "australia", no_screening=True),
    Spec("renewal_en_window_passed", R.airport_pass_renewal, "en", "korea", renewal_late=True),
    Spec("regional_en_too_late", R.regional_visit, "en", "usa", visit_late=True),
]
SPECIAL = ("auto_reply_out_of_office", "bounce_mailer_daemon", "question_no_attachments_id")
FIXED_COUNT = len(CATALOGUE) + len(SPECIAL)
README_EXAMPLES = (
    "new_en_foreign_complete",
    "renewal_id_foreign_missing_photo",
    "defect_photo_blue",
    "regional_en_too_late",
    "renewal_id_two_local",
    "auto_reply_out_of_office",
)


def _special(name: str, seed: int) -> Scenario:
    rng = random.Random(f"{seed}:{name}")
    mission = MISSION_BY_KEY[rng.choice(("usa", "japan", "france", "australia"))]
    day = dt.date(2026, 11, 2) + dt.timedelta(rng.choice((0, 1, 2, 3, 4, 7, 8, 9, 10, 11)))
    when = dt.datetime(
        day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59), tzinfo=JAKARTA
    )
    domain = mission.address.rpartition("@")[2]
    message_id = f"<{hashlib.sha256(f'{seed}/{name}'.encode()).hexdigest()[:20]}@{domain}>"
    if name == "bounce_mailer_daemon":
        eml = build_bounce(
            f"protocol@old-mission.{domain}",
            "[FASDIP-2026-00117] Kekurangan dokumen / Missing documents",
            when,
            message_id.replace(domain, "mx.kemlu.go.id"),
        )
        truth = Truth(
            request_type=R.other,
            language="en",
            applicants=[],
            decision=decide(R.other, [], auto=True),
            findings=[],
            today=day,
            sender="MAILER-DAEMON@mx.kemlu.go.id",
            subject="Undelivered Mail Returned to Sender",
        )
        return Scenario(name=name, eml=eml, truth=truth)
    if name == "auto_reply_out_of_office":
        subject = "Automatic reply: [FASDIP-2026-00098] Kekurangan dokumen / Missing documents"
        body = (
            "Thank you for your email. I am out of the office until 23 November 2026 with "
            "limited access to email.\n\nFor urgent matters, please contact "
            f"{mission.address}.\n\nKind regards,\n{mission.sender_name}\n"
        )
        eml = build_email(
            f"officer@{domain}",
            "Protocol Officer",
            subject,
            body,
            [],
            when,
            message_id,
            in_reply_to=f"<fasdip-2026-00098@{MAILBOX.split('@')[1]}>",
            extra_headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
        )
        truth = Truth(
            request_type=R.other,
            language="en",
            applicants=[],
            decision=decide(R.other, [], auto=True),
            findings=[FindingCode.auto_submitted],
            today=day,
            sender=f"officer@{domain}",
            subject=subject,
        )
        return Scenario(name=name, eml=eml, truth=truth)
    subject = "Pertanyaan mengenai jam layanan loket Fasdip pada akhir tahun"
    body = (
        "Yth. Direktorat Fasilitas Diplomatik,\n\nDengan hormat, kami ingin menanyakan "
        "apakah loket Fasdip tetap buka pada tanggal 24 dan 31 Desember 2026.\n\n"
        f"Atas perhatiannya kami ucapkan terima kasih.\n\nHormat kami,\n{mission.sender_name}\n"
    )
    eml = build_email(mission.address, mission.sender_name, subject, body, [], when, message_id)
    truth = Truth(
        request_type=R.other,
        language="id",
        applicants=[],
        decision=decide(R.other, [], no_attachments=True),
        findings=[FindingCode.no_attachments],
        today=day,
        sender=mission.address,
        subject=subject,
    )
    return Scenario(name=name, eml=eml, truth=truth)


def variant_spec(index: int, seed: int) -> Spec:
    """A random valid request: random type, language, people, omissions and file names."""
    rng = random.Random(f"{seed}:variant:{index}")
    kind = rng.choice([k for k in RequestType if k is not R.other])
    language: Lang = "id" if rng.random() < 0.5 else "en"
    if kind in (R.regional_visit, R.accreditation, R.attache_accreditation):
        categories = [FOREIGN]
    elif kind is R.honorary_consul:
        categories = [LOCAL]
    else:
        count = rng.choices((1, 2, 3), weights=(7, 2, 1))[0]
        categories = [rng.choice((FOREIGN, LOCAL)) for _ in range(count)]
    omit: dict[int, list[DocumentType]] = {}
    omit_note = False
    if rng.random() < 0.45:
        who = rng.randrange(len(categories))
        choices = [x for x in REQUIRED[kind][categories[who]] if x is not DT.diplomatic_note]
        omit[who] = rng.sample(choices, rng.choice((1, 1, 2)))
        # Leave the note out too only when something is still attached (no attachments at
        # all is a question for an officer, not a request with missing items).
        something_left = len(categories) > 1 or len(choices) > len(omit[who])
        omit_note = rng.random() < 0.1 and something_left
    styles: list[NameStyle] = ["descriptive", "indonesian", "underscore", "generic"]
    style = rng.choice(styles if len(categories) > 1 else [*styles, "short"])
    state = "complete" if not omit and not omit_note else "missing"
    cats = "-".join("f" if c is FOREIGN else "l" for c in categories)
    return Spec(
        name=f"v{index:04d}_{kind.value}_{language}_{cats}_{state}",
        kind=kind,
        language=language,
        mission=rng.choice(MISSIONS).key,
        categories=categories,
        omit=omit,
        omit_note=omit_note,
        style=style,
        combined=kind is R.airport_pass_visitor and rng.random() < 0.3,
        html=rng.random() < 0.25,
        inline=rng.random() < 0.2,
        consul_seat=rng.choice(("denpasar", "surabaya", "medan")),
    )


def build_scenario(spec: Spec, seed: int = 7) -> Scenario:
    eml, truth = build(spec, seed)
    return Scenario(name=spec.name, eml=eml, truth=truth)


def build_corpus(count: int = 60, seed: int = 7) -> list[Scenario]:
    """The fixed catalogue, then random variants, ``count`` scenarios in all."""
    out: list[Scenario] = []
    for spec in CATALOGUE[:count]:
        out.append(build_scenario(spec, seed))
    for name in SPECIAL[: max(0, count - len(out))]:
        out.append(_special(name, seed))
    for index in range(FIXED_COUNT, count):
        out.append(build_scenario(variant_spec(index, seed), seed))
    return out
