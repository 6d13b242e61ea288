"""Facts several outlets share: the same distinctive figure of the same thing is one corroborated fact.

A sentence carries several facts. Each distinctive figure in it (a vote tally, a sum of money, a date, a
count with what it counts) is read on its own and joined with the same figure of the same thing in the
other outlets, whatever else the sentences say: "The House approved the plan 234-193." and "The sweeping
legislation, passed 234-193, makes good on …" report one vote. A sentence may so feed several groups.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from summarizer.align.figures import Figure, compatible, same_thing
from summarizer.align.pairing import Groups
from summarizer.lang.lexicon.figures import GENERIC_COUNTED
from summarizer.lang.tokens import folded_stem

# Counts and lengths of time below this are said of anything ("two weeks", "three people").
MIN_DISTINCT_COUNT = 3
# A value written with this many significant digits ("544", "$43,350") is rarely two things in one story.
MIN_SPECIFIC_DIGITS = 3
# What counts as small ("six seats"), and the years a four-digit count may be ("2020 candidates").
SMALL = 10
YEARS = (1800, 2100)
# How far past a bound a value may lie and still be the bound's figure: "over $10,000" for $10,977.74.
NEAR_BOUND = 0.25


def distinctive(f: Figure) -> bool:
    """Whether a figure is specific enough that two outlets giving it report one fact.

    A vote tally, a sum of money, a percentage or a date is; a share ("a one-in-three chance") when said
    of something, a named person's age; a count or a length of time when written with what it counts and
    at least `MIN_DISTINCT_COUNT` ("35 days", "544 store managers"), as "one", "two" and "a week" are
    said of anything. A year says when, not what; "millions" is no figure at all.
    """
    if f.vague:
        return False
    if f.kind in ("tally", "date", "percent") or f.kind.startswith("money:"):
        return True
    if f.kind == "count":
        return f.written >= MIN_DISTINCT_COUNT and f.head is not None and not may_be_year(f)
    if f.kind == "fraction":
        return f.head is not None  # a share of something said: "a one-in-three chance"
    if f.kind == "age":
        return bool(f.names)  # a named person's age: "Mr. Cowan, 43"
    return f.kind.startswith("duration:") and f.written >= MIN_DISTINCT_COUNT


def may_be_year(f: Figure) -> bool:
    """Whether a count is written as a year is ("2020 presidential candidates"): a year is never a count."""
    return f.kind == "count" and f.raw.isdigit() and len(f.raw) == 4 and YEARS[0] <= f.value <= YEARS[1]


def small(f: Figure) -> bool:
    """A count or a length of time written below ten ("six seats", "three weeks"): said of many things."""
    return (f.kind == "count" or f.kind.startswith("duration:")) and f.written < SMALL


def _bound(f: Figure) -> bool:
    return f.qualifier in ("over", "under", "max")


def _rounding(f: Figure) -> float:
    """How far a figure's written value reaches by rounding alone ('$43,000' for $43,350)."""
    return f.high - f.value if f.qualifier in ("exact", "max") and math.isfinite(f.high) else 0.0


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures give one value, not merely values that can both hold.

    Two values agree up to rounding; a bound agrees with a value just past it ("over $10,000" with
    "$10,977.74"), and with a bound at the same place; a range only with the same range. "over 100" and
    "over 300", or "at least 544" and "as many as 1.5 million", can all hold and are two figures.
    """
    if not compatible(a, b):
        return False
    if a.qualifier == "range" or b.qualifier == "range":
        return (a.low, a.high) == (b.low, b.high)
    if _bound(a) and _bound(b):
        same_way = (a.qualifier == "over") == (b.qualifier == "over")
        return same_way and abs(a.value - b.value) <= max(_rounding(a), _rounding(b))
    if _bound(a) or _bound(b):
        bound, value = (a, b) if _bound(a) else (b, a)
        return abs(value.value - bound.value) <= NEAR_BOUND * abs(bound.value)
    return True


def specific(f: Figure) -> bool:
    """Whether a figure is written with three significant digits or more: "544", "$43,350", "234-193"."""
    if f.kind == "tally":
        return True
    digits = "".join(ch for ch in f.raw if ch.isdigit()).strip("0")
    return len(digits) >= MIN_SPECIFIC_DIGITS


def same_fact(a: Figure, b: Figure, words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Whether two outlets' figures state one fact: the same distinctive value of the same thing.

    `words_a`/`words_b` are the content stems of each figure's sentence. A figure written to three
    significant digits is its own evidence (one story has one "234-193", one "544"), unless the two name
    different things; a small one ("six seats") counts the same thing (`same_thing`); a date needs a word
    of the sentences in common besides itself; any other figure counts the same thing, or at least nothing
    says it does not: the counted nouns, where both give one, are one. The verbs around a figure
    ("demanded", "sought") are left out here: two outlets word one fact differently.
    """
    if a.article_id == b.article_id or a.kind != b.kind or not (distinctive(a) and distinctive(b)):
        return False
    if not agree(a, b):
        return False
    if a.names and b.names and not (a.names & words_b or b.names & words_a):
        return False  # "Sam's Club stores" and "Wal-Mart stores", neither sentence naming the other's
    if specific(a) and specific(b):
        return True
    if small(a) or small(b):
        return same_thing(a, b, words_a, words_b)
    if a.kind == "date":
        return bool((words_a & words_b) - month_stem(a) - month_stem(b))
    if same_thing(a, b, words_a, words_b):
        return True
    if a.head is not None and b.head is not None and a.head != b.head:
        return False
    if (a.thing & b.thing) - GENERIC_COUNTED:
        return True
    # One side says what it counts and the other not ("demanded $5.7 billion"): the sentences share
    # a word besides the figure's.
    return (a.head is None or b.head is None) and bool((words_a & words_b) - GENERIC_COUNTED)


def month_stem(f: Figure) -> set[str]:
    """The stem of the month a date is written with: "feb" in "until Feb. 15"."""
    before = f.sentence[: f.start].split()
    return {folded_stem(before[-1].rstrip("."))} if before else set()


def fact_groups(figs: Sequence[Figure], words: dict[str, frozenset[str]]) -> list[list[Figure]]:
    """Distinctive figures of two or more outlets joined into one group per fact.

    `words` maps each sentence to its content stems. Pairs join best first (equal values before merely
    compatible ones); two groups join only if every figure of one agrees with every figure of the other,
    so "over 100" cannot chain "120" and "150" into one fact.
    """
    found = [f for f in figs if distinctive(f)]
    pairs: list[tuple[bool, int, int]] = []
    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            b = found[j]
            if same_fact(a, b, words[a.sentence], words[b.sentence]):
                pairs.append((a.value != b.value, i, j))
    groups = Groups(len(found))
    members: dict[int, list[int]] = {i: [i] for i in range(len(found))}
    for _, i, j in sorted(pairs):
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        if all(agree(found[x], found[y]) for x in members[ri] for y in members[rj]):
            joined = members.pop(ri) + members.pop(rj)
            groups.join(ri, rj)
            members[groups.find(ri)] = joined
    out = []
    for g in groups.groups(range(len(found))):
        if len({found[i].article_id for i in g}) > 1:
            out.append([found[i] for i in g])
    return out
