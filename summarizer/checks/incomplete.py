"""Incomplete: a sentence that stops mid-clause (a length cap, a small model) says nothing whole."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.lang.reading import Reading
from summarizer.lang.shape import ends_a_sentence
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """The sentence's last words, where it does not end as a sentence does."""
    tail = sentence.text.rstrip()
    if not tail or ends_a_sentence(tail):
        return []
    start = max(0, len(tail) - 30)
    return [
        Unsupported(
            kind="incomplete", text=tail[start:], start=start, end=len(tail), detail="breaks off mid-sentence"
        )
    ]
