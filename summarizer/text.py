"""Text primitives shared by validation and verification: quote matching and numbers in prose.

Everything here is pure and deterministic, because it is what the report's verdicts rest on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

# lemminflect: a maintained lemmatizer whose tables ship inside its wheel (no download at run time), so
# "has blown up" meets "blew up" without a tagger or a network.
from lemminflect import getAllLemmas  # type: ignore[import-untyped]

# Quotation marks and apostrophes only. Primes (′ ″) and the acute accent (´) are not quotation marks:
# 6″ (inches) must not match 6′ (feet). The grave accent stays: plain-ASCII text writes `this' for ‘this’.
_QUOTE_MARKS = "'\"`«»‹›‘’‚‛“”„‟ʼ＂＇"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# "Verbatim" tolerates exactly these differences: which quotation mark or apostrophe, which dash, and
# runs of whitespace. Small models turn “double” quotes into ‘single’ ones; anything fuzzier than this
# would let a paraphrase pass as a quote.
_EQUIVALENT = str.maketrans({**dict.fromkeys(_QUOTE_MARKS, '"'), **dict.fromkeys(_DASHES, "-"), "\xa0": " "})

MIN_QUOTE_CHARS = 8
MIN_QUOTE_WORDS = 2


# Whitespace that normalize would drop or fold: at either end, in a run, or other than a plain space.
_UNEVEN_SPACE = re.compile(r"^\s|\s$|\s\s|[^\S ]")


def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quote/dash variants and whitespace runs; return the text and each character's original index."""
    folded = text.translate(_EQUIVALENT)  # one character for one: offsets do not move
    if not _UNEVEN_SPACE.search(folded):
        # Most sentences have nothing else to fold: skip the character-by-character walk (a third of a
        # batch's verification time).
        return folded, list(range(len(folded)))
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text.translate(_EQUIVALENT)):
        if ch.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i - 1)
            pending_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


@lru_cache(maxsize=64)
def _normalized_article(text: str) -> tuple[str, list[int]]:
    # Every claim's quote is checked against the same few articles, several times over (validation,
    # salvage, verification): normalize each article once.
    return normalize(text)


def _strip_enclosing(quote: str) -> str:
    # Where a quote starts and ends is a choice of span, not of words: quotation marks a model wraps
    # around it and punctuation it leaves at either end (",", ";") are not evidence, so they are trimmed.
    return quote.translate(_EQUIVALENT).strip().strip('",;:').strip()


def _on_boundary(hay: str, start: int, end: int) -> bool:
    # A match may not begin or end inside a word: "ne said 15" is not in "Ukraine said 150".
    inside_left = start > 0 and hay[start].isalnum() and hay[start - 1].isalnum()
    inside_right = end < len(hay) and hay[end - 1].isalnum() and hay[end].isalnum()
    return not inside_left and not inside_right


def _find(quote: str, text: str, *, cut_end: bool = False) -> list[tuple[int, int]]:
    """Spans of `quote` in `text` on word boundaries; with `cut_end`, its last word may be cut short."""
    needle, _ = normalize(_strip_enclosing(quote))
    if len(needle) < MIN_QUOTE_CHARS or len(needle.split()) < MIN_QUOTE_WORDS:
        return []
    hay, index = _normalized_article(text)
    spans: list[tuple[int, int]] = []
    start = hay.find(needle)
    while start != -1:
        end = start + len(needle)
        if _on_boundary(hay, start, len(hay) if cut_end else end):
            spans.append((index[start], index[end - 1] + 1))
        start = hay.find(needle, start + 1)
    return spans


def find_quote(quote: str, text: str) -> list[tuple[int, int]]:
    """Spans (start, end) in `text` where `quote` occurs verbatim, up to quote/dash/whitespace variants."""
    return _find(quote, text)


def quote_problem(quote: str, text: str) -> str | None:
    """Why `quote` is not verbatim in `text`, or None when it is."""
    stripped = _strip_enclosing(quote)
    if len(stripped) < MIN_QUOTE_CHARS or len(stripped.split()) < MIN_QUOTE_WORDS:
        return f"quote {quote!r} is too short to be evidence (at least {MIN_QUOTE_WORDS} words)"
    if not find_quote(quote, text):
        return f"quote {_clip(quote)!r} does not occur verbatim in the article"
    return None


def whole_words(quote: str, text: str) -> str:
    """A verbatim `quote` less the half word a length limit cut off at its end; else `quote` unchanged."""
    if find_quote(quote, text):
        return quote
    # Only a quote whose last word the cap cut may end inside a word, and it is then trimmed.
    spans = _find(quote, text, cut_end=True)
    if not spans:
        return quote
    end = spans[0][1]
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        kept = quote.rstrip()
        trimmed = kept[: kept.rfind(" ")].rstrip(" ,;:") if " " in kept else kept
        if quote_problem(trimmed, text) is None:
            return trimmed
    return quote


def _clip(s: str, limit: int = 80) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


Qualifier = Literal["exact", "about", "over", "under"]

# Longest phrases first: "no more than" must not be read as "more than".
_QUALIFIERS: list[tuple[str, Qualifier]] = [
    ("no more than", "under"),
    ("no fewer than", "over"),
    ("no less than", "over"),
    ("not more than", "under"),
    ("not less than", "over"),
    ("as many as", "under"),
    ("more than", "over"),
    ("greater than", "over"),
    ("upwards of", "over"),
    ("in excess of", "over"),
    ("at least", "over"),
    ("over", "over"),
    ("above", "over"),
    ("exceeding", "over"),
    ("fewer than", "under"),
    ("less than", "under"),
    ("at most", "under"),
    ("up to", "under"),
    ("under", "under"),
    ("below", "under"),
    ("nearly", "about"),
    ("almost", "about"),
    ("close to", "about"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
]

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Suffixes glued to digits. "bn", "mn", "tn" and "k" say a scale on their own; a bare "m" or "b" does so
# only after a currency sign ("$3m"), since "100m" is as often metres.
_SUFFIXES = {"k": 1e3, "K": 1e3, "bn": 1e9, "mn": 1e6, "tn": 1e12, "trn": 1e12, "m": 1e6, "b": 1e9}
_CURRENCY_ONLY = {"m", "b"}

# A number not glued to a word or an identifier ("KN-23", "B2", "3rd" are not quantities).
_NUMBER = re.compile(
    r"(?<![\w.,$£€/])(?<![A-Za-z]-)(?<!No\. )(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<suffix>bn|mn|trn|tn|k|K|m|b)(?![\w/-])|"
    r"(?P<pct>\s?%|\s?percent\b|\s?per\s+cent\b)?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?![\w/-]))"
)

# Numbers written as words. A small table rather than a library: text2num's alpha2digit rewrites the
# text without offsets (spans must point at the original) and reads neither "a dozen" nor "hundreds";
# word2number parses one phrase, not running text. English number words are a closed set.
_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "  # noqa: SIM905
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())  # noqa: SIM905
    if i > 1
}
_WORD_VALUES: dict[str, float] = {**_UNITS, **_TENS, "hundred": 100, "dozen": 12, **_SCALES}
_NUMBER_WORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
# "and" joins only after hundred or a scale ("a hundred and fifty"); "two and three" is two numbers.
_AND_AFTER = "(?:" + "|".join(f"(?<={w})" for w in ("hundred", *_SCALES)) + ")"
_WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?:(?P<article>[Aa]n?|[Oo]ne)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?P<words>(?:{_NUMBER_WORD})(?:(?:{_AND_AFTER}\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*)(?![\w])",
    re.I,
)
# Vague plurals are lower bounds: "hundreds" is at least two hundred, "tens of thousands" at least 20,000.
_VAGUE = re.compile(
    r"(?<![\w-])(?P<many>tens|dozens|hundreds|thousands|millions|billions)"
    r"(?:\s+of\s+(?P<of>thousands|millions|billions))?(?![\w-])",
    re.I,
)
_VAGUE_BASE: dict[str, float] = {
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
# "one of them", "no one", "the one that": a pronoun, not a count.
_NOT_AFTER_ONE = re.compile(
    r"\s*(?:$|[^\w\s-]|(?:of|another|or|and|that|who|which|whose|by|in|at|to)\b)", re.I
)
_NOT_BEFORE_ONE = re.compile(r"(?:\b(?:no|any|every|each|the|this|that|which|someone|some)\s*)$", re.I)

# "a week", "an hour": one of a unit of time, as "one week" is, or "a week" against "three weeks"
# would pass as the same word; "the day after" is a day too, as "a day after" is. Left unread: "a
# second" (as often the ordinal: "a second coroner"); a compound ("a year-end review", "a day-care
# centre"; "-long" and "-old" are durations); a part ("a quarter of an hour"); and a rate ("£500 in
# rent a month", "twice a year", "100,000 barrels of oil a day"): see _rate.
_ONE_UNIT = re.compile(
    r"(?<![\w-])(?:[Aa]n?|(?P<the>[Tt]he))[\s-]+(?P<unit>minute|hour|day|week|fortnight|month|year|decade)"
    r"(?:-?(?:long|old))?(?![\w-])(?(the)(?=\s+(?:after|before|later|earlier)\b))"
)
_RATE_WORDS = frozenset({"times", "twice", "once", "thrice", "per", "each", "every"})
# Words a duration follows ("spent a year", "for a week", "within a day"): no rate after them.
_DURATION_CUES = frozenset(
    {"for", "within", "after", "in", "over", "spent", "spend", "spends", "took", "take", "takes", "lasted"}
    | {"last", "lasts", "waited", "wait", "served", "serve", "serving", "about", "nearly", "almost", "than"}
    | {"least", "most", "only", "just", "another"}
)
_PARTS = frozenset(
    {"half", "third", "thirds", "quarter", "quarters", "fraction", "part", "rest", "remainder"}
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
    if words[-2:-1] and words[-1] == "of" and words[-2] in _PARTS:
        return True
    if words and words[-1] in _DURATION_CUES:
        return False
    return any(any(ch.isdigit() for ch in w) or w in _WORD_VALUES or w in _RATE_WORDS for w in words[-4:])


# A share in words: "a third of", "two-thirds", "three fifths of", "half the". Read as its value, or
# "a third of voters" would pass against "two-thirds of voters" on its words, and "two-thirds" be two.
# Hyphened ("one-third", "three-quarters") it is a share; spaced, only with "of" after it, so that an
# ordinal ("a third term") is none, and "quarters" spaced only before a determiner: "two quarters of
# growth" counts a year's quarters. "The second half of" is a part, not a share.
_DENOMINATOR = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_FRACTION = re.compile(
    r"(?<![\w-])(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)(?P<sep>[\s-]+)"
    r"(?P<den>third|quarter|fifth|tenth)(?P<plural>s?)(?![\w’'-])",
    re.I,
)
_HALF_SHARE = re.compile(r"(?<![\w-])half(?=\s+(?:of|the)\b)", re.I)
_DETERMINERS = frozenset("the a an all its his her their our your those these them us".split())  # noqa: SIM905
_NOT_A_SHARE_AFTER = frozenset(
    {"first", "second", "last", "latter", "former", "other", "back", "front", "the"}
)


# "one in three voters", "4 out of 5 doctors", "one in every five": a share, or "one in three" would
# be read as three and pass against "three voters". Not a tally of events or a span of time: "3 out of
# 5 games", "2 in 10 minutes".
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_SCALE_WORDS = "thousand|million|billion"
_ONE_IN = re.compile(
    rf"(?<![\w.,-])(?P<a>{_SMALL}|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<b>(?:an?\s+)?(?:{_NUMBER_WORD})(?:(?:\s+|-)(?:{_NUMBER_WORD}))*"
    rf"|(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\s+(?:{_SCALE_WORDS}))?)"
    r"(?![\w.,-])(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|games?|matches?"
    r"|races?|starts?|attempts?|tries|innings|shots?|cases?|hearings?)\b)",
    re.I,
)


def _ratio_words(words: str) -> float:
    """The value of a ratio's side: 'three', 'a hundred', 'twenty-five', '1,000', '5 million'."""
    digits = re.match(r"([\d,]+)(?:\s+(\w+))?$", words)
    if digits:
        return float(digits.group(1).replace(",", "")) * _SCALES.get((digits.group(2) or "").lower(), 1.0)
    return _word_value(re.sub(r"^an?\s+", "", words, flags=re.I))


def _ratios(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each share written as a ratio: 'one in three' is 1/3."""
    out: list[tuple[int, int, float]] = []
    for m in _ONE_IN.finditer(text):
        a, b = _ratio_words(m.group("a")), _ratio_words(m.group("b"))
        year = m.group("b").isdigit() and 1800 <= b <= 2100  # "3 in 2010"
        if 0 < a < b and not year:
            out.append((m.start(), m.end(), a / b))
    return out


def _fractions(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each share written in words: 'two-thirds' is 2/3."""
    out: list[tuple[int, int, float]] = []
    for m in _HALF_SHARE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].split()
        if not before or before[-1].lower() not in _NOT_A_SHARE_AFTER:
            out.append((m.start(), m.end(), 0.5))
    for m in _FRACTION.finditer(text):
        num, den = m.group("num").lower(), m.group("den").lower()
        if m.group("sep") != "-":
            of = re.match(r"\s+of\s+(?P<next>[\w’']+)", text[m.end() :])
            quarters = den == "quarter" and m.group("plural")
            if not of or (quarters and of.group("next").lower() not in _DETERMINERS):
                continue
        top = 1 if num in ("a", "an") else _UNITS[num]
        out.append((m.start(), m.end(), top / _DENOMINATOR[den]))
    return out


# Units after a number, normalized so "three weeks" and "21 days" are one measure. A month is not a
# whole number of days, so months and years share a base of their own rather than being converted.
_UNIT_WORDS: dict[str, tuple[str, float]] = {
    "second": ("second", 1),
    "minute": ("second", 60),
    "hour": ("second", 3600),
    "day": ("day", 1),
    "week": ("day", 7),
    "fortnight": ("day", 14),
    "month": ("month", 1),
    "year": ("month", 12),
    "decade": ("month", 120),
    "dollar": ("$", 1),
    "pound": ("£", 1),
    "euro": ("€", 1),
    "fold": ("×", 1),  # a multiplier: "doubled", "threefold", "twice as many", "three times the rate"
}
_UNIT_AFTER = re.compile(
    r"(?:\s+|-)(?:(?:straight|consecutive|successive|full|whole|long|more|additional|further)\s+)?"
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?"
    r"|dollars?|pounds?|euros?)\b",
    re.I,
)
_CURRENCY = {"$": "dollar", "£": "pound", "€": "euro"}
_TIME_BASES = frozenset({"second", "day", "month"})  # the bases of _UNIT_WORDS' units of time
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s+cent\b)")  # "per cent": British outlets
_COUNTED = re.compile(
    r"(?:\s+of)?(?:[\s-]+(?!(?:and|or|of|in|on|at|to|for|from|by|with|the|a|an|that|who|which)\b)"
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
        return self.unit is not None and _UNIT_WORDS[self.unit][0] in _TIME_BASES

    def measure(self) -> tuple[float, str | None]:
        """The value in its unit's base: 'three weeks' is (21, 'day'), like '21 days'."""
        if self.unit is None:
            return self.value, None
        base, factor = _UNIT_WORDS[self.unit]
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


def _qualifier(lowered: str, start: int) -> Qualifier:
    before = lowered[max(0, start - 20) : start].rstrip()
    for phrase, q in _QUALIFIERS:
        if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalpha()):
            return q
    return "exact"


def _word_value(words: str) -> float:
    """The value of a run of number words: 'one hundred and twenty-five thousand' is 125,000."""
    total = 0.0
    current = 0.0
    for w in re.split(r"[\s-]+", words.lower()):
        if w == "and":
            continue
        v = _WORD_VALUES[w]
        if w == "hundred":
            current = max(current, 1) * 100
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in _SCALES:
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
_DASH = f"[-{_DASHES}]"
_COMPARISON = (
    r"\s+(?:as\s+(?:many|much)\b|as\s+\w+(?=\s+as\b|\s*[.,;:!?]|\s*$)"
    r"|the\s+(?!(?:same|following|next|previous|day|night|morning|evening|week|weekend|month|year"
    r"|season|first|last|time)\b)"
    r"|(?:that\s+of|what|its|their|his|her|our|those|these|last)\b"
    r"|(?:more|less)\s+(?:than|likely)\b|(?:more|less)\s+\w+\s+than\b"
    r"|(?:higher|larger|bigger|greater|faster|lower|smaller|fewer|slower|longer|shorter|wider)\b)"
)
_MULTIPLIED = re.compile(
    rf"(?<![\w.,{_DASHES}-])(?:(?P<stem>doubl|tripl|trebl|quadrupl|halv)(?P<ending>ed|ing|es|e)"
    rf"(?!{_DASH}|\s+(?:down|up|back)\b|\s+over\s+(?:in|with)\b|\s+as\s+(?:an?|the|its|his|her|their)\b)"
    rf"|(?P<times>twice|thrice)(?={_COMPARISON})"
    rf"|(?P<half>(?:by|in)\s+half)(?!\s*{_DASH}?\s*(?:past|an?|of|the|time|term|way)\b)"
    rf"|(?P<words>two|three|four|five|six|seven|eight|nine|ten|hundred)fold"
    rf"|(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.\d+)?\s?{_DASH}?fold)(?![\w{_DASHES}-])",
    re.I,
)
_STEMS = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5, "twice": 2.0, "thrice": 3.0}
_BEFORE_BASE_FORM = frozenset("to will would could can may might should must shall".split())  # noqa: SIM905
_NOT_A_VERB_AFTER = frozenset("the a both two mixed men's women's men’s women’s".split())  # noqa: SIM905
_CUTTING = frozenset(
    """cut cuts cutting slash slashed slashes slashing reduce reduced reduces reducing fall falls fell
    fallen falling drop drops dropped dropping decline declines declined declining shrink shrinks shrank
    shrunk shrinking lower lowers lowered lowering sink sinks sank sunk sinking plunge plunges plunged
    plunging""".split()  # noqa: SIM905 - a word list reads better as prose
)
# After a number: "three times the rate", "two-fold", "10 fold": the number's unit.
_FOLD_AFTER = re.compile(
    rf"(?:(?:\s+|{_DASH})times(?={_COMPARISON})|\s?{_DASH}?fold)(?![\w{_DASHES}-])", re.I
)


_LAST_WORD = re.compile(r"(\S+)\s*$")


def _multiplied(text: str) -> list[tuple[int, int, float]]:
    """(start, end, factor) of each multiplier written as one word: 'doubled' is 2, 'halved' 0.5."""
    out: list[tuple[int, int, float]] = []
    for m in _MULTIPLIED.finditer(text):
        last = _LAST_WORD.search(text, max(0, m.start() - 40), m.start())
        prev = last.group(1).lower() if last else ""
        if m.group(0)[:1].isupper() and last and not prev.endswith((".", "!", "?")):
            continue  # a name: the band Twice, "Double Tree"
        if m.group("digits"):
            value = float(m.group("digits").replace(",", "") + (m.group("frac") or ""))
        elif m.group("words"):
            value = _word_value(m.group("words"))
        elif m.group("half"):
            if prev not in _CUTTING:  # not "broke in half", nor "too cute by half"
                continue
            value = 0.5  # "cut in half", "fell by half": halved
        elif m.group("times"):
            value = _STEMS[m.group("times").lower()]
        else:
            ending = m.group("ending").lower()
            if (ending == "e" and prev not in _BEFORE_BASE_FORM) or (
                ending == "es" and (prev in _NOT_A_VERB_AFTER or m.group("stem").lower() == "halv")
            ):
                continue  # "a double murder", "the doubles final", "both halves"
            value = _STEMS[m.group("stem").lower()]
        out.append((m.start(), m.end(), value))
    return out


def _spans(text: str) -> list[tuple[int, int, float, bool, str | None, bool]]:
    """(start, end, value, is_percent, unit, vague) of every numeric mention, digits or words.

    The unit here is a currency's, or one of time inside the span ("a week", "two weeks and a half");
    any other is read after the span.
    """
    # Multipliers and ratios first: their digits ("10-fold", "4 out of 5") are not numbers of their own.
    found: list[tuple[int, int, float, bool, str | None, bool]] = [
        (start, end, value, False, "fold", False) for start, end, value in _multiplied(text)
    ] + [(start, end, value, False, None, False) for start, end, value in _ratios(text)]
    taken = [(s, e) for s, e, *_ in found]

    def free(s: int, e: int) -> bool:
        return all(e <= s0 or s >= e0 for s0, e0 in taken)

    for m in _NUMBER.finditer(text):
        value = float(m.group("num").replace(",", "") + (m.group("frac") or ""))
        suffix = m.group("suffix")
        if suffix:
            if suffix in _CURRENCY_ONLY and not m.group("cur"):
                continue  # "100m" is as likely metres
            value *= _SUFFIXES[suffix]
        if m.group("scale"):
            value *= _SCALES[m.group("scale")]
        currency = _CURRENCY.get(m.group("cur") or "")
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), value, bool(m.group("pct")), currency, False))
            taken.append((m.start(), m.end()))

    for start, end, value in _fractions(text):
        if free(start, end):
            found.append((start, end, value, False, None, False))
            taken.append((start, end))
    for m in _WORD_NUMBER.finditer(text):
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
        value = _word_value(words)
        pct = _PERCENT_AFTER.match(text, end)
        end = pct.end() if pct else end
        found.append((m.start(), end, value, bool(pct), None, False))
        taken.append((m.start(), end))
    for m in _ONE_UNIT.finditer(text):
        if free(m.start(), m.end()) and not _rate(text, m.start(), m.end()):
            # The span reaches over its unit, as "three weeks" does through unit_end.
            found.append((m.start(), m.end(), 1.0, False, m.group("unit").lower(), False))
            taken.append((m.start(), m.end()))
    for m in _VAGUE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = 2.0 * _VAGUE_BASE[m.group("many").lower()]
        if m.group("of"):
            value *= _VAGUE_BASE[m.group("of").lower()]
        found.append((m.start(), m.end(), value, False, None, True))
    return [
        (start, fold.end(), value, False, "fold", False)
        if unit is None and not pct and not vague and (fold := _FOLD_AFTER.match(text, end))
        else (start, end, value, pct, unit, vague)
        for start, end, value, pct, unit, vague in _halves(text, sorted(found))
    ]


# "half a million", "half an hour", "two and a half weeks", "a week and a half": the half is read with
# the number it halves or adds to, or "half a million" would pass for "a million".
_HALF_BEFORE = re.compile(r"(?<![\w-])half\s+$", re.I)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.I)
_SCALE_AFTER = re.compile(r"\s+(?P<scale>thousand|million|billion|trillion)(?![\w-])", re.I)
_HALF_OF = {**_SCALES, "hundred": 100.0, "dozen": 12.0}


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
                value += _HALF_OF.get(words[-1], 1.0) / 2
                end = plus.end()
                if unit is None and (scale := _SCALE_AFTER.match(text, end)):
                    value *= _SCALES[scale.group("scale").lower()]
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


@lru_cache(maxsize=8192)  # a sentence is read for numbers by extraction, the cross-check and each check
def _numbers_in(text: str) -> tuple[Number, ...]:
    out: list[Number] = []
    lowered = text.lower()
    for start, end, value, pct, written, vague in _spans(text):
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


def unit_end(text: str, number: Number) -> int:
    """Where `number` ends in `text` with the unit word after it: '44 million dollars', 'three weeks'."""
    m = _UNIT_AFTER.match(text, number.end)
    return m.end() if m else number.end


def same_value(a: float, b: float) -> bool:
    """Equal up to float noise."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# Text addressed to a model rather than to readers: an instruction override, a chat-role line, or
# machine data such as a JSON object. Matched on plain substrings and fixed patterns, never built
# from model output.
_INJECTION = [
    (
        re.compile(
            r"\b(ignore|disregard|forget)\s+((all|any|the|your|of)\s+)*((previous|prior|above|earlier|system)\s+)?"
            r"(instructions|prompts?)\b",
            re.I,
        ),
        "an instruction to a model",
    ),
    (re.compile(r"^\s*(system|assistant|user|developer)\s*:", re.I), "a chat-role line"),
    (
        re.compile(r"\byou are now\b|\bthe assistant must\b|\bmaintenance mode\b", re.I),
        "an instruction to a model",
    ),
    (
        re.compile(
            r"^\W*(output|print|respond|reply|return|mark)\b.{0,80}\b(claim|quote|json|verified)\b", re.I
        ),
        "an instruction to a model",
    ),
    (re.compile(r"[{\[]\s*\"[A-Za-z_]+\"\s*:"), "machine data (JSON)"),
]


def injection_marker(sentence: str) -> str | None:
    """What makes a sentence read as text aimed at a model (or as code) rather than reporting, if anything."""
    for pattern, what in _INJECTION:
        if pattern.search(sentence):
            return what
    return None


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
STOP_WORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being has have
    had that this these those it its he she they them his her their who whom which what when where
    than then so such not no more less over under about nearly almost some also said says say told
    according would could should will may might can into out up down after before during while
    since until very just only even said: both article articles report reports reported state
    states stated note notes noted
    """.split()  # noqa: SIM905 - a word list reads better as prose
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to pair 'followers' with 'follow' and 'missiles' with 'missile'."""
    w = word.lower().strip("'’-")
    for suffix in ("ers", "ies", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of `text` (WORD, split at hyphens, "U.K." as one) with their spans: the one tokenizer."""
    return list(_tokens(text))


# The same sentences are tokenized again and again (every check of every sentence citing them): the
# caches below hold the answers for a batch's worth of text, and hand out copies.
_TEXTS = 8192  # a few stories' sentences; about 4 KB each


@lru_cache(maxsize=_TEXTS)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        if m.group("acronym"):
            out.append((m.group(0).replace(".", ""), m.start(), m.end()))
            continue
        offset = m.start()
        for part in m.group(0).split("-"):
            word = part.strip("'’")
            if word:
                start = offset + part.index(word)
                out.append((word, start, start + len(word)))
            offset += len(part) + 1
    return tuple(out)


_TOKEN = re.compile(r"(?P<acronym>(?:[A-Z]\.){2,})|" + WORD.pattern)


@lru_cache(maxsize=16384)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form `word` may inflect ('blown' → blow), its lowercase form and its crude stem."""
    w = word.lower()
    for possessive in ("'s", "’s"):
        w = w.removesuffix(possessive)
    found = {w, stem(w)}
    for forms in getAllLemmas(w).values():
        found.update(f.lower() for f in forms)
    return frozenset(found)


def content_words(text: str) -> set[str]:
    """The stems of a text's words that carry content (no stop words, no one- or two-letter words)."""
    return set(_content_words(text))


@lru_cache(maxsize=_TEXTS)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(
        {
            stem(m.group(0))
            for m in WORD.finditer(text)
            if m.group(0).lower() not in STOP_WORDS and len(m.group(0)) > 2
        }
    )


_SPEECH = (
    r"(?:said|says|told|claimed|claims|noted|concluded|added|stated|wrote|reported|argued|warned|believes)"
)
# "Alexander Kovalenko, a Ukrainian analyst, concluded …", "Ukraine has said …", "Russian military
# bloggers had initially claimed …": a capitalized subject, an optional appositive between commas
# (a comma inside "100,000" does not end it), then a verb of saying.
_SAID_BY = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][\w’'.-]*(?:\s[A-Za-z][\w’'.-]*){0,3}?)(?:,(?:[^,]|,(?=\d)){1,90},)?"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?" + _SPEECH + r"\b"
)
_ACCORDING_TO = re.compile(r"\baccording to (?P<who>(?:the\s)?(?:[A-Z][\w’'.-]*\s?){1,5})")
_NOT_A_NAME = {"The", "This", "That", "It", "He", "She", "They", "We", "I", "But", "And", "However", "So"}
_NOT_LAST = {"and", "or", "but", "then", "who", "which", "that"}


def attribution(sentence: str) -> str | None:
    """Who a sentence says asserts what it reports ("Kovalenko said …", "according to X"), if it names one."""
    for pattern in (_SAID_BY, _ACCORDING_TO):
        for m in pattern.finditer(sentence):
            words = m.group("who").split()
            while words and words[0] in _NOT_A_NAME:
                words.pop(0)
            if not words or words[-1].lower() in _NOT_LAST:
                continue
            who = " ".join(words).rstrip(".,")
            return f"the {who}" if who[0].islower() and not who.startswith("the ") else who
    return None


_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")


def ends_a_sentence(text: str) -> bool:
    """Whether `text` ends as a sentence does: a small model stops mid-clause, and a length cap cuts."""
    return bool(_ENDS_A_SENTENCE.search(text.strip()))
