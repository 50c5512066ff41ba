"""Files at rest: restrictive permissions and, with a key, encryption (``protection.*``).

Every file the store and the case files write (raw mails under ``var/raw``, documents
under ``var/documents``) goes through a ``Vault``:

- the file gets mode ``protection.file_mode`` (0600), its folders the same bits plus
  "search" wherever read or write is given (0700); it is written to a temporary name,
  fsynced and renamed, so a crash never leaves half a file under the real name;
- with ``protection.encryption_key`` set, the bytes are sealed with AES-256-GCM and the
  file is named with ``.enc`` after its usual name (``<sha256>.eml.enc``: the name still
  carries the hash of the plain bytes). Reading looks for the sealed file first, then the
  plain one, so files written before the key was set stay readable (a mixed store).

Key derivation: the setting is a passphrase of at least 16 characters; the AES key is
``scrypt(passphrase, salt="fasdip-intake/protection/v1", n=2**15, r=8, p=1)``, computed
once per process. A sealed blob is ``MAGIC | key id (8 bytes) | nonce (12) | ciphertext
+ tag``, the magic and the key id authenticated as associated data; the key id (an HMAC
of the key) lets a wrong key be told apart from a damaged file.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from config.settings import ProtectionSettings
from fasdip.errors import ConfigError

MAGIC = b"FASDIP-ENC\x01"
SEALED_SUFFIX = ".enc"
_SALT = b"fasdip-intake/protection/v1"
_KEY_ID_LEN = 8
_NONCE_LEN = 12
_SETTING = "protection.encryption_key (FASDIP_PROTECTION__ENCRYPTION_KEY)"


class VaultError(ConfigError):
    """A sealed file cannot be opened: no key, another key, or damaged bytes."""

    reason = "bad_encryption_key"


@functools.lru_cache(maxsize=4)
def derive_key(passphrase: str) -> bytes:
    """The 32-byte AES key of a passphrase (scrypt; slow on purpose, cached per process)."""
    kdf = Scrypt(salt=_SALT, length=32, n=2**15, r=8, p=1)
    return kdf.derive(passphrase.encode("utf-8"))


def _key_id(key: bytes) -> bytes:
    return hmac.new(key, b"fasdip key id", hashlib.sha256).digest()[:_KEY_ID_LEN]


def dir_mode(file_mode: int) -> int:
    """0600 -> 0700, 0640 -> 0750: the file bits plus search wherever read or write is given."""
    mode = file_mode & 0o777
    for shift in (6, 3, 0):
        if mode & (0o6 << shift):
            mode |= 0o1 << shift
    return mode


class Vault:
    def __init__(self, file_mode: int = 0o600, passphrase: str = "") -> None:
        self.file_mode = file_mode & 0o777
        self.dir_mode = dir_mode(self.file_mode)
        self._key = derive_key(passphrase) if passphrase else None

    @classmethod
    def from_settings(cls, protection: ProtectionSettings) -> Vault:
        return cls(protection.file_mode, protection.encryption_key.get_secret_value())

    @property
    def encrypting(self) -> bool:
        return self._key is not None

    @property
    def identity_key(self) -> bytes | None:
        """The key of the case identities' digests (``identity_digest``), derived from the
        encryption key; ``None`` without one (plain sha256)."""
        if self._key is None:
            return None
        return hmac.new(self._key, b"fasdip identity digests", hashlib.sha256).digest()

    # ------------------------------------------------------------------ bytes

    def seal(self, data: bytes) -> bytes:
        """The sealed form of ``data`` (unchanged when no key is set)."""
        if self._key is None:
            return data
        header = MAGIC + _key_id(self._key)
        nonce = os.urandom(_NONCE_LEN)
        return header + nonce + AESGCM(self._key).encrypt(nonce, data, header)

    def unseal(self, blob: bytes, where: str) -> bytes:
        """The plain bytes of a sealed ``blob``; ``where`` names it in the error."""
        if not blob.startswith(MAGIC):
            raise VaultError(f"{where}: not a sealed file (damaged?); restore it from a backup")
        if self._key is None:
            raise VaultError(f"{where} is encrypted: set {_SETTING} to the key that wrote it")
        start = len(MAGIC)
        key_id = blob[start : start + _KEY_ID_LEN]
        if not hmac.compare_digest(key_id, _key_id(self._key)):
            raise VaultError(
                f"{where} was encrypted with another key: set {_SETTING} to the key that wrote it"
            )
        nonce = blob[start + _KEY_ID_LEN : start + _KEY_ID_LEN + _NONCE_LEN]
        try:
            return AESGCM(self._key).decrypt(
                nonce, blob[start + _KEY_ID_LEN + _NONCE_LEN :], blob[: start + _KEY_ID_LEN]
            )
        except InvalidTag as exc:
            raise VaultError(
                f"{where}: cannot decrypt with {_SETTING} (the file is damaged); "
                "restore it from a backup"
            ) from exc

    def check_key(self, folder: Path) -> None:
        """Stop at start-up, not mail by mail, when the sealed files under ``folder`` need a
        key that is not set or not this one (the first sealed file found is checked)."""
        for found in folder.rglob(f"*{SEALED_SUFFIX}"):
            with open(found, "rb") as handle:
                head = handle.read(len(MAGIC) + _KEY_ID_LEN)
            if not head.startswith(MAGIC):
                continue  # a damaged file: reading it says so
            where = f"{folder} holds encrypted files (e.g. {found.name}) and"
            if self._key is None:
                raise VaultError(
                    f"{where} no key is set: set {_SETTING} to the key that wrote them"
                )
            if not hmac.compare_digest(head[len(MAGIC) :], _key_id(self._key)):
                raise VaultError(
                    f"{where} they were written with another key: set {_SETTING} to that key"
                )
            return

    # ------------------------------------------------------------------ files

    def make_dirs(self, folder: Path) -> None:
        """``folder`` and its missing parents, made with the folder mode (0700)."""
        missing = []
        here = folder
        while not here.exists():
            missing.append(here)
            here = here.parent
        for path in reversed(missing):
            with contextlib.suppress(FileExistsError):  # another worker made it just now
                path.mkdir(mode=self.dir_mode)

    def tighten(self, folder: Path) -> None:
        """Give an existing folder of ours (``var/raw``, ``var/documents``) the folder mode."""
        if folder.is_dir() and folder.stat().st_mode & 0o777 != self.dir_mode:
            os.chmod(folder, self.dir_mode)

    def stored_path(self, path: Path) -> Path | None:
        """The file standing for ``path``: its sealed form, the plain one, or ``None``."""
        sealed = path.with_name(path.name + SEALED_SUFFIX)
        if sealed.exists():
            return sealed
        return path if path.exists() else None

    def write(self, path: Path, data: bytes) -> Path:
        """Write ``data`` for ``path`` (sealed as ``path.enc`` with a key); the file written.

        Atomic and durable: a temporary file in the same folder, fsynced, renamed, the
        folder fsynced."""
        target = path.with_name(path.name + SEALED_SUFFIX) if self.encrypting else path
        self.make_dirs(target.parent)
        tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.file_mode)
        try:
            os.fchmod(fd, self.file_mode)  # the umask does not loosen or tighten it
            with os.fdopen(fd, "wb") as out:
                out.write(self.seal(data))
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, target)
        fsync_dir(target.parent)
        return target

    def read(self, path: Path) -> bytes:
        """The plain bytes stored for ``path`` (sealed or not); ``FileNotFoundError`` if none."""
        found = self.stored_path(path)
        if found is None:
            raise FileNotFoundError(f"{path}: no such file (sealed or plain)")
        return self.read_file(found)

    def read_file(self, found: Path) -> bytes:
        """The plain bytes of one file, decrypted when its name says it is sealed."""
        data = found.read_bytes()
        if found.name.endswith(SEALED_SUFFIX):
            return self.unseal(data, str(found))
        return data


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
