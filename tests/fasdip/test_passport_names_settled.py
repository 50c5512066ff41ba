"""In the pipeline: a passport page the reader is unsure of only in its names is settled by
the note and the CV, typed by the mission, that spell the names read; a CV spelling them
otherwise leaves it with an officer."""

from __future__ import annotations

import datetime as dt

import pytest

from config.settings import load_settings
from fasdip.models import FindingCode, PassportReading, Verdict
from fasdip.pipeline import Triage
from ingest.pdf import page_images
from readers.mrz_rivals import only_name_doubts
from readers.ocr_tesserocr import ocr_engine
from readers.passport import read_passport
from samples.emails import build_email
from samples.files import text_pdf
from samples.passport_kinds import make_kind
from samples.passports import PassportSample

pytestmark = pytest.mark.slow  # faint passport pages read until one is unsure of its names

TODAY = dt.date(2026, 11, 30)


def page_unsure_of_its_names() -> PassportSample:
    """The first faint page (dev seeds) the reader reads right but is unsure of only in its
    names: what the witnesses are for. Read as the pipeline reads it, from the PDF the mail
    attaches (its JPEG, encoded again, is not the generator's image pixel for pixel)."""
    engine = ocr_engine(load_settings().ocr)
    for seed in range(60):
        sample = make_kind("faint", seed)
        images = page_images(sample.pdf())
        reading = read_passport(images, engine, "a", f"faint{seed}", today=TODAY)
        if only_name_doubts(reading) and reading.lines == list(sample.truth.mrz):
            return sample
    pytest.fail("no faint dev page of 60 is unsure of its names only: pick another kind")


def request(sample: PassportSample, cv_name: str) -> bytes:
    truth = sample.truth
    name = f"{truth.given_names.title()} {truth.surname}"
    body = (
        "Dear Sir or Madam,\n\nThe Embassy presents its compliments and requests a visitor "
        f"airport pass for {name}, holder of the attached passport.\n\nProtocol Section\n"
    )
    cv = text_pdf("Curriculum Vitae", [f"Name: {cv_name}", "Position: Counsellor"])
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol Section",
        subject=f"Airport pass for {name}",
        body=body,
        attachments=[
            (f"Passport {truth.surname}.pdf", "application/pdf", sample.pdf()),
            (f"CV {truth.surname}.pdf", "application/pdf", cv),
        ],
        date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        message_id="<names-settled@embassy.example>",
    )


def passport_of(verdict: Verdict) -> PassportReading:
    [reading] = verdict.passports
    return reading


@pytest.fixture(scope="module")
def sample() -> PassportSample:
    return page_unsure_of_its_names()


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load(load_settings())


def test_the_note_and_the_cv_settle_the_names(sample: PassportSample, triage: Triage) -> None:
    truth = sample.truth
    verdict = triage.run(request(sample, f"{truth.given_names} {truth.surname}"), today=TODAY)
    reading = passport_of(verdict)
    assert reading.accepted, reading.doubts
    assert reading.lines == list(truth.mrz)
    assert not [f for f in verdict.findings if f.code == FindingCode.identity_doubt]


def test_a_cv_spelling_otherwise_leaves_the_doubt(sample: PassportSample, triage: Triage) -> None:
    truth = sample.truth
    verdict = triage.run(request(sample, f"{truth.given_names} {truth.surname}X"), today=TODAY)
    assert not passport_of(verdict).accepted
    assert [f for f in verdict.findings if f.code == FindingCode.identity_doubt]
