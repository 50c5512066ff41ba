"""Marking processed mail where the server keeps no keywords: a real Dovecot whose ACL
denies the service the ``w`` right (flags other than \\Seen and \\Deleted), so its
PERMANENTFLAGS at SELECT lack both our keyword and ``\\*`` (as on a shared mailbox the
service may read but not flag). Processed mail is then moved to ``imap.processed_folder``,
created if missing, and never fetched again; the log says which way at the first connection.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from imapclient import IMAPClient

from config.mail_settings import ImapSettings
from ingest.imap import ImapSource
from tests.servers import Dovecot, dovecot, new_dovecot, remove_dovecot

pytestmark = pytest.mark.slow  # real Dovecot servers
__all__ = ["dovecot"]
MAIL = b"From: a@embassy.example\r\nTo: fasdip@test.example\r\nSubject: t\r\n\r\nhi\r\n"

# Every mailbox: look up, read, \Seen, \Deleted, insert, expunge, create, delete; no "w".
NO_KEYWORDS = """\
mail_plugins = $mail_plugins acl
protocol imap {{
  mail_plugins = $mail_plugins acl imap_acl
}}
plugin {{
  acl = vfile:{d}/global-acl
}}
"""


@pytest.fixture
def keywordless() -> Iterator[Dovecot]:
    server = new_dovecot(extra=NO_KEYWORDS)
    (server.root / "global-acl").write_text(f"* user={server.user} lrsitekx\n")
    server.start()
    yield server
    remove_dovecot(server)


def settings_for(server: Dovecot, user: str) -> ImapSettings:
    return ImapSettings(
        host="127.0.0.1",
        port=server.port,
        security="plain",
        username=user,
        password=server.password,
        timeout_seconds=5,
    )


def process_all(source: ImapSource) -> int:
    done = 0
    for batch in source.fetch_new(None):
        source.acknowledge([m.key for m in batch])
        done += len(batch)
    return done


def test_without_keywords_processed_mail_is_moved_to_a_new_folder(
    keywordless: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    keywordless.deliver(keywordless.user, MAIL)
    keywordless.deliver(keywordless.user, MAIL)
    source = ImapSource(settings_for(keywordless, keywordless.user))
    with caplog.at_level(logging.INFO, logger="ingest.imap"):
        try:
            assert process_all(source) == 2
            assert process_all(source) == 0  # moved away: not fetched again
            keywordless.deliver(keywordless.user, MAIL)
            assert process_all(source) == 1
        finally:
            source.close()
    said = [r.getMessage() for r in caplog.records if "processed mail is" in r.getMessage()]
    assert len(said) == 1 and "moved to the folder FasdipProcessed" in said[0]
    client = IMAPClient("127.0.0.1", port=keywordless.port, ssl=False, timeout=5)
    client.login(keywordless.user, keywordless.password)
    assert client.select_folder("INBOX")[b"EXISTS"] == 0
    assert client.select_folder("FasdipProcessed")[b"EXISTS"] == 3
    client.logout()


def test_with_keywords_processed_mail_is_marked_and_stays(
    dovecot: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    user = "keywords@test.example"
    dovecot.deliver(user, MAIL)
    source = ImapSource(settings_for(dovecot, user))
    with caplog.at_level(logging.INFO, logger="ingest.imap"):
        try:
            assert process_all(source) == 1
            assert process_all(source) == 0  # our keyword: not fetched again
        finally:
            source.close()
    assert any("marked with the keyword $FasdipProcessed" in r.getMessage() for r in caplog.records)
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=5)
    client.login(user, dovecot.password)
    assert client.select_folder("INBOX")[b"EXISTS"] == 1
    assert client.search(["KEYWORD", "$FasdipProcessed"]) == [1]
    client.logout()
