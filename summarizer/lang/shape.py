"""The shape of a written sentence: whether it ends as a sentence does."""

from __future__ import annotations

import re

from summarizer.lang.sentences import ends_at_abbreviation

_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")


def ends_a_sentence(text: str) -> bool:
    """Whether `text` ends as a sentence does: a small model stops mid-clause, and a length cap cuts.

    A full stop after a title or a month ("… met Sen.") is an abbreviation's, not the sentence's end.
    """
    text = text.strip()
    return bool(_ENDS_A_SENTENCE.search(text)) and not ends_at_abbreviation(text)
