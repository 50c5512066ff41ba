"""Sessions expire (idle, and at most so long after signing in); the SSO header counts
only from a trusted proxy; failed sign-ins wait longer each time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request

from config.settings import WebSettings
from fasdip.store.console_records import OfficerRecord
from fasdip.web import auth

T0 = dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)


def request(session: dict[str, Any], client: str = "10.0.0.5", **headers: str) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": (client, 1234),
        "session": session,
    }
    return Request(scope)


def signed_in() -> dict[str, Any]:
    session: dict[str, Any] = {}
    auth.start_session(request(session), "ani", T0)
    return session


def test_a_session_ends_after_an_idle_hour() -> None:
    web = WebSettings(session_idle_minutes=60)
    session = signed_in()
    assert auth.current_officer(request(session), web, T0 + dt.timedelta(minutes=59)) == "ani"
    assert auth.current_officer(request(session), web, T0 + dt.timedelta(minutes=118)) == "ani"
    assert auth.current_officer(request(session), web, T0 + dt.timedelta(minutes=179)) is None
    assert session == {}


def test_a_busy_session_still_ends_at_its_maximum_length() -> None:
    web = WebSettings(session_idle_minutes=60, session_max_hours=2)
    session = signed_in()
    for minutes in range(0, 120, 30):
        assert auth.current_officer(request(session), web, T0 + dt.timedelta(minutes=minutes))
    assert auth.current_officer(request(session), web, T0 + dt.timedelta(minutes=121)) is None


def test_the_sso_header_counts_only_from_a_trusted_proxy() -> None:
    web = WebSettings(trusted_user_header="X-Remote-User", trusted_proxies=["10.0.0.1"])
    forged = request({}, client="10.0.0.5", **{"X-Remote-User": "mallory"})
    assert auth.current_officer(forged, web, T0) is None
    proxied = request({}, client="10.0.0.1", **{"X-Remote-User": "citra"})
    assert auth.current_officer(proxied, web, T0) == "citra"
    assert WebSettings().trusted_user_header == ""  # off unless the office sets it


def test_each_failed_sign_in_doubles_the_wait_up_to_the_cap() -> None:
    throttle = auth.Throttle(max_delay=30)
    waits = []
    for failures in range(1, 8):
        officer = OfficerRecord(
            id=1, name="ani", password_hash="", failed_signins=failures, last_failed_at=T0
        )
        waits.append(throttle.wait(officer, "10.0.0.5", T0))
    assert waits == [1, 2, 4, 8, 16, 30, 30]


def test_passwords_are_hashed_with_argon2id_and_checked() -> None:
    passwords = auth.Passwords()
    stored = passwords.hash("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct" not in stored
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "correct horse batterY")
    assert not passwords.verify(None, "anything")  # unknown officer
    assert auth.password_problem("short") is not None
