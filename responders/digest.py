"""The officers' digest: what needs them, what waits on missions, and the day's numbers.

The store fills one small typed ``DigestCase`` per case (the verdict plus what only the
store knows: the mission's name, when we answered, where the documents are saved);
``build_digest`` sorts those into ``DigestData``; ``render_digest`` turns that into an
HTML email (table layout, inline CSS, no scripts) with a plain-text part, through the
Jinja2 templates ``digest.html.j2`` and ``digest.txt.j2`` of ``Settings.templates_dir``.

The figures (``DigestNumbers``) should come from the store's own count; when the
caller gives none, they are counted from the cases handed in.

The parts: ``digest_model`` (the data), ``digest_build`` (sorting and counting),
``digest_render`` (the templates and the subject); this module names what the callers use.
"""

from __future__ import annotations

from responders.digest_build import attention_line, build_digest
from responders.digest_model import AttentionLine, DigestCase, DigestData, RenderedDigest
from responders.digest_render import DigestTemplates, render_digest

# What the store, the CLI and the tests use; the other names are in the part that defines them.
__all__ = [
    "AttentionLine",
    "DigestCase",
    "DigestData",
    "DigestTemplates",
    "RenderedDigest",
    "attention_line",
    "build_digest",
    "render_digest",
]
