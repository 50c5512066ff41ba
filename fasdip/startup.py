"""What the long-running commands (``fasdip run``, ``fasdip web``) refuse at start-up, and
the one thread each native library of a judging process gets (``one_thread_each``).

A registration proof signed with the public development key proves nothing: anyone with
the source can sign one. ``refuse_unsafe`` stops such a start with one line naming the
setting and the fix (exit 2); the offline commands and ``fasdip demo`` keep the key.
"""

from __future__ import annotations

import os

from config.settings import Settings
from fasdip.errors import ConfigError


def refuse_unsafe(settings: Settings, command: str) -> None:
    """``ConfigError`` (exit 2, one line) when ``command`` would run with an unsafe setting."""
    if settings.proof.uses_development_key:
        raise ConfigError(
            f"proof.hmac_key: `fasdip {command}` will not sign registration proofs with the "
            "public development key; set FASDIP_PROOF__HMAC_KEY to a secret of 32+ random "
            "characters (e.g. from `openssl rand -hex 32`) and keep it"
        )


# Tesseract's OpenMP and NumPy's OpenBLAS read these when they load.
ONE_THREAD = ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def one_thread_each() -> None:
    """One thread each for the native libraries of the processes started from here on, and
    of this one if it has not loaded them yet (unless the environment says otherwise).

    The workers (one per core) would otherwise fight each other for the same cores. In a
    ``fasdip triage`` OpenBLAS's threads only cost: it starts one per core at NumPy's
    import and they spin after each of the reader's small products (0.04 s of CPU of a
    one-passport triage, 15 runs each); the readings are the same."""
    for name in ONE_THREAD:
        os.environ.setdefault(name, "1")
