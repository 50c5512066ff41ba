"""The console's reading pages: the work lists, a case, and one of its documents."""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from fasdip.errors import UsageError
from fasdip.logs import mail_logger
from fasdip.web.site import Site
from fasdip.web.worklists import LISTS, OFFICER, Filters

# the document itself may show in the console's own frame, nowhere else
DOCUMENT_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
)


async def home(site: Site, request: Request, officer: str) -> Response:
    return RedirectResponse(f"/lists/{OFFICER}", status_code=303)


async def work_list(site: Site, request: Request, officer: str) -> Response:
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
    found = await run_in_threadpool(site.console.lists, filters)
    return site.render(
        request, "lists.html.j2", officer, current=name, found=found, filters=filters
    )


async def case_page(site: Site, request: Request, officer: str) -> Response:
    view = await run_in_threadpool(site.console.pages.view, request.path_params["number"])
    return site.render(request, "case.html.j2", officer, case=view)


async def document(site: Site, request: Request, officer: str) -> Response:
    number, key = request.path_params["number"], request.path_params["key"]
    doc = await run_in_threadpool(site.console.pages.document, number, key)
    mail_logger(__name__, number).info("%s viewed document %s", officer, key)
    disposition = "inline" if doc.inline else "attachment"
    return Response(
        doc.data,
        media_type=doc.media_type,
        headers={
            "content-disposition": f"{disposition}; filename*=UTF-8''{quote(doc.filename)}",
            "content-security-policy": DOCUMENT_POLICY,
        },
    )
