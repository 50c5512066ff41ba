"""Name letters read wrong with no doubt, per passport kind: precision below the page.

A page is accepted-but-wrong only when every other doubt is gone as well, so a kind of
error shows on many more letters than pages. For N pages of each kind (dev seeds by
default) this reads line 1 with the OCR-B templates only (no Tesseract: what the
templates alone let through) and counts the name letters read wrong that no doubt names
("silent"), listing each with its truth, so that a kind of glyph loss is found on dev
seeds before it costs a page (faint print: an I read T, an E read F, their feet below
the cell). Pages whose doubts were cut short (three at most are kept) count the wrong
letters no kept doubt names as "unknown". Only pages whose line 2 is read exactly count
(the only ones a name letter alone keeps from being accepted); "pages" says how many.

    .venv/bin/python bench/passport_letters.py [--kinds faint,low_res_270] [-n 200]
        [--seeds dev|report] [--list 20]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from kind_runs import SEED_BASES

from readers.passport import read_passport
from samples.passport_kinds import KINDS, TODAY, make_kind

_DOUBTED = re.compile(r"name character (\d+) (?:unsure|joined)")
KEPT_DOUBTS = 3  # readers.mrz_read keeps the templates' first three doubts


def silent_letters(kind: str, seed: int) -> tuple[list[str], int] | None:
    """The wrong name letters of one page no doubt names (as 'truth>read at N'), and how
    many wrong ones are unknown (beyond the doubts kept); None when line 2 is not read
    exactly."""
    sample = make_kind(kind, seed)
    key = f"letters-{kind}-{seed}"
    # No OCR engine is needed without Tesseract: the templates read alone.
    reading = read_passport([sample.image], None, "a1", key, TODAY, use_tesseract=False)  # type: ignore[arg-type]
    truth = sample.truth.mrz[0]
    if reading.lines[1:] != sample.truth.mrz[1:] or len(reading.lines[0]) != len(truth):
        return None  # a line read off its grid fails its check digits: no page at risk
    line = reading.lines[0]
    doubted = {int(m.group(1)) - 1 for d in reading.doubts if (m := _DOUBTED.match(d))}
    last = max(doubted, default=-1) if len(doubted) >= KEPT_DOUBTS else len(line)
    silent: list[str] = []
    unknown = 0
    for position in range(5, len(line)):
        if line[position] == truth[position] or position in doubted:
            continue
        if position > last:
            unknown += 1
        else:
            silent.append(f"{truth[position]}>{line[position]} at {position + 1}")
    return silent, unknown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="faint,low_res_270,low_res_400")
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--seeds", choices=sorted(SEED_BASES), default="dev")
    parser.add_argument("--list", type=int, default=20, help="silent letters listed per kind")
    args = parser.parse_args()
    kinds = list(KINDS) if args.kinds == "all" else args.kinds.split(",")
    base = SEED_BASES[args.seeds]
    print(f"{'kind':<18}{'pages':>6}{'silent':>8}{'unknown':>9}  commonest")
    for kind in kinds:
        pairs: Counter[str] = Counter()
        listed: list[str] = []
        unknown = pages = 0
        for seed in range(base, base + args.n):
            found = silent_letters(kind, seed)
            if found is None:
                continue
            silent, more = found
            pages += 1
            unknown += more
            pairs.update(s.split(" at ")[0] for s in silent)
            listed += [f"seed {seed}: {s}" for s in silent]
        common = ", ".join(f"{p} x{c}" for p, c in pairs.most_common(6))
        print(f"{kind:<18}{pages:>6}{sum(pairs.values()):>8}{unknown:>9}  {common}")
        for line in listed[: args.list]:
            print(f"    {line}")


if __name__ == "__main__":
    main()
