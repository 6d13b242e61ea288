"""Dates: every month, weekday or relative day of the sentence must be one its sources give."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.reading import Reading
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """Each date word of the sentence that no source sentence has."""
    text = sentence.text
    stated = {w for e in evidence for w, _, _ in e.dates}
    given = f" (they say {', '.join(sorted(stated))})" if stated else ""
    return [
        flag("date", text, (s, e), f"the sources do not say {text[s:e]!r}" + given)
        for w, s, e in sentence.dates
        if w not in stated
    ]
