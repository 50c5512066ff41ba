"""An officer settles a doubtful case in Chromium: signs in, opens the case the machine
sent to an officer, names the unnamed scan as the Kemlu ID card, judges the case again,
sends the registration proof; the reply is in the outbox with its PDF. Screenshots at
1280 and 390 px are kept (``SCREENSHOTS`` or the test's folder)."""

from __future__ import annotations

import email
import email.policy
import os
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from fasdip.pipeline import Triage
from samples.console import SCAN_NAME, unnamed_scan_request
from tests.fasdip.web.conftest import PASSWORD, add_officer, poll, serve, write_config

pytestmark = pytest.mark.slow  # Tesseract, a real server and Chromium


class Clicks:
    """Counts what the officer does: clicks, and choices in a list."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.count = 0

    def click(self, element_id: str) -> None:
        wait = WebDriverWait(self.driver, 180)
        wait.until(expected_conditions.element_to_be_clickable((By.ID, element_id))).click()
        self.count += 1

    def choose(self, element_id: str, value: str) -> None:
        wait = WebDriverWait(self.driver, 180)
        found = wait.until(expected_conditions.presence_of_element_located((By.ID, element_id)))
        Select(found).select_by_value(value)
        self.count += 1


def shoot(driver: Any, folder: Path, name: str) -> None:
    """The whole page at 1280 and at 390 px wide (after the document viewer drew)."""
    for width in (1280, 390):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(int(height) + 20, 6000))
        time.sleep(1.5)
        driver.save_screenshot(str(folder / f"{name}-{width}.png"))
    driver.set_window_size(1280, 900)


def text_of(driver: Any, element_id: str) -> str:
    """The text of an element of the page the last click opens (waited for: judging a
    case with OCR takes seconds on a loaded machine)."""
    wait = WebDriverWait(driver, 180)
    return str(
        wait.until(expected_conditions.presence_of_element_located((By.ID, element_id))).text
    )


def test_an_officer_names_the_scan_judges_again_and_sends_the_proof(
    tmp_path: Path, triage: Triage, chrome: Any
) -> None:
    raw, truth = unnamed_scan_request()
    config = write_config(tmp_path)
    poll(config, triage, {"request.eml": raw})
    add_officer(config)
    shots = Path(os.environ.get("SCREENSHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    outbox = tmp_path / "outbox"
    assert len(list(outbox.glob("*.eml"))) == 1  # the machine's acknowledgement only

    with serve(config) as site:
        chrome.set_window_size(1280, 900)
        clicks = Clicks(chrome)
        chrome.get(site.url + "/")
        assert "/signin" in chrome.current_url  # no page without signing in
        chrome.find_element(By.ID, "name").send_keys("ani")
        chrome.find_element(By.ID, "password").send_keys(PASSWORD)
        clicks.click("signin")
        assert text_of(chrome, "nav-officer").endswith("1")
        shoot(chrome, shots, "lists")

        start = clicks.count
        chrome.find_element(By.CSS_SELECTOR, "a.row").click()
        clicks.count += 1
        assert text_of(chrome, "decision") == "officer_review"
        scan = next(a for a in truth.attachments if a.filename == SCAN_NAME)
        [doc_id] = [
            e.get_attribute("id").removeprefix("doc-")
            for e in chrome.find_elements(By.CSS_SELECTOR, "li.doc")
            if SCAN_NAME in e.text
        ]
        shoot(chrome, shots, "case")

        clicks.choose(f"type-{doc_id}", scan.document_type.value)
        clicks.click(f"settype-{doc_id}")
        assert text_of(chrome, "after-decision") == "registration_proof"  # the preview
        shoot(chrome, shots, "preview")
        clicks.click("save")
        assert text_of(chrome, "decision") == "officer_review"  # saved, not judged yet
        clicks.click("judge")
        assert text_of(chrome, "after-decision") == "registration_proof"
        clicks.click("confirm")
        assert text_of(chrome, "decision") == "registration_proof"

        clicks.click("send")
        shown = text_of(chrome, "outgoing-text")
        assert "FASDIP-" in shown and "Dengan hormat" in shown
        shoot(chrome, shots, "send")
        clicks.click("confirm-send")
        assert "registration_proof" in text_of(chrome, "replies")
        assert "sent" in text_of(chrome, "replies")
        trail = text_of(chrome, "trail")
        for action in ("correct_document_type", "judge_again", "send"):
            assert f"ani {action}" in trail
        settled = clicks.count - start
        print(
            f"clicks to settle the case: {settled} (open, choose, preview, save, judge, confirm, send, confirm)"
        )

    replies = sorted(outbox.glob("*.eml"))
    assert len(replies) == 2
    reply = email.message_from_bytes(replies[-1].read_bytes(), policy=email.policy.default)
    assert isinstance(reply, EmailMessage)
    assert reply["X-Fasdip-Kind"] == "registration_proof"
    assert reply["To"] == truth.sender
    pdfs = [p for p in reply.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert [p.get_filename() for p in pdfs] == [f"Bukti-Pendaftaran-{text_of_case(reply)}.pdf"]
    assert pdfs[0].get_content().startswith(b"%PDF")


def text_of_case(reply: EmailMessage) -> str:
    """The case number the reply's subject quotes."""
    subject = str(reply["Subject"])
    return next(
        word.strip("[]():") for word in subject.split() if word.strip("[]():").startswith("FASDIP-")
    )
