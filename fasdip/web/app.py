"""The console's application: the route table and the middleware. Every page needs a
signed-in officer (``Site.officer_page``); every form carries the session's CSRF token
and a POST without it is refused (403). The pages are in ``case_routes`` (lists, cases,
documents) and ``action_routes`` (what an officer does, previewed then done)."""

from __future__ import annotations

import secrets

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from fasdip.web import action_routes, case_routes
from fasdip.web.console import Console
from fasdip.web.headers import SecurityHeaders
from fasdip.web.signin import signin_routes
from fasdip.web.site import HERE, Site

POST = ["POST"]


def create_app(console: Console) -> Starlette:
    return Starlette(routes=routes(Site(console)), middleware=middleware(console))


def routes(site: Site) -> list[BaseRoute]:
    page = site.officer_page
    return [
        *signin_routes(site.console, site.templates),
        Route("/", page(case_routes.home)),
        Route("/lists/{name}", page(case_routes.work_list)),
        Route("/cases/{number}", page(case_routes.case_page)),
        Route("/cases/{number}/documents/{key}", page(case_routes.document)),
        Route("/cases/{number}/correct", page(action_routes.correct), methods=POST),
        Route("/cases/{number}/judge", page(action_routes.judge), methods=POST),
        Route("/cases/{number}/send", page(action_routes.send), methods=POST),
        Route("/cases/{number}/mark", page(action_routes.mark), methods=POST),
        Route("/cases/{number}/note", page(action_routes.note), methods=POST),
        Route(
            "/quarantine/{mail_id:int}/{what}",
            page(action_routes.quarantine_action),
            methods=POST,
        ),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]


def middleware(console: Console) -> list[Middleware]:
    web = console.settings.web
    secret = web.session_secret.get_secret_value() or secrets.token_urlsafe(48)
    return [
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
