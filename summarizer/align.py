"""Line claims up across articles: pair by meaning, decide by numbers (or a judge), one group per fact.

Three steps, all deterministic unless a `decide` judge is plugged in:

1. Pair. A `Scorer` turns texts into unit vectors (idf-weighted words by default, sentence embeddings
   with `summarizer.embed`), computed once per run; two items from different articles are a pair when
   each is the other's most similar item in that article and the similarity clears the scorer's bar.
2. Decide. Numbers decide where they can: two figures are compared only when they count the same
   thing (same kind of quantity, the counted words and any names agree, no clashing verbs such as
   "killed"/"injured"). Embeddings pair; numbers (and a judge) decide.
3. Group. Pairs are joined into one group per fact, so a disagreement among many outlets is one
   `Conflict` with one `Side` per version, and an agreement one `Corroboration` listing every article.

Quotations are handled apart: the same speaker quoted in different words by different outlets is a
`QuoteDrift`, both wordings verbatim with the differing word spans marked.
"""

from __future__ import annotations

import asyncio
import difflib
import math
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from summarizer.lang.lexicon import STOP_WORDS
from summarizer.lang.numbers import Number, find_numbers
from summarizer.lang.quotes import find_quote, normalize
from summarizer.lang.speech import attribution
from summarizer.lang.tokens import WORD, content_words, stem
from summarizer.models import Article, Claim, Conflict, Corroboration, Quantity, QuoteDrift, Side, Wording

Verdict = Literal["same", "conflict", "different"]
Decide = Callable[[Claim, Claim], Awaitable[Verdict]]
Vectors = NDArray[np.float32]


class Scorer(Protocol):
    """Texts → L2-normalised row vectors; a dot product of two rows is their similarity."""

    name: str
    threshold: float  # the least similarity at which two claims' evidence may pair

    def vectors(self, texts: Sequence[str], corpus: Sequence[str]) -> Vectors:
        """One unit row per text; `corpus` (every sentence of the event) is there for word weights."""
        ...


def _stem(word: str) -> str:
    """text.stem, with the typographic apostrophe folded: "Martha’s" and "Martha's" are one word."""
    return stem(word.replace("’", "'"))


def _content(text: str) -> set[str]:
    """text.content_words, with the typographic apostrophe folded."""
    return content_words(text.replace("’", "'"))


def _tokens(text: str) -> list[tuple[str, int, int, str]]:
    """(stem, start, end, word) of each content word, with exactly `text.content_words`' filter."""
    return [
        (_stem(m.group(0)), m.start(), m.end(), m.group(0))
        for m in WORD.finditer(text)
        if m.group(0).lower() not in STOP_WORDS and len(m.group(0)) > 2
    ]


_HYPHEN = re.compile(r"(?<=[A-Za-z])[-\u2010\u2011](?=[A-Za-z])")


def _unhyphen(text: str) -> str:
    """Hyphenated words as their parts: one outlet's "North Korean-made" meets another's "North Korean"."""
    return _HYPHEN.sub(" ", text)


def idf(corpus: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each content stem over the event's sentences: rare words weigh most."""
    df: dict[str, int] = {}
    for doc in corpus:
        for w in _content(doc):
            df[w] = df.get(w, 0) + 1
    n = len(corpus)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _matrix(bags: Sequence[dict[str, float]], weights: dict[str, float]) -> Vectors:
    """Weighted bags of stems as unit rows over one shared vocabulary."""
    vocab: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            vocab.setdefault(w, len(vocab))
    out = np.zeros((len(bags), max(1, len(vocab))), dtype=np.float32)
    for i, bag in enumerate(bags):
        for w, v in bag.items():
            out[i, vocab[w]] = v * weights.get(w, 1.0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    unit: Vectors = out / np.clip(norms, 1e-12, None)
    return unit


@dataclass
class LexicalScorer:
    """Idf-weighted content words, cosine: the default, with nothing to install."""

    name: str = "lexical"
    threshold: float = 0.2

    def vectors(self, texts: Sequence[str], corpus: Sequence[str]) -> Vectors:
        """Counts of content stems weighted by idf, as unit rows; "surface-to-air" counts as its words."""
        weights = idf([_unhyphen(t) for t in corpus])
        bags: list[dict[str, float]] = []
        for t in map(_unhyphen, texts):
            bag: dict[str, float] = {}
            for w, *_ in _tokens(t):
                bag[w] = bag.get(w, 0.0) + 1.0
            bags.append(bag)
        return _matrix(bags, weights)


# --- numbers -----------------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_MONTH_BEFORE = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+$")
_CLOCK_AFTER = re.compile(r"^\s*(?:[ap]\.?m\b|:\d\d)", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:to|through|and|-|–|—)\s*$")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:[$£€]\s*)?$", re.I)
# A stated maximum: "up to 1.6 million", "as many as 1.5 million" give the figure the outlet puts on
# the size, so two of them with different figures disagree, while "fewer than" bounds never do.
_STATED_MAX = re.compile(r"\b(?:up to|as many as|a maximum of|maximum of|a maximum)\s*$", re.I)
_STATED_MIN = re.compile(r"\b(?:a minimum of|minimum of)\s*$", re.I)
# The hedges text.py reads, so a figure's excerpt starts where its hedge does ("over 100,000").
_QUALIFIER_WORDS = re.compile(
    r"\b(?:no more than|no fewer than|no less than|not more than|not less than|as many as|more than|"
    r"greater than|upwards of|in excess of|at least|over|above|exceeding|fewer than|less than|at most|"
    r"up to|under|below|nearly|almost|close to|about|around|roughly|approximately|some|an estimated|"
    r"estimated|a maximum of|maximum of|a minimum of|minimum of)\s*$",
    re.I,
)
# Words that end what a number counts: "10,000 followers on Telegram and said" counts followers on Telegram.
_PHRASE_END = frozenset(
    [
        "that",
        "who",
        "which",
        "whom",
        "whose",
        "where",
        "when",
        "while",
        "and",
        "but",
        "or",
        "because",
        "after",
        "before",
        "since",
        "if",
        "as",
        "said",
        "says",
        "told",
        "according",
    ]
)
_PUNCT_END = re.compile(r"[,;:.!?()\[\]“”\"—–]")
# Verbs that say what happened to what is counted; two counts with different ones are different counts.
_ROLE_WORDS = frozenset(
    [
        "killed",
        "injured",
        "wounded",
        "dead",
        "died",
        "hurt",
        "missing",
        "arrested",
        "detained",
        "evacuated",
        "displaced",
        "lost",
        "gained",
        "gain",
        "gains",
        "won",
        "lose",
        "win",
        "need",
        "needing",
        "needed",
        "hold",
        "holds",
        "picked",
        "elected",
        "defeated",
        "voted",
    ]
)
_FRACTIONS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}
_FRACTION = re.compile(r"^[\s-]+(halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b", re.I)
_UNIT_KINDS = {"second": "duration", "day": "duration", "month": "duration"}
_CURRENCY_UNITS = {"dollar", "pound", "euro"}


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

    @property
    def key(self) -> tuple[str, int]:
        """Identical sentences give identical figures: decisions are cached on this."""
        return (self.sentence, self.start)

    def excerpt(self) -> str:
        """The article's own words for this figure and what it counts."""
        start = self.start
        if self.kind in ("year", "date"):
            # "2002" alone says nothing; "has led House Democrats since 2002" does.
            before = list(WORD.finditer(self.sentence, 0, self.start))[-5:]
            start = before[0].start() if before else start
        end = self.end
        while (
            end < len(self.sentence) and not self.sentence[end].isspace() and self.sentence[end] not in ",;:."
        ):
            end += 1  # "KN-23" is one word to a reader
        return self.sentence[start:end].strip(" ,;:")


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


def _kind(n: Number, sentence: str) -> tuple[str, float] | None:
    """The kind of quantity and its value in that kind's base unit; None for clock times."""
    if _CLOCK_AFTER.match(sentence[n.end :]):
        return None
    if n.is_percent:
        return "percent", n.value
    if frac := _FRACTION.match(sentence[n.end :]):
        return "fraction", n.value / _FRACTIONS[frac.group(1).lower().rstrip("s")]
    month = _MONTH_BEFORE.search(sentence[: n.start])
    if month and month.group("month").lower() in _MONTHS and 1 <= n.value <= 31 and not n.unit:
        return "date", _MONTHS[month.group("month").lower()] * 100 + n.value
    if n.is_year and not _counted_not_year(n, sentence):
        return "year", n.value
    unit = n.unit
    if n.multiplier:
        return "factor", n.value
    if unit in _CURRENCY_UNITS:
        return f"money:{unit}", n.value
    if unit is not None:
        if unit in ("year", "month") and re.match(r"^[\s-]*old\b", _after_unit(n, sentence)):
            return "age", n.value if unit == "year" else n.value / 12
        value, base = n.measure()
        return f"duration:{base}", value
    return "count", n.value


_YEAR_BEFORE = frozenset(
    [
        "in",
        "since",
        "from",
        "by",
        "until",
        "till",
        "before",
        "after",
        "of",
        "through",
        "to",
        "and",
        "or",
        "during",
        "early",
        "late",
        "mid",
        "end",
        "the",
        "year",
        "years",
        "fall",
        "spring",
        "summer",
        "winter",
    ]
) | frozenset(_MONTHS)


def _counted_not_year(n: Number, sentence: str) -> bool:
    """'employs 2022 people' counts people; 'founded in 2022', 'since 2002.' and 'the 2010 wave' are years."""
    before = WORD.findall(sentence[: n.start])
    if before and before[-1].lower().rstrip(".") in _YEAR_BEFORE:
        return False
    return bool(re.match(r"^\s+[a-z]{3,}", sentence[n.end :]))


def _after_unit(n: Number, sentence: str) -> str:
    m = re.match(r"^(?:\s+|-)[A-Za-z]+", sentence[n.end :])
    return sentence[n.end + (m.end() if m else 0) :]


def _qualifier(n: Number, sentence: str) -> tuple[str, int]:
    """The hedge and where it starts: text.py's reading, plus stated maxima and minima."""
    before = sentence[: n.start]
    start = n.start
    if q := _QUALIFIER_WORDS.search(before):
        start = q.start()
    if _STATED_MAX.search(before):
        return "max", start
    if _STATED_MIN.search(before):
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
        if word.lower() in _PHRASE_END and not (word.lower() == "and" and nxt[:1].isupper()):
            break
        if seen > 5:
            break
        if word.lower() not in STOP_WORDS and len(word) > 2:
            out.append((_stem(word), m.start(), m.end(), word))
            end = m.end()  # the phrase ends on a content word, never on "in the"
    return out, end


_GENERIC = frozenset({"worth", "total", "amount", "sum", "number", "figure"})


def _head(sentence: str, pos: int, words: list[tuple[str, int, int, str]]) -> tuple[str | None, int]:
    """The counted noun (the last word of the run right after the number) and where that run ends."""
    head = None
    edge = pos
    for stem_, start, end, word in words:
        gap = sentence[edge:start]
        if any(w.lower() in STOP_WORDS for w in WORD.findall(gap)) or (head and word.endswith(("ing", "ed"))):
            break  # "women seeking back pay" counts women
        if stem_ not in _GENERIC:
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
        if m.group(0).lower() in _PHRASE_END:
            break
        kept.append(m)
        edge = m.start()
    return [
        (_stem(m.group(0)), m.start(), m.end(), m.group(0))
        for m in reversed(kept)
        if m.group(0).lower() not in STOP_WORDS and len(m.group(0)) > 2
    ]


def _roles(sentence: str, start: int, end: int, run: tuple[int, int]) -> frozenset[str]:
    near = [m.group(0) for m in WORD.finditer(sentence, 0, start)][-3:]
    near += [m.group(0) for m in WORD.finditer(sentence, end)][:3]
    # "gold-plated" in "$43,350 gold-plated Rolex watch" describes the watch; it is no verb.
    near += [m.group(0) for m in WORD.finditer(sentence, start, end) if not run[0] <= m.start() < run[1]]
    return frozenset(
        w.lower()
        for w in near
        if w[0].islower() and (w.lower() in _ROLE_WORDS or (w.lower().endswith("ed") and len(w) > 4))
    )


def _context(sentence: str, start: int, end: int, window: int = 8) -> tuple[tuple[str, float], ...]:
    """Content stems within `window` words of the figure, weighted by nearness, inside its sentence."""
    before = [t for t in _tokens(sentence[:start])][-window:]
    after = [t for t in _tokens(sentence[end:])][:window]
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
    for s in article.sentences:
        out += sentence_figures(article.id, s.id, s.text)
    return out


def sentence_figures(article_id: str, sentence_id: int, text: str) -> list[Figure]:
    """The quantities of one sentence."""
    numbers = find_numbers(text)
    out: list[Figure] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        kinded = _kind(n, text)
        if kinded is None:
            i += 1
            continue
        kind, value = kinded
        qualifier, start = _qualifier(n, text)
        tol = _tolerance(n, value) if qualifier in ("exact", "max") and kind not in ("year", "date") else 0.0
        low, high = _interval(qualifier, value, tol)
        last = n
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt is not None and _RANGE_JOIN.match(text[n.end : nxt.start]):
            second = _kind(nxt, text)
            opened = bool(_RANGE_OPEN.search(text[:start]))
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
        if last.unit and last.unit not in _CURRENCY_UNITS and unit:
            unit_end = last.end + unit.end()
        if kind == "age":
            old = re.match(r"^[\s-]*old\b", text[unit_end:])
            unit_end += old.end() if old else 0
        thing_words, end = _phrase_after(text, unit_end, len(text))
        if not thing_words:
            # "Ms. Pelosi, 76": what the number is about stands before it.
            thing_words = _words_before(text, start, 3)
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
            )
        )
        i += 1
    return out


def _scale(first: float, second: Number) -> float:
    """'2 to 3 million' writes the scale once, on the second number: the first borrows it."""
    for word, factor in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3)):
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
        shared = (a.thing & b.thing) - _GENERIC
        named = {w for w in shared if w in a.names or w in b.names}
        # "followers on Telegram" and "Telegram subscribers" share a name; "female workers" and
        # "female justices" share only a modifier, and their counted nouns differ.
        if not (named or (a.head is not None and a.head == b.head) or (a.head is b.head is None and shared)):
            return False
    if not (a.names <= words_b and b.names <= words_a):
        return False
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


# --- pairing -----------------------------------------------------------------------------------------------


def mutual_best(
    labels: Sequence[str], sim: NDArray[np.float32], threshold: float
) -> list[tuple[int, int, float]]:
    """Index pairs (i, j) from different articles that are each other's best in the other's article."""
    order = list(dict.fromkeys(labels))
    where = {a: np.array([i for i, x in enumerate(labels) if x == a]) for a in order}
    found: list[tuple[int, int, float]] = []
    for n, x in enumerate(order):
        xs = where[x]
        for y in order[n + 1 :]:
            ys = where[y]
            block = sim[np.ix_(xs, ys)]
            if block.size == 0 or float(block.max()) < threshold:
                continue
            row_best = block.argmax(axis=1)
            col_best = block.argmax(axis=0)
            for p, q in enumerate(row_best):
                score = float(block[p, q])
                if score >= threshold and col_best[q] == p:
                    found.append((int(xs[p]), int(ys[q]), score))
    return found


def best_pairs(
    labels: Sequence[str], sim: NDArray[np.float32], threshold: float
) -> list[tuple[int, int, float]]:
    """Mutual bests, plus each item's own best in every other article when it clears the bar.

    A sentence often carries two facts that another outlet states in two sentences ("blew up a SAM after
    mistaking it for Ukraine's"): mutual-best alone gives it one partner and loses the other fact.
    Figures keep to mutual bests (figure_pairs), where a wrong pair would be a false conflict.
    """
    found = mutual_best(labels, sim, threshold)
    have = {(i, j) for i, j, _ in found}
    order = list(dict.fromkeys(labels))
    where = {a: np.array([i for i, x in enumerate(labels) if x == a]) for a in order}
    # Every item's best in each article at once (one argmax per article, not per item and article).
    rows = np.arange(len(labels))
    best: dict[str, tuple[list[int], list[float]]] = {}
    for b in order:
        ys = where[b]
        q = sim[:, ys].argmax(axis=1)
        best[b] = (ys[q].tolist(), sim[rows, ys[q]].tolist())
    for i, a in enumerate(labels):
        for b in order:
            if b == a:
                continue
            j, score = best[b][0][i], best[b][1][i]
            pair = (min(i, j), max(i, j))
            if score >= threshold and pair not in have:
                have.add(pair)
                found.append((*pair, score))
    return found


class _Groups:
    """Union-find over item indices: pairs join into one group per fact."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self, members: Iterable[int]) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in members:
            out.setdefault(self.find(i), []).append(i)
        return sorted(out.values(), key=lambda g: g[0])


FIGURE_THRESHOLD = 0.08


@dataclass
class FigurePair:
    """Two figures from different articles that count the same thing, and whether they agree."""

    a: Figure
    b: Figure
    score: float
    agree: bool


def figure_pairs(articles: Sequence[Article], scorer: Scorer | None = None) -> list[FigurePair]:
    """Mutually best pairs of figures that count the same thing, each marked agreeing or not."""
    figs = [f for a in articles for f in figures(a)]
    if len(figs) < 2:
        return []
    corpus = [s.text for a in articles for s in a.sentences]
    weights = idf(corpus)
    vec = _matrix([dict(f.context) for f in figs], weights)
    sim = vec @ vec.T
    if scorer is not None and not isinstance(scorer, LexicalScorer):
        # Meaning helps pair sentences that word differently; the figure's own words still weigh half.
        sentences = sorted({f.sentence for f in figs})
        index = {s: i for i, s in enumerate(sentences)}
        emb = scorer.vectors(sentences, corpus)
        rows = np.array([index[f.sentence] for f in figs])
        sim = 0.5 * sim + 0.5 * (emb @ emb.T)[np.ix_(rows, rows)]
    words = {s: frozenset(_content(s)) for s in {f.sentence for f in figs}}
    # Only candidates above the bar are checked for counting the same thing (sparse, cached per text).
    cache: dict[tuple[tuple[str, int], tuple[str, int]], bool] = {}
    cand = np.argwhere(sim >= FIGURE_THRESHOLD)
    mask = np.zeros_like(sim)
    for i, j in cand:
        if i >= j or figs[i].article_id == figs[j].article_id:
            continue
        key = (figs[i].key, figs[j].key)
        ok = cache.get(key)
        if ok is None:
            ok = cache[key] = same_thing(figs[i], figs[j], words[figs[i].sentence], words[figs[j].sentence])
        if ok:
            mask[i, j] = mask[j, i] = 1.0
    sim = sim * mask
    pairs = mutual_best([f.article_id for f in figs], sim.astype(np.float32), FIGURE_THRESHOLD)
    return [FigurePair(figs[i], figs[j], s, compatible(figs[i], figs[j])) for i, j, s in pairs]


# --- the alignment -----------------------------------------------------------------------------------------


@dataclass
class Alignment:
    """What lining the articles up found: one group per fact, quote drift, and claims it had to add."""

    corroborated: list[Corroboration] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    quote_drift: list[QuoteDrift] = field(default_factory=list)
    extra_claims: list[Claim] = field(default_factory=list)


@dataclass
class _Claims:
    """The report's claims plus the ones the cross-check adds, with fresh ids."""

    articles: dict[str, Article]
    claims: list[Claim]
    extra: list[Claim] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.taken = {c.id for c in self.claims}

    def covering(self, article_id: str, span: tuple[int, int], sentence_ids: set[int]) -> Claim | None:
        """A verified claim of this article whose quote overlaps `span` (article offsets)."""
        article = self.articles[article_id]
        for c in self.claims + self.extra:
            if c.article_id != article_id or not c.verified or not sentence_ids & set(c.sentence_ids):
                continue
            if any(s < span[1] and span[0] < e for s, e in find_quote(c.quote, article.text)):
                return c
        return None

    def add(self, article_id: str, sentence_ids: list[int], quote: str, **fields: object) -> Claim:
        """A new claim quoting the article, found by the cross-check."""
        base = f"{article_id}.s{sentence_ids[0]}"
        claim_id, k = base, 1
        while claim_id in self.taken:
            k += 1
            claim_id = f"{base}-{k}"
        self.taken.add(claim_id)
        claim = Claim.model_validate(
            {
                "id": claim_id,
                "article_id": article_id,
                "quote": quote,
                "sentence_ids": sentence_ids,
                "verified": True,
                "found_by": "cross-check",
                **fields,
            }
        )
        self.extra.append(claim)
        return claim

    def for_figure(self, f: Figure) -> Claim:
        """The claim standing for a figure: the model's if one quotes it, else a new one."""
        article = self.articles[f.article_id]
        sentence = article.sentence(f.sentence_id)
        offset = sentence.start if sentence is not None else 0
        span = (offset + f.start, offset + f.end)
        found = self.covering(f.article_id, span, {f.sentence_id})
        if found is not None:
            return found
        return self.add(
            f.article_id,
            [f.sentence_id],
            _quotable(f),
            statement=f.sentence,
            asserted_by=attribution(f.sentence) or "the outlet",
            kind="number",
            quantities=[
                Quantity(
                    what=" ".join(sorted(f.thing)) or "count",
                    value=f.value,
                    qualifier=_QUANTITY_QUALIFIER.get(f.qualifier, "exact"),
                )
            ],
        )


_QUANTITY_QUALIFIER: dict[str, Literal["exact", "about", "over", "under"]] = {
    "exact": "exact",
    "about": "about",
    "over": "over",
    "under": "under",
    "max": "under",
}


def _quotable(f: Figure) -> str:
    """A verbatim quote for a figure of at least two words (the evidence rules ask for that)."""
    text = f.excerpt()
    if len(text.split()) >= 2 and len(text) >= 8:
        return text
    words = list(WORD.finditer(f.sentence))
    before = [w for w in words if w.end() <= f.start][-3:]
    start = before[0].start() if before else f.start
    return f.sentence[start : max(f.end, start + 8)].strip(" ,;:")


def _names(ids: Sequence[str], limit: int = 4) -> str:
    ids = list(dict.fromkeys(ids))
    if len(ids) <= limit:
        return ", ".join(ids[:-1]) + (" and " if len(ids) > 1 else "") + ids[-1]
    return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"


def _conflict_from_figures(members: list[Figure], store: _Claims) -> Conflict:
    """One conflict for a group of figures of the same thing, with one side per version."""
    sides: list[list[Figure]] = []
    for f in sorted(members, key=lambda f: (f.low, f.high, f.article_id)):
        for side in sides:
            if all(compatible(f, g) for g in side):
                side.append(f)
                break
        else:
            sides.append([f])
    out: list[Side] = []
    for side in sides:
        side.sort(key=lambda f: (_article_order(f.article_id), f.sentence_id))
        claims = [store.for_figure(f) for f in side]
        out.append(
            Side(
                article_ids=list(dict.fromkeys(f.article_id for f in side)),
                claim_ids=list(dict.fromkeys(c.id for c in claims)),
                text=side[0].excerpt(),
            )
        )
    out.sort(key=lambda s: _article_order(s.article_ids[0]))
    parts = [
        f"{_names(s.article_ids)} report{'s' if len(s.article_ids) == 1 else ''} “{s.text}”" for s in out
    ]
    return Conflict(
        description="The figures cannot all hold: " + "; ".join(parts) + ".",
        claim_ids=[i for s in out for i in s.claim_ids],
        found_by="cross-check",
        sides=out,
    )


def _article_order(article_id: str) -> tuple[int, str]:
    return (len(article_id), article_id)


def _evidence(c: Claim, articles: dict[str, Article]) -> str:
    article = articles[c.article_id]
    text = " ".join(s.text for i in c.sentence_ids if (s := article.sentence(i)) is not None)
    return text or c.quote


def _numbers_verdict(a: Claim, b: Claim) -> Verdict | None:
    """What the numbers of two claims' quotes say: a conflict, the same figures, or nothing (None)."""
    return _quotes_verdict(a.quote, b.quote)


# Copies of one story pair the same two quotes many times over: each pair is read once.
@lru_cache(maxsize=16384)
def _quotes_verdict(a: str, b: str) -> Verdict | None:
    fa = sentence_figures("a", 0, a)
    fb = sentence_figures("b", 0, b)
    wa, wb = frozenset(_content(a)), frozenset(_content(b))
    verdicts = [compatible(x, y) for x in fa for y in fb if same_thing(x, y, wa, wb)]
    if not verdicts:
        return None
    return "same" if all(verdicts) else "conflict"


@lru_cache(maxsize=32768)
def _norm_quote(text: str) -> str:
    return normalize(text)[0].casefold().strip(' .,;:"')


@dataclass
class _Candidates:
    """Everything before the judge: figure conflicts, claim pairs, and what numbers already decided."""

    store: _Claims
    figure_groups: list[list[Figure]]
    claim_pairs: list[tuple[Claim, Claim]]
    decided: dict[tuple[str, str], Verdict]
    undecided: list[tuple[Claim, Claim]]
    drift: list[QuoteDrift]


def _candidates(articles: Sequence[Article], claims: Sequence[Claim], scorer: Scorer | None) -> _Candidates:
    by_id = {a.id: a for a in articles}
    store = _Claims(by_id, [c for c in claims])
    # Numbers across every sentence: the model may have missed the claim that carries one.
    fpairs = figure_pairs(articles, scorer)
    index: dict[tuple[str, int, int], int] = {}
    figs: list[Figure] = []
    for p in fpairs:
        for f in (p.a, p.b):
            index.setdefault((f.article_id, f.sentence_id, f.start), len(figs))
            if len(figs) < len(index):
                figs.append(f)
    groups = _Groups(len(figs))
    for p in fpairs:
        groups.join(
            index[(p.a.article_id, p.a.sentence_id, p.a.start)],
            index[(p.b.article_id, p.b.sentence_id, p.b.start)],
        )
    figure_groups = []
    for g in groups.groups(range(len(figs))):
        members = [figs[i] for i in g]
        if any(not compatible(x, y) for x in members for y in members if x.article_id != y.article_id):
            figure_groups.append(members)

    # The cross-check's own claims are evidence for its conflicts and drift, not facts to corroborate.
    usable = [c for c in claims if c.verified and c.article_id in by_id and c.found_by == "model"]
    scorer = scorer or LexicalScorer()
    pairs: list[tuple[Claim, Claim]] = []
    if len(usable) > 1:
        corpus = [s.text for a in articles for s in a.sentences]
        texts = [_evidence(c, by_id) for c in usable]
        # Identical evidence (copies of one article) is embedded once.
        unique = sorted(set(texts))
        vec = scorer.vectors(unique, corpus)
        rows = np.array([unique.index(t) for t in texts]) if len(unique) < 512 else None
        if rows is None:
            where = {t: i for i, t in enumerate(unique)}
            rows = np.array([where[t] for t in texts])
        full = vec[rows]
        sim = (full @ full.T).astype(np.float32)
        for i, j, _ in best_pairs([c.article_id for c in usable], sim, scorer.threshold):
            pairs.append((usable[i], usable[j]))
    decided: dict[tuple[str, str], Verdict] = {}
    undecided: list[tuple[Claim, Claim]] = []
    for a, b in pairs:
        verdict = "same" if _norm_quote(a.quote) == _norm_quote(b.quote) else _numbers_verdict(a, b)
        if verdict is None:
            undecided.append((a, b))
        else:
            decided[(a.id, b.id)] = verdict
    drift = quote_drift(articles, store)
    return _Candidates(store, figure_groups, pairs, decided, undecided, drift)


def _assemble(c: _Candidates, verdicts: dict[tuple[str, str], Verdict]) -> Alignment:
    conflicts = [_conflict_from_figures(g, c.store) for g in c.figure_groups]
    claims = {x.id: x for x in c.store.claims + c.store.extra}
    ids = list(dict.fromkeys(i for a, b in c.claim_pairs for i in (a.id, b.id)))
    at = {i: n for n, i in enumerate(ids)}
    same, judged = _Groups(len(ids)), _Groups(len(ids))
    same_members: set[int] = set()
    judged_members: set[int] = set()
    for a, b in c.claim_pairs:
        v = verdicts.get((a.id, b.id), c.decided.get((a.id, b.id), "different"))
        if v == "same":
            same.join(at[a.id], at[b.id])
            same_members |= {at[a.id], at[b.id]}
        elif v == "conflict" and (a.id, b.id) not in c.decided:
            # Numeric conflicts are reported from the figures above; this is the judge's own finding.
            judged.join(at[a.id], at[b.id])
            judged_members |= {at[a.id], at[b.id]}
    corroborated: list[Corroboration] = []
    for g in same.groups(sorted(same_members)):
        members = sorted((claims[ids[i]] for i in g), key=lambda x: (_article_order(x.article_id), x.id))
        if len({m.article_id for m in members}) < 2:
            continue
        corroborated.append(
            Corroboration(
                fact=members[0].statement,
                claim_ids=[m.id for m in members],
                found_by="cross-check",
                origin=_origin(members),
            )
        )
    for g in judged.groups(sorted(judged_members)):
        members = sorted((claims[ids[i]] for i in g), key=lambda x: (_article_order(x.article_id), x.id))
        sides = [Side(article_ids=[m.article_id], claim_ids=[m.id], text=m.quote) for m in members]
        parts = [f"{s.article_ids[0]} says “{s.text}”" for s in sides]
        conflicts.append(
            Conflict(
                description="Judged to disagree: " + "; ".join(parts) + ".",
                claim_ids=[m.id for m in members],
                found_by="cross-check",
                sides=sides,
            )
        )
    return Alignment(corroborated, conflicts, c.drift, c.store.extra)


def _origin(members: Sequence[Claim]) -> str | None:
    """The one original source every outlet attributes the fact to, if they all name the same one."""
    who = {_surname(m.asserted_by) for m in members}
    if len(who) == 1 and None not in who:
        return members[0].asserted_by
    return None


def _surname(name: str) -> str | None:
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in ("the", "mr", "ms", "mrs", "dr")]
    if not words or name.strip().lower() == "the outlet":
        return None
    return str(words[-1]).casefold()


def align(articles: Sequence[Article], claims: Sequence[Claim], *, scorer: Scorer | None = None) -> Alignment:
    """Line up claims across articles with the deterministic rules only (no judge)."""
    c = _candidates(articles, claims, scorer)
    return _assemble(c, {(a.id, b.id): "same" for a, b in c.undecided})


async def aalign(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    *,
    scorer: Scorer | None = None,
    decide: Decide | None = None,
    concurrency: int = 4,
) -> Alignment:
    """`align`, with `decide` judging the pairs numbers cannot (each distinct pair of quotes once)."""
    c = _candidates(articles, claims, scorer)
    if decide is None:
        return _assemble(c, {(a.id, b.id): "same" for a, b in c.undecided})
    gate = asyncio.Semaphore(concurrency)
    memo: dict[tuple[str, str], asyncio.Task[Verdict]] = {}

    async def one(a: Claim, b: Claim) -> Verdict:
        async with gate:
            return await decide(a, b)

    for a, b in c.undecided:
        # Copies of one article ask the judge once per distinct pair of quotes.
        key = (_norm_quote(a.quote), _norm_quote(b.quote))
        if key not in memo:
            memo[key] = asyncio.ensure_future(one(a, b))
    answers = await asyncio.gather(*memo.values())
    by_key = dict(zip(memo, answers, strict=True))
    verdicts = {(a.id, b.id): by_key[(_norm_quote(a.quote), _norm_quote(b.quote))] for a, b in c.undecided}
    return _assemble(c, verdicts)


# --- quote drift -------------------------------------------------------------------------------------------

_OPEN = '“"'
_CLOSE = '”"'
_SPEECH_AFTER = re.compile(
    r"^[\s,.]*(?:(?P<pron>[Hh]e|[Ss]he|[Tt]hey)|(?P<who>(?:[A-Z][\w’'.-]*\s?){1,5}?))\s*(?:,[^,]{1,60},\s*)?"
    r"(?:said|says|asked|added|told|wrote|noted|explained|continued|argued|replied)\b"
    r"|^[\s,.]*(?:said|says|asked|added|told)\s+(?P<who2>(?:[A-Z][\w’'.-]*\s?){1,5})",
)
_BRACKETED = re.compile(r"\s*[\[(][^\])]{0,40}[\])]")
_QUOTE_WORD = re.compile(r"[\w’'-]+")
MIN_QUOTE_WORDS = 4
DRIFT_SIMILARITY = 0.6


@dataclass(frozen=True)
class Quoted:
    """A passage of quoted speech in an article, split into its sentences, with who said it."""

    article_id: str
    start: int
    end: int
    speaker: str | None
    sentences: tuple[tuple[int, int], ...]  # article offsets of each sentence of the passage


def quotations(article: Article) -> list[Quoted]:
    """Text in quotation marks, a passage per pair of marks (an unclosed one runs to the paragraph end)."""
    text = article.text
    out: list[Quoted] = []
    last_speaker: str | None = None
    carried: str | None = None  # a paragraph left open continues the same speaker's words
    pos = 0
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        pos = p1 + 1
        i = p0
        continued = carried if para.lstrip()[:1] in _OPEN else None
        carried = None
        in_paragraph: str | None = None  # “X,” Pelosi said. “Y.”: Y is Pelosi's too
        while i < p1:
            o = next((k for k in range(i, p1) if text[k] in _OPEN), None)
            if o is None:
                break
            c = next((k for k in range(o + 1, p1) if text[k] in _CLOSE), None)
            end = c if c is not None else p1
            before = text[p0:o]
            after = text[end + 1 : min(p1, end + 120)] if c is not None else ""
            speaker = _speaker(before, after, last_speaker) or continued or in_paragraph
            if c is None:
                carried = speaker
            words = len(_QUOTE_WORD.findall(text[o + 1 : end]))
            if words >= MIN_QUOTE_WORDS:
                out.append(Quoted(article.id, o + 1, end, speaker, _split(text, o + 1, end)))
            if speaker:
                last_speaker = in_paragraph = speaker
            continued = None
            i = end + 1
            if who := _named(after[:80]):
                last_speaker = who
        # Outside quotation marks, "Kovalenko emphasized …" names who the next "he said" is.
        if who := _named(re.sub(r"[“\"][^”\"]*[”\"]", " ", para)):
            last_speaker = who
    return out


_VERBS = (
    r"(?:said|says|told|asked|added|noted|emphasized|stressed|explained|argued|warned|wrote|concluded|"
    r"claimed|pointed|continued|replied|acknowledged|insisted|vowed|predicted|promised|described)"
)
_NAMED = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]+)(?:,[^,“”\"]{1,80},)?\s+(?:\w+ly\s+)?" + _VERBS + r"\b"
)
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\s+(?:\w+ly\s+)?" + _VERBS + r"\b")
_NOT_SPEAKER = {
    "He",
    "She",
    "They",
    "The",
    "This",
    "That",
    "It",
    "But",
    "And",
    "However",
    "In",
    "On",
    "At",
    "When",
    "After",
}


def _named(text: str) -> str | None:
    """The last name in `text` with a verb of saying after it ('Kovalenko emphasized', 'Boutrous said')."""
    found = None
    for m in _NAMED.finditer(text):
        words = [w for w in m.group("who").split() if w not in _NOT_SPEAKER]
        if words and not re.fullmatch(
            r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", words[-1]
        ):
            found = " ".join(words)
    return found


def _speaker(before: str, after: str, last: str | None) -> str | None:
    """Who says a quotation: a name with a verb of saying right after it or just before it, or 'he'."""
    m = _SPEECH_AFTER.match(after)
    if m:
        who = m.group("who") or m.group("who2")
        if who and who.strip().split()[0] not in _NOT_SPEAKER:
            return who.strip().rstrip(",.")
        if m.group("pron"):
            return last
    clause = re.split(r"[.!?”\"]\s", before)[-1]
    if who := _named(clause):
        return who
    subject = re.match(r"\s*([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*)", clause)
    if re.search(_VERBS + r"\s*[:,]?\s*$", clause) and subject and subject.group(1) not in _NOT_SPEAKER:
        # "Kovalenko is a prominent commentator … and said: “…": the sentence's subject speaks.
        return subject.group(1)
    if _PRONOUN.search(clause) or _PRONOUN.search(after[:60]):
        return last
    return None


def _split(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in re.finditer(r"[.?!…]+[”\"’]?\s+(?=[“\"A-Z])", text[start:end]):
        spans.append((s, start + m.end()))
        s = start + m.end()
    if s < end:
        spans.append((s, end))
    return tuple((a, b) for a, b in spans if text[a:b].strip())


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Words of a quoted span, bracketed editorial insertions ("(local)", "[North Korea]") left out."""
    chunk = text[start:end]
    dropped = [(m.start(), m.end()) for m in _BRACKETED.finditer(chunk)]
    out = []
    for m in _QUOTE_WORD.finditer(chunk):
        if any(a <= m.start() < b for a, b in dropped):
            continue
        out.append((m.group(0).replace("’", "'").casefold(), start + m.start(), start + m.end()))
    return out


@dataclass
class _Match:
    a: Quoted
    b: Quoted
    wa: list[tuple[str, int, int]]
    wb: list[tuple[str, int, int]]
    blocks: list[tuple[int, int, int]]
    matched: int


def _windows(q: Quoted, text: str) -> list[list[tuple[str, int, int]]]:
    """The words of each run of one or two consecutive sentences of a quotation, long enough to compare."""
    s = q.sentences
    spans = [s[i] for i in range(len(s))] + [(s[i][0], s[i + 1][1]) for i in range(len(s) - 1)]
    return [w for x in spans if len(w := _words(text, *x)) >= MIN_QUOTE_WORDS]


def _best_window(
    a: Quoted,
    b: Quoted,
    windows_a: list[list[tuple[str, int, int]]],
    windows_b: list[list[tuple[str, int, int]]],
) -> _Match | None:
    """The best-matching runs of one or two consecutive sentences of two quotations."""
    best: _Match | None = None
    counts_b = [Counter(w[0] for w in wb) for wb in windows_b]
    for wa in windows_a:
        counts_a = Counter(w[0] for w in wa)
        for wb, cb in zip(windows_b, counts_b, strict=True):
            # The words two windows share, counted with repeats, bound what difflib can match: a pair
            # that cannot pass, or cannot beat the best so far, is not aligned at all.
            bound = sum((counts_a & cb).values())
            if bound < MIN_QUOTE_WORDS or bound / min(len(wa), len(wb)) < DRIFT_SIMILARITY:
                continue
            if best is not None and bound <= best.matched:
                continue
            sm = difflib.SequenceMatcher(None, [w[0] for w in wa], [w[0] for w in wb], autojunk=False)
            blocks = [blk for blk in sm.get_matching_blocks() if blk.size]
            # Lone stop words matching at the edges are not where the quotations meet.
            while blocks and blocks[0].size == 1 and wa[blocks[0].a][0] in STOP_WORDS:
                blocks.pop(0)
            while blocks and blocks[-1].size == 1 and wa[blocks[-1].a][0] in STOP_WORDS:
                blocks.pop()
            matched = sum(blk.size for blk in blocks)
            if matched < MIN_QUOTE_WORDS or matched / min(len(wa), len(wb)) < DRIFT_SIMILARITY:
                continue
            if best is None or matched > best.matched:
                best = _Match(a, b, wa, wb, [(k.a, k.b, k.size) for k in blocks], matched)
    return best


def _core(m: _Match) -> tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans where two quotations meet, and the changed word spans inside each."""
    first, last = m.blocks[0], m.blocks[-1]
    a0, a1 = first[0], last[0] + last[2]
    b0, b1 = first[1], last[1] + last[2]
    sm = difflib.SequenceMatcher(
        None, [w[0] for w in m.wa[a0:a1]], [w[0] for w in m.wb[b0:b1]], autojunk=False
    )
    ca: list[tuple[int, int]] = []
    cb: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            ca.append((m.wa[a0 + i1][1], m.wa[a0 + i2 - 1][2]))
        if j2 > j1:
            cb.append((m.wb[b0 + j1][1], m.wb[b0 + j2 - 1][2]))
    return (m.wa[a0][1], m.wa[a1 - 1][2]), (m.wb[b0][1], m.wb[b1 - 1][2]), ca, cb


def _same_speaker(a: str | None, b: str | None) -> bool | None:
    if a is None or b is None:
        return None
    return _surname(a) == _surname(b)


def quote_drift(articles: Sequence[Article], store: _Claims | None = None) -> list[QuoteDrift]:
    """The same speaker quoted in different words by different outlets, each wording verbatim."""
    store = store or _Claims({a.id: a for a in articles}, [])
    texts = {a.id: a.text for a in articles}
    quotes = [q for a in articles for q in quotations(a)]
    # Copies of one article quote identically; each distinct passage is compared once.
    edges: list[
        tuple[int, int, tuple[int, int], tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]
    ] = []
    memo: dict[tuple[str, str], _Match | None] = {}
    cores: dict[
        tuple[str, str], tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]
    ] = {}
    keys = [texts[q.article_id][q.start : q.end] for q in quotes]
    # Windows are read once per distinct passage, on the first quote giving it; matches found on those
    # representatives are moved to where each other copy stands (_shift).
    reps: dict[str, Quoted] = {}
    for key, quote in zip(keys, quotes, strict=True):
        reps.setdefault(key, quote)
    words = {key: _windows(quote, texts[quote.article_id]) for key, quote in reps.items()}
    # Only passages sharing enough distinct words go through difflib: one matrix product finds them.
    distinct = sorted(set(keys))
    vocab: dict[str, int] = {}
    rows = [{vocab.setdefault(w[0], len(vocab)) for win in words[k] for w in win} for k in distinct]
    bags = np.zeros((len(distinct), max(1, len(vocab))), dtype=np.float32)
    for r, cols in enumerate(rows):
        bags[r, list(cols)] = 1.0
    shared = bags @ bags.T
    row_of = {k: r for r, k in enumerate(distinct)}
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a.article_id == b.article_id or shared[row_of[keys[i]], row_of[keys[j]]] < MIN_QUOTE_WORDS:
                continue
            speakers = _same_speaker(a.speaker, b.speaker)
            ka, kb = keys[i], keys[j]
            if (ka, kb) not in memo:
                memo[(ka, kb)] = _best_window(reps[ka], reps[kb], words[ka], words[kb])
            m = memo[(ka, kb)]
            if m is None:
                continue
            if speakers is not True and m.matched / min(len(m.wa), len(m.wb)) < 0.8:
                # Without the same named speaker only near-verbatim words pair: two people rarely say
                # the same sentence, while "she said" is easily pinned on the wrong name.
                continue
            if (ka, kb) not in cores:
                cores[(ka, kb)] = _core(m)
            # The representatives' spans, moved to where these copies stand in their articles.
            da, db = a.start - m.a.start, b.start - m.b.start
            sa, sb, ca, cb = cores[(ka, kb)]
            edges.append(
                (
                    i,
                    j,
                    _shift(sa, da),
                    _shift(sb, db),
                    [_shift(x, da) for x in ca],
                    [_shift(x, db) for x in cb],
                )
            )
    groups = _Groups(len(quotes))
    drifted = set()
    for i, j, _, _, ca, cb in edges:
        if ca or cb:
            groups.join(i, j)
            drifted |= {i, j}
    out: list[QuoteDrift] = []
    for g in groups.groups(sorted(drifted)):
        members = set(g)
        spans: dict[int, tuple[int, int]] = {}
        changed: dict[int, list[tuple[int, int]]] = {}
        for i, j, sa, sb, ca, cb in edges:
            if i in members and j in members:
                for k, s, ch in ((i, sa, ca), (j, sb, cb)):
                    old = spans.get(k, s)
                    spans[k] = (min(old[0], s[0]), max(old[1], s[1]))
                    changed.setdefault(k, []).extend(ch)
        wordings: list[Wording] = []
        claim_ids: list[str] = []
        named = [who for k in g if (who := quotes[k].speaker)]
        speaker = max(sorted(set(named)), key=named.count) if named else "unnamed speaker"
        for k in sorted(g, key=lambda k: (_article_order(quotes[k].article_id), quotes[k].start)):
            q = quotes[k]
            s0, s1 = spans[k]
            text = texts[q.article_id][s0:s1]
            article = store.articles[q.article_id]
            sids = [s.id for s in article.sentences if s.start < s1 and s0 < s.end] or [1]
            claim = store.covering(q.article_id, (s0, s1), set(sids)) or store.add(
                q.article_id,
                sids,
                text,
                statement=f"{speaker} is quoted: “{text}”",
                asserted_by=speaker,
                kind="quote",
            )
            spans_rel = sorted({(a - s0, b - s0) for a, b in changed.get(k, []) if s0 <= a and b <= s1})
            wordings.append(Wording(article_id=q.article_id, claim_id=claim.id, text=text, changed=spans_rel))
            claim_ids.append(claim.id)
        out.append(QuoteDrift(speaker=speaker, claim_ids=list(dict.fromkeys(claim_ids)), wordings=wordings))
    return out


def _shift(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by
