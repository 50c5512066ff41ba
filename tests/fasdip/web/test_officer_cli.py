"""``fasdip officer add``: a password is hashed into the store, never kept in clear; a bad
name or a short password is refused in one line (exit 2)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.fasdip.web.conftest import fasdip, write_config


def test_an_officer_is_added_with_a_hashed_password_and_can_be_given_a_new_one(
    tmp_path: Path,
) -> None:
    config = write_config(tmp_path)
    added = fasdip(config, "officer", "add", "ani", "--password-stdin", stdin="a long password 1\n")
    assert added.returncode == 0 and "officer ani: added" in added.stdout
    again = fasdip(config, "officer", "add", "ani", "--password-stdin", stdin="a long password 2\n")
    assert again.returncode == 0 and "new password set" in again.stdout
    assert fasdip(config, "officer", "list").stdout.split() == ["ani"]
    with sqlite3.connect(tmp_path / "var" / "fasdip.sqlite3") as db:
        [(stored,)] = db.execute("select password_hash from officers").fetchall()
    assert stored.startswith("$argon2id$") and "long password" not in stored


def test_a_short_password_or_a_name_with_spaces_is_refused(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    short = fasdip(config, "officer", "add", "ani", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "at least 12 characters" in short.stderr
    spaced = fasdip(
        config, "officer", "add", "ani s", "--password-stdin", stdin="a long password\n"
    )
    assert spaced.returncode == 2 and "no spaces" in spaced.stderr
