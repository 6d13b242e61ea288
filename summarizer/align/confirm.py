"""A disagreement is stated only when confirmed: the same event, the same counted thing, the same time.

Two outlets' figures that cannot both hold are a disagreement only if they are figures of one thing. Code
confirms it where the articles show it, and says why not where they do not: "three weeks" of one bill and
"two weeks" of another, failed one are two facts, not a dispute; "2020 presidential candidates" gives a
year, never a count. What code cannot confirm is a possible discrepancy, for a reader to check.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.align.facts import may_be_year, month_stem, small
from summarizer.align.figures import Figure, compatible
from summarizer.lang.lexicon.figures import BESIDES

# Figures this close ("1.5 million" and "1.6 million", "$5,687.75" and "$5,587.75") are one quantity
# written differently far more often than two quantities that happen to be near.
NEAR = 0.1
# Words around two dates or years that say they date one thing ("has led House Democrats since").
SAME_WORDING = 3


def _words(f: Figure) -> set[str]:
    return set(dict(f.context))


def _word_before(f: Figure) -> str:
    """The word a date or year is given with: "since" in "has led House Democrats since 2002"."""
    before = f.sentence[: f.start].split()
    return before[-1].lower() if before else ""


def _why_not(x: Figure, y: Figure, times: dict[str, frozenset[tuple[str, float]]]) -> str | None:
    """Why two outlets' figures that cannot both hold are not confirmed to disagree; None if they are."""
    for f in (x, y):
        if may_be_year(f):
            return f"“{f.raw}” reads as a year, and a year is never a count"
        if f.vague:
            return f"“{f.raw}” gives no figure"
        if f.thing & BESIDES:
            return f"“{f.excerpt()}” counts others besides, not the whole"
        if small(f):
            return f"“{f.excerpt()}” is a small figure said of many things: it may not be the other's"
    dated = x.kind in ("year", "date")
    if x.head is not None and y.head is not None and x.head != y.head and (dated or not x.names & y.names):
        # Counts of one named thing may name it differently ("followers on Telegram", "Telegram
        # subscribers"); a year of a nomination is not the year of a primary.
        return f"they may {'date' if dated else 'count'} different things"
    for kind in ("year", "date"):
        tx = {v for k, v in times.get(x.sentence, ()) if k == kind} - {x.value}
        ty = {v for k, v in times.get(y.sentence, ()) if k == kind} - {y.value}
        if tx and ty and not tx & ty:
            return "the sentences speak of different times"
    if x.names & y.names:
        return None  # "10,000 followers on Telegram" and "over 100,000 Telegram subscribers"
    shared = _words(x) & _words(y) - month_stem(x) - month_stem(y)
    if dated:
        # Near means nothing between dates; the same words around them do, "since" for "since".
        same = _word_before(x) == _word_before(y) and len(shared) >= SAME_WORDING
        return None if same else "nothing ties the two dates to one event"
    if x.kind == y.kind == "count" and x.head == y.head and len(x.thing & y.thing) > 1:
        return None  # "40 homes were flooded" and "about 60 homes were flooded": one counted thing, said so
    near = abs(x.value - y.value) <= NEAR * max(abs(x.value), abs(y.value))
    if near and shared - x.thing - y.thing:
        return None
    return "nothing ties the two figures to one event and one thing"


def unconfirmed(
    sides: Sequence[Sequence[Figure]], times: dict[str, frozenset[tuple[str, float]]]
) -> str | None:
    """Why a disagreement among versions (`sides`) is not confirmed, or None when code confirms it.

    Each two versions must disagree in a confirmed pair of figures from different outlets: the same
    distinctive thing (no year read as a count, no count of others besides, no small figure said of
    anything), tied to one event (a name both give, or near values with words in common) and to one
    time (the sentences' other dates and years, where both give some, meet). `times` maps a sentence to
    the dates and years it gives, as (kind, value).
    """
    for i, a in enumerate(sides):
        for b in sides[i + 1 :]:
            reasons = [
                _why_not(x, y, times)
                for x in a
                for y in b
                if x.article_id != y.article_id and not compatible(x, y)
            ]
            if reasons and None not in reasons:
                return reasons[0]
    return None


def times(figs: Sequence[Figure]) -> dict[str, frozenset[tuple[str, float]]]:
    """The dates and years each sentence gives, by its text."""
    out: dict[str, set[tuple[str, float]]] = {}
    for f in figs:
        if f.kind in ("year", "date"):
            out.setdefault(f.sentence, set()).add((f.kind, f.value))
    return {s: frozenset(v) for s, v in out.items()}
