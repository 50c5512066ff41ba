"""The embedded-defaults mailbox: a local folder of ``.eml`` files (``var/inbox``).

Each file is a mail; its key is (``local``, the folder, 0, sha256 of its bytes), so the
same file dropped twice is one mail. ``acknowledge`` moves a processed file to ``done/``;
the mailroom calls it only after the verdict is committed (and the reply sent). With a
``keeper`` (the store's ``Vault``), the file in ``done/`` is written through it instead:
the office's file mode and, with a key, sealed (``….eml.enc``); the inbox copy is removed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from ingest.source import Cursor, FetchedMail, MailKey, SourceError


class FileKeeper(Protocol):
    """Writes a file with the office's protection (``fasdip.store.vault.Vault``)."""

    def write(self, path: Path, data: bytes) -> Path: ...


class FolderSource:
    def __init__(
        self,
        folder: Path,
        *,
        batch_size: int = 25,
        max_bytes: int = 40_000_000,
        keeper: FileKeeper | None = None,
    ) -> None:
        self.keeper = keeper
        self.account = "local"
        self.folder = str(folder.resolve())
        self.path = folder
        self.done = folder / "done"
        self.batch_size = batch_size
        self.max_bytes = max_bytes

    def _files(self) -> list[Path]:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            return sorted(
                p for p in self.path.iterdir() if p.is_file() and p.suffix.lower() == ".eml"
            )
        except OSError as exc:
            raise SourceError(f"inbox folder {self.path}: {exc.strerror}") from exc

    def _key(self, sha: str) -> MailKey:
        return MailKey(account=self.account, folder=self.folder, uidvalidity=0, uid=sha)

    def fetch_new(self, cursor: Cursor | None) -> Iterator[list[FetchedMail]]:
        """Every file still in the folder (the store skips the ones it already has)."""
        batch: list[FetchedMail] = []
        for path in self._files():
            try:
                size = path.stat().st_size
                if size > self.max_bytes:
                    sha = hashlib.sha256(f"{path.name}:{size}".encode()).hexdigest()
                    problem = f"too_large: {size} bytes (limit {self.max_bytes})"
                    batch.append(FetchedMail(key=self._key(sha), size=size, problem=problem))
                else:
                    raw = path.read_bytes()
                    sha = hashlib.sha256(raw).hexdigest()
                    batch.append(FetchedMail(key=self._key(sha), size=len(raw), raw=raw))
            except FileNotFoundError:
                continue  # taken away meanwhile
            except OSError as exc:
                raise SourceError(f"{path}: {exc.strerror}") from exc
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def acknowledge(self, keys: Sequence[MailKey]) -> list[MailKey]:
        wanted = {k.uid: k for k in keys if k.folder == self.folder}
        done: list[MailKey] = []
        if not wanted:
            return done
        if self.keeper is None:  # the keeper makes it with the folder mode
            self.done.mkdir(parents=True, exist_ok=True)
        for path in self._files():
            try:
                data = path.read_bytes()
            except OSError:
                continue
            sha = hashlib.sha256(data).hexdigest()
            if sha in wanted:
                self._keep_done(path, sha, data)
                done.append(wanted.pop(sha))
        # keys whose file is gone already (moved before a crash) count as acknowledged
        return done + list(wanted.values())

    def _keep_done(self, path: Path, sha: str, data: bytes) -> None:
        target = self.done / path.name
        if target.exists() or target.with_name(target.name + ".enc").exists():
            target = self.done / f"{path.stem}.{sha[:12]}{path.suffix}"
        try:
            if self.keeper is None:
                os.replace(path, target)
            else:
                self.keeper.write(target, data)
                path.unlink()
        except OSError as exc:
            raise SourceError(f"{self.done}: cannot keep {path.name} ({exc.strerror})") from exc

    def check(self) -> None:
        """The folder is there and readable (``fasdip status``); ``SourceError`` if not."""
        if not self.path.is_dir() or not os.access(self.path, os.R_OK | os.W_OK | os.X_OK):
            raise SourceError(f"inbox folder {self.path}: missing or not readable and writable")

    def close(self) -> None:
        return None
