"""What ``read_pdf``, ``read_image`` and ``inspect`` read from an attachment's bytes."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import pillow_heif
import pytest
from PIL import Image

from config.settings import IngestSettings
from fasdip.models import FileFormat, InboundEmail
from ingest import inspect
from ingest.images import read_image
from ingest.pdf import read_pdf
from tests.ingest.ingest_builders import (
    as_bytes,
    make_email,
    make_encrypted_pdf,
    make_image,
    make_jpeg,
    make_pdf,
)

Parse = Callable[[bytes], InboundEmail]


def test_text_pdf_gives_pages_and_text(settings: IngestSettings) -> None:
    info = read_pdf(make_pdf("Nota Diplomatik No. 12/2025", "Page two"), settings)

    assert info.readable is True
    assert info.page_count == 2
    assert "Nota Diplomatik No. 12/2025" in info.text
    assert "Page two" in info.text
    assert info.problem is None


def test_pdf_text_is_capped(settings: IngestSettings) -> None:
    small = settings.model_copy(update={"pdf_text_max_pages": 1})

    info = read_pdf(make_pdf("first", "second"), small)

    assert info.page_count == 2
    assert "first" in info.text
    assert "second" not in info.text


def test_pdf_with_an_empty_user_password_opens(settings: IngestSettings) -> None:
    info = read_pdf(make_encrypted_pdf(user_password="", text="Terbuka"), settings)

    assert info.readable is True
    assert "Terbuka" in info.text


def test_pdf_needing_a_password_is_encrypted(settings: IngestSettings) -> None:
    info = read_pdf(make_encrypted_pdf(user_password="rahasia"), settings)

    assert info.readable is False
    assert info.problem == "encrypted"
    assert info.problem_detail


@pytest.mark.parametrize(
    "data",
    [make_pdf("Nota")[:200], b"%PDF-1.4\n" + b"\x00garbage" * 50, b"%PDF-"],
    ids=["truncated", "garbage", "header-only"],
)
def test_broken_pdf_is_corrupt(settings: IngestSettings, data: bytes) -> None:
    info = read_pdf(data, settings)

    assert info.readable is False
    assert info.problem == "corrupt"
    assert info.problem_detail and "\n" not in info.problem_detail


def test_zero_byte_pdf_is_empty(settings: IngestSettings) -> None:
    info = read_pdf(b"", settings)

    assert (info.readable, info.problem) == (False, "empty")


def test_jpeg_gives_its_size() -> None:
    info = read_image(make_jpeg((300, 400)))

    assert (info.readable, info.width, info.height) == (True, 300, 400)


def test_truncated_jpeg_is_corrupt() -> None:
    photo = make_jpeg((300, 400))

    info = read_image(photo[: len(photo) // 2])

    assert info.readable is False
    assert info.problem == "corrupt"


def test_an_iphone_heic_gives_its_size() -> None:
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (300, 400), (204, 24, 30))).save(buffer)

    info = read_image(buffer.getvalue())

    assert (info.readable, info.width, info.height) == (True, 300, 400)


def test_a_heic_header_over_noise_is_no_image() -> None:
    noise = bytes(random.Random(944).randrange(256) for _ in range(4000))

    info = read_image(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + noise)

    assert (info.readable, info.problem) == (False, "not_an_image")


def test_bytes_that_are_no_image() -> None:
    info = read_image(b"not an image at all")

    assert (info.readable, info.problem) == (False, "not_an_image")


def test_inspect_fills_content_by_detected_format(
    parse_raw: Parse, settings: IngestSettings
) -> None:
    note = make_pdf("Nota Diplomatik")
    raw = as_bytes(
        make_email(
            attachments=[
                (note, "application/pdf", "nota.pdf"),
                (make_image("PNG", (500, 700)), "image/png", "photo.png"),
                (b"", "application/pdf", "empty.pdf"),
                (b"PK\x05\x06" + b"\x00" * 18, "application/zip", "docs.zip"),
                (note, "application/pdf", "nota-copy.pdf"),
            ]
        )
    )
    email = parse_raw(raw)

    inspected = inspect(email, settings)

    pdf, png, empty, archive, copy = inspected.attachments
    assert pdf.content is not None and pdf.content.page_count == 1
    assert png.content is not None and (png.content.width, png.content.height) == (500, 700)
    assert empty.detected_format is FileFormat.empty
    assert empty.content is not None and empty.content.problem == "empty"
    assert archive.content is not None and archive.content.readable is True
    assert copy.content == pdf.content
    assert copy.data == note  # the bytes travel with the copy
    assert email.attachments[0].content is None  # the input is left as it was
