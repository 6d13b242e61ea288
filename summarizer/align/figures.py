"""Numbers read as quantities (`Figure`): what kind, which values, of what; whether two count one thing."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from summarizer.lang.context import (
    AGE_END_AFTER,
    AGE_LIST_AFTER,
    AGE_NAME_BEFORE,
    CLOCK_AFTER,
    FRACTION_AFTER,
    OLD_AFTER,
    QUALIFIER_BEFORE,
    RANGE_JOIN,
    RANGE_OPEN,
    SCALES_LARGEST_FIRST,
    STATED_MAX,
    STATED_MIN,
)
from summarizer.lang.lexicon.figures import (
    BESIDES,
    GENERIC_COUNTED,
    NAMED_BY_NUMBER,
    PHRASE_END,
    ROLE_WORDS,
    YEAR_BEFORE,
)
from summarizer.lang.lexicon.numbers import CURRENCY_UNITS, FRACTION_DENOMINATORS, MONTH_NUMBERS, WEEKDAYS
from summarizer.lang.lexicon.words import STOP_WORDS
from summarizer.lang.numbers import Number, Tally
from summarizer.lang.reading import Reading, as_reading, readings
from summarizer.lang.tokens import WORD, content_tokens, folded_stem, is_content_word
from summarizer.models import Article

_MONTH_BEFORE = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+$")
_PUNCT_END = re.compile(r"[,;:.!?()\[\]“”\"—–]")


@dataclass(frozen=True)
class Figure:
    """A number in an article sentence, read as a quantity: what kind, which values, of what."""

    article_id: str
    sentence_id: int
    sentence: str
    start: int  # where its qualifier ("over", "up to") or first digit starts in the sentence
    end: int  # where what it counts ends: "[over 100,000 Telegram subscribers]"
    kind: str  # "count", "money:dollar", "percent", "duration:day", "age", "year", "date", "tally", "factor"
    value: float
    low: float
    high: float
    qualifier: str  # exact, about, over, under, max, range, tally
    raw: str
    thing: frozenset[str]  # stems saying what is counted
    head: str | None  # the counted noun: the last word of the noun group right after the number
    names: frozenset[str]  # stems of capitalised words around it: they must appear on the other side
    roles: frozenset[str]
    context: tuple[tuple[str, float], ...]  # stems near it, weighted by nearness, for pairing
    written: float  # the number as written, before its unit: 3 for "three weeks"
    vague: bool  # "hundreds", "millions": a lower bound read from a plural, no figure
    head_end: int = -1  # where the counted noun's own words end ("35-word oath"); -1: unknown

    @property
    def key(self) -> tuple[str, int]:
        """Identical sentences give identical figures: decisions are cached on this."""
        return (self.sentence, self.start)

    def excerpt(self) -> str:
        """The article's own words for this figure and what it counts."""
        start = self.start
        if self.kind in ("year", "date", "tally"):
            # "2002" alone says nothing; "has led House Democrats since 2002" does.
            before = list(WORD.finditer(self.sentence, 0, self.start))[-5:]
            start = before[0].start() if before else start
        return self.sentence[start : self._end()].strip(" ,;:")

    def number(self) -> str | None:
        """The figure as written with its hedge, without what it counts: 'over 100,000', '134-to-63'.

        What another outlet must say to give the same figure: it may name the counted thing its own way.
        None for a duration, an age or a day: no figure without its unit or month ("eight" of "eight
        years", "76" of "the 76-year-old Pelosi").
        """
        at = self.sentence.find(self.raw, self.start)
        if at < 0 or self.kind.split(":")[0] in ("duration", "age", "date"):
            return None
        return self.sentence[self.start : at + len(self.raw)].strip(" ,;:") or None

    def _end(self) -> int:
        end = self.end
        if self.head_end > self.start and _in_a_name(self.sentence, end):
            # "35-word oath administered by Chief" breaks a name off: the counted noun's words end it.
            end = self.head_end
        while (
            end < len(self.sentence)
            and not self.sentence[end].isspace()
            and self.sentence[end] not in ',;:."“”'
        ):
            end += 1  # "KN-23" is one word to a reader
        return end


_NAME_GOES_ON = re.compile(r" [A-Z]")


def _in_a_name(text: str, end: int) -> bool:
    """Whether `end` falls between two capitalized words of one name ("Chief| Justice John Roberts")."""
    words = list(WORD.finditer(text, max(0, end - 40), end))
    last = words[-1] if words else None
    return (
        last is not None
        and last.end() == end
        and last.group(0)[:1].isupper()
        and bool(_NAME_GOES_ON.match(text, end))
    )


def _tolerance(n: Number, value: float) -> float:
    """How far a round figure reaches: '$43,000' stands for $43,350, '10,000' does not for 12,000."""
    raw = n.raw.replace(",", "")
    digits = re.search(r"\d+(?:\.\d+)?", raw)
    if digits is None or value < 1000:
        return 0.0
    written = digits.group(0)
    if "." in written:
        place = 10 ** -len(written.split(".")[1]) * (value / float(written))
    else:
        zeros = len(written) - len(written.rstrip("0"))
        place = 10.0**zeros * (value / float(written))
    if place < 100:
        return 0.0
    # Half the last written place, capped at 2.5 %: writing 1.5 million for 1.6 million is no rounding.
    return float(min(place / 2, 0.025 * value))


# "Amendment 64": a number that names, read just before it.
_NAMED_BY = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(NAMED_BY_NUMBER))) + r") +$")


def _kind(n: Number, sentence: str) -> tuple[str, float] | None:
    """The kind of quantity and its value in that kind's base unit; None for clock times and names."""
    if CLOCK_AFTER.match(sentence[n.end :]):
        return None
    if n.is_percent:
        return "percent", n.value
    if frac := FRACTION_AFTER.match(sentence[n.end :]):
        return "fraction", n.value / FRACTION_DENOMINATORS[frac.group(1).lower().rstrip("s")]
    if not n.unit and _NAMED_BY.search(sentence, 0, n.start):
        return None  # "Amendment 64", "HB 2010": a name, whatever its digits (never a year)
    month = _MONTH_BEFORE.search(sentence[: n.start])
    if month and month.group("month").lower() in MONTH_NUMBERS and 1 <= n.value <= 31 and not n.unit:
        return "date", MONTH_NUMBERS[month.group("month").lower()] * 100 + n.value
    if n.is_year and not _counted_not_year(n, sentence):
        return "year", n.value
    unit = n.unit
    if n.multiplier:
        return "factor", n.value
    if unit in CURRENCY_UNITS:
        return f"money:{unit}", n.value
    if unit is not None:
        if unit in ("year", "month") and OLD_AFTER.match(_after_unit(n, sentence)):
            return "age", n.value if unit == "year" else n.value / 12
        value, base = n.measure()
        return f"duration:{base}", value
    if _appositive_age(n, sentence):
        return "age", n.value
    if 0 < n.value < 1 and unit is None and not _DECIMAL.fullmatch(n.raw):
        # A share the ratio or fraction reader read as one number ("one-in-three", "two-thirds", "4 out
        # of 5"); a bare decimal ("0.08", "0.3") is a count of something unsaid.
        return "fraction", n.value
    return "count", n.value


_DECIMAL = re.compile(r"[\d.,]+")
_NOT_PEOPLE = frozenset(WEEKDAYS) | frozenset(MONTH_NUMBERS)


def _appositive_age(n: Number, sentence: str) -> bool:
    """A whole number a person could be, set off by commas after a name: 'Mr. Cowan, 43, said'.

    Not a day or a month ("On Monday, 12, were hurt"), not an item of a list of counts by name
    ("Republicans, 52, Democrats, 48"; "Texas, 12; Florida, 9").
    """
    named = AGE_NAME_BEFORE.search(" " + sentence[: n.start])
    if not (n.value.is_integer() and 1 <= n.value < 120 and n.qualifier == "exact" and named):
        return False
    return (
        named.group("name").lower().rstrip(".") not in _NOT_PEOPLE
        and not any(ch.isdigit() for ch in named.group("before"))  # ", 52, Democrats, 48": a list
        and bool(AGE_END_AFTER.match(sentence[n.end :]))
        and not AGE_LIST_AFTER.match(sentence[n.end :])
    )


def _counted_not_year(n: Number, sentence: str) -> bool:
    """'employs 2022 people' counts people; 'founded in 2022', 'since 2002.' and 'the 2010 wave' are years."""
    before = WORD.findall(sentence[: n.start])
    if before and before[-1].lower().rstrip(".") in YEAR_BEFORE:
        return False
    return bool(re.match(r"^\s+[a-z]{3,}", sentence[n.end :]))


def _after_unit(n: Number, sentence: str) -> str:
    m = re.match(r"^(?:\s+|-)[A-Za-z]+", sentence[n.end :])
    return sentence[n.end + (m.end() if m else 0) :]


def _figure_hedge(n: Number, sentence: str) -> tuple[str, int]:
    """The hedge and where it starts: text.py's reading, plus stated maxima and minima."""
    before = sentence[: n.start]
    start = n.start
    if q := QUALIFIER_BEFORE.search(before):
        start = q.start()
    if STATED_MAX.search(before):
        return "max", start
    if STATED_MIN.search(before):
        return "over", start
    return n.qualifier, start if n.qualifier != "exact" else n.start


def _phrase_after(sentence: str, pos: int, stop: int) -> tuple[list[tuple[str, int, int, str]], int]:
    """Content words of the noun phrase after `pos` (what is counted), and where it ends."""
    out: list[tuple[str, int, int, str]] = []
    end = pos
    for seen, m in enumerate(WORD.finditer(sentence, pos, stop), 1):
        gap = sentence[end : m.start()]
        if _PUNCT_END.search(gap) or re.search(r"\d", gap):
            break
        word = m.group(0)
        nxt = sentence[m.end() : m.end() + 2].lstrip()
        if word.lower() in PHRASE_END and not (word.lower() == "and" and nxt[:1].isupper()):
            break
        if seen > 5:
            break
        if is_content_word(word):
            out.append((folded_stem(word), m.start(), m.end(), word))
            end = m.end()  # the phrase ends on a content word, never on "in the"
    return out, end


def _head(sentence: str, pos: int, words: list[tuple[str, int, int, str]]) -> tuple[str | None, int]:
    """The counted noun (the last word of the run right after the number) and where that run ends."""
    head = None
    edge = pos
    for stem_, start, end, word in words:
        gap = sentence[edge:start]
        if any(w.lower() in STOP_WORDS for w in WORD.findall(gap)) or (head and word.endswith(("ing", "ed"))):
            break  # "women seeking back pay" counts women
        if stem_ not in GENERIC_COUNTED:
            head = stem_
        edge = end
    return head, edge


def _words_before(sentence: str, pos: int, count: int) -> list[tuple[str, int, int, str]]:
    """Content words among the last `count` words before `pos` in its clause ('Sandra Jackson carries')."""
    kept: list[re.Match[str]] = []
    edge = pos
    for m in reversed(list(WORD.finditer(sentence, 0, pos))):
        if len(kept) >= count or re.search(r"\d|[,;:.!?()“”\"—–]", sentence[m.end() : edge]):
            break
        if m.group(0).lower() in PHRASE_END:
            break
        kept.append(m)
        edge = m.start()
    return [
        (folded_stem(m.group(0)), m.start(), m.end(), m.group(0))
        for m in reversed(kept)
        if is_content_word(m.group(0))
    ]


def _roles(sentence: str, start: int, end: int, run: tuple[int, int]) -> frozenset[str]:
    near = [m.group(0) for m in WORD.finditer(sentence, 0, start)][-3:]
    near += [m.group(0) for m in WORD.finditer(sentence, end)][:3]
    # "gold-plated" in "$43,350 gold-plated Rolex watch" describes the watch; it is no verb.
    near += [m.group(0) for m in WORD.finditer(sentence, start, end) if not run[0] <= m.start() < run[1]]
    return frozenset(
        w.lower()
        for w in near
        if w[0].islower() and (w.lower() in ROLE_WORDS or (w.lower().endswith("ed") and len(w) > 4))
    )


def _context(sentence: str, start: int, end: int, window: int = 8) -> tuple[tuple[str, float], ...]:
    """Content stems within `window` words of the figure, weighted by nearness, inside its sentence."""
    before = [t for t in content_tokens(sentence[:start])][-window:]
    after = [t for t in content_tokens(sentence[end:])][:window]
    placed = [(t[0], len(before) - i) for i, t in enumerate(before)] + [
        (t[0], i) for i, t in enumerate(after)
    ]
    out: dict[str, float] = {}
    for w, distance in placed:
        out[w] = max(out.get(w, 0.0), 1.0 / (1.0 + distance / 3.0))
    return tuple(sorted(out.items()))


def figures(article: Article) -> list[Figure]:
    """Every quantity of every sentence of an article, ranges ('46 to 57 months') and tallies merged."""
    out: list[Figure] = []
    for s, read in zip(article.sentences, readings(article), strict=True):
        out += sentence_figures(article.id, s.id, read)
    return out


def sentence_figures(article_id: str, sentence_id: int, sentence: Reading | str) -> list[Figure]:
    """The quantities of one sentence."""
    read = as_reading(sentence)
    text = read.text
    # A tally written as one word ("234-193") is one figure; its halves are no numbers of their own.
    numbers = [n for n in read.numbers if not any(t.start <= n.start < t.end for t in read.tallies)]
    out: list[Figure] = [_tally(article_id, sentence_id, text, t) for t in read.tallies]
    i = 0
    while i < len(numbers):
        n = numbers[i]
        kinded = _kind(n, text)
        if kinded is None:
            i += 1
            continue
        kind, value = kinded
        qualifier, start = _figure_hedge(n, text)
        tol = _tolerance(n, value) if qualifier in ("exact", "max") and kind not in ("year", "date") else 0.0
        low, high = _interval(qualifier, value, tol)
        last = n
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt is not None and RANGE_JOIN.match(text[n.end : nxt.start]):
            second = _kind(nxt, text)
            opened = bool(RANGE_OPEN.search(text[:start]))
            if (
                second is not None
                and (second[0] == kind or kind == "count")
                and (opened or second[1] > value)
            ):
                # "46 to 57 months", "from 500,000 to 1.6 million", "2006 through 2011": one interval.
                kind = second[0]
                low, high = min(value * _scale(value, nxt), second[1]), second[1]
                value, qualifier, last = low, "range", nxt
                i += 1
            elif second is not None and kind == second[0] == "count" and second[1] < value:
                # "won 134 to 63": a tally, compared as a pair.
                low, high, qualifier, last = value, second[1], "tally", nxt
                kind = "tally"
                i += 1
        unit_end = last.end
        unit = re.match(r"^(?:\s+|-)(?:[A-Za-z]+)", text[last.end :])
        if last.unit and last.unit not in CURRENCY_UNITS and unit:
            unit_end = last.end + unit.end()
        if kind == "age":
            old = OLD_AFTER.match(text[unit_end:])
            unit_end += old.end() if old else 0
        thing_words, end = _phrase_after(text, unit_end, len(text))
        if not thing_words:
            # "Ms. Pelosi, 76": what the number is about stands before it (before the comma, for an age).
            before = text.rfind(",", 0, start) if kind == "age" else start
            thing_words = _words_before(text, before if before >= 0 else start, 3)
            end = max(end, unit_end)
        head, run_end = _head(text, unit_end, thing_words)
        names = {t[0] for t in thing_words if t[3][0].isupper()}
        names |= {t[0] for t in _words_before(text, start, 3) if t[3][0].isupper()}
        out.append(
            Figure(
                article_id=article_id,
                sentence_id=sentence_id,
                sentence=text,
                start=start,
                end=end,
                kind=kind,
                value=value,
                low=low,
                high=high,
                qualifier=qualifier,
                raw=text[n.start : last.end],
                thing=frozenset(t[0] for t in thing_words),
                head=head,
                names=frozenset(names),
                roles=_roles(text, start, end, (unit_end, run_end)),
                context=_context(text, start, n.end),
                written=n.value,
                vague=n.vague,
                head_end=run_end,
            )
        )
        i += 1
    return sorted(out, key=lambda f: f.start)


def _tally(article_id: str, sentence_id: int, text: str, t: Tally) -> Figure:
    """A vote or score written as one word, read as the tally "won 134 to 63" is."""
    thing_words, end = _phrase_after(text, t.end, len(text))
    if not thing_words:
        thing_words = _words_before(text, t.start, 3)  # "The House approved the plan 234-193."
        end = max(end, t.end)
    head, run_end = _head(text, t.end, thing_words)
    names = {w[0] for w in thing_words if w[3][0].isupper()}
    names |= {w[0] for w in _words_before(text, t.start, 3) if w[3][0].isupper()}
    return Figure(
        article_id=article_id,
        sentence_id=sentence_id,
        sentence=text,
        start=t.start,
        end=end,
        kind="tally",
        value=t.high,
        low=t.high,
        high=t.low,
        qualifier="tally",
        raw=text[t.start : t.end],
        thing=frozenset(w[0] for w in thing_words),
        head=head,
        names=frozenset(names),
        roles=_roles(text, t.start, end, (t.end, run_end)),
        context=_context(text, t.start, t.end),
        written=t.high,
        vague=False,
        head_end=run_end,
    )


def _scale(first: float, second: Number) -> float:
    """'2 to 3 million' writes the scale once, on the second number: the first borrows it."""
    for word, factor in SCALES_LARGEST_FIRST:
        if word in second.raw and first * factor <= second.value:
            return factor
    return 1.0


def _interval(qualifier: str, value: float, tol: float) -> tuple[float, float]:
    if qualifier == "over":
        return value, math.inf
    if qualifier == "under":
        return -math.inf, value
    if qualifier == "max":
        return -math.inf, value + tol
    if qualifier == "about":
        return value * 0.9, value * 1.1
    return value - tol, value + tol


def same_thing(a: Figure, b: Figure, words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Whether two figures count the same thing: same kind, shared counted words, agreeing names and verbs.

    `words_a`/`words_b` are the content stems of each figure's sentence: a name one side gives
    ("Sam's Club stores") must appear on the other side for the counts to be of the same thing.
    """
    if a.kind != b.kind:
        return False
    if a.kind in ("year", "date"):
        # A date says when something happened: the same event needs its words on both sides.
        if len(set(dict(a.context)) & set(dict(b.context))) < 2:
            return False
    else:
        shared = (a.thing & b.thing) - GENERIC_COUNTED
        named = {w for w in shared if w in a.names or w in b.names}
        # "followers on Telegram" and "Telegram subscribers" share a name; "female workers" and
        # "female justices" share only a modifier, and their counted nouns differ.
        if not (named or (a.head is not None and a.head == b.head) or (a.head is b.head is None and shared)):
            return False
    if not (a.names <= words_b and b.names <= words_a):
        return False
    if bool(a.thing & BESIDES) != bool(b.thing & BESIDES):
        return False  # "three other women" are those besides one: never the "four women" in all
    # "40 people were hurt" and "40 people were killed", "lost 60 seats" and "picked up six seats":
    # a verb on one side that the other does not share says they count different things.
    return a.roles == b.roles or bool(a.roles & b.roles)


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures of the same thing can both hold."""
    if a.kind == "tally" or b.kind == "tally":
        return {a.low, a.high} == {b.low, b.high}
    if a.qualifier == "max" and b.qualifier == "max":
        # Two stated maxima are two figures for the size: they agree only up to rounding.
        return abs(a.value - b.value) <= max(a.high - a.value, b.high - b.value)
    if a.qualifier == b.qualifier and a.qualifier in ("over", "under"):
        return True  # two lower (or upper) bounds never contradict each other
    return a.low <= b.high and b.low <= a.high
