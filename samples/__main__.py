"""``python -m samples generate OUTDIR [--count 60] [--seed 7]``, ``python -m samples examples``
and ``python -m samples demo OUTDIR`` (the sample mailbox of ``fasdip demo``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samples.demo import write_demo_mailbox
from samples.missions import registry_yaml
from samples.scenarios import README_EXAMPLES, Scenario, build_corpus

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"


def write(scenarios: list[Scenario], outdir: Path) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    for scenario in scenarios:
        (outdir / f"{scenario.name}.eml").write_bytes(scenario.eml)
        (outdir / f"{scenario.name}.truth.json").write_text(
            scenario.truth.model_dump_json(indent=2) + "\n", encoding="utf-8"
        )
    return len(scenarios)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples", description="Generate sample request emails with their truth."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write NAME.eml and NAME.truth.json per scenario")
    gen.add_argument("outdir", type=Path)
    gen.add_argument("--count", type=int, default=60)
    gen.add_argument("--seed", type=int, default=7)
    ex = sub.add_parser("examples", help="regenerate the README examples into examples/")
    ex.add_argument("--outdir", type=Path, default=EXAMPLES_DIR)
    demo = sub.add_parser("demo", help="write the sample mailbox of `fasdip demo --mailbox`")
    demo.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "demo":
        written = write_demo_mailbox(args.outdir)
        print(f"wrote a sample mailbox of {written} mails to {args.outdir}")
        return 0
    if args.command == "generate":
        if args.count < 1:
            parser.error("--count must be at least 1")
        written = write(build_corpus(args.count, args.seed), args.outdir)
        print(f"wrote {written} scenarios to {args.outdir}")
        return 0
    corpus = {s.name: s for s in build_corpus(60)}
    written = write([corpus[name] for name in README_EXAMPLES], args.outdir)
    (args.outdir / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    print(f"wrote {written} examples and their missions registry to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
