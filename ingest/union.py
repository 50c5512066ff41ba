"""The attachments of a mail: the union of the standard library walk (``ingest.parts``) and
mail-parser's list (``ingest.mail_parser``), matched by the sha256 of the decoded bytes and the
file name; and the body text."""

from __future__ import annotations

import hashlib

from config.settings import IngestSettings, LimitsSettings
from fasdip.models import WEB_IMAGE_FORMATS, Attachment, FileFormat
from ingest.filenames import fallback_name
from ingest.images import image_size
from ingest.mail_parser import Found
from ingest.parts import Leaf
from ingest.sniff import sniff


def union(
    leaves: list[Leaf], found: list[Found], settings: IngestSettings, limits: LimitsSettings
) -> list[tuple[Attachment, str | None]]:
    """Attachments in MIME order (stdlib walk), then any only mail-parser saw; each with why
    its transfer encoding could not be decoded (or None)."""
    cids = _cid_references([leaf.text for leaf in leaves if "html" in leaf.declared_type])
    files = [f for f in found if not f.container]
    containers = [f for f in found if f.container]
    leaf_hashes = {hashlib.sha256(leaf.data).hexdigest() for leaf in leaves}
    out: list[tuple[Attachment, str | None]] = []
    ids: dict[int, str] = {}
    for index, leaf in enumerate(leaves):
        if leaf.kind not in ("file", "message") or _is_logo(leaf, cids, settings, limits):
            continue
        sha = hashlib.sha256(leaf.data).hexdigest()
        if leaf.kind == "message" and leaf.declared_type.startswith("message/"):
            matched = containers.pop(0) if containers else None
        else:
            matched = _take(files, sha, leaf.filename)
        number = len(out) + 1
        ids[index] = f"a{number}"
        detected = sniff(leaf.data)
        attachment = Attachment(
            id=f"a{number}",
            filename=leaf.filename or fallback_name(number, detected),
            declared_type=leaf.declared_type,
            detected_format=FileFormat.rfc822 if leaf.kind == "message" else detected,
            size=len(leaf.data),
            sha256=sha,
            inline=leaf.disposition != "attachment",
            content_id=leaf.content_id,
            nested_in=ids.get(leaf.parent) if leaf.parent is not None else None,
            found_by="both" if matched else "email",
            data=leaf.data,
        )
        out.append((attachment, leaf.problem))
    for extra in files:
        if extra.sha256 in leaf_hashes:  # a body part or a logo the walk chose to leave out
            continue
        out.append((_only_mail_parser(extra, len(out) + 1), None))
    return out


def _only_mail_parser(extra: Found, number: int) -> Attachment:
    """An attachment the standard library walk did not see."""
    detected = sniff(extra.data)
    return Attachment(
        id=f"a{number}",
        filename=extra.filename or fallback_name(number, detected),
        declared_type=extra.declared_type,
        detected_format=detected,
        size=len(extra.data),
        sha256=extra.sha256,
        inline=extra.disposition != "attachment",
        content_id=extra.content_id,
        found_by="mail-parser",
        data=extra.data,
    )


def _take(files: list[Found], sha: str, filename: str) -> Found | None:
    """Remove and return mail-parser's entry for these bytes: same name first, then any name
    (mail-parser names a nameless part after its Content-ID or at random)."""
    for exact in (True, False):
        for position, item in enumerate(files):
            if item.sha256 == sha and (item.filename == filename or not exact):
                return files.pop(position)
    return None


def _is_logo(leaf: Leaf, cids: set[str], settings: IngestSettings, limits: LimitsSettings) -> bool:
    """A small inline image the HTML body shows (``cid:``): a signature logo, not a document."""
    if leaf.kind != "file" or leaf.disposition == "attachment" or not leaf.content_id:
        return False
    if leaf.content_id.lower() not in cids or len(leaf.data) >= settings.inline_logo_max_bytes:
        return False
    if sniff(leaf.data) not in WEB_IMAGE_FORMATS:
        return False
    size = image_size(leaf.data, limits)
    return size is not None and max(size) <= settings.inline_logo_max_side


def body_text(leaves: list[Leaf]) -> str:
    """The plain-text body parts; the HTML ones as text when no plain part says anything."""
    plain = [
        leaf.text for leaf in leaves if leaf.kind == "body" and leaf.declared_type != "text/html"
    ]
    if any(text.strip() for text in plain):
        return "\n".join(text.strip("\n") for text in plain).strip()
    html = [
        leaf.text for leaf in leaves if leaf.kind == "body" and leaf.declared_type == "text/html"
    ]
    if not html:
        return ""
    from ingest.htmltext import html_to_text  # (html.parser) for a mail with HTML only

    return "\n\n".join(html_to_text(text) for text in html).strip()


def _cid_references(html: list[str]) -> set[str]:
    """The ``cid:`` names the HTML parts show inline (none without HTML: the HTML reader,
    with html.parser, is imported for a mail that has some)."""
    if not html:
        return set()
    from ingest.htmltext import cid_references

    return set().union(*(cid_references(text) for text in html))
