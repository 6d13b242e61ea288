"""Numbers in prose, in digits or words, with their scale, unit and hedge: 'more than 100', 'three weeks'."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.lang.lexicon.hedges import QUALIFIERS, Qualifier
from summarizer.lang.lexicon.numbers import (
    CURRENCY,
    CURRENCY_ONLY,
    DURATION_CUES,
    HALF_OF,
    NOT_AFTER_ONE,
    NOT_BEFORE_ONE,
    NOT_COMPOUNDED,
    NOT_COUNTED,
    ONE_UNITS,
    PARTS,
    RATE_WORDS,
    SCALES,
    SUFFIXES,
    TIME_BASES,
    UNIT_FILLERS,
    UNIT_WORDS,
    VAGUE_BASE,
    WORD_VALUES,
)
from summarizer.lang.numerals import FOLD_AFTER, VAGUE, WORD_NUMBER, fractions, multiplied, ratios, word_value

# A number not glued to a word or an identifier ("KN-23", "B2", "3rd" are not quantities).
_NUMBER = re.compile(
    r"(?<![\w.,$£€/])(?:(?<=\d-to-)|(?<![A-Za-z]-))(?<!No\. )"
    r"(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<suffix>bn|mn|trn|tn|k|K|m|b)(?![\w/-])|"
    # A percent or a scale may be joined by a hyphen: "4-percent", "$2-million" (as newspapers write them).
    r"(?P<pct>[\s-]?%|[\s-]?percent\b|\s?per\s+cent\b)?"
    r"(?:[\s-]+(?P<scale>thousand|million|billion|trillion)\b)?"
    # "35-day", "76-year-old": a unit of time joined by a hyphen is read with it (_UNIT_AFTER); a number
    # joined to a number ("234-193", "134-to-63") is kept only as a tally's first count (_numbers_in);
    # one joined to a lowercase word counts it ("the 35-word oath", "a 225-page report"), but not
    # "60-plus", "50-something" or "2-for-1" (NOT_COMPOUNDED, NOT_COUNTED).
    r"(?![\w/]|-(?!\d|to-\d|(?!(?:" + "|".join(NOT_COMPOUNDED + NOT_COUNTED) + r")\b)[a-z])))"
)

# "one of them", "no one", "the one that": a pronoun, not a count.
_NOT_AFTER_ONE = re.compile(r"\s*(?:$|[^\w\s-]|(?:" + "|".join(NOT_AFTER_ONE) + r")\b)", re.I)
_NOT_BEFORE_ONE = re.compile(r"(?:\b(?:" + "|".join(NOT_BEFORE_ONE) + r")\s*)$", re.I)

# "a week", "an hour": one of a unit of time, as "one week" is, or "a week" against "three weeks"
# would pass as the same word; "the day after" is a day too, as "a day after" is. Left unread: "a
# second" (as often the ordinal: "a second coroner"); a compound ("a year-end review", "a day-care
# centre"; "-long" and "-old" are durations); a part ("a quarter of an hour"); and a rate ("£500 in
# rent a month", "twice a year", "100,000 barrels of oil a day"): see _rate.
_ONE_UNIT = re.compile(
    r"(?<![\w-])(?:[Aa]n?|(?P<the>[Tt]he))[\s-]+(?P<unit>" + "|".join(ONE_UNITS) + ")"
    r"(?:-?(?:long|old))?(?![\w-])(?(the)(?=\s+(?:after|before|later|earlier)\b))"
)
_CLAUSE_END = re.compile(r"[.;:!?,]\s")
_RELATIVE = re.compile(r"(?:-?(?:long|old))?\s+(?:after|before|later|earlier|ago)\b")


def _rate(text: str, start: int, end: int) -> bool:
    """Whether the 'a week' at `start`…`end` is a rate or a part rather than a duration.

    A rate has a count in the four words before it, in its clause ("35 hours of overtime a week"),
    unless a duration's cue stands right before it ("the two men spent a year") or a relative time
    follows it ("a day after"); a part follows a share's "of" ("a quarter of an hour").
    """
    if _RELATIVE.match(text, end):
        return False
    before = text[max(0, start - 60) : start]
    ends = list(_CLAUSE_END.finditer(before))
    words = [w.lower().strip('.,;:!?"“”()') for w in (before[ends[-1].end() :] if ends else before).split()]
    if words[-2:-1] and words[-1] == "of" and words[-2] in PARTS:
        return True
    if words and words[-1] in DURATION_CUES:
        return False
    return any(any(ch.isdigit() for ch in w) or w in WORD_VALUES or w in RATE_WORDS for w in words[-4:])


# Units after a number, normalized so "three weeks" and "21 days" are one measure. A month is not a
# whole number of days, so months and years share a base of their own rather than being converted.
_UNIT_AFTER = re.compile(
    r"(?:\s+|-)(?:(?:" + "|".join(UNIT_FILLERS) + r")\s+)?"
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?"
    r"|dollars?|pounds?|euros?)\b",
    re.I,
)
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s+cent\b)")  # "per cent": British outlets
_COUNTED = re.compile(
    r"(?:\s+of)?(?:[\s-]+(?!(?:" + "|".join(NOT_COUNTED) + r")\b)"
    r"[A-Za-z][\w’'-]*){1,3}"
)


@dataclass(frozen=True)
class Number:
    """A number as written in prose: its value, how it is hedged, and where it stands."""

    value: float
    qualifier: Qualifier
    start: int
    end: int
    raw: str
    is_year: bool = False
    is_percent: bool = False
    unit: str | None = None  # "week", "day", "year", "dollar", …: the unit written with it, singular
    counted: str = ""  # the words after it that say what is counted: "followers on Telegram"
    vague: bool = False  # "hundreds", "dozens": a lower bound read from a plural

    @property
    def multiplier(self) -> bool:
        """Whether it multiplies something: 'doubled', 'three times the rate'."""
        return self.unit == "fold"

    @property
    def duration(self) -> bool:
        """Whether it is a length of time: 'three weeks', 'a month'."""
        return self.unit is not None and UNIT_WORDS[self.unit][0] in TIME_BASES

    def measure(self) -> tuple[float, str | None]:
        """The value in its unit's base: 'three weeks' is (21, 'day'), like '21 days'."""
        if self.unit is None:
            return self.value, None
        base, factor = UNIT_WORDS[self.unit]
        return self.value * factor, base

    def interval(self) -> tuple[float, float]:
        """The values this mention admits: 'over 100' admits anything above 100."""
        v = self.measure()[0]
        if self.qualifier == "over":
            return (v, math.inf)
        if self.qualifier == "under":
            return (-math.inf, v)
        if self.qualifier == "about":
            return (v * 0.9, v * 1.1)
        return (v, v)

    def compatible(self, other: Number) -> bool:
        """Whether two mentions can describe the same quantity (their intervals meet)."""
        if self.is_percent != other.is_percent:
            return True  # a share and a count are not comparable: no verdict, no conflict
        if self.unit is not None and other.unit is not None and self.measure()[1] != other.measure()[1]:
            return True  # days and dollars: not the same quantity
        a0, a1 = self.interval()
        b0, b1 = other.interval()
        if self.qualifier == "over" and other.qualifier == "over":
            return True  # two lower bounds never contradict each other
        if self.qualifier == "under" and other.qualifier == "under":
            return True
        return a0 <= b1 and b0 <= a1


def _hedge(lowered: str, start: int) -> tuple[Qualifier, int]:
    """The qualifier the words before `start` give a number, and where those words start."""
    window = max(0, start - 20)
    before = lowered[window:start].rstrip()
    for phrase, q in QUALIFIERS:
        if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalpha()):
            return q, window + len(before) - len(phrase)
    return "exact", start


def _qualifier(lowered: str, start: int) -> Qualifier:
    return _hedge(lowered, start)[0]


def hedge_start(text: str, number: Number) -> int:
    """Where `number` starts with the hedge it is read with: 'in excess of 100' starts at 'in'."""
    return number.start if number.vague else _hedge(text.lower(), number.start)[1]


def _spans(text: str) -> list[tuple[int, int, float, bool, str | None, bool]]:
    """(start, end, value, is_percent, unit, vague) of every numeric mention, digits or words.

    The unit here is a currency's, or one of time inside the span ("a week", "two weeks and a half");
    any other is read after the span.
    """
    # Multipliers and ratios first: their digits ("10-fold", "4 out of 5") are not numbers of their own.
    found: list[tuple[int, int, float, bool, str | None, bool]] = [
        (start, end, value, False, "fold", False) for start, end, value in multiplied(text)
    ] + [(start, end, value, False, None, False) for start, end, value in ratios(text)]
    taken = [(s, e) for s, e, *_ in found]

    def free(s: int, e: int) -> bool:
        return all(e <= s0 or s >= e0 for s0, e0 in taken)

    for m in _NUMBER.finditer(text):
        value = float(m.group("num").replace(",", "") + (m.group("frac") or ""))
        suffix = m.group("suffix")
        if suffix:
            if suffix in CURRENCY_ONLY and not m.group("cur"):
                continue  # "100m" is as likely metres
            value *= SUFFIXES[suffix]
        if m.group("scale"):
            value *= SCALES[m.group("scale")]
        currency = CURRENCY.get(m.group("cur") or "")
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), value, bool(m.group("pct")), currency, False))
            taken.append((m.start(), m.end()))

    for start, end, value in fractions(text):
        if free(start, end):
            found.append((start, end, value, False, None, False))
            taken.append((start, end))
    for m in WORD_NUMBER.finditer(text):
        words = m.group("words")
        end = m.end()
        lowered = words.lower()
        if (
            lowered == "one"
            and not _UNIT_AFTER.match(text, end)
            and not _AND_A_HALF.match(text, end)
            and (_NOT_AFTER_ONE.match(text, end) or _NOT_BEFORE_ONE.search(text[: m.start()]))
        ):
            continue
        if not free(m.start(), end):
            continue
        value = word_value(words)
        pct = _PERCENT_AFTER.match(text, end)
        end = pct.end() if pct else end
        found.append((m.start(), end, value, bool(pct), None, False))
        taken.append((m.start(), end))
    for m in _ONE_UNIT.finditer(text):
        if free(m.start(), m.end()) and not _rate(text, m.start(), m.end()):
            # The span reaches over its unit, as "three weeks" does through unit_end.
            found.append((m.start(), m.end(), 1.0, False, m.group("unit").lower(), False))
            taken.append((m.start(), m.end()))
    for m in VAGUE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = 2.0 * VAGUE_BASE[m.group("many").lower()]
        if m.group("of"):
            value *= VAGUE_BASE[m.group("of").lower()]
        found.append((m.start(), m.end(), value, False, None, True))
    return [
        (start, fold.end(), value, False, "fold", False)
        if unit is None and not pct and not vague and (fold := FOLD_AFTER.match(text, end))
        else (start, end, value, pct, unit, vague)
        for start, end, value, pct, unit, vague in _halves(text, sorted(found))
    ]


# "half a million", "half an hour", "two and a half weeks", "a week and a half": the half is read with
# the number it halves or adds to, or "half a million" would pass for "a million".
_HALF_BEFORE = re.compile(r"(?<![\w-])half\s+$", re.I)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.I)
_SCALE_AFTER = re.compile(r"\s+(?P<scale>thousand|million|billion|trillion)(?![\w-])", re.I)


def _halves(
    text: str, found: list[tuple[int, int, float, bool, str | None, bool]]
) -> list[tuple[int, int, float, bool, str | None, bool]]:
    """The spans with "half a …" and "… and a half" read into them: 'half a million' is 500,000."""
    out: list[tuple[int, int, float, bool, str | None, bool]] = []
    after = -1  # the end of a span that took in a scale word found on its own ("two and a half million")
    for start, end, value, pct, unit, vague in found:
        if start < after:
            continue
        raw = text[start:end]
        if not (vague or pct or re.search(r"\d[A-Za-z]+$", raw)):  # "2m and a half": left as read
            half = _HALF_BEFORE.search(text, max(0, start - 8), start)
            if half and re.match(r"an?\s", raw, re.I):
                start, value = half.start(), value / 2
            elif plus := _AND_A_HALF.match(text, end):
                words = raw.lower().replace("-", " ").split()
                value += HALF_OF.get(words[-1], 1.0) / 2
                end = plus.end()
                if unit is None and (scale := _SCALE_AFTER.match(text, end)):
                    value *= SCALES[scale.group("scale").lower()]
                    end = after = scale.end()
                if unit is None and (share := _PERCENT_AFTER.match(text, end)):
                    pct, end = True, share.end()  # "two and a half percent" is 2.5%
            elif (
                unit is None
                and (named := _UNIT_AFTER.match(text, end))
                and (plus := _AND_A_HALF.match(text, named.end()))
            ):
                # "two weeks and a half": the unit is inside the span now, so it is carried with it.
                unit, value, end = named.group("unit").lower().removesuffix("s"), value + 0.5, plus.end()
        out.append((start, end, value, pct, unit, vague))
    return out


def find_numbers(text: str) -> list[Number]:
    """Every numeric mention in `text`, in digits or words, with its scale, unit and hedge ('more than')."""
    return list(_numbers_in(text))


_JOINED_NEXT = re.compile(r"-(?:to-)?\d")


@lru_cache(maxsize=16384)
def _numbers_in(text: str) -> tuple[Number, ...]:
    # Cached (its numbers are frozen): a sentence's numbers are asked for by its reading, the figure
    # reader and the checks; each text is read once.
    out: list[Number] = []
    lowered = text.lower()
    # "234-193" is two counts; "3-5 years" and "$5-6 billion" are one range, read (as before) by its
    # second number: a number joined to the next is kept only where a tally starts.
    tallies = {t.start for t in find_tallies(text)}
    for start, end, value, pct, written, vague in _spans(text):
        if _JOINED_NEXT.match(text, end) and start not in tallies:
            continue
        raw = text[start:end]
        unit = written
        tail = end
        if unit is None and (unit_match := _UNIT_AFTER.match(text, end)):
            unit = unit_match.group("unit").lower().removesuffix("s")
            tail = unit_match.end()
        counted = _COUNTED.match(text, tail)
        is_year = (
            not vague
            and unit is None
            and not pct
            and raw.isdigit()
            and len(raw) == 4
            and 1800 <= value <= 2100
        )
        out.append(
            Number(
                value=value,
                qualifier="over" if vague else _qualifier(lowered, start),
                start=start,
                end=end,
                raw=raw,
                is_year=is_year,
                is_percent=pct,
                unit=unit,
                counted=counted.group(0).strip(" -").removeprefix("of ") if counted else "",
                vague=vague,
            )
        )
    return tuple(out)


# A vote or a score written as one word: "234-193", "a 134-to-63 vote", "5–4". The first number is the
# larger (a tally lists the winning side first); "2002-06", "555-1234" and "KN-23-5" are no tallies.
_TALLY = re.compile(
    r"(?<![\w.,$£€/-])(?P<high>\d{1,3}(?:,\d{3})*|\d+)(?:-|–|—|-to-)(?P<low>\d{1,3}(?:,\d{3})*|\d+)(?![\w/-]|[.,]\d)"
)


@dataclass(frozen=True)
class Tally:
    """A vote or score written as one word ("234-193"): where it stands and its two counts."""

    start: int
    end: int
    high: float
    low: float


def find_tallies(text: str) -> list[Tally]:
    """The tallies written as one word in `text`: '234-193', '134-to-63', '5–4'."""
    out: list[Tally] = []
    for m in _TALLY.finditer(text):
        high, low = (float(m.group(g).replace(",", "")) for g in ("high", "low"))
        year = len(m.group("high")) == 4 and 1800 <= high <= 2100
        if high >= low and not year:
            out.append(Tally(m.start(), m.end(), high, low))
    return out


def unit_end(text: str, number: Number) -> int:
    """Where `number` ends in `text` with the unit word after it: '44 million dollars', 'three weeks'."""
    m = _UNIT_AFTER.match(text, number.end)
    return m.end() if m else number.end


def same_value(a: float, b: float) -> bool:
    """Equal up to float noise."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
