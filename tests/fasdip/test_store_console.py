"""The console's rows in the store: with a key set, what officers write about a case
(corrected numbers, notes) is sealed at rest; read back, it is the same."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from pydantic import SecretStr

from config.settings import ProtectionSettings, StoreSettings
from fasdip.store import Store, ThreadHints
from ingest.source import MailKey

NOW = dt.datetime(2026, 11, 29, 9, tzinfo=dt.UTC)


def a_case(store: Store) -> int:
    sha = store.save_raw(b"From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n", NOW)
    key = MailKey(account="local", folder="inbox", uidvalidity=1, uid="1")
    mail = store.record_mail(key, raw_sha256=sha, message_id="<1@b.example>", size=40, now=NOW)
    hints = ThreadHints(sender="a@b.example", subject_key="x", year=2026)
    return store.assign_case(mail.id, hints, NOW).id


def test_corrections_and_notes_are_sealed_with_the_key_and_read_back(tmp_path: Path) -> None:
    protection = ProtectionSettings(encryption_key=SecretStr("a passphrase of the office"))
    store = Store.open(StoreSettings(var_dir=tmp_path), worker="t", protection=protection)
    case_id = a_case(store)
    store.add_correction(
        case_id,
        kind="field",
        sha256="f" * 64,
        field="passport.document_number",
        value="X12345678",
        officer="ani",
        now=NOW,
        detail="a2: passport.document_number reads •••••5678",
    )
    store.add_note(case_id, "ani", "NIK 3171234567890001 checked by phone", NOW)
    [correction] = store.corrections(case_id)
    assert correction.value == "X12345678"
    assert store.notes(case_id)[0].text.startswith("NIK 3171234567890001")
    store.close()
    with sqlite3.connect(tmp_path / "fasdip.sqlite3") as db:
        dump = "\n".join(db.iterdump())
    assert "X12345678" not in dump and "3171234567890001" not in dump
    assert "•••••5678" in dump  # the audit line says what changed, masked


def test_a_quarantined_mail_marked_handled_leaves_the_list_and_is_never_claimed(
    tmp_path: Path,
) -> None:
    store = Store.open(StoreSettings(var_dir=tmp_path, max_attempts=1), worker="t")
    sha = store.save_raw(b"From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n", NOW)
    key = MailKey(account="local", folder="inbox", uidvalidity=1, uid="7")
    store.record_mail(key, raw_sha256=sha, message_id="<7@b.example>", size=40, now=NOW)
    mail = store.claim_next(NOW)
    assert mail is not None
    store.fail(mail.id, "RuntimeError: crashed", NOW)
    assert [q.id for q in store.quarantined()] == [mail.id]
    store.mark_handled(mail.id, "ani", NOW)
    assert store.quarantined() == []
    assert store.claim_next(NOW + dt.timedelta(days=1)) is None
    assert [(t.officer, t.action) for t in store.audit_trail(mail_id=mail.id)] == [
        ("ani", "handled")
    ]
    store.close()
