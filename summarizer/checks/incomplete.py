"""Incomplete: a sentence that stops mid-clause (a length cap, a small model) says nothing whole."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.lang.reading import Reading
from summarizer.lang.sentences import starts_mid_sentence
from summarizer.lang.shape import ends_a_sentence
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """The sentence's first words, where it opens mid-sentence; its last, where it does not end as one."""
    text = sentence.text.rstrip()
    found: list[Unsupported] = []
    if starts_mid_sentence(text):
        lead = len(text) - len(text.lstrip())
        end = min(len(text), lead + 30)
        found.append(
            Unsupported(
                kind="incomplete", text=text[lead:end], start=lead, end=end, detail="starts mid-sentence"
            )
        )
    if text and not ends_a_sentence(text):
        start = max(0, len(text) - 30)
        found.append(
            Unsupported(
                kind="incomplete",
                text=text[start:],
                start=start,
                end=len(text),
                detail="breaks off mid-sentence",
            )
        )
    return found
