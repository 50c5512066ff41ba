"""``fasdip verify-proof``: is a registration proof genuine?

    fasdip verify-proof FILE.pdf
    fasdip verify-proof --qr "FASDIP1|FASDIP-2026-000123|…|<signature>"

Prints ``valid: …`` and exits 0, or ``invalid: <reason>`` and exits 1. A file that
cannot be read is a usage error (exit 2, one line). The key is ``proof.hmac_key``
(``FASDIP_PROOF__HMAC_KEY``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from config.settings import load_settings
from fasdip.errors import ExitCode, InputFileError, UsageError

EXIT_INVALID = 1  # the proof was checked and is not genuine


def register(commands: Any) -> None:
    verify = commands.add_parser(
        "verify-proof",
        help="check that a registration proof (PDF or its QR text) was issued by this office",
    )
    verify.add_argument("file", nargs="?", type=Path, help="the registration proof PDF")
    verify.add_argument("--qr", metavar="TEXT", help="the text of the proof's QR code instead")
    verify.set_defaults(handler=run_verify_proof)


def run_verify_proof(args: argparse.Namespace) -> int:
    from responders.proof_sign import verify_proof_pdf, verify_proof_text

    if (args.file is None) == (args.qr is None):
        raise UsageError("verify-proof: give either a proof PDF or --qr TEXT (one of them)")
    key = load_settings(args.config).proof.hmac_key.get_secret_value()
    if args.qr is not None:
        check = verify_proof_text(args.qr, key)
    else:
        path: Path = args.file
        if not path.is_file():
            raise InputFileError(f"{path}: no such file; give the path of a registration proof")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputFileError(f"{path}: cannot read ({exc.strerror})") from exc
        check = verify_proof_pdf(data, key)
    print(check.line())
    return int(ExitCode.ok) if check.valid else EXIT_INVALID
