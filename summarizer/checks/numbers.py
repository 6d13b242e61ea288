"""Numbers: the same value and unit, with a hedge the sources allow ("over 100" needs "more than 100")."""

from __future__ import annotations

import math
from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.lexicon.hedges import QUALIFIER_WORDS
from summarizer.lang.lexicon.numbers import RELATIVE_AFTER
from summarizer.lang.numbers import Number, hedge_start
from summarizer.lang.reading import Reading
from summarizer.lang.tokens import content_words
from summarizer.models import Unsupported, UnsupportedKind

# "the two men", "the three leaders": how many a definite reference counts, at most. More is a count that
# is news ("the nine lawmakers who voted against"), held to the sources as any number is.
THE_FEW = 3


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """Each number of the sentence no source states with its value, unit and a hedge that allows it."""
    text = sentence.text
    out: list[Unsupported] = []
    sources = [n for e in evidence for n in e.numbers]
    for n in sentence.numbers:
        same = [m for m in sources if same_number(n, m)]
        span = (n.start, n.end)
        if _the_few(text, n):
            # "between the two men": the ones it speaks of, held only to a number of the same things.
            same = [m for m in same if _counted_alike(n, m)]
            if not same and not any(m.counted and _counted_alike(n, m) for m in sources):
                continue
        if not same and n.multiplier and not any(m.multiplier for m in sources):
            # No factor in the sources to hold it to: "rose 100%" or "from 20 to 40" may say it, which
            # code does not work out. A word the sources lack, then, for the judge.
            out.append(flag("word", text, span, f"{n.raw!r} is not in the sources, nor any other factor"))
        elif not same and _interval(n) and not any(_interval(m) for m in sources):
            # "A day earlier", "two days after the deadline": an interval the sources may give as two
            # dates ("Feb. 3", "Feb. 5"), which code does not work out: the judge's, as a word is, unless
            # they give an interval of their own ("35 years ago"), which it is held to as any number is.
            relative = n.counted.split()[0]
            at = text.find(relative, n.end)
            said = text[n.start : at + len(relative)] if at >= 0 else n.raw
            out.append(flag("word", text, span, f"{said!r} is not stated as such"))
        elif not same:
            kind: UnsupportedKind = "date" if n.is_year else "number"
            stated = ", ".join(dict.fromkeys(m.raw for m in sources if m.is_year == n.is_year))
            detail = f"the sources give {stated}" if stated else "the sources state no such number"
            out.append(flag(kind, text, span, f"{n.raw!r} is not stated; {detail}"))
        elif not any(_hedge_allowed(n, m) for m in same):
            m = same[0]
            out.append(
                flag(
                    "comparator",
                    text,
                    (hedge_start(text, n), n.end),  # the hedge is what is wrong: "more than 100"
                    f"the sources say {QUALIFIER_WORDS[m.qualifier]} {m.raw}, "
                    f"not {QUALIFIER_WORDS[n.qualifier]} {n.raw}",
                )
            )
    return out


def same_number(claim: Number, source: Number) -> bool:
    """Whether a source's number is the sentence's: one value, in one unit where both give one."""
    value, base = claim.measure()
    theirs, their_base = source.measure()
    if (claim.unit is None) != (source.unit is None) and (
        claim.duration or source.duration or claim.multiplier or source.multiplier
    ):
        # A duration or a multiplier is never a bare count: "seven people" is not "a week", nor "3
        # workers" "three weeks", nor "two stores" "doubled". (A currency on one side only is its
        # count: "$5 million" and "5 million".)
        return False
    return (
        math.isclose(theirs, value, rel_tol=1e-9)
        and (base is None or their_base is None or their_base == base)
        and source.is_percent == claim.is_percent
        and not (claim.is_year and not source.is_year)
    )


def _interval(n: Number) -> bool:
    """Whether a number is a time before or after something: "a day earlier", "two days after"."""
    return n.duration and n.counted.split(" ", 1)[0] in RELATIVE_AFTER


def _counted_alike(claim: Number, source: Number) -> bool:
    """Whether two numbers may count one thing: "two men" is not "at least two phone calls"."""
    ours, theirs = content_words(claim.counted), content_words(source.counted)
    return not ours or not theirs or bool(ours & theirs)


def _the_few(text: str, n: Number) -> bool:
    """Whether a number is a few things the sentence refers to: "the two men" (not "the two-day summit")."""
    return (
        n.qualifier == "exact"
        and n.unit is None  # "the two years since" is a length of time, held as any is
        and n.value in range(2, THE_FEW + 1)
        and text[: n.start].lower().endswith("the ")
        and not text.startswith("-", n.end)
    )


def _hedge_allowed(claim: Number, source: Number) -> bool:
    """Whether the sentence's hedge is one the source's allows: same bound, or a hedge on an exact figure."""
    return claim.qualifier == source.qualifier or (claim.qualifier == "about" and source.qualifier == "exact")
