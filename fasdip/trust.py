"""Sender trust: is a mail from a registered mission really from it? (RFC 8601, RFC 7489)

Our receiving mail server checks SPF, DKIM and DMARC and writes what it found in an
``Authentication-Results`` header. Anyone can write such a header into a mail, so only the
ones our own server added are believed, told apart by two rules:

- **authserv-id**: a header counts only when its authserv-id (the first word) is one of
  ``trust.authserv_ids`` (compared without case);
- **header order**: every server puts its headers on *top* of what it received, so ours
  are the topmost. Reading the ``Authentication-Results`` headers from the top, the ones
  believed are those with a trusted authserv-id *before the first one that is not
  trusted* (another server's, a broken one): anything below that came from outside our
  servers, even when it names our authserv-id. Among the believed headers, for each
  method (dmarc, spf, dkim) only the topmost header that reports it counts, so a forged
  ``dmarc=pass`` that sits right under our own header (an MTA that does not strip such
  headers, RFC 8601 section 5) cannot hide our ``dmarc=fail``. Within that header a
  DMARC or SPF failure wins over a pass; for DKIM one passing signature will do (a mail
  may carry several signatures, some broken).

The judgement (``judge_sender``) for a sender the missions registry knows: DMARC ``fail``
for the From domain is a spoof; without a DMARC result (``none``, an error, no header),
a spoof unless SPF or DKIM passed for the From domain (the same domain, or one a
subdomain of the other, as DMARC's relaxed alignment). A mail with no believed header at
all is not authenticated, so it is judged a spoof too (it did not come through our
server's checks). With no ``authserv_ids`` configured nothing is judged.

The parser (``parse_authentication_results``) reads RFC 8601's grammar leniently
(comments, quoted strings, folding, versions, ``none``) and never raises: a header it
cannot read yields ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "AuthResults",
    "MethodResult",
    "SenderCheck",
    "believed_results",
    "judge_sender",
    "parse_authentication_results",
]

_KEYWORD = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$")
_VERSION = re.compile(r"^\d+$")
# Results that mean "this check did not show the mail to be genuine" are anything but pass.
PASS = "pass"


@dataclass(frozen=True)
class MethodResult:
    """One ``method=result`` of a header, with its reason and properties (``header.from``)."""

    method: str  # lower case: dmarc, dkim, spf, arc, …
    result: str  # lower case: pass, fail, none, softfail, neutral, temperror, permerror, …
    reason: str = ""
    properties: dict[str, str] = field(default_factory=dict)  # "header.d" -> "example.org"


@dataclass(frozen=True)
class AuthResults:
    """One parsed ``Authentication-Results`` header."""

    authserv_id: str  # lower case
    results: tuple[MethodResult, ...] = ()
    version: int | None = None


@dataclass(frozen=True)
class SenderCheck:
    """The judgement of one mail's sender: ``spoofed`` with the reason for the officers."""

    checked: bool  # False: trust checks are off (no authserv_ids configured)
    spoofed: bool
    reason: str  # e.g. "dmarc=fail for minbuza.nl"


# ---------------------------------------------------------------------- parsing


def _strip_comments(text: str) -> str | None:
    """The text without RFC 5322 comments (nested, with quoted-pairs); quoted strings kept.

    ``None`` when a comment or quoted string is not closed."""
    out: list[str] = []
    depth = 0
    quoted = False
    i = 0
    while i < len(text):
        ch = text[i]
        if quoted:
            out.append(ch)
            if ch == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                quoted = False
        elif depth > 0:
            if ch == "\\":
                i += 1
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    out.append(" ")
        elif ch == "(":
            depth = 1
        elif ch == '"':
            quoted = True
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    if depth or quoted:
        return None
    return "".join(out)


def _tokens(text: str) -> list[str]:
    """The text cut into ``;``, ``=``, quoted strings (kept with their quotes) and words."""
    tokens: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in ";=":
            tokens.append(ch)
            i += 1
        elif ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            tokens.append(text[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in ';="':
                j += 1
            tokens.append(text[i:j])
            i = j
    return tokens


def _unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == '"' and token[-1] == '"':
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def _split(tokens: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token == ";":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _pairs(tokens: list[str]) -> list[tuple[str, str]] | None:
    """``a = b c=d`` -> [(a, b), (c, d)]; ``None`` when the tokens are not such pairs.

    "=" signs right after a value belong to it (unquoted base64 padding: ``header.b=ab==``).
    """
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        if i + 2 >= len(tokens):
            return None
        key, eq, value = tokens[i], tokens[i + 1], tokens[i + 2]
        if eq != "=" or key == "=" or value == "=":
            return None
        i += 3
        while i < len(tokens) and tokens[i] == "=":
            value += "="
            i += 1
        pairs.append((key, value))
    return pairs


def _method_result(tokens: list[str]) -> MethodResult | None:
    # "method [/ version] = result": join "dkim", "/", "1" or "dkim/1" into the method.
    if not tokens:
        return None
    pairs = _pairs(_join_method(tokens))
    if not pairs:
        return None
    method_token, result_token = pairs[0]
    method = method_token.split("/", 1)[0].strip().lower()
    version = method_token.split("/", 1)[1].strip() if "/" in method_token else ""
    result = _unquote(result_token).lower()
    if not _KEYWORD.match(method) or not _KEYWORD.match(result):
        return None
    if version and not _VERSION.match(version):
        return None
    reason = ""
    properties: dict[str, str] = {}
    for key, value in pairs[1:]:
        name = key.lower()
        if name == "reason" and not reason and not properties:
            reason = _unquote(value)
        elif "." in name and all(_KEYWORD.match(part) for part in name.split(".", 1)):
            properties.setdefault(name, _unquote(value))
        elif not _KEYWORD.match(name):
            return None
        # else a bare keyword outside the grammar (Microsoft's "action=none"): skipped
    return MethodResult(method=method, result=result, reason=reason, properties=properties)


def _join_method(tokens: list[str]) -> list[str]:
    """Glue ``method / version`` (spaces around the slash) into one token."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i == 0:
            while i + 1 < len(tokens) and (token.endswith("/") or tokens[i + 1].startswith("/")):
                token += tokens[i + 1]
                i += 1
        out.append(token)
        i += 1
    return out


def parse_authentication_results(value: str) -> AuthResults | None:
    """One header's value, or ``None`` when it is not an RFC 8601 header we can read."""
    text = _strip_comments(value.replace("\r", " ").replace("\n", " "))
    if text is None:
        return None
    parts = _split(_tokens(text))
    head = parts[0]
    if not head or len(head) > 2:
        return None
    authserv_id = _unquote(head[0]).strip().lower()
    if not authserv_id or head[0] == "=" or any(ch.isspace() for ch in authserv_id):
        return None
    version: int | None = None
    if len(head) == 2:
        if not _VERSION.match(head[1]):
            return None
        version = int(head[1])
    rest = parts[1:]
    if not rest:
        return None  # RFC 8601 needs "; none" or at least one result
    if len(rest) == 1 and [t.lower() for t in rest[0]] == ["none"]:
        return AuthResults(authserv_id=authserv_id, version=version)
    results: list[MethodResult] = []
    for part in rest:
        if not part:  # a stray ";" (e.g. at the end): tolerated
            continue
        found = _method_result(part)
        if found is None:
            return None
        results.append(found)
    if not results:
        return None
    return AuthResults(authserv_id=authserv_id, results=tuple(results), version=version)


# ---------------------------------------------------------------------- trust and judgement


def believed_results(headers: Iterable[str], authserv_ids: Sequence[str]) -> list[AuthResults]:
    """The headers (values, top first, as in the mail) our own servers wrote: those with a
    trusted authserv-id above the first header that is not trusted or not readable."""
    trusted = {a.strip().lower() for a in authserv_ids if a.strip()}
    believed: list[AuthResults] = []
    for value in headers:
        parsed = parse_authentication_results(str(value))
        if parsed is None or parsed.authserv_id not in trusted:
            break
        believed.append(parsed)
    return believed


def _domain_of(value: str) -> str:
    value = value.strip().strip("<>").lower().rstrip(".")
    return value.rsplit("@", 1)[1] if "@" in value else value


def aligned(domain: str, other: str) -> bool:
    """DMARC relaxed alignment, simplified: the same domain, or one a subdomain of the other."""
    if not domain or not other:
        return False
    return domain == other or domain.endswith("." + other) or other.endswith("." + domain)


def judge_sender(headers: Iterable[str], sender: str, authserv_ids: Sequence[str]) -> SenderCheck:
    """Whether ``sender`` (the From address) is spoofed, from the believed headers.

    For each method the topmost believed header that reports it decides (our server's
    own, above anything written lower down under our authserv-id).
    """
    if not any(a.strip() for a in authserv_ids):
        return SenderCheck(checked=False, spoofed=False, reason="trust checks off")
    domain = _domain_of(sender)
    believed = believed_results(headers, authserv_ids)
    if not believed:
        ids = ", ".join(a.strip() for a in authserv_ids if a.strip())
        return SenderCheck(
            checked=True, spoofed=True, reason=f"{domain}: no Authentication-Results from {ids}"
        )
    dmarc = _aligned(believed, "dmarc", ("header.from",), domain, assume=True)
    if "fail" in dmarc:
        return SenderCheck(checked=True, spoofed=True, reason=f"dmarc=fail for {domain}")
    if PASS in dmarc:
        return SenderCheck(checked=True, spoofed=False, reason=f"dmarc=pass for {domain}")
    spf = _aligned(believed, "spf", ("smtp.mailfrom", "smtp.helo"), domain)
    dkim = _aligned(believed, "dkim", ("header.d", "header.i"), domain)
    # SPF has one result per mail (a failure wins); DKIM one per signature (any pass will do).
    if PASS in spf and len(spf) == 1:
        return SenderCheck(checked=True, spoofed=False, reason=f"no dmarc; spf=pass for {domain}")
    if PASS in dkim:
        return SenderCheck(checked=True, spoofed=False, reason=f"no dmarc; dkim=pass for {domain}")
    shown = f"spf={'/'.join(spf) or 'none'}, dkim={'/'.join(dkim) or 'none'}"
    return SenderCheck(checked=True, spoofed=True, reason=f"no dmarc result; {shown} for {domain}")


def _aligned(
    believed: Sequence[AuthResults],
    method: str,
    props: Sequence[str],
    domain: str,
    *,
    assume: bool = False,
) -> list[str]:
    """The results of ``method`` about ``domain`` in the topmost header reporting ``method``.

    A result is about the domain when its first property of ``props`` present is aligned
    with it; with none present it counts only when ``assume`` (DMARC is always about the
    From domain).
    """
    for header in believed:
        reported = [r for r in header.results if r.method == method]
        if not reported:
            continue
        found: list[str] = []
        for r in reported:
            values = [r.properties[p] for p in props if p in r.properties]
            if (values and aligned(domain, _domain_of(values[0]))) or (not values and assume):
                found.append(r.result)
        return list(dict.fromkeys(found))
    return []
