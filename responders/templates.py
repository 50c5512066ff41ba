"""The reply templates: loaded and checked once, at start-up.

A missing template, a Jinja syntax error, an ``{% include %}`` of a file that is not
there, or a name the template uses that the program does not provide: each stops the
program with one ``ConfigError`` line naming the file (and the line when known).

Compiling the templates to Python costs 0.04 s of each start; with a cache folder
(``ocr.template_cache_dir``, where the glyph templates are kept too) the compiled code is
kept there (``_CompiledCache``) and loaded in 1 ms. Jinja keys each file by the template's
path and the sha1 of its source, and checks the Python version; the file names carry
Jinja's version and this module's environment options besides. A cached file that is
unreadable, stale or corrupt is compiled again and written anew; a folder that cannot be
written costs the compiling only (one warning naming the setting).

The checks (parse every template, render each with sample values: 3% of a one-passport
``fasdip triage``'s instructions) give the same answer until something they depend on
changes: a template passed is recorded in that folder by an empty file named for the
sha256 of every file of the templates directory, of this module's and
``responders.context``'s code and of Jinja's version, and a start that finds it skips them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import marshal
import pickle
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2 import bccache, meta

from config.cache_files import ours_alone
from fasdip.errors import ConfigError
from fasdip.models import Decision, RequestType
from responders.context import ReplyContext, sample_contexts

SUBJECT_TEMPLATE = "subject.txt.j2"

# One body template per answered decision (``ignore`` is never answered).
BODY_TEMPLATES: dict[Decision, str] = {
    Decision.missing_items: "missing_items.txt.j2",
    Decision.late_refusal: "late_refusal.txt.j2",
    Decision.registration_proof: "registration_proof.txt.j2",
    Decision.officer_review: "officer_review.txt.j2",
}

REQUIRED_TEMPLATES: tuple[str, ...] = (SUBJECT_TEMPLATE, *BODY_TEMPLATES.values())

# The options that change the compiled code (their hash is in the cached files' names).
_OPTIONS: dict[str, Any] = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
_AUTOESCAPED = ["html"]  # plain text is not escaped; a later .html.j2 template is

log = logging.getLogger(__name__)


class _CompiledCache(bccache.FileSystemBytecodeCache):
    """Compiled templates kept in ``folder`` (Jinja's own file format). Reading never
    unpickles: the file must start with the exact magic and checksum Jinja writes. Its
    code runs in this process, so a file is used only when it is ours and no one else
    could have written it (as Jinja's default folder is checked)."""

    def __init__(self, folder: Path) -> None:
        recipe = repr((jinja2.__version__, _AUTOESCAPED, sorted(_OPTIONS.items())))
        tag = hashlib.sha256(recipe.encode()).hexdigest()[:12]
        super().__init__(str(folder), f"reply-{tag}-%s.jinja")
        self._folder = folder

    def load_bytecode(self, bucket: bccache.Bucket) -> None:
        path = Path(self._get_cache_filename(bucket))
        try:
            if not ours_alone(path):
                return  # another user could have written it: compiled again
            data = path.read_bytes()
        except OSError:
            return  # not kept yet, or unreadable: compiled again
        head = bccache.bc_magic + pickle.dumps(bucket.checksum, 2)
        if not data.startswith(head):
            return  # another Python, a changed source, or damaged
        try:
            code = marshal.loads(data[len(head) :])
        except (EOFError, ValueError, TypeError):
            return  # truncated or damaged
        if isinstance(code, CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: bccache.Bucket) -> None:
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.warning(
                "%s: cannot keep the compiled reply templates (%s); each start compiles "
                "them (0.04 s): set ocr.template_cache_dir (FASDIP_OCR__TEMPLATE_CACHE_DIR) "
                "to a folder this user can write",
                self._folder,
                exc.strerror or exc,
            )


def _passed_mark(templates_dir: Path, cache_dir: Path | None) -> Path | None:
    """The file that says these templates passed the start-up checks (None: no cache folder)."""
    if cache_dir is None:
        return None
    digest = hashlib.sha256(jinja2.__version__.encode())
    for module in (Path(__file__), Path(__file__).with_name("context.py")):
        digest.update(hashlib.sha256(module.read_bytes()).digest())
    for path in sorted(p for p in templates_dir.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except OSError:
            return None  # unreadable: the checks say which file and why
        digest.update(str(path.relative_to(templates_dir)).encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return cache_dir / f"reply-passed-{digest.hexdigest()[:32]}"


def _kept_by_us(path: Path) -> bool:
    """Whether ``path`` is there and this user's alone (False when it is not there)."""
    try:
        return ours_alone(path)
    except OSError:
        return False


def _mark_passed(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
    except OSError:
        pass  # not kept: the next start checks again (the compiled code's warning says why)


def _environment(templates_dir: Path, cache_dir: Path | None = None) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir), encoding="utf-8"),
        bytecode_cache=_CompiledCache(cache_dir) if cache_dir is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(_AUTOESCAPED),
        auto_reload=False,
        **_OPTIONS,
    )


class ReplyTemplates:
    """The checked Jinja2 templates of one directory (``Settings.templates_dir``)."""

    def __init__(self, templates_dir: Path, env: jinja2.Environment) -> None:
        self.templates_dir = templates_dir
        self._env = env

    @classmethod
    def load(cls, templates_dir: Path, cache_dir: Path | None = None) -> ReplyTemplates:
        """The checked templates; ``cache_dir``: where their compiled code is kept (None:
        compiled at each start)."""
        templates_dir = Path(templates_dir)
        if not templates_dir.is_dir():
            raise ConfigError(
                f"{templates_dir}: the reply templates directory does not exist; "
                "check the templates_dir setting"
            )
        env = _environment(templates_dir, cache_dir)
        passed = _passed_mark(templates_dir, cache_dir)
        if passed is not None and _kept_by_us(passed):
            return cls(templates_dir, env)  # these very files passed the checks below
        checked: set[str] = set()
        for name in REQUIRED_TEMPLATES:
            if not (templates_dir / name).is_file():
                raise ConfigError(
                    f"{templates_dir / name}: reply template missing; add it "
                    "(see config/templates/ for the bundled one)"
                )
            _check_tree(env, templates_dir, name, checked, included_by=None)
        templates = cls(templates_dir, env)
        templates._dry_run()
        if passed is not None:
            _mark_passed(passed)
        return templates

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render one template; a template fault becomes a ``ConfigError`` naming it."""
        try:
            return self._env.get_template(name).render(context)
        except jinja2.TemplateError as exc:
            raise ConfigError(_describe(self.templates_dir, name, exc)) from exc

    def render_subject(self, context: ReplyContext) -> str:
        return self.render(SUBJECT_TEMPLATE, context.as_dict())

    @functools.cached_property
    def subject_labels(self) -> tuple[str, ...]:
        """What our subject puts before the mission's own, per decision ("Kelengkapan
        dokumen / Missing documents"): rendered from the office's template with no case
        and no subject, so a mission's reply to our reply can be given back its own
        subject instead of ours nested in it."""
        labels = []
        for sample in sample_contexts().values():
            bare = dataclasses.replace(sample, case_ref="", subject="")
            label = " ".join(self.render_subject(bare).split()).strip("[] ")
            if label:
                labels.append(label)
        return tuple(labels)

    def render_body(self, decision: Decision, context: ReplyContext) -> str:
        return self.render(BODY_TEMPLATES[decision], context.as_dict())

    def _dry_run(self) -> None:
        """Render every template with sample values, for every request type."""
        for decision, sample in sample_contexts().items():
            empty = dataclasses.replace(
                sample,
                subject="",
                date_id="",
                date_en="",
                applicants=[],
                general=dataclasses.replace(sample.general, missing=[], checks=[]),
                notes=[],
                refusals=[],
                anew=None,
            )
            for rtype in RequestType:
                for variant in (sample, empty):
                    context = dataclasses.replace(variant, request_type=rtype.value)
                    self.render_subject(context)
                    self.render_body(decision, context)


def _check_tree(
    env: jinja2.Environment,
    templates_dir: Path,
    name: str,
    checked: set[str],
    included_by: str | None,
) -> None:
    """Parse ``name`` and every template it includes, imports or extends."""
    if name in checked:
        return
    checked.add(name)
    path = templates_dir / name
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        where = f" (included by {templates_dir / included_by})" if included_by else ""
        raise ConfigError(f"{path}: reply template missing{where}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the reply template ({exc})") from exc
    try:
        tree = env.parse(source, name=name, filename=str(path))
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(_describe(templates_dir, name, exc)) from exc
    for ref in meta.find_referenced_templates(tree):
        if ref is None:
            raise ConfigError(f"{path}: include/import names must be plain strings")
        _check_tree(env, templates_dir, ref, checked, included_by=name)


def _describe(templates_dir: Path, name: str, exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or str(templates_dir / (exc.name or name))
        return f"{where}, line {exc.lineno}: Jinja syntax error: {exc.message}"
    if isinstance(exc, jinja2.TemplateNotFound):
        missing = exc.name if isinstance(exc.name, str) else "?"
        return f"{templates_dir / missing}: reply template missing (used by {name})"
    where, line = _template_frame(exc, templates_dir / name)
    at = f", line {line}" if line else ""
    return f"{where}{at}: reply template failed: {exc.message or exc}"


def _template_frame(exc: BaseException, default: Path) -> tuple[str, int | None]:
    """The innermost template file and line of a render error (Jinja rewrites tracebacks)."""
    found: tuple[str, int | None] = (str(default), None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
