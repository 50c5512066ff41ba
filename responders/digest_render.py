"""Rendering the digest: the Jinja2 templates ``digest.html.j2`` (table layout, inline CSS,
no scripts; autoescaped) and ``digest.txt.j2`` of ``Settings.templates_dir``, and the
subject line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from fasdip.errors import ConfigError
from responders.digest_build import local_date
from responders.digest_model import DigestData, RenderedDigest, Words
from responders.text import date_en, date_id, one_line

HTML_TEMPLATE = "digest.html.j2"
TEXT_TEMPLATE = "digest.txt.j2"


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).endswith((".html", ".html.j2", ".htm"))


# Alike in shape to responders.templates.ReplyTemplates, deliberately: the digest is HTML
# (autoescaped by the .html.j2 suffix, which jinja2.select_autoescape(["html"]) misses) with
# two fixed templates; the replies are plain text, checked for includes and undeclared
# names and dry-run. A shared base would hold only the constructor and a try/except.
class DigestTemplates:
    """The digest's two templates (and their partials), checked when loaded."""

    def __init__(self, templates_dir: Path, env: jinja2.Environment) -> None:
        self.templates_dir = templates_dir
        self._env = env

    @classmethod
    def load(cls, templates_dir: Path) -> DigestTemplates:
        templates_dir = Path(templates_dir)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir), encoding="utf-8"),
            undefined=jinja2.StrictUndefined,
            autoescape=_autoescape,  # HTML: sender text is always text, never markup
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        for name in (HTML_TEMPLATE, TEXT_TEMPLATE):
            path = templates_dir / name
            if not path.is_file():
                raise ConfigError(
                    f"{path}: digest template missing; add it (see config/templates/)"
                )
            try:
                env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                raise ConfigError(
                    f"{exc.filename or path}, line {exc.lineno}: Jinja syntax error: {exc.message}"
                ) from exc
            except jinja2.TemplateNotFound as exc:
                raise ConfigError(
                    f"{templates_dir / str(exc.name)}: digest template missing"
                ) from exc
        return cls(templates_dir, env)

    def render(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self._env.get_template(name).render(context)
        except jinja2.TemplateError as exc:
            raise ConfigError(
                f"{self.templates_dir / name}: digest template failed: {exc}"
            ) from exc


def _when(moment: dt.datetime, zone: ZoneInfo) -> Words:
    local = moment.astimezone(zone) if moment.tzinfo else moment
    clock = local.strftime("%H:%M")
    return Words(id=f"{date_id(local.date())}, {clock}", en=f"{date_en(local.date())}, {clock}")


def digest_subject(data: DigestData) -> str:
    zone = ZoneInfo(data.timezone)
    day = local_date(data.generated_at, zone)
    numbers = data.sections.numbers
    alarms = len(data.sections.attention)
    first_id, first_en = (f"{alarms} PERHATIAN, ", f"{alarms} ATTENTION, ") if alarms else ("", "")
    return one_line(
        f"[Fasdip] Digest {date_id(day)}: {first_id}{numbers.needs_officer} perlu petugas, "
        f"{numbers.waiting_on_missions} menunggu perwakilan / {first_en}{numbers.needs_officer} "
        f"need an officer, {numbers.waiting_on_missions} waiting on missions"
    )


def render_digest(data: DigestData, templates: DigestTemplates) -> RenderedDigest:
    """The digest as an email: subject, HTML part and plain-text part."""
    zone = ZoneInfo(data.timezone)
    subject = digest_subject(data)
    context: dict[str, Any] = {
        "subject": subject,
        "d": data,
        "s": data.sections,
        "n": data.sections.numbers,
        "generated": _when(data.generated_at, zone),
        "period_start": _when(data.period.start, zone),
        "period_end": _when(data.period.end, zone),
    }
    return RenderedDigest(
        subject=subject,
        html=templates.render(HTML_TEMPLATE, context),
        text=templates.render(TEXT_TEMPLATE, context),
    )
