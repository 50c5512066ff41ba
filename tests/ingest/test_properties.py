"""Property tests: no input bytes make ``parse``, ``sniff``, ``read_pdf`` or ``read_image`` raise."""

from __future__ import annotations

import hashlib
import os
from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.settings import IngestSettings
from fasdip.models import InboundEmail
from ingest import parse, sniff
from ingest.images import read_image
from ingest.pdf import read_pdf
from tests.ingest.conftest import CATALOG, INGEST
from tests.ingest.ingest_builders import (
    as_bytes,
    make_email,
    make_image,
    make_pdf,
    mime_text,
)

# INGEST_FUZZ_EXAMPLES=3000 for a deeper run before a release.
FUZZ = settings(
    max_examples=int(os.environ.get("INGEST_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _seed_emails() -> list[bytes]:
    inner = make_email(attachments=[(make_pdf("Passport"), "application/pdf", "Паспорт.pdf")])
    outer = make_email(html='<p>Hormat kami <img src="cid:logo@x"></p>')
    outer.add_attachment(inner)
    plain = make_email(attachments=[(make_image("PNG", (30, 30)), "image/png", "../logo.png")])
    nameless = EmailMessage()
    nameless["From"] = "a@b.example"
    nameless.add_attachment(b"\xff\xd8\xff\xe0 jpeg", maintype="image", subtype="jpeg")
    broken = mime_text(
        """
From: a@b.example
Content-Type: multipart/mixed; boundary="declared"

--used
Content-Type: application/pdf; name*0*=utf-8''a%C3%B1; name*1="b.pdf"
Content-Transfer-Encoding: base64

JVBERi0x!!LjQK
--used--
"""
    )
    return [as_bytes(outer), as_bytes(plain), as_bytes(nameless), broken]


SEEDS = _seed_emails()

_mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "splice"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.binary(min_size=1, max_size=8),
)
_SPLICES = [b"\r\n--", b"=?utf-8?b?", b"\r\n\r\n", b"; boundary=x", b"filename*0*=", b'"', b"\x00"]


def _mutate(raw: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    data = bytearray(raw)
    for kind, where, chunk in mutations:
        pos = int(where * len(data))
        if kind == "flip" and data:
            data[min(pos, len(data) - 1)] ^= chunk[0] or 1
        elif kind == "insert":
            data[pos:pos] = chunk
        elif kind == "delete":
            del data[pos : pos + 1 + chunk[0] % 64]
        else:
            data[pos:pos] = _SPLICES[chunk[0] % len(_SPLICES)]
    return bytes(data)


def _check(email: InboundEmail, raw: bytes) -> None:
    assert isinstance(email, InboundEmail)
    assert email.raw_size == len(raw)
    for attachment in email.attachments:
        assert hashlib.sha256(attachment.data).hexdigest() == attachment.sha256
        assert attachment.size == len(attachment.data)
        assert "/" not in attachment.filename and "\\" not in attachment.filename


@FUZZ
@given(st.binary(max_size=3000))
def test_parse_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    _check(parse(raw, INGEST, CATALOG), raw)


@FUZZ
@given(st.sampled_from(SEEDS), st.lists(_mutation, min_size=1, max_size=12))
def test_parse_never_raises_on_mutated_emails(
    seed: bytes, mutations: list[tuple[str, float, bytes]]
) -> None:
    raw = _mutate(seed, mutations)
    _check(parse(raw, INGEST, CATALOG), raw)


@FUZZ
@given(st.binary(max_size=2000))
def test_sniff_never_raises(data: bytes) -> None:
    sniff(data)


@FUZZ
@given(st.lists(_mutation, min_size=1, max_size=8))
def test_read_pdf_never_raises_on_mutated_pdfs(mutations: list[tuple[str, float, bytes]]) -> None:
    info = read_pdf(_mutate(make_pdf("Nota Diplomatik"), mutations), IngestSettings())
    assert info.readable or info.problem


def test_a_pdf_whose_filter_pypdf_no_longer_accepts_is_a_problem_not_a_crash() -> None:
    # Found by the fuzz test above: pypdf 7 raises DeprecationError (not a PyPdfError).
    mutations = [("splice", 1.0, b"\x01"), ("splice", 0.31004950720996743, b"\x00")]
    info = read_pdf(_mutate(make_pdf("Nota Diplomatik"), mutations), IngestSettings())
    assert info.readable or info.problem


@FUZZ
@given(st.sampled_from(["JPEG", "PNG", "GIF"]), st.lists(_mutation, min_size=1, max_size=8))
def test_read_image_never_raises_on_mutated_images(
    fmt: str, mutations: list[tuple[str, float, bytes]]
) -> None:
    info = read_image(_mutate(make_image(fmt, (40, 30)), mutations))
    assert info.readable or info.problem


def test_a_parameter_that_breaks_the_standard_library_is_a_finding() -> None:
    # Found by the fuzz test above: the standard library's boundary lookup raises
    # TypeError on these RFC 2231 continuations; the mail is still read, with a finding.
    seed = (
        b'From: a@b.example\r\nContent-Type: multipart/mixed; boundary="declared"\r\n\r\n--used\r\n'
        b"Content-Type: application/pdf; name*0*=utf-8''a%C3%B1; name*1=\"b.pdf\"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0x!!LjQK\r\n--used--\r\n"
    )
    raw = _mutate(seed, [("delete", 0.65625, b"\x00"), ("delete", 0.25, b"\x1b")])
    email = parse(raw, INGEST, CATALOG)
    assert email.looks_like_email
    assert any("could not be read" in f.params.get("reason", "") for f in email.findings)
