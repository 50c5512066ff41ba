"""The console over HTTP, against ``fasdip web`` on loopback: nothing without signing in,
no form without its CSRF token, no document through another case's URL, slowed failed
sign-ins, masked numbers in lists, the SSO header, and the quarantine list."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from config.settings import load_settings
from fasdip.mailroom import Mailroom
from fasdip.pipeline import Triage
from fasdip.store import Store
from ingest.source import MailKey
from samples.console import unnamed_scan_request
from tests.fasdip.web.conftest import Client, Site, add_officer, poll, serve, write_config

pytestmark = pytest.mark.slow  # Tesseract and a real server (fasdip web)

JAPAN = "consular@embassy-japan.example"


def plain_request(n: int, note: bytes) -> bytes:
    """A short request from the same mission with one file: a second, separate case."""
    msg = EmailMessage()
    msg["From"] = f"Embassy of Japan <{JAPAN}>"
    msg["To"] = "fasdip.dafis.kundak@kemlu.go.id"
    msg["Subject"] = f"Question {n} on regional visits"
    msg["Message-ID"] = f"<plain{n}@embassy-japan.example>"
    msg["Date"] = email.utils.format_datetime(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))
    msg.set_content("Dear colleagues, please see the attached note.")
    msg.add_attachment(note, maintype="application", subtype="pdf", filename="note.pdf")
    return bytes(msg)


def quarantine_one(config: Path, raw: bytes) -> int:
    """A mail whose every try failed (one try allowed): quarantined, as the mailroom does."""
    settings = load_settings(config)
    store = Store.open(settings.store.model_copy(update={"max_attempts": 1}), worker="t")
    now = dt.datetime.now(dt.UTC)
    sha = store.save_raw(raw, now)
    key = MailKey(account="local", folder="inbox", uidvalidity=1, uid="q1")
    store.record_mail(
        key, raw_sha256=sha, message_id="<q1@embassy-japan.example>", size=len(raw), now=now
    )
    mail = store.claim_next(now)
    assert mail is not None
    after = store.fail(mail.id, "RuntimeError: the judge crashed", now)
    store.close()
    assert after.status == "quarantined"
    return after.id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, triage: Triage) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("console")
    config = write_config(tmp, trusted_user_header="X-Remote-User", signin_max_delay_seconds=30)
    raw, _truth = unnamed_scan_request()
    poll(config, triage, {"1.eml": raw})
    poll(config, triage, {"2.eml": plain_request(2, b"%PDF-1.4 the second case's own note")})
    quarantine_one(config, plain_request(3, b"%PDF-1.4 a third"))
    add_officer(config)
    with serve(config) as running:
        yield running


@pytest.fixture
def officer(site: Site) -> Client:
    client = Client(site.url)
    assert client.sign_in().status == 303
    return client


def numbers(site: Site) -> tuple[str, str]:
    store = Store.open(load_settings(site.config).store, worker="t")
    try:
        first, second, *_later = store.cases()
        return first.number, second.number
    finally:
        store.close()


def test_every_page_needs_a_signed_in_officer(site: Site) -> None:
    first, _ = numbers(site)
    anonymous = Client(site.url)
    for path in (
        "/",
        "/lists/officer",
        "/lists/quarantine",
        f"/cases/{first}",
        f"/cases/{first}/documents/a1",
    ):
        answer = anonymous.get(path)
        assert answer.status == 303 and answer.headers["location"].startswith("/signin"), path
    token = anonymous.csrf()  # even with a token of its own, a session without an officer
    for action in ("note", "judge", "send", "mark", "correct"):
        answer = anonymous.post(
            f"/cases/{first}/{action}", {"csrf": token, "text": "x", "step": "do"}
        )
        assert answer.status == 401, action
    assert anonymous.post("/quarantine/3/release", {"csrf": token, "step": "do"}).status == 401


def test_a_wrong_password_is_refused_and_repeated_failures_are_slowed(site: Site) -> None:
    client = Client(site.url)
    add_officer(site.config, "budi", "budi's long password")
    assert client.sign_in("budi", "wrong").status == 401
    time.sleep(1.2)  # the first failure makes the next try wait 1 s
    assert client.sign_in("budi", "wrong again").status == 401
    slowed = client.sign_in("budi", "budi's long password")  # right, but too soon
    assert slowed.status == 429 and "try again in" in slowed.text
    assert client.get("/lists/officer").status == 303


def test_a_post_without_the_csrf_token_is_refused(site: Site, officer: Client) -> None:
    first, _ = numbers(site)
    refused = officer.post(f"/cases/{first}/note", {"text": "without a token"})
    assert refused.status == 403
    forged = officer.post(f"/cases/{first}/note", {"text": "forged", "csrf": "x" * 43})
    assert forged.status == 403
    page = officer.get(f"/cases/{first}").text
    assert "without a token" not in page and "forged" not in page
    token = officer.csrf(f"/cases/{first}")
    assert (
        officer.post(f"/cases/{first}/note", {"text": "Called the embassy", "csrf": token}).status
        == 303
    )
    assert "Called the embassy" in officer.get(f"/cases/{first}").text


def test_a_document_is_served_only_through_its_own_case(site: Site, officer: Client) -> None:
    first, second = numbers(site)
    own = officer.get(f"/cases/{second}/documents/a1")
    assert own.status == 200 and own.body == b"%PDF-1.4 the second case's own note"
    assert own.headers["content-type"] == "application/pdf"
    assert own.headers["content-disposition"].startswith("inline")
    scan = officer.get(f"/cases/{first}/documents/a4")
    assert scan.status == 200 and scan.body.startswith(b"%PDF")
    # a4 exists in the first case only: the second case's URL does not reach it
    assert officer.get(f"/cases/{second}/documents/a4").status == 400
    assert officer.get(f"/cases/{second}/documents/..%2f..%2fa4").status in (400, 404)
    assert officer.get("/cases/FASDIP-1999-000001/documents/a1").status == 400


def test_lists_mask_personal_numbers_and_search_finds_them_by_last_digits(
    site: Site, officer: Client
) -> None:
    first, _ = numbers(site)
    page = officer.get(f"/cases/{first}").text
    full = re.findall(r'name="value" value="([A-Z]\d{8})"', page)  # the passport number
    assert full, "the case page shows the passport number in full"
    number = full[0]
    listing = officer.get("/lists/officer").text
    assert number not in listing and number[-4:] in listing
    found = officer.get(f"/lists/officer?q={number[-5:]}").text
    assert first in found
    assert first not in officer.get("/lists/officer?q=99999999").text
    assert first in officer.get("/lists/officer?q=yamamoto").text
    assert first not in officer.get("/lists/officer?type=id_card").text


def test_the_sso_header_is_believed_from_a_trusted_proxy(site: Site) -> None:
    proxied = Client(site.url, headers={"X-Remote-User": "citra"})
    page = proxied.get("/lists/officer")
    assert page.status == 200 and "citra" in page.text


def test_a_quarantined_mail_is_listed_released_and_judged(
    site: Site, officer: Client, triage: Triage
) -> None:
    listing = officer.get("/lists/quarantine").text
    found = re.search(r'id="mail-(\d+)"', listing)
    assert found and "the judge crashed" in listing
    mail_id = found.group(1)
    token = officer.csrf("/lists/quarantine")
    preview = officer.post(f"/quarantine/{mail_id}/release", {"csrf": token, "step": "preview"})
    assert preview.status == 200 and "judged again at the next poll" in preview.text
    done = officer.post(f"/quarantine/{mail_id}/release", {"csrf": token, "step": "do"})
    assert done.status == 303
    assert f'id="mail-{mail_id}"' not in officer.get("/lists/quarantine").text
    settings = load_settings(site.config)
    room = Mailroom.open(settings, triage=triage)
    try:
        report = room.poll_once()
        assert report.processed == 1
        assert room.store.mail(int(mail_id)).status == "done"
        trail = room.store.audit_trail(mail_id=int(mail_id))
        assert [(t.officer, t.action) for t in trail] == [("ani", "release")]
    finally:
        room.close()


def test_a_corrected_number_is_kept_sealed_and_masked_in_the_trail(
    site: Site, officer: Client
) -> None:
    first, _ = numbers(site)
    page = officer.get(f"/cases/{first}").text
    token = officer.csrf(f"/cases/{first}")
    form = {
        "csrf": token,
        "kind": "field",
        "attachment": "a2",
        "field": "passport.document_number",
        "value": "X12345678",
    }
    preview = officer.post(f"/cases/{first}/correct", {**form, "step": "preview"})
    assert preview.status == 200 and "passport.document_number reads •••••5678" in preview.text
    assert officer.post(f"/cases/{first}/correct", {**form, "step": "save_judge"}).status == 303
    page = officer.get(f"/cases/{first}").text
    assert 'value="X12345678"' in page  # the case page shows it in full, corrected
    trail = page[page.index('id="trail"') :]
    assert "passport.document_number reads •••••5678" in trail and "X12345678" not in trail
    assert (
        "X12345678" not in officer.get("/lists/officer").text + officer.get("/lists/complete").text
    )


def test_marking_a_case_entered_moves_it_to_the_done_list(site: Site, officer: Client) -> None:
    _, second = numbers(site)
    token = officer.csrf(f"/cases/{second}")
    preview = officer.post(
        f"/cases/{second}/mark", {"csrf": token, "state": "entered", "step": "preview"}
    )
    assert preview.status == 200 and "nothing is sent" in preview.text
    assert second not in officer.get("/lists/done").text  # a preview changes nothing
    done = officer.post(f"/cases/{second}/mark", {"csrf": token, "state": "entered", "step": "do"})
    assert done.status == 303
    assert second in officer.get("/lists/done").text
    assert "<b>ani</b> mark entered" in officer.get(f"/cases/{second}").text
