"""Data at rest: file modes, encryption (sealed, read back, mixed store, wrong key), and a
full service run (`fasdip poll --once`, `fasdip digest`, `fasdip document` as processes)
whose log output and digest never show a passport number or NIK in full."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from config.settings import ProtectionSettings, StoreSettings
from fasdip.errors import ConfigError
from fasdip.logs import mask
from fasdip.store import Store, Vault, VaultError
from fasdip.store.vault import MAGIC, dir_mode
from samples.missions import registry_yaml
from tests.fasdip.corpus import scenario
from tests.fasdip.mailbox_helpers import mission_mail
from tests.servers import postgres_cluster, postgres_url

pytestmark = pytest.mark.slow  # the service on SQLite and PostgreSQL, whole cases

__all__ = ["postgres_cluster"]

ROOT = Path(__file__).resolve().parents[2]
KEY = "correct horse battery staple 42"
NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what a careless shell gives: files 0644, folders 0755
    try:
        yield
    finally:
        os.umask(old)


def open_store(tmp: Path, key: str = "", file_mode: int = 0o600) -> Store:
    return Store.open(
        StoreSettings(var_dir=tmp / "var"),
        worker="protection-test",
        protection=ProtectionSettings.model_validate(
            {"encryption_key": key, "file_mode": file_mode}
        ),
    )


# ---------------------------------------------------------------------- the store's files


def test_raw_mails_are_private_whatever_the_umask(tmp_path: Path, loose_umask: None) -> None:
    store = open_store(tmp_path)
    raw = mission_mail(1)
    sha = store.save_raw(raw, NOW)
    path = store.raw_path(sha)
    assert path.read_bytes() == raw and mode(path) == 0o600
    assert mode(path.parent) == 0o700 and mode(store.raw_dir) == 0o700
    store.close()
    store = open_store(tmp_path, file_mode=0o640)
    sha2 = store.save_raw(mission_mail(2), NOW)
    assert mode(store.raw_path(sha2)) == 0o640 and mode(store.raw_dir) == 0o750
    assert mode(tmp_path / "var" / "fasdip.sqlite3") == 0o640  # the case record too
    store.close()
    assert dir_mode(0o600) == 0o700 and dir_mode(0o644) == 0o755


def test_with_a_key_raw_mails_are_sealed_and_read_back(tmp_path: Path) -> None:
    store = open_store(tmp_path, KEY)
    raw = mission_mail(1)
    sha = store.save_raw(raw, NOW)
    sealed = store.raw_path(sha).with_name(f"{sha}.eml.enc")
    assert sha == hashlib.sha256(raw).hexdigest()  # named by the plain bytes
    assert sealed.exists() and not store.raw_path(sha).exists()
    blob = sealed.read_bytes()
    assert blob.startswith(MAGIC) and b"Applicant 1" not in blob and b"embassy" not in blob
    assert mode(sealed) == 0o600
    assert store.read_raw(sha) == raw
    assert store.save_raw(raw, NOW) == sha  # the same bytes again: nothing rewritten
    assert sealed.read_bytes() == blob
    store.close()


def test_a_mixed_store_reads_old_plain_files_and_new_sealed_ones(tmp_path: Path) -> None:
    first, second = mission_mail(1), mission_mail(2)
    store = open_store(tmp_path)
    old = store.save_raw(first, NOW)
    store.close()
    store = open_store(tmp_path, KEY)
    new = store.save_raw(second, NOW)
    assert store.raw_path(old).exists()  # left as it was
    assert store.raw_path(new).with_name(f"{new}.eml.enc").exists()
    assert store.read_raw(old) == first
    assert store.read_raw(new) == second
    store.close()


def test_a_wrong_or_missing_key_says_which_setting_never_a_traceback(tmp_path: Path) -> None:
    store = open_store(tmp_path, KEY)
    raw = mission_mail(1)
    sha = store.save_raw(raw, NOW)
    store.close()
    for key in ("another key of enough length", ""):
        with pytest.raises(ConfigError) as caught:  # at start-up, not mail by mail
            open_store(tmp_path, key)
        assert isinstance(caught.value, VaultError)
        assert "protection.encryption_key" in caught.value.message
        assert "FASDIP_PROTECTION__ENCRYPTION_KEY" in caught.value.message
        # and reading one with a store opened before the key was known
        store = Store.open(StoreSettings(var_dir=tmp_path / "var"), worker="w")
        store.vault = Vault(passphrase=key)
        with pytest.raises(VaultError, match=r"protection\.encryption_key"):
            store.read_raw(sha)
        with pytest.raises(VaultError, match=r"protection\.encryption_key"):
            store.protect(ProtectionSettings.model_validate({"encryption_key": key}))
        store.close()
    assert Vault(passphrase=KEY).read(store.raw_path(sha)) == raw
    # a damaged file is told apart from a wrong key
    sealed = store.raw_path(sha).with_name(f"{sha}.eml.enc")
    blob = bytearray(sealed.read_bytes())
    blob[-1] ^= 0xFF
    sealed.write_bytes(bytes(blob))
    with pytest.raises(VaultError, match="damaged"):
        Vault(passphrase=KEY).read(store.raw_path(sha))


def test_on_postgresql_the_database_copy_is_sealed_too(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = postgres_url(request, "protection_sealed_copy")
    protection = ProtectionSettings.model_validate({"encryption_key": KEY})
    one = Store.open(
        StoreSettings(var_dir=tmp_path / "a", url=url), worker="a", protection=protection
    )
    two = Store.open(
        StoreSettings(var_dir=tmp_path / "b", url=url), worker="b", protection=protection
    )
    try:
        raw = mission_mail(1)
        sha = one.save_raw(raw, NOW)
        with one.engine.connect() as conn:
            [(content, encrypted)] = conn.execute(
                text("SELECT content, encrypted FROM raw_mails WHERE sha256 = :s"), {"s": sha}
            ).all()
        assert encrypted and bytes(content).startswith(MAGIC) and b"Applicant" not in content
        assert two.vault.stored_path(two.raw_path(sha)) is None  # not on this machine
        assert two.read_raw(sha) == raw  # from the database, decrypted
    finally:
        one.close()
        two.close()


def test_key_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        ProtectionSettings.model_validate({"encryption_key": "short"})
    with pytest.raises(ValueError, match="owner read and write"):
        ProtectionSettings(file_mode=0o400)
    assert ProtectionSettings.model_validate({"file_mode": "0o640"}).file_mode == 0o640


# ---------------------------------------------------------------------- a full service run

SCENARIOS = (
    "new_en_foreign_complete",
    "new_id_local_complete",
    "renewal_id_foreign_complete",
    "new_en_three_foreign",
)


@dataclass
class Run:
    base: Path
    config: Path
    logs: str
    digest_html: str
    digest_text: str
    numbers: set[str]  # passport numbers and NIKs of the fixtures


def fasdip(
    config: Path, *args: str, key: str = KEY, verbose: bool = False, **env: str
) -> subprocess.CompletedProcess[str]:
    """``fasdip`` as a process (``-v``: every INFO log line on stderr)."""
    flags = ["-v"] if verbose else []
    return subprocess.run(
        [sys.executable, "-m", "fasdip.cli", *flags, "--config", str(config), *args],
        cwd=ROOT,
        env={**os.environ, **env, "FASDIP_PROTECTION__ENCRYPTION_KEY": key},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("protected")
    (base / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    (base / "inbox").mkdir()
    numbers: set[str] = set()
    for name in SCENARIOS:
        eml = scenario(name).eml
        (base / "inbox" / f"{name}.eml").write_bytes(eml)
        body = eml.decode("ascii", "replace")
        numbers.update(re.findall(r"NIK\s*:?\s*(\d{16})", body))
    config = base / "settings.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "store": {"var_dir": str(base / "var")},
                "service": {
                    "inbox_dir": str(base / "inbox"),
                    "outbox_dir": str(base / "outbox"),
                    "lock_file": str(base / "var" / "fasdip.lock"),
                    "worker_name": "protection-run",
                },
                "missions": {"file": str(base / "missions.yaml")},
                "digest": {"output_dir": str(base / "digest")},
            }
        )
    )
    poll = fasdip(config, "poll", "--once", verbose=True)
    assert poll.returncode == 0, poll.stderr
    digest = fasdip(config, "digest", verbose=True)
    assert digest.returncode == 0, digest.stderr
    store = open_store(base, KEY)
    try:
        for stored in store.verdicts():
            verdict = json.loads(stored.verdict_json)
            for passport in verdict["passports"]:
                if passport["document_number"]["value"]:
                    numbers.add(passport["document_number"]["value"])
            for ktp in verdict["ktps"]:
                if ktp["nik"]["value"]:
                    numbers.add(ktp["nik"]["value"])
    finally:
        store.close()
    [html] = (base / "digest").glob("*.html")
    return Run(
        base=base,
        config=config,
        logs=poll.stdout + poll.stderr + digest.stdout + digest.stderr,
        digest_html=html.read_text(encoding="utf-8"),
        digest_text=html.with_suffix(".txt").read_text(encoding="utf-8"),
        numbers=numbers,
    )


def test_logs_and_the_digest_never_show_a_passport_number_or_nik(run: Run) -> None:
    passports = {n for n in run.numbers if not n.isdigit()}
    niks = {n for n in run.numbers if n.isdigit()}
    assert len(passports) >= 3 and len(niks) >= 1, run.numbers  # the test sees some
    assert "decision registration_proof" in run.logs  # the logs talk about these cases
    for number in run.numbers:
        assert number not in run.logs, f"{mask(number)} in the log output"
        assert number not in run.digest_html, f"{mask(number)} in the digest (HTML)"
        assert number not in run.digest_text, f"{mask(number)} in the digest (text)"


def test_every_file_at_rest_is_sealed_and_private(run: Run) -> None:
    var = run.base / "var"
    raws = [p for p in (var / "raw").rglob("*") if p.is_file()]
    documents = [p for p in (var / "documents").rglob("*") if p.is_file()]
    assert len(raws) == len(SCENARIOS) and len(documents) >= 10
    for path in [*raws, *documents]:
        assert path.name.endswith(".enc") and mode(path) == 0o600, path
        blob = path.read_bytes()
        assert blob.startswith(MAGIC)
        for number in run.numbers:
            assert number.encode() not in blob
    for folder in [var / "raw", var / "documents", *(p.parent for p in documents)]:
        assert mode(folder) == 0o700, folder
    # the digest links to the sealed documents
    assert all(str(p) in run.digest_html for p in documents)


def test_fasdip_document_writes_a_document_in_clear(run: Run) -> None:
    document = next(p for p in (run.base / "var" / "documents").rglob("*.pdf.enc"))
    out = run.base / "clear.pdf"
    done = fasdip(run.config, "document", str(document), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and mode(out) == 0o600
    wrong = fasdip(run.config, "document", str(document), key="not the key that wrote it")
    assert wrong.returncode == 2 and wrong.stdout == ""
    [line] = wrong.stderr.strip().splitlines()
    assert "protection.encryption_key" in line and "another key" in line


def test_a_missing_key_stops_the_commands_with_one_line_naming_the_setting(run: Run) -> None:
    for command in (["digest"], ["poll", "--once"], ["purge", "--dry-run"]):
        done = fasdip(run.config, *command, key="", FASDIP_PROTECTION__RETENTION_DAYS="30")
        assert done.returncode == 2, command
        [line] = done.stderr.strip().splitlines()
        assert "protection.encryption_key" in line and "Traceback" not in done.stderr
