"""The shape of a written sentence: whether it ends as a sentence does."""

from __future__ import annotations

import re

_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")


def ends_a_sentence(text: str) -> bool:
    """Whether `text` ends as a sentence does: a small model stops mid-clause, and a length cap cuts."""
    return bool(_ENDS_A_SENTENCE.search(text.strip()))
