"""Who is signed in: officers' passwords (argon2id), signed sessions that expire, a CSRF
token per session checked on every form, failed sign-ins slowed down, and the optional
single sign-on name from a trusted reverse proxy's header."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from starlette.requests import Request

from config.settings import WebSettings
from fasdip.store.console_records import OfficerRecord

OFFICER, CSRF, SIGNED_IN, SEEN = "officer", "csrf", "signed_in", "seen"
MIN_PASSWORD = 12
ADDRESS_GRACE = 5  # failures from one address before its tries are slowed too


class Passwords:
    """argon2id hashes (argon2-cffi's defaults, RFC 9106's second recommended set)."""

    def __init__(self) -> None:
        self._hasher = PasswordHasher()
        # Verified against when the name is unknown: the answer takes as long either way.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or ``None``."""
    if len(password) < MIN_PASSWORD:
        return f"use at least {MIN_PASSWORD} characters"
    return None


@dataclass
class Throttle:
    """Failed sign-ins in a row make the next try wait 2^(n-1) s (at most ``max_delay``),
    per officer name (in the store); and per client address (in memory) past
    ``ADDRESS_GRACE`` failures, since officers behind one proxy share an address and one
    officer's typing must not lock out the others."""

    max_delay: float
    by_address: dict[str, tuple[int, dt.datetime]] = field(default_factory=dict)

    def delay(self, failures: int) -> float:
        return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), self.max_delay)

    def wait(self, officer: OfficerRecord | None, address: str, now: dt.datetime) -> float:
        """Seconds before this name or address may try again (0: now)."""
        waits = [0.0]
        if officer is not None and officer.last_failed_at is not None:
            ready = officer.last_failed_at + dt.timedelta(
                seconds=self.delay(officer.failed_signins)
            )
            waits.append((ready - now).total_seconds())
        if address in self.by_address:
            count, last = self.by_address[address]
            delay = self.delay(count - ADDRESS_GRACE)
            waits.append((last + dt.timedelta(seconds=delay) - now).total_seconds())
        return max(waits)

    def failed(self, address: str, now: dt.datetime) -> None:
        count = self.by_address.get(address, (0, now))[0]
        self.by_address[address] = (count + 1, now)

    def succeeded(self, address: str) -> None:
        self.by_address.pop(address, None)


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def proxy_user(request: Request, settings: WebSettings) -> str | None:
    """The officer's name from the SSO header, believed only from a trusted proxy."""
    header = settings.trusted_user_header
    if not header or client_address(request) not in settings.trusted_proxies:
        return None
    name = request.headers.get(header, "").strip()
    return name[:100] or None


def current_officer(request: Request, settings: WebSettings, now: dt.datetime) -> str | None:
    """The signed-in officer, or ``None`` (no session, or it expired: it is cleared)."""
    from_proxy = proxy_user(request, settings)
    session = request.session
    if from_proxy is not None:
        if session.get(OFFICER) != from_proxy:
            start_session(request, from_proxy, now)
        session[SEEN] = now.timestamp()
        return from_proxy
    name = session.get(OFFICER)
    if not isinstance(name, str):
        return None
    signed_in, seen = float(session.get(SIGNED_IN, 0)), float(session.get(SEEN, 0))
    stamp = now.timestamp()
    if (
        stamp - signed_in > settings.session_max_hours * 3600
        or stamp - seen > settings.session_idle_minutes * 60
    ):
        session.clear()
        return None
    session[SEEN] = stamp
    return name


def start_session(request: Request, officer: str, now: dt.datetime) -> None:
    """A new session (a new CSRF token too: none carried over from before sign-in)."""
    request.session.clear()
    request.session.update(
        {
            OFFICER: officer,
            CSRF: secrets.token_urlsafe(32),
            SIGNED_IN: now.timestamp(),
            SEEN: now.timestamp(),
        }
    )


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF] = token
    return token


def csrf_ok(request: Request, sent: object) -> bool:
    token = request.session.get(CSRF)
    return (
        isinstance(token, str)
        and isinstance(sent, str)
        and hmac.compare_digest(token.encode(), sent.encode())
    )
