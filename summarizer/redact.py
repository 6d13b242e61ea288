"""Blanking out secrets: the key we were given, and any string shaped like someone's credential."""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
# Shaped like a credential whoever's it is: OpenAI/Anthropic-style `sk-`, `rk-`, `pk-` keys, and an HTTP
# bearer token. 16 characters at least after "bearer", so prose ("the bearer of bad news") is left be.
KEY_SHAPED = re.compile(
    r"(?<![A-Za-z0-9])(?:sk|rk|pk)-[A-Za-z0-9_-]{16,}|(?i:\bbearer)\s+[A-Za-z0-9._~+/=-]{16,}"
)


def scrub(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with every given secret (8 characters or more) and every key-shaped string blanked out."""
    for secret in secrets:
        if secret and len(secret) >= 8:
            text = text.replace(secret, REDACTED)
    return KEY_SHAPED.sub(REDACTED, text)
