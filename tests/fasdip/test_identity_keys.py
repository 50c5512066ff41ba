"""With protection.encryption_key set, the case identities are keyed digests (HMAC), never
the plain sha256 anyone could compute from a guessed passport number or NIK, and threading
by applicant still works; retention empties the registration proofs of purged cases."""

from __future__ import annotations

import datetime as dt
import sqlite3
from email import message_from_bytes
from email.policy import compat32
from pathlib import Path

import pytest

from config.settings import ProtectionSettings, Settings
from fasdip.mailroom import Mailroom
from fasdip.models import Verdict
from fasdip.pipeline import Triage
from fasdip.store import identity_digest
from samples.missions import registry_yaml
from samples.scenarios import build_corpus
from tests.fasdip.corpus import scenario
from tests.fasdip.mailbox_helpers import make_settings

KEY = "identity digests test key 0123456789"


def with_key(settings: Settings, key: str, days: int = 0) -> Settings:
    protection = ProtectionSettings.model_validate({"encryption_key": key, "retention_days": days})
    return settings.model_copy(update={"protection": protection})


def complete_request_and_follow_up() -> tuple[bytes, bytes]:
    """A complete set with a passport copy, and a mail about the same applicant with no
    case number, no In-Reply-To and another subject."""
    [scenario] = build_corpus(count=1, seed=7)
    second = message_from_bytes(scenario.eml, policy=compat32)
    for name in ("Subject", "Message-ID", "In-Reply-To", "References"):
        del second[name]
    second["Subject"] = "Dokumen susulan"
    second["Message-ID"] = "<follow-up-without-headers@usembassy.example>"
    return scenario.eml, second.as_bytes()


def poll(settings: Settings, room: Mailroom, name: str, raw: bytes) -> None:
    settings.service.inbox_dir.mkdir(parents=True, exist_ok=True)
    (settings.service.inbox_dir / name).write_bytes(raw)
    room.poll_once()


def stored_digests(settings: Settings) -> set[str]:
    with sqlite3.connect(settings.store.var_dir / "fasdip.sqlite3") as db:
        return {row[0] for row in db.execute("SELECT digest FROM case_identities")}


@pytest.mark.parametrize("key", ["", KEY])
def test_identities_are_keyed_with_a_key_and_the_same_applicant_still_joins(
    key: str, tmp_path: Path, triage: Triage
) -> None:
    settings = with_key(make_settings(tmp_path), key)
    first, follow_up = complete_request_and_follow_up()
    room = Mailroom.open(settings, triage=triage)
    try:
        poll(settings, room, "1.eml", first)
        poll(settings, room, "2.eml", follow_up)
        assert len(room.store.cases()) == 1 and len(room.store.verdicts()) == 2
        verdict = Verdict.model_validate_json(room.store.verdicts()[0].verdict_json)
        identity_key = room.store.vault.identity_key
    finally:
        room.close()
    numbers = {p.document_number.value for p in verdict.passports if p.document_number.value}
    assert numbers
    plain = {identity_digest("passport", n) for n in numbers}
    keyed = {identity_digest("passport", n, identity_key) for n in numbers}
    digests = stored_digests(settings)
    if key:
        assert identity_key is not None and keyed <= digests and not plain & digests
    else:
        assert identity_key is None and plain <= digests


def test_retention_empties_the_proofs_of_purged_cases(tmp_path: Path, triage: Triage) -> None:
    settings = with_key(make_settings(tmp_path), KEY, days=1)
    settings.missions.file.write_text(registry_yaml(), encoding="utf-8")  # its senders known
    first = scenario("new_en_foreign_complete").eml
    room = Mailroom.open(settings, triage=triage)
    database = settings.store.var_dir / "fasdip.sqlite3"
    try:
        poll(settings, room, "1.eml", first)
        with sqlite3.connect(database) as db:
            sizes = [r[0] for r in db.execute("SELECT length(content) FROM proofs")]
        assert sizes and all(size > 1000 for size in sizes)  # a proof PDF was issued
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
        report = room.store.purge_closed(later - dt.timedelta(days=1), later)
        assert len(report.cases) == 1
    finally:
        room.close()
    with sqlite3.connect(database) as db:
        assert [r[0] for r in db.execute("SELECT length(content) FROM proofs")] == [0] * len(sizes)
