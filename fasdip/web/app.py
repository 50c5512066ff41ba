"""The console's routes. Every page needs a signed-in officer (``officer_page``); every
form carries the session's CSRF token and a POST without it is refused (403).

Each action is one form posted twice: ``step=preview`` shows what it will do (the
decision and reply the case would get, the text that would leave), ``step=do`` does it
and returns to the case page.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from fasdip.errors import FasdipError, UsageError
from fasdip.logs import mail_logger
from fasdip.models import DocumentType
from fasdip.store.console_records import CLOSED, ENTERED
from fasdip.web import auth
from fasdip.web.actions import Correction
from fasdip.web.console import Console
from fasdip.web.headers import SecurityHeaders
from fasdip.web.signin import form_text, signin_routes
from fasdip.web.worklists import LISTS, OFFICER, Filters

HERE = Path(__file__).resolve().parent
Page = Callable[[Request, str], Awaitable[Response]]


def create_app(console: Console) -> Starlette:
    web = console.settings.web
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["document_types"] = [t.value for t in DocumentType]
    templates.env.filters["when"] = lambda moment: _when(moment, console.settings.timezone)

    def render(
        request: Request, name: str, officer: str, status: int = 200, **ctx: Any
    ) -> Response:
        counts = console.lists(Filters()).counts
        context = {
            "officer": officer,
            "csrf": auth.csrf_token(request),
            "lists": LISTS,
            "counts": counts,
            "now": console.clock(),
            **ctx,
        }
        return templates.TemplateResponse(request, name, context, status_code=status)

    def officer_page(handler: Page) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            officer = auth.current_officer(request, web, console.clock())
            if officer is None:
                if request.method != "GET":
                    return Response("Sign in first.", status_code=401)
                target = quote(
                    request.url.path + (f"?{request.url.query}" if request.url.query else "")
                )
                return RedirectResponse(f"/signin?next={target}", status_code=303)
            if request.method == "POST":
                form = await request.form()
                if not auth.csrf_ok(request, form.get("csrf")):
                    return render(
                        request,
                        "error.html.j2",
                        officer,
                        status=403,
                        message="This form did not come from this session of the console "
                        "(or the session was renewed): reload the page and send it again.",
                    )
            try:
                return await handler(request, officer)
            except FasdipError as err:  # bad input (400), or the store's own trouble (500)
                status = 400 if isinstance(err, UsageError) else 500
                mail_logger(__name__, request.url.path).warning("%s: %s", officer, err.message)
                return render(request, "error.html.j2", officer, status=status, message=err.message)

        return endpoint

    # ------------------------------------------------------------------ lists and cases

    async def home(request: Request, officer: str) -> Response:
        return RedirectResponse(f"/lists/{OFFICER}", status_code=303)

    async def work_list(request: Request, officer: str) -> Response:
        name = request.path_params["name"]
        if name not in LISTS:
            raise UsageError(f"no list '{name}': choose one in the menu")
        params = request.query_params
        age = params.get("age", "")
        filters = Filters(
            q=params.get("q", "")[:100],
            request_type=params.get("type", ""),
            mission=params.get("mission", "")[:100],
            min_age_days=int(age) if age.isdigit() else None,
        )
        found = await run_in_threadpool(console.lists, filters)
        return render(request, "lists.html.j2", officer, current=name, found=found, filters=filters)

    async def case_page(request: Request, officer: str) -> Response:
        view = await run_in_threadpool(console.pages.view, request.path_params["number"])
        return render(request, "case.html.j2", officer, case=view)

    async def document(request: Request, officer: str) -> Response:
        number, key = request.path_params["number"], request.path_params["key"]
        doc = await run_in_threadpool(console.pages.document, number, key)
        mail_logger(__name__, number).info("%s viewed document %s", officer, key)
        disposition = "inline" if doc.inline else "attachment"
        return Response(
            doc.data,
            media_type=doc.media_type,
            headers={
                "content-disposition": f"{disposition}; filename*=UTF-8''{quote(doc.filename)}",
                # the document itself may show in the console's own frame, nowhere else
                "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
            },
        )

    # ------------------------------------------------------------------ actions

    async def correct(request: Request, officer: str) -> Response:
        number, form = request.path_params["number"], await request.form()
        case_id = console.pages.case_id(number)
        asked = Correction(
            kind=form_text(form, "kind"),
            attachment=form_text(form, "attachment"),
            field=form_text(form, "field"),
            value=form_text(form, "value"),
        )
        step = form_text(form, "step")
        if step == "preview":
            preview = await console.act(console.actions.preview_correction, case_id, asked)
            return render(
                request,
                "confirm.html.j2",
                officer,
                number=number,
                action="correct",
                preview=preview,
                outgoing=None,
                hidden=asked.model_dump(),
                title="Correct a document",
            )
        judge = step == "save_judge"
        await console.act(
            console.actions.save_correction, case_id, asked, officer, judge_again=judge
        )
        return _back(number)

    async def judge(request: Request, officer: str) -> Response:
        number, form = request.path_params["number"], await request.form()
        case_id = console.pages.case_id(number)
        if form_text(form, "step") == "preview":
            preview = await console.act(console.actions.preview_judgement, case_id)
            return render(
                request,
                "confirm.html.j2",
                officer,
                number=number,
                action="judge",
                preview=preview,
                outgoing=None,
                hidden={},
                title="Judge the case again",
            )
        await console.act(console.actions.judge_again, case_id, officer)
        return _back(number)

    async def send(request: Request, officer: str) -> Response:
        number, form = request.path_params["number"], await request.form()
        case_id = console.pages.case_id(number)
        if form_text(form, "step") == "preview":
            outgoing = await console.act(console.actions.outgoing, case_id)
            return render(
                request,
                "confirm.html.j2",
                officer,
                number=number,
                action="send",
                preview=None,
                outgoing=outgoing,
                hidden={},
                title="Send the reply",
            )
        await console.act(console.actions.send, case_id, officer)
        return _back(number)

    async def mark(request: Request, officer: str) -> Response:
        number, form = request.path_params["number"], await request.form()
        case_id = console.pages.case_id(number)
        state = form_text(form, "state")
        if form_text(form, "step") == "preview":
            words = {ENTERED: "entered into the system", CLOSED: "closed", "": "reopened"}
            if state not in words:
                raise UsageError(f"'{state}' is not a state a case can be put in")
            return render(
                request,
                "confirm.html.j2",
                officer,
                number=number,
                action="mark",
                preview=None,
                outgoing=None,
                hidden={"state": state},
                title=f"Mark the case {words[state]}",
            )
        await console.act(console.actions.mark, case_id, state, officer)
        return _back(number)

    async def note(request: Request, officer: str) -> Response:
        number, form = request.path_params["number"], await request.form()
        await console.act(
            console.actions.note, console.pages.case_id(number), form_text(form, "text"), officer
        )
        return _back(number)

    async def quarantine_action(request: Request, officer: str) -> Response:
        mail_id, form = int(request.path_params["mail_id"]), await request.form()
        what = request.path_params["what"]
        found = console.store.quarantined_mail(mail_id)
        if found is None:
            raise UsageError(f"mail {mail_id} is not in quarantine (reload the list)")
        if form_text(form, "step") == "preview":
            title = {
                "release": "Release the mail into the pipeline",
                "handled": "Mark the mail handled",
            }
            if what not in title:
                raise UsageError(f"'{what}' is not something to do with a quarantined mail")
            return render(
                request,
                "confirm.html.j2",
                officer,
                number="",
                action=f"quarantine/{mail_id}/{what}",
                preview=None,
                outgoing=None,
                hidden={},
                title=title[what],
                mail=found,
            )
        done = console.actions.release if what == "release" else console.actions.handled
        await console.act(done, mail_id, officer)
        return RedirectResponse("/lists/quarantine", status_code=303)

    routes = [
        *signin_routes(console, templates),
        Route("/", officer_page(home)),
        Route("/lists/{name}", officer_page(work_list)),
        Route("/cases/{number}", officer_page(case_page)),
        Route("/cases/{number}/documents/{key}", officer_page(document)),
        Route("/cases/{number}/correct", officer_page(correct), methods=["POST"]),
        Route("/cases/{number}/judge", officer_page(judge), methods=["POST"]),
        Route("/cases/{number}/send", officer_page(send), methods=["POST"]),
        Route("/cases/{number}/mark", officer_page(mark), methods=["POST"]),
        Route("/cases/{number}/note", officer_page(note), methods=["POST"]),
        Route(
            "/quarantine/{mail_id:int}/{what}", officer_page(quarantine_action), methods=["POST"]
        ),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    secret = console.settings.web.session_secret.get_secret_value() or secrets.token_urlsafe(48)
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=secret,
            session_cookie="fasdip_console",
            max_age=web.session_max_hours * 3600,
            same_site="strict",
            https_only=web.secure_cookies,
        ),
    ]
    return Starlette(routes=routes, middleware=middleware)


def _back(number: str) -> Response:
    return RedirectResponse(f"/cases/{quote(number)}", status_code=303)


def _when(moment: dt.datetime | None, zone: str) -> str:
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(zone)).strftime("%d %b %Y %H:%M")
