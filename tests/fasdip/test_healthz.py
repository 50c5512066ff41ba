"""``/healthz``: the status JSON over the ASGI interface the console mounts it on."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from fasdip.healthz import HealthzApp
from fasdip.mailroom import Mailroom
from fasdip.pipeline import Triage
from fasdip.service import poll_and_record
from tests.fasdip.mailbox_helpers import make_settings


def get(app: HealthzApp, method: str = "GET") -> tuple[int, dict[str, Any] | None]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(dict(message))

    scope = {"type": "http", "method": method, "path": "/healthz", "headers": []}
    asyncio.run(app(scope, receive, send))
    body = sent[1]["body"]
    return sent[0]["status"], json.loads(body) if body else None


def test_healthz_is_503_when_down_and_200_with_the_figures_when_up(
    tmp_path: Path, triage: Triage
) -> None:
    settings = make_settings(tmp_path)
    app = HealthzApp(settings)
    code, body = get(app)
    assert code == 503 and body is not None and body["state"] == "down"
    (tmp_path / "inbox").mkdir()
    room = Mailroom.open(settings, triage=triage)
    try:
        poll_and_record(room, room.clock())
    finally:
        room.close()
    code, body = get(app)
    assert code == 200 and body is not None and body["state"] == "healthy"
    assert body["workers_alive"] == 1 and body["mails_quarantined"] == 0
    assert get(app, "POST")[0] == 405
