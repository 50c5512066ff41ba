"""What every page of the console shares: the templates, rendering with the menu's counts,
the confirmation page of a two-step action, and the guard that puts each page behind a
signed-in officer (a POST also needs the session's CSRF token)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from fasdip.errors import FasdipError, UsageError
from fasdip.logs import mail_logger
from fasdip.models import DocumentType
from fasdip.store.console_records import QuarantinedMail
from fasdip.web import auth
from fasdip.web.actions import Outgoing, Preview
from fasdip.web.console import Console
from fasdip.web.worklists import LISTS, Filters

HERE = Path(__file__).resolve().parent

Handler = Callable[["Site", Request, str], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]

NOT_THIS_SESSION = (
    "This form did not come from this session of the console "
    "(or the session was renewed): reload the page and send it again."
)


class Site:
    """The console and its templates, handed to every route's handler."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals["document_types"] = [t.value for t in DocumentType]
        zone = console.settings.timezone
        self.templates.env.filters["when"] = lambda moment: when(moment, zone)

    def render(
        self, request: Request, name: str, officer: str, status: int = 200, **ctx: Any
    ) -> Response:
        context = {
            "officer": officer,
            "csrf": auth.csrf_token(request),
            "lists": LISTS,
            "counts": self.console.lists(Filters()).counts,
            "now": self.console.clock(),
            **ctx,
        }
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def confirm(
        self,
        request: Request,
        officer: str,
        *,
        title: str,
        action: str,
        number: str = "",
        shown: Preview | Outgoing | None = None,
        hidden: dict[str, Any] | None = None,
        mail: QuarantinedMail | None = None,
    ) -> Response:
        """The first step of an action: what it will do (the case judged again, or the
        reply as it would leave), and the form that does it."""
        return self.render(
            request,
            "confirm.html.j2",
            officer,
            number=number,
            action=action,
            preview=shown if isinstance(shown, Preview) else None,
            outgoing=shown if isinstance(shown, Outgoing) else None,
            hidden=hidden or {},
            title=title,
            mail=mail,
        )

    def officer_page(self, handler: Handler) -> Endpoint:
        """The handler behind a signed-in officer; a store or input error becomes a page."""

        async def endpoint(request: Request) -> Response:
            officer = auth.current_officer(request, self.console.settings.web, self.console.clock())
            if officer is None:
                return _sign_in_first(request)
            if request.method == "POST" and not auth.csrf_ok(
                request, (await request.form()).get("csrf")
            ):
                return self.error(request, officer, NOT_THIS_SESSION, 403)
            try:
                return await handler(self, request, officer)
            except FasdipError as err:  # bad input (400), or the store's own trouble (500)
                status = 400 if isinstance(err, UsageError) else 500
                mail_logger(__name__, request.url.path).warning("%s: %s", officer, err.message)
                return self.error(request, officer, err.message, status)

        return endpoint

    def error(self, request: Request, officer: str, message: str, status: int) -> Response:
        return self.render(request, "error.html.j2", officer, status=status, message=message)


def _sign_in_first(request: Request) -> Response:
    """A page asked for while signed out: the sign-in form, then back to that page."""
    if request.method != "GET":
        return Response("Sign in first.", status_code=401)
    target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return RedirectResponse(f"/signin?next={target}", status_code=303)


def back_to_case(number: str) -> Response:
    return RedirectResponse(f"/cases/{quote(number)}", status_code=303)


def when(moment: dt.datetime | None, zone: str) -> str:
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(zone)).strftime("%d %b %Y %H:%M")
