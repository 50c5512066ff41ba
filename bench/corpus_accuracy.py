"""How often the triage agrees with a generator's truth, on a corpus of N emails.

Prints, for the whole corpus: request type right, missing-document lists exact (every
applicant), decision right, required findings raised; then each disagreement.
With ``--generator fieldmail`` (the independent generator of issue 13) it also prints the
wrong missing-items replies, the registration proofs for incomplete cases and the share
settled without an officer among the cases whose right outcome is a reply.

    .venv/bin/python bench/corpus_accuracy.py [--count 60] [--seed 7]
    .venv/bin/python bench/corpus_accuracy.py --generator fieldmail --count 240 --seed 1

fieldmail seeds: 1 for development, 2026 for reported figures only (never tune on it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from config.settings import load_settings
from fasdip.models import Decision
from fasdip.pipeline import Triage
from fieldmail.compare import mark, summary
from fieldmail.corpus import corpus as field_corpus
from fieldmail.truth import REPLY_DECISIONS
from samples.compare import compare
from samples.scenarios import build_corpus


def run_samples(triage: Triage, count: int, seed: int) -> None:
    corpus = build_corpus(count=count, seed=seed)
    right = {"request type": 0, "missing lists exact": 0, "decision": 0, "findings raised": 0}
    wrong_replies = false_proofs = reply_due = settled = 0
    disagreements: list[tuple[str, list[str]]] = []
    start = time.perf_counter()
    for scenario in corpus:
        truth = scenario.truth
        verdict = triage.run(scenario.eml, today=truth.today)
        problems = compare(verdict, scenario)
        lists_exact = not any("missing" in p or "applicant" in p for p in problems)
        right["request type"] += verdict.request_type == truth.request_type
        right["decision"] += verdict.decision == truth.decision
        right["missing lists exact"] += lists_exact
        right["findings raised"] += not any(p.startswith("finding") for p in problems)
        wrong_replies += verdict.decision == Decision.missing_items and not (
            truth.decision == Decision.missing_items and lists_exact
        )
        false_proofs += (
            verdict.decision == Decision.registration_proof
            and truth.decision != Decision.registration_proof
        )
        reply_due += truth.decision in REPLY_DECISIONS
        settled += truth.decision in REPLY_DECISIONS and verdict.decision == truth.decision
        if problems:
            disagreements.append((scenario.name, problems))
    elapsed = time.perf_counter() - start
    print(f"corpus: {len(corpus)} emails (seed {seed}), triaged in {elapsed:.1f} s")
    for label, count_right in right.items():
        print(f"  {label:<20} {count_right:>4}/{len(corpus)}  ({count_right / len(corpus):.1%})")
    print(f"  wrong missing-items replies {wrong_replies}")
    print(f"  proofs for incomplete cases {false_proofs}")
    print(f"  settled w/o officer  {settled:>4}/{reply_due}  ({settled / max(reply_due, 1):.1%})")
    for name, problems in disagreements:
        print(f"  ✗ {name}: {'; '.join(problems)}")


def run_fieldmail(triage: Triage, count: int, seed: int, verdicts: Path | None) -> None:
    marks = []
    start = time.perf_counter()
    if verdicts:
        verdicts.mkdir(parents=True, exist_ok=True)
    for raw, truth in field_corpus(count, seed):
        verdict = triage.run(raw, today=truth.today)
        marks.append(mark(verdict, truth))
        if verdicts:
            stem = verdicts / f"{truth.number:03d}"
            stem.with_suffix(".verdict.json").write_text(verdict.model_dump_json(indent=1))
            stem.with_suffix(".truth.json").write_text(truth.model_dump_json(indent=1))
    elapsed = time.perf_counter() - start
    print(
        f"fieldmail corpus: {len(marks)} emails (seed {seed}), generated and triaged in {elapsed:.1f} s"
    )
    print("\n".join(summary(marks)))
    for m in marks:
        if m.problems:
            print(f"  ✗ fm{seed}-{m.number:03d}: {'; '.join(m.problems)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--generator", choices=["samples", "fieldmail"], default="samples")
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument(
        "--seed", type=int, default=None, help="default: 7 (samples), 1 (fieldmail)"
    )
    parser.add_argument(
        "--verdicts", type=Path, help="fieldmail: write NNN.verdict.json and NNN.truth.json here"
    )
    args = parser.parse_args()
    triage = Triage.load(load_settings())
    if args.generator == "fieldmail":
        run_fieldmail(triage, args.count, 1 if args.seed is None else args.seed, args.verdicts)
    else:
        run_samples(triage, args.count, 7 if args.seed is None else args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
