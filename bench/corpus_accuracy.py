"""How often the triage agrees with the generator's truth, on a corpus of N emails.

Prints, for the whole corpus: request type right, missing-document lists exact (every
applicant), decision right, required findings raised; then each disagreement.

    .venv/bin/python bench/corpus_accuracy.py [--count 60] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
import time

from config.settings import load_settings
from fasdip.pipeline import Triage
from samples.compare import compare
from samples.scenarios import build_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    corpus = build_corpus(count=args.count, seed=args.seed)
    triage = Triage.load(load_settings())
    right = {"request type": 0, "missing lists exact": 0, "decision": 0, "findings raised": 0}
    disagreements: list[tuple[str, list[str]]] = []
    start = time.perf_counter()
    for scenario in corpus:
        verdict = triage.run(scenario.eml, today=scenario.truth.today)
        problems = compare(verdict, scenario)
        right["request type"] += verdict.request_type == scenario.truth.request_type
        right["decision"] += verdict.decision == scenario.truth.decision
        right["missing lists exact"] += not any(
            "missing" in p or "applicant" in p for p in problems
        )
        right["findings raised"] += not any(p.startswith("finding") for p in problems)
        if problems:
            disagreements.append((scenario.name, problems))
    elapsed = time.perf_counter() - start
    print(f"corpus: {len(corpus)} emails (seed {args.seed}), triaged in {elapsed:.1f} s")
    for label, count in right.items():
        print(f"  {label:<20} {count:>4}/{len(corpus)}  ({count / len(corpus):.1%})")
    for name, problems in disagreements:
        print(f"  ✗ {name}: {'; '.join(problems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
