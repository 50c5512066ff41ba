"""The console's test rig: a store filled by the real mailroom, ``fasdip web`` started as
its own process on loopback, an HTTP client that keeps cookies, and headless Chromium
driven by selenium through Debian's chromium-driver."""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from config.settings import load_settings
from fasdip.mailroom import Mailroom
from fasdip.pipeline import Triage
from tests.servers import free_port, wait_port

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery"
PROOF_KEY = "console-tests-proof-key-0123456789abcdef"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def write_config(tmp: Path, **web: Any) -> Path:
    """A settings file for the service and the console sharing one store under ``tmp``."""
    config = {
        "store": {"var_dir": str(tmp / "var")},
        "service": {
            "inbox_dir": str(tmp / "inbox"),
            "outbox_dir": str(tmp / "outbox"),
            "lock_file": str(tmp / "var" / "fasdip.lock"),
            "worker_name": "test-worker",
        },
        "missions": {"file": str(ROOT / "examples" / "missions.yaml")},
        "workers": {"processes": 1},
        "digest": {"output_dir": str(tmp / "digest")},
        "web": web,
        "proof": {"hmac_key": PROOF_KEY},  # `fasdip web` refuses the development key
    }
    path = tmp / "settings.yaml"
    tmp.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config))
    return path


def fasdip(config: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fasdip.cli", "--config", str(config), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def poll(config: Path, triage: Triage, mails: dict[str, bytes]) -> None:
    """Drop ``mails`` in the inbox and let the real mailroom judge and answer them."""
    settings = load_settings(config)
    settings.service.inbox_dir.mkdir(parents=True, exist_ok=True)
    for name, raw in mails.items():
        (settings.service.inbox_dir / name).write_bytes(raw)
    room = Mailroom.open(settings, triage=triage)
    try:
        room.poll_once()
    finally:
        room.close()


def add_officer(config: Path, name: str = "ani", password: str = PASSWORD) -> None:
    done = fasdip(config, "officer", "add", name, "--password-stdin", stdin=password + "\n")
    assert done.returncode == 0, done.stderr


@dataclass
class Site:
    config: Path
    url: str


@contextmanager
def serve(config: Path) -> Iterator[Site]:
    """``fasdip web`` on a free loopback port, stopped (and waited for) afterwards."""
    port = free_port()
    log = open(config.parent / "web.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "fasdip.cli", "--config", str(config), "web", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    try:
        wait_port(port, timeout=90)
        yield Site(config, f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """A browser without JavaScript: cookies kept, redirects shown, not followed."""

    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.headers = headers or {}

    def request(self, path: str, data: dict[str, str] | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        try:
            with self.opener.open(req, timeout=120) as resp:
                return Answer(
                    resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
                )
        except urllib.error.HTTPError as err:
            return Answer(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())

    def get(self, path: str) -> Answer:
        return self.request(path)

    def post(self, path: str, data: dict[str, str]) -> Answer:
        return self.request(path, data)

    def csrf(self, path: str = "/signin") -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.get(path).text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self, name: str = "ani", password: str = PASSWORD) -> Answer:
        token = self.csrf()
        return self.post(
            "/signin", {"csrf": token, "name": name, "password": password, "next": "/"}
        )


@pytest.fixture
def chrome() -> Iterator[Any]:
    """Headless Chromium driven by selenium (Debian's chromium and chromium-driver)."""
    if not Path(CHROMEDRIVER).exists() or shutil.which("chromium") is None:
        pytest.skip("chromium and chromium-driver are not installed: run scripts/setup.sh")
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--no-first-run",
    ):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "chromium"
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
