"""``/healthz``: ``fasdip status --json`` over HTTP, as a plain ASGI app to mount.

The console (``fasdip web``, Starlette) mounts it with
``Route("/healthz", HealthzApp(settings))`` (Starlette treats a non-function endpoint as an
ASGI app); it needs no sign-in and shows no personal data. HTTP 200 when healthy or
degraded (the JSON's ``state`` says which), 503 when down. The checks block (a sign-in to
the mailbox, a query), so they run in a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from config.settings import Settings
from fasdip.status import State, compute_status

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def healthz_response(settings: Settings) -> tuple[int, bytes]:
    """The HTTP status code and the JSON body of ``/healthz`` now."""
    status = compute_status(settings)
    code = 503 if status.state is State.down else 200
    return code, status.model_dump_json().encode()


class HealthzApp:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if scope.get("method", "GET") not in ("GET", "HEAD"):
            await self._send(send, 405, b'{"error": "use GET"}')
            return
        code, body = await asyncio.to_thread(healthz_response, self.settings)
        await self._send(send, code, b"" if scope.get("method") == "HEAD" else body)

    @staticmethod
    async def _send(send: Send, code: int, body: bytes) -> None:
        headers = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
        await send({"type": "http.response.start", "status": code, "headers": headers})
        await send({"type": "http.response.body", "body": body})
