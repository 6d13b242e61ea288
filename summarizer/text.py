"""Text primitives shared by validation and verification: quote matching and numbers in prose.

Everything here is pure and deterministic, because it is what the report's verdicts rest on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

_QUOTE_MARKS = "'\"`´′″«»‹›‘’‚‛“”„‟"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# "Verbatim" tolerates exactly these differences: which quotation mark or apostrophe, which dash, and
# runs of whitespace. Small models turn “double” quotes into ‘single’ ones; anything fuzzier than this
# would let a paraphrase pass as a quote.
_EQUIVALENT = str.maketrans({**dict.fromkeys(_QUOTE_MARKS, '"'), **dict.fromkeys(_DASHES, "-"), "\xa0": " "})

MIN_QUOTE_CHARS = 8
MIN_QUOTE_WORDS = 2


def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quote/dash variants and whitespace runs; return the text and each character's original index."""
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


def find_quote(quote: str, text: str) -> list[tuple[int, int]]:
    """Spans (start, end) in `text` where `quote` occurs verbatim, up to quote/dash/whitespace variants."""
    needle, _ = normalize(_strip_enclosing(quote))
    if len(needle) < MIN_QUOTE_CHARS or len(needle.split()) < MIN_QUOTE_WORDS:
        return []
    hay, index = _normalized_article(text)
    spans: list[tuple[int, int]] = []
    start = hay.find(needle)
    while start != -1:
        end = start + len(needle) - 1
        spans.append((index[start], index[end] + 1))
        start = hay.find(needle, start + 1)
    return spans


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
    spans = find_quote(quote, text)
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

_QUALIFIERS: list[tuple[str, Qualifier]] = [
    ("more than", "over"),
    ("greater than", "over"),
    ("upwards of", "over"),
    ("in excess of", "over"),
    ("at least", "over"),
    ("over", "over"),
    ("exceeding", "over"),
    ("fewer than", "under"),
    ("less than", "under"),
    ("at most", "under"),
    ("up to", "under"),
    ("under", "under"),
    ("nearly", "about"),
    ("almost", "about"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
]

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# A number not glued to a word or an identifier ("KN-23", "B2", "3rd" are not quantities).
_NUMBER = re.compile(
    r"(?<![\w.,$/])(?<![A-Za-z]-)(?<!No\. )\$?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<pct>\s?%|\s?percent\b)?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?![\w/-])"
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

    def interval(self) -> tuple[float, float]:
        """The values this mention admits: 'over 100' admits anything above 100."""
        v = self.value
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
        a0, a1 = self.interval()
        b0, b1 = other.interval()
        if self.qualifier == "over" and other.qualifier == "over":
            return True  # two lower bounds never contradict each other
        if self.qualifier == "under" and other.qualifier == "under":
            return True
        return a0 <= b1 and b0 <= a1


def find_numbers(text: str) -> list[Number]:
    """Every numeric mention in `text`, with scale words and hedges such as 'more than' read."""
    found: list[Number] = []
    lowered = text.lower()
    for m in _NUMBER.finditer(text):
        digits = m.group("num").replace(",", "")
        value = float(digits + (m.group("frac") or ""))
        scale = m.group("scale")
        if scale:
            value *= _SCALES[scale]
        before = lowered[max(0, m.start() - 20) : m.start()].rstrip()
        qualifier: Qualifier = "exact"
        for phrase, q in _QUALIFIERS:
            if before.endswith(phrase) and (
                len(before) == len(phrase) or not before[-len(phrase) - 1].isalpha()
            ):
                qualifier = q
                break
        is_year = (
            not scale
            and not m.group("frac")
            and "," not in m.group("num")
            and len(digits) == 4
            and 1800 <= value <= 2100
        )
        found.append(
            Number(
                value=value,
                qualifier=qualifier,
                start=m.start(),
                end=m.end(),
                raw=m.group(0),
                is_year=is_year,
                is_percent=bool(m.group("pct")),
            )
        )
    return found


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


def stem(word: str) -> str:
    """A crude English stem, enough to pair 'followers' with 'follow' and 'missiles' with 'missile'."""
    w = word.lower().strip("'’-")
    for suffix in ("ers", "ies", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def content_words(text: str) -> set[str]:
    """The stems of a text's words that carry content (no stop words, no one- or two-letter words)."""
    return {
        stem(m.group(0))
        for m in WORD.finditer(text)
        if m.group(0).lower() not in STOP_WORDS and len(m.group(0)) > 2
    }


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
