"""With an encryption key set, no passport number or NIK is in clear anywhere under the
service's folders (``var/``, the inbox's ``done/``, the outbox) or in the database; after
retention, the verdicts, readings and the readings cache hold none either; a key set
later seals what was kept before (``fasdip protect``)."""

from __future__ import annotations

import datetime as dt
import email
import re
import sqlite3
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from config.settings import ProtectionSettings, Settings, WorkerSettings
from fasdip import cli
from fasdip.mailroom import Mailroom
from fasdip.models import Verdict
from fasdip.retention import purge_closed_cases
from fasdip.service import poll_and_record
from fasdip.store import identity_digest
from samples.emails import build_email
from samples.files import photo_jpeg, text_pdf
from samples.missions import registry_yaml
from samples.passports import make_passport
from tests.fasdip.corpus import scenario
from tests.fasdip.mailbox_helpers import make_settings
from tests.servers import postgres_cluster, postgres_url

pytestmark = pytest.mark.slow  # Tesseract on a passport scan, PostgreSQL

__all__ = ["postgres_cluster"]

KEY = "pii-at-rest-test-key-0123456789"
WHEN = dt.datetime.now(dt.UTC)
MISSIONS_EXTRA = """\
  - key: example-embassy
    name: Embassy of Example
    domains: [embassy.example]
"""


def request_mail(n: int, passport_seed: int) -> tuple[bytes, str]:
    """A request with a scanned passport whose body quotes its number, as missions often
    do; the mail and the number."""
    passport = make_passport(passport_seed)
    truth = passport.truth
    name = f"{truth.given_names.title()} {truth.surname}"
    note = text_pdf(
        "NOTE VERBALE",
        [
            "The Embassy presents its compliments to the Ministry of Foreign Affairs and requests",
            f"the issuance of the annual airport pass for Mr. {name}, First Secretary,",
            f"passport {truth.document_number}.",
        ],
    )
    raw = build_email(
        sender="consular@embassy.example",
        sender_name="Consular",
        subject="Request for New Annual Airport Pass",
        body=f"Passport no. {truth.document_number}. Note attached.",
        attachments=[
            ("Note.pdf", "application/pdf", note),
            ("scan001.pdf", "application/pdf", passport.pdf("jpeg")),
            ("Photo.jpg", "image/jpeg", photo_jpeg("red")),
        ],
        date=WHEN,
        message_id=f"<pii{n}@embassy.example>",
    )
    return raw, truth.document_number


def mails() -> tuple[dict[str, bytes], set[str]]:
    """A scanned passport, and generated requests with KTPs (NIKs in their bodies)."""
    raw, number = request_mail(1, passport_seed=3)
    found = {"scan.eml": raw}
    numbers = {number}
    for name in ("new_id_local_complete", "new_en_foreign_complete"):
        eml = scenario(name).eml
        found[f"{name}.eml"] = eml
        numbers.update(re.findall(r"NIK\s*:?\s*(\d{16})", eml.decode("ascii", "replace")))
    return found, numbers


def protected(settings: Settings, **protection: object) -> Settings:
    """With the key; judged in this process by the service's own triage (readings file)."""
    values = {"encryption_key": KEY, **protection}
    return settings.model_copy(
        update={
            "protection": ProtectionSettings.model_validate(values),
            "workers": WorkerSettings(processes=1),
        }
    )


def clear_hits(root: Path, numbers: list[str]) -> list[str]:
    """Every file under ``root`` whose bytes, or whose decoded MIME parts, hold a number."""
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        blobs = [data]
        if path.suffix == ".eml":
            message = email.message_from_bytes(data, policy=policy.compat32)
            for part in message.walk():
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    blobs.append(payload)
        hits += [f"{path}: {n}" for n in numbers for blob in blobs if n.encode() in blob]
    return sorted(set(hits))


def database_hits(url: str, numbers: list[str]) -> list[str]:
    engine = create_engine(url)
    hits = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                for value in row:
                    blob = value.encode() if isinstance(value, str) else value
                    if isinstance(blob, bytes | memoryview):
                        hits += [f"{table}: {n}" for n in numbers if n.encode() in bytes(blob)]
    engine.dispose()
    return sorted(set(hits))


def run_poll(settings: Settings) -> Mailroom:
    room = Mailroom.open(settings)
    poll_and_record(room, room.clock())
    return room


def read_numbers(room: Mailroom) -> list[str]:
    """The numbers the stored verdicts hold (read through the store, so decrypted)."""
    found = []
    for stored in room.store.verdicts():
        verdict = Verdict.model_validate_json(stored.verdict_json)
        found += [p.document_number.value or "" for p in verdict.passports]
        found += [k.nik.value or "" for k in verdict.ktps]
    return found


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_no_passport_number_or_nik_in_clear_once_a_key_is_set(
    store: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = postgres_url(request, "pii_at_rest") if store == "postgresql" else ""
    settings = protected(make_settings(tmp_path, store_url=url))
    (tmp_path / "missions.yaml").write_text(registry_yaml() + MISSIONS_EXTRA)
    found, expected = mails()
    settings.service.inbox_dir.mkdir(parents=True)
    for name, raw in found.items():
        (settings.service.inbox_dir / name).write_bytes(raw)
    room = run_poll(settings)
    try:
        assert all(m.status == "done" for m in room.store.mails())
        read = set(read_numbers(room)) - {""}  # readable with the key
        assert any(len(n) == 9 for n in read) and any(len(n) == 16 for n in read), read
    finally:
        room.close()
    numbers = sorted(expected | read)
    assert not list(settings.service.inbox_dir.glob("*.eml"))  # acknowledged
    hits = clear_hits(tmp_path, numbers)
    db = url or f"sqlite:///{settings.store.var_dir / 'fasdip.sqlite3'}"
    hits += database_hits(db, numbers)
    assert hits == [], "\n".join(hits)
    readings = settings.store.var_dir / "readings.sqlite3"
    with sqlite3.connect(readings) as cache:
        assert cache.execute("SELECT count(*) FROM readings").fetchone()[0] >= 1


@pytest.mark.parametrize("key", ["", KEY])
def test_retention_leaves_no_passport_number_or_nik_in_folders_rows_or_readings(
    key: str, tmp_path: Path
) -> None:
    settings = protected(make_settings(tmp_path), encryption_key=key, retention_days=1)
    (tmp_path / "missions.yaml").write_text(registry_yaml() + MISSIONS_EXTRA)
    found, expected = mails()
    settings.service.inbox_dir.mkdir(parents=True)
    for name, raw in found.items():
        (settings.service.inbox_dir / name).write_bytes(raw)
    room = run_poll(settings)
    try:
        read = set(read_numbers(room)) - {""}
        assert any(len(n) == 9 for n in read) and any(len(n) == 16 for n in read), read
        numbers = sorted(expected | read)
        db = f"sqlite:///{settings.store.var_dir / 'fasdip.sqlite3'}"
        if not key:  # before retention, in clear: what the test looks for is there
            assert database_hits(db, numbers) and clear_hits(tmp_path, numbers)
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
        report = purge_closed_cases(settings, room.store, later)
        assert len(report.cases) == len(found) and report.document_sha256s
        assert read_numbers(room) == []  # the verdicts say no number any more…
        decisions = [s.decision for s in room.store.verdicts()]
        assert len(decisions) == len(found)  # …but are kept, with their decisions
    finally:
        room.close()
    with sqlite3.connect(settings.store.var_dir / "readings.sqlite3") as cache:
        assert cache.execute("SELECT count(*) FROM readings").fetchone()[0] == 0
    hits = clear_hits(tmp_path, numbers) + database_hits(db, numbers)
    assert hits == [], "\n".join(hits)
    assert not list((settings.service.inbox_dir / "done").iterdir())
    assert not list(settings.service.outbox_dir.iterdir())


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_a_key_set_on_a_running_store_seals_what_was_kept_before_with_fasdip_protect(
    store: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An office that starts without a key and sets one later: `fasdip protect` seals the
    mails, documents, verdicts and readings kept in clear, keys the old identity digests
    (a follow-up with the same passport still finds its case), and can be run again."""
    url = postgres_url(request, "protect_later") if store == "postgresql" else ""
    settings = protected(make_settings(tmp_path, store_url=url), encryption_key="")
    (tmp_path / "missions.yaml").write_text(registry_yaml() + MISSIONS_EXTRA)
    found, expected = mails()
    settings.service.inbox_dir.mkdir(parents=True)
    for name, raw in found.items():
        (settings.service.inbox_dir / name).write_bytes(raw)
    run_poll(settings).close()
    db = url or f"sqlite:///{settings.store.var_dir / 'fasdip.sqlite3'}"
    numbers = sorted(expected)
    assert database_hits(db, numbers) and clear_hits(tmp_path, numbers)

    config = tmp_path / "settings.yaml"
    config.write_text(
        f"store: {{var_dir: {settings.store.var_dir}, url: '{url}'}}\n"
        f"service: {{lock_file: {settings.service.lock_file}, "
        f"inbox_dir: {settings.service.inbox_dir}, outbox_dir: {settings.service.outbox_dir}}}\n"
        f"missions: {{file: {settings.missions.file}}}\n"
    )
    assert cli.main(["--config", str(config), "protect"]) == 2  # no key yet: says which setting
    assert "protection.encryption_key" in capsys.readouterr().err
    monkeypatch.setenv("FASDIP_PROTECTION__ENCRYPTION_KEY", KEY)
    assert cli.main(["--config", str(config), "protect", "--check"]) == 1
    assert "verdicts" in capsys.readouterr().out
    assert cli.main(["--config", str(config), "protect"]) == 0
    said = capsys.readouterr().out
    assert "files" in said and "identities" in said and "readings deleted" in said, said
    assert cli.main(["--config", str(config), "protect", "--check"]) == 0
    assert capsys.readouterr().out.strip() == "in clear: nothing"

    hits = clear_hits(tmp_path, numbers) + database_hits(db, numbers)  # inbox/done too
    assert hits == [], "\n".join(hits)
    room = Mailroom.open(protected(settings))
    try:  # readable with the key, and the old case found by the digest a follow-up brings
        passports = {n for n in expected if len(n) == 9}
        assert set(read_numbers(room)) >= passports
        key = room.store.vault.identity_key
        with room.store.engine.connect() as conn:
            held = set(conn.execute(text("SELECT digest FROM case_identities")).scalars())
        assert {identity_digest("passport", n, key) for n in passports} <= held
    finally:
        room.close()
