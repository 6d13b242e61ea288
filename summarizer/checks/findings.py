"""How a check reports: one finding, with its kind, its span in the sentence and why."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.models import Unsupported, UnsupportedKind


def flag(kind: UnsupportedKind, text: str, span: tuple[int, int], detail: str) -> Unsupported:
    """A finding on `text[span]`."""
    return Unsupported(kind=kind, text=text[span[0] : span[1]], start=span[0], end=span[1], detail=detail)


def inside(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether an offset falls in any of the spans."""
    return any(s <= start < e for s, e in spans)
