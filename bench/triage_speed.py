"""How long `fasdip triage` takes on a 10 MB email with 20 attachments that need no OCR.

Builds the email from the sample generator (text PDFs with a scanned-signature image,
and high-resolution red-background photos), then times the whole command, process
start included, several times. Prints the figures; asserts nothing.

    .venv/bin/python bench/triage_speed.py [--runs 7] [--pdfs 8] [--photos 12]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from samples.emails import build_email
from samples.files import oversized_pdf, photo_jpeg


def build(pdfs: int, photos: int) -> bytes:
    attachments: list[tuple[str, str, bytes]] = []
    for i in range(pdfs):
        pdf = oversized_pdf(
            f"CURRICULUM VITAE {i}",
            [f"Name: Person {i} TESTER", "Education: ..."],
            seed=i,
            min_bytes=260_000,
        )
        attachments.append((f"CV_Person_{i}.pdf", "application/pdf", pdf))
    for i in range(photos):
        attachments.append(
            (f"Photo_Person_{i}.jpg", "image/jpeg", photo_jpeg("red", 1400, 2100, seed=i))
        )
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol Section",
        subject="Request for New Annual Airport Pass",
        body="Dear Sir or Madam,\nPlease find attached the documents. Screening test on 15 December 2026.\n",
        attachments=attachments,
        date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        message_id="<bench-10mb@embassy.example>",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdfs", type=int, default=8)
    parser.add_argument("--photos", type=int, default=12)
    args = parser.parse_args()

    command = Path(sys.executable).parent / "fasdip"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.eml"
        path.write_bytes(build(args.pdfs, args.photos))
        times = []
        verdict = {}
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(
                [str(command), "triage", str(path), "--json"], capture_output=True, check=True
            )
            times.append(time.perf_counter() - start)
            verdict = json.loads(done.stdout)
        size = path.stat().st_size
    print(
        f"email: {size / 1e6:.1f} MB, {len(verdict['attachments'])} attachments "
        f"({args.pdfs} text PDFs, {args.photos} photos), decision {verdict['decision']}"
    )
    print(f"fasdip triage --json, process start included, {args.runs} runs:")
    print(
        f"  median {statistics.median(times):.2f} s   min {min(times):.2f} s   max {max(times):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
