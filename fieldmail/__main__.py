"""``python -m fieldmail OUT_DIR --count 240 --seed S``: write NNN.eml and NNN.truth.json."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldmail.corpus import write_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldmail", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=240)
    parser.add_argument("--seed", type=int, default=1, help="1: development; 2026: reporting only")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    written = write_corpus(args.out_dir, count=args.count, seed=args.seed)
    print(f"{written} mail(s) with their truth in {args.out_dir} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
