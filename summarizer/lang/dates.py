"""Dates in a sentence: months (written out or abbreviated), weekdays and relative days."""

from __future__ import annotations

from functools import lru_cache

from summarizer.lang.lexicon.abbreviations import TITLES
from summarizer.lang.lexicon.numbers import MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, WEEKDAYS
from summarizer.lang.tokens import pos, words

# Every word the rules below may take, as its possessive stripped leaves it (lowercase).
_DATE_KEYS = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS) | frozenset(WEEKDAYS) | RELATIVE_DAYS


@lru_cache(maxsize=16384)
def date_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """(the date word in full and lowercase, start, end) for each date word of a sentence, cached by text."""
    out: list[tuple[str, int, int]] = []
    for word, start, end in words(text):
        low = word.lower()
        if low not in _DATE_KEYS and low[:-2] not in _DATE_KEYS:
            continue  # (most words: none of the rules below can take them)
        # "Thursday’s meeting" is Thursday's: the possessive is no part of the date. "Theresa May’s" and
        # "Mrs. May’s" are hers: a possessive "May" after a name or a title names someone ("Last May’s"
        # is the month: "Last" is a word of the dictionary).
        if word.endswith(("'s", "’s")):
            before = text[:start].split()[-1:]
            if word[:-2].lower() == "may" and before and _names_someone(before[0]):
                continue
            word, end = word[:-2], end - 2
        w = word.lower().rstrip(".")
        month = MONTH_ABBREVIATIONS.get(w) if word[:1].isupper() and len(w) <= 4 else None
        if w in MONTHS and word[:1].isupper():
            if w == "may" and (not text[:start].strip() or not word[0].isupper()):
                continue  # "May" opening a sentence is as likely the verb
            out.append((w, start, end))
        elif month:
            out.append((month, start, end))
        elif w in WEEKDAYS or w in RELATIVE_DAYS:
            out.append((w, start, end))
    return tuple(out)


def _names_someone(word: str) -> bool:
    """Whether a word before "May’s" makes it a name: a title ("Mrs."), or a capital no dictionary has."""
    plain = word.rstrip(".").lower()
    return plain in TITLES or (word[:1].isupper() and not pos(plain))
