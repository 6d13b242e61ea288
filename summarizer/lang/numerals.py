"""Numbers in words: number words, shares ("a third of", "one in three") and multipliers ("doubled")."""

from __future__ import annotations

import re

from summarizer.lang.lexicon.numbers import (
    BEFORE_BASE_FORM,
    CUTTING,
    DENOMINATOR,
    MULTIPLIER_PARTS,
    MULTIPLIER_STEMS,
    NOT_A_RATIO_OF,
    NOT_A_SHARE_AFTER,
    NOT_A_VERB_AFTER,
    SCALE_WORDS,
    SCALES,
    SHARE_PARTS,
    SMALL_NUMBERS,
    UNITS,
    WORD_VALUES,
)
from summarizer.lang.lexicon.words import DASHES, DETERMINERS, FOLDS_TO_ASCII

NUMBER_WORD = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
# "and" joins only after hundred or a scale ("a hundred and fifty"); "two and three" is two numbers.
_AND_AFTER = "(?:" + "|".join(f"(?<={w})" for w in ("hundred", *SCALES)) + ")"
WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?:(?P<article>[Aa]n?|[Oo]ne)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?P<words>(?:{NUMBER_WORD})(?:(?:{_AND_AFTER}\s+and\s+|\s+|-)(?:{NUMBER_WORD}))*)(?![\w])",
    re.I,
)
# Vague plurals are lower bounds: "hundreds" is at least two hundred, "tens of thousands" at least 20,000.
VAGUE = re.compile(
    r"(?<![\w-])(?P<many>tens|dozens|hundreds|thousands|millions|billions)"
    r"(?:\s+of\s+(?P<of>thousands|millions|billions))?(?![\w-])",
    re.I,
)

# A share in words: "a third of", "two-thirds", "three fifths of", "half the". Read as its value, or
# "a third of voters" would pass against "two-thirds of voters" on its words, and "two-thirds" be two.
# Hyphened ("one-third", "three-quarters") it is a share; spaced, only with "of" after it, so that an
# ordinal ("a third term") is none, and "quarters" spaced only before a determiner: "two quarters of
# growth" counts a year's quarters. "The second half of" is a part, not a share.
_FRACTION = re.compile(
    r"(?<![\w-])(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)(?P<sep>[\s-]+)"
    r"(?P<den>third|quarter|fifth|tenth)(?P<plural>s?)(?![\w’'-])",
    re.I,
)
_HALF_SHARE = re.compile(r"(?<![\w-])half(?=\s+(?:of|the)\b)", re.I)


# "one in three voters", "4 out of 5 doctors", "one in every five", "a one-in-three chance": a share,
# or "one in three" would be read as three and pass against "three voters". Not a tally of events or
# a span of time: "3 out of 5 games", "2 in 10 minutes".
_SMALL = "|".join(SMALL_NUMBERS)
_SCALE_WORDS = "|".join(SCALE_WORDS)
_ONE_IN = re.compile(
    rf"(?<![\w.,-])(?P<a>{_SMALL}|\d+)(?:\s+|-)(?:in|out[\s-]+of)(?:\s+|-)(?:every(?:\s+|-))?"
    rf"(?P<b>(?:an?(?:\s+|-))?(?:{NUMBER_WORD})(?:(?:\s+|-)(?:{NUMBER_WORD}))*"
    rf"|(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\s+(?:{_SCALE_WORDS}))?)"
    rf"(?![\w.,-])(?!\s+(?:{NOT_A_RATIO_OF})\b)",
    re.I,
)


def _ratio_words(words: str) -> float:
    """The value of a ratio's side: 'three', 'a hundred', 'twenty-five', '1,000', '5 million'."""
    digits = re.match(r"([\d,]+)(?:\s+(\w+))?$", words)
    if digits:
        return float(digits.group(1).replace(",", "")) * SCALES.get((digits.group(2) or "").lower(), 1.0)
    return word_value(re.sub(r"^an?[\s-]+", "", words, flags=re.I))


def _may_hold(text: str, parts: tuple[str, ...]) -> bool:
    """Whether an expression that needs one of `parts` (case aside) may match: most sentences hold none,
    and a search of the lowercase text is cheaper than the expression tried at every character."""
    if not FOLDS_TO_ASCII.isdisjoint(text):
        return True
    lowered = text.lower()
    return any(p in lowered for p in parts)


def ratios(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each share written as a ratio: 'one in three' is 1/3."""
    out: list[tuple[int, int, float]] = []
    for m in _ONE_IN.finditer(text):
        a, b = _ratio_words(m.group("a")), _ratio_words(m.group("b"))
        year = m.group("b").isdigit() and 1800 <= b <= 2100  # "3 in 2010"
        if 0 < a < b and not year:
            out.append((m.start(), m.end(), a / b))
    return out


def fractions(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each share written in words: 'two-thirds' is 2/3."""
    out: list[tuple[int, int, float]] = []
    if not _may_hold(text, SHARE_PARTS):
        return out
    for m in _HALF_SHARE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].split()
        if not before or before[-1].lower() not in NOT_A_SHARE_AFTER:
            out.append((m.start(), m.end(), 0.5))
    for m in _FRACTION.finditer(text):
        num, den = m.group("num").lower(), m.group("den").lower()
        if m.group("sep") != "-":
            of = re.match(r"\s+of\s+(?P<next>[\w’']+)", text[m.end() :])
            quarters = den == "quarter" and m.group("plural")
            if not of or (quarters and of.group("next").lower() not in DETERMINERS):
                continue
        top = 1 if num in ("a", "an") else UNITS[num]
        out.append((m.start(), m.end(), top / DENOMINATOR[den]))
    return out


def word_value(words: str) -> float:
    """The value of a run of number words: 'one hundred and twenty-five thousand' is 125,000."""
    total = 0.0
    current = 0.0
    for w in re.split(r"[\s-]+", words.lower()):
        if w == "and":
            continue
        v = WORD_VALUES[w]
        if w == "hundred":
            current = max(current, 1) * 100
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in SCALES:
            total += max(current, 1) * v
            current = 0
        else:
            current += v
    return total + current


# Multipliers: "doubled" is twice something, not the word of "tripled", and not a count of two. Read
# as a number with the unit "fold" (which never matches a bare count), so code, not a judge, tells
# "doubled" from "tripled". Left unread where the word is something else: "double", "triple" and
# "halve" alone unless after "to" or a modal ("pledged to double spending"), and "doubles" after a
# determiner ("the men's doubles"); "doubled down", "doubled over in pain", "doubles as an office";
# "twice" and "N times" unless a comparison follows ("twice as many", "three times the rate", "three
# times higher"; not "arrested twice", "twice as prime minister", "three times that day"); "in half"
# and "by half" unless after a verb of cutting or falling ("cut in half", "fell by half"; not "broke
# in half", "by half-time").
_DASH = f"[-{DASHES}]"
_COMPARISON = (
    r"\s+(?:as\s+(?:many|much)\b|as\s+\w+(?=\s+as\b|\s*[.,;:!?]|\s*$)"
    r"|the\s+(?!(?:same|following|next|previous|day|night|morning|evening|week|weekend|month|year"
    r"|season|first|last|time)\b)"
    r"|(?:that\s+of|what|its|their|his|her|our|those|these|last)\b"
    r"|(?:more|less)\s+(?:than|likely)\b|(?:more|less)\s+\w+\s+than\b"
    r"|(?:higher|larger|bigger|greater|faster|lower|smaller|fewer|slower|longer|shorter|wider)\b)"
)
_MULTIPLIED = re.compile(
    rf"(?<![\w.,{DASHES}-])(?:(?P<stem>doubl|tripl|trebl|quadrupl|halv)(?P<ending>ed|ing|es|e)"
    rf"(?!{_DASH}|\s+(?:down|up|back)\b|\s+over\s+(?:in|with)\b|\s+as\s+(?:an?|the|its|his|her|their)\b)"
    rf"|(?P<times>twice|thrice)(?={_COMPARISON})"
    rf"|(?P<half>(?:by|in)\s+half)(?!\s*{_DASH}?\s*(?:past|an?|of|the|time|term|way)\b)"
    rf"|(?P<words>two|three|four|five|six|seven|eight|nine|ten|hundred)fold"
    rf"|(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.\d+)?\s?{_DASH}?fold)(?![\w{DASHES}-])",
    re.I,
)
# After a number: "three times the rate", "two-fold", "10 fold": the number's unit.
FOLD_AFTER = re.compile(rf"(?:(?:\s+|{_DASH})times(?={_COMPARISON})|\s?{_DASH}?fold)(?![\w{DASHES}-])", re.I)


_LAST_WORD = re.compile(r"(\S+)\s*$")


def multiplied(text: str) -> list[tuple[int, int, float]]:
    """(start, end, factor) of each multiplier written as one word: 'doubled' is 2, 'halved' 0.5."""
    out: list[tuple[int, int, float]] = []
    if not _may_hold(text, MULTIPLIER_PARTS):
        return out
    for m in _MULTIPLIED.finditer(text):
        last = _LAST_WORD.search(text, max(0, m.start() - 40), m.start())
        prev = last.group(1).lower() if last else ""
        if m.group(0)[:1].isupper() and last and not prev.endswith((".", "!", "?")):
            continue  # a name: the band Twice, "Double Tree"
        if m.group("digits"):
            value = float(m.group("digits").replace(",", "") + (m.group("frac") or ""))
        elif m.group("words"):
            value = word_value(m.group("words"))
        elif m.group("half"):
            if prev not in CUTTING:  # not "broke in half", nor "too cute by half"
                continue
            value = 0.5  # "cut in half", "fell by half": halved
        elif m.group("times"):
            value = MULTIPLIER_STEMS[m.group("times").lower()]
        else:
            ending = m.group("ending").lower()
            if (ending == "e" and prev not in BEFORE_BASE_FORM) or (
                ending == "es" and (prev in NOT_A_VERB_AFTER or m.group("stem").lower() == "halv")
            ):
                continue  # "a double murder", "the doubles final", "both halves"
            value = MULTIPLIER_STEMS[m.group("stem").lower()]
        out.append((m.start(), m.end(), value))
    return out
