"""The object definitions ``count_objects`` counts before pypdf opens a PDF (the
``max_pdf_objects`` guard): "12 0 obj", and nothing that only looks like it."""

from __future__ import annotations

import random
import re

import pytest

from ingest.pdf import count_objects

# The definition, as a regex read forwards: object number, generation, "obj" ending a word.
DEFINITION = re.compile(rb"\d{1,10}[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+obj\b")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", 0),
        (b"1 0 obj\n<<>>\nendobj\n2 0 obj\n<<>>\nendobj", 2),
        (b"12345678901234 0 obj", 1),  # a long number: its last ten digits are one
        (b"1 123456 obj", 0),  # a generation of six digits is none
        (b"1 0 objx 2 0 obj_ 3 0 obj\xff", 1),  # "obj" inside a word is none
        (b"1\x00\t\n\f\r 0 \r\nobj", 1),  # every PDF blank between the three
        (b"1 0obj 10 obj obj", 0),  # no blank before "obj", or no generation
        (b"1 1 obj2 2 obj", 1),  # "obj2" is a word; "2 2 obj" is one
    ],
)
def test_definitions_counted(data: bytes, expected: int) -> None:
    assert count_objects(data) == expected


def test_counts_as_the_definition_on_random_bytes() -> None:
    """Bytes mixing digits, blanks and pieces of "obj": the count is the definition's."""
    rng = random.Random(14)
    pieces = [b"0", b"1", b"9", b" ", b"\n", b"\x00", b"\r", b"\t", b"obj", b"o", b"b", b"j"]
    pieces += [b"x", b"_", b"A", b"\xff", b"ob", b"12", b"obj ", b"0 obj", b" 0 "]
    for _ in range(20_000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert count_objects(data) == sum(1 for _ in DEFINITION.finditer(data)), data
