"""What the mail stages sign in with by XOAUTH2: a source of OAuth2 access tokens.

The token adapter (``fasdip.oauth2``) is built once by the application and handed to the
IMAP source and the SMTP sender, so both use one cached token and neither stage imports
the other.
"""

from __future__ import annotations

from typing import Protocol


class AccessTokens(Protocol):
    def access_token(self, *, fresh: bool = False) -> str:
        """A valid access token; ``fresh``: the server refused the last one, get a new one.

        Raises ``fasdip.errors.TokenError`` (naming the setting to fix) when none can be had.
        """
        ...
