"""What the long-running commands (``fasdip run``, ``fasdip web``) refuse at start-up.

A registration proof signed with the public development key proves nothing: anyone with
the source can sign one. ``refuse_unsafe`` stops such a start with one line naming the
setting and the fix (exit 2); the offline commands and ``fasdip demo`` keep the key.
"""

from __future__ import annotations

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
