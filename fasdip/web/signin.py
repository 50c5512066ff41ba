"""Signing in and out of the console: the form, the password check (argon2, slowed after
failures, the same answer for an unknown name as for a wrong password), a new session with
a new CSRF token, and the audit line."""

from __future__ import annotations

import asyncio
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from fasdip.web import auth
from fasdip.web.console import Console


def signin_routes(console: Console, templates: Jinja2Templates) -> list[Route]:
    async def signin_page(request: Request) -> Response:
        return templates.TemplateResponse(
            request,
            "signin.html.j2",
            {
                "csrf": auth.csrf_token(request),
                "next": safe_next(request.query_params.get("next")),
                "message": "",
            },
        )

    async def signin(request: Request) -> Response:
        form = await request.form()
        target = safe_next(form_text(form, "next"))
        if not auth.csrf_ok(request, form.get("csrf")):
            return signin_again(templates, request, target, "The form expired: sign in again.", 403)
        name, password = form_text(form, "name").strip(), form_text(form, "password")
        now, address = console.clock(), auth.client_address(request)
        record = console.store.officer(name)
        wait = console.throttle.wait(record, address, now)
        if wait > 0:
            message = f"Too many failed sign-ins: try again in {int(wait) + 1} s."
            return signin_again(templates, request, target, message, 429)
        ok = await run_in_threadpool(
            console.passwords.verify, record.password_hash if record else None, password
        )
        if not ok:
            console.throttle.failed(address, now)
            console.store.signin_failed(name, now)
            await asyncio.sleep(0.2 + secrets.randbelow(200) / 1000)
            return signin_again(templates, request, target, "Wrong name or password.", 401)
        console.throttle.succeeded(address)
        console.store.signin_succeeded(name)
        auth.start_session(request, name, now)
        console.store.audit(name, "sign_in", address, now)
        return RedirectResponse(target, status_code=303)

    async def signout(request: Request) -> Response:
        form = await request.form()
        if auth.csrf_ok(request, form.get("csrf")):
            request.session.clear()
        return RedirectResponse("/signin", status_code=303)

    return [
        Route("/signin", signin_page, methods=["GET"]),
        Route("/signin", signin, methods=["POST"]),
        Route("/signout", signout, methods=["POST"]),
    ]


def form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def safe_next(target: str | None) -> str:
    """Only a path of this console (never another site) after signing in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def signin_again(
    templates: Jinja2Templates, request: Request, target: str, message: str, status: int
) -> Response:
    return templates.TemplateResponse(
        request,
        "signin.html.j2",
        {"csrf": auth.csrf_token(request), "next": target, "message": message},
        status_code=status,
    )
