"""The console's actions, each one form posted twice: ``step=preview`` shows what it will
do (the decision and reply the case would get, the text that would leave), ``step=do``
does it and returns to the case page (a note is done at once)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from fasdip.errors import UsageError
from fasdip.store.console_records import CLOSED, ENTERED
from fasdip.web.actions import Correction, Outgoing, Preview
from fasdip.web.signin import form_text
from fasdip.web.site import Site, back_to_case

MARK_WORDS = {ENTERED: "entered into the system", CLOSED: "closed", "": "reopened"}
QUARANTINE_TITLES = {
    "release": "Release the mail into the pipeline",
    "handled": "Mark the mail handled",
}


async def _case_form(site: Site, request: Request) -> tuple[str, int, FormData]:
    """The case number of the path, its id in the store, and the posted form."""
    number, form = request.path_params["number"], await request.form()
    return number, site.console.pages.case_id(number), form


def _previewing(form: FormData) -> bool:
    return form_text(form, "step") == "preview"


async def correct(site: Site, request: Request, officer: str) -> Response:
    number, case_id, form = await _case_form(site, request)
    console = site.console
    asked = Correction(
        kind=form_text(form, "kind"),
        attachment=form_text(form, "attachment"),
        field=form_text(form, "field"),
        value=form_text(form, "value"),
    )
    step = form_text(form, "step")
    if step == "preview":
        preview = await console.act(console.actions.preview_correction, case_id, asked)
        return site.confirm(
            request,
            officer,
            title="Correct a document",
            action="correct",
            number=number,
            shown=preview,
            hidden=asked.model_dump(),
        )
    judge_again = step == "save_judge"
    await console.act(
        console.actions.save_correction, case_id, asked, officer, judge_again=judge_again
    )
    return back_to_case(number)


async def judge(site: Site, request: Request, officer: str) -> Response:
    actions = site.console.actions
    return await _show_then_do(
        site,
        request,
        officer,
        "judge",
        "Judge the case again",
        actions.preview_judgement,
        actions.judge_again,
    )


async def send(site: Site, request: Request, officer: str) -> Response:
    actions = site.console.actions
    return await _show_then_do(
        site, request, officer, "send", "Send the reply", actions.outgoing, actions.send
    )


async def _show_then_do(
    site: Site,
    request: Request,
    officer: str,
    action: str,
    title: str,
    show: Callable[[int], Preview | Outgoing],
    do: Callable[[int, str], object],
) -> Response:
    """An action on the case as a whole: preview what ``show`` says, or ``do`` it."""
    number, case_id, form = await _case_form(site, request)
    if _previewing(form):
        shown = await site.console.act(show, case_id)
        return site.confirm(
            request, officer, title=title, action=action, number=number, shown=shown
        )
    await site.console.act(do, case_id, officer)
    return back_to_case(number)


async def mark(site: Site, request: Request, officer: str) -> Response:
    number, case_id, form = await _case_form(site, request)
    state = form_text(form, "state")
    if _previewing(form):
        if state not in MARK_WORDS:
            raise UsageError(f"'{state}' is not a state a case can be put in")
        return site.confirm(
            request,
            officer,
            title=f"Mark the case {MARK_WORDS[state]}",
            action="mark",
            number=number,
            hidden={"state": state},
        )
    await site.console.act(site.console.actions.mark, case_id, state, officer)
    return back_to_case(number)


async def note(site: Site, request: Request, officer: str) -> Response:
    number, case_id, form = await _case_form(site, request)
    await site.console.act(site.console.actions.note, case_id, form_text(form, "text"), officer)
    return back_to_case(number)


async def quarantine_action(site: Site, request: Request, officer: str) -> Response:
    mail_id, form = int(request.path_params["mail_id"]), await request.form()
    what = request.path_params["what"]
    console = site.console
    found = console.store.quarantined_mail(mail_id)
    if found is None:
        raise UsageError(f"mail {mail_id} is not in quarantine (reload the list)")
    if _previewing(form):
        if what not in QUARANTINE_TITLES:
            raise UsageError(f"'{what}' is not something to do with a quarantined mail")
        return site.confirm(
            request,
            officer,
            title=QUARANTINE_TITLES[what],
            action=f"quarantine/{mail_id}/{what}",
            mail=found,
        )
    done = console.actions.release if what == "release" else console.actions.handled
    await console.act(done, mail_id, officer)
    return RedirectResponse("/lists/quarantine", status_code=303)
