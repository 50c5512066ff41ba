"""A corpus of field mails: generated in memory, or written as NNN.eml + NNN.truth.json."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fieldmail.compose import generate
from fieldmail.truth import MailTruth


def corpus(count: int, seed: int) -> Iterator[tuple[bytes, MailTruth]]:
    """Mails 1..count of ``seed`` (each one is independent of the others: mail 7 is always mail 7)."""
    for number in range(1, count + 1):
        yield generate(number, seed)


def write_corpus(out_dir: Path, *, count: int, seed: int) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    for raw, truth in corpus(count, seed):
        stem = out_dir / f"{truth.number:03d}"
        stem.with_suffix(".eml").write_bytes(raw)
        stem.with_suffix(".truth.json").write_text(
            truth.model_dump_json(indent=2) + "\n", encoding="utf-8"
        )
    return count


def read_corpus(out_dir: Path) -> Iterator[tuple[bytes, MailTruth]]:
    """Mails written by ``write_corpus``, in number order."""
    for eml in sorted(out_dir.glob("*.eml")):
        truth = MailTruth.model_validate_json(
            eml.with_suffix(".truth.json").read_text(encoding="utf-8")
        )
        yield eml.read_bytes(), truth
