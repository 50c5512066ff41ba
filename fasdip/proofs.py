"""The registration proofs of a complete case, made when its verdict is committed.

One signed PDF per applicant (``responders.proof``), named as the mission receives it:
``Bukti-Pendaftaran-<case>.pdf``, or ``Bukti-Pendaftaran-<case>-<n>.pdf`` (n = 1, 2, …
in the order of the applicants) when the case has several. The mailroom hands them to
the store with the reply (``Store.commit(proofs=…)``); sending attaches them.
"""

from __future__ import annotations

import re

from config.missions import MissionRegistry
from config.office import Requirements
from config.settings import ProofSettings
from fasdip.assemble import name_read
from fasdip.models import Decision, Verdict
from fasdip.store import ProofFile
from responders.proof import IdKind, ProofData, registration_proof


def proof_filename(case_ref: str, index: int, count: int) -> str:
    """``Bukti-Pendaftaran-<case>.pdf``; with several applicants, ``…-<index>.pdf``."""
    case = re.sub(r"[^A-Za-z0-9.-]+", "-", case_ref).strip("-.") or "case"
    return f"Bukti-Pendaftaran-{case}{f'-{index}' if count > 1 else ''}.pdf"


def proof_data(verdict: Verdict, mission: str, requirements: Requirements) -> list[ProofData]:
    """What each applicant's proof shows (none unless the verdict is complete)."""
    if verdict.decision != Decision.registration_proof:
        return []
    passports = {p.attachment: p for p in verdict.passports if p.accepted}
    ktps = {k.attachment: k for k in verdict.ktps if k.accepted}
    shown = []
    for index, applicant in enumerate(verdict.applicants, start=1):
        passport = next((passports[a] for a in applicant.attachments if a in passports), None)
        ktp = next((ktps[a] for a in applicant.attachments if a in ktps), None)
        number = (
            (passport.document_number.value if passport else None)
            or (ktp.nik.value if ktp else None)
            or ""
        )
        shown.append(
            ProofData.for_request(
                requirements,
                verdict.request_type,
                case_ref=verdict.case_ref,
                issued=verdict.today,
                mission_name=mission,
                applicant_name=applicant.name or name_read(passport, ktp) or f"Applicant {index}",
                id_number=number,
                id_kind=IdKind.passport if passport else IdKind.nik,
            )
        )
    return shown


def proof_files(
    verdict: Verdict,
    missions: MissionRegistry,
    requirements: Requirements,
    settings: ProofSettings,
) -> list[ProofFile]:
    """The signed PDFs the registration-proof reply carries, one per applicant; the
    mission is named as the registry names the sender."""
    mission = missions.find(verdict.sender)
    shown = proof_data(verdict, mission.name if mission else verdict.sender, requirements)
    return [
        ProofFile(
            filename=proof_filename(verdict.case_ref, index, len(shown)),
            content=registration_proof(data, settings),
        )
        for index, data in enumerate(shown, start=1)
    ]
