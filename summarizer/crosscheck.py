"""The old cross-check entry points, kept working on top of `summarizer.align` until pipeline.py switches.

New code calls `summarizer.align.align` (or `aalign` with a judge): one call gives conflicts with their
sides, corroborations with every article in them, quote drift, and the claims the cross-check added.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.align import Figure, align, figure_pairs
from summarizer.models import Article, Claim, Conflict, Corroboration


def disagreements(articles: Sequence[Article]) -> list[tuple[Figure, Figure, float]]:
    """Mutually best pairs of figures that count the same thing and cannot both hold."""
    return [(p.a, p.b, p.score) for p in figure_pairs(articles) if not p.agree]


def conflicts(articles: Sequence[Article], claims: Sequence[Claim]) -> tuple[list[Conflict], list[Claim]]:
    """Conflicts the cross-check finds, and the claims it added to cite them (quote drift's included)."""
    found = align(articles, claims)
    return found.conflicts, found.extra_claims


def corroborations(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Corroboration]:
    """One group per fact two or more articles' verified claims state."""
    return align(articles, claims).corroborated
