"""The project's triage reads every kind of field mail without crashing (its accuracy is the
bench's business: bench/corpus_accuracy.py --generator fieldmail)."""

from __future__ import annotations

import pytest

from config.settings import load_settings
from fasdip.pipeline import Triage
from fieldmail.compare import mark, same_person
from fieldmail.truth import Habit, MailTruth

Mails = list[tuple[bytes, MailTruth]]


def test_names_match_across_accents_initials_and_icao_spellings() -> None:
    assert same_person("Jürgen MÜLLER", "Jurgen MULLER")
    assert same_person("Jürgen MÜLLER", "JUERGEN MUELLER")
    assert same_person("Søren SØRENSEN", "Soren Sorensen")
    assert same_person("Muhammad Rahmat HIDAYAT", "M RAHMAT HIDAYAT")
    assert not same_person("Jürgen MÜLLER", "Claire SCHRÖDER")
    assert not same_person("Jürgen MÜLLER", None)


def _cover(mails: Mails) -> Mails:
    """A few mails that together show every habit and every request type (greedy)."""
    wanted = {h.value for h in Habit} | {t.request_type.value for _r, t in mails}
    chosen: Mails = []
    while wanted:
        raw, truth = max(mails, key=lambda m: len(wanted & _traits(m[1])))
        if not wanted & _traits(truth):
            break
        chosen.append((raw, truth))
        wanted -= _traits(truth)
    return chosen


def _traits(truth: MailTruth) -> set[str]:
    return {h.value for h in truth.habits} | {truth.request_type.value}


@pytest.mark.slow
def test_triage_judges_a_mail_of_every_habit_without_crashing(full_corpus: Mails) -> None:
    triage = Triage.load(load_settings())
    chosen = _cover(full_corpus)
    assert len(chosen) <= 15
    for raw, truth in chosen:
        verdict = triage.run(raw, today=truth.today)
        assert verdict.decision.value != "", truth.number
        marks = mark(verdict, truth)
        assert marks.number == truth.number
        assert marks.reply_due == truth.reply_without_officer
