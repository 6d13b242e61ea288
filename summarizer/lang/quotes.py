"""Quotations held to their article: verbatim up to quotation marks, dashes and spacing, on word bounds."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from functools import lru_cache

from summarizer.lang.lexicon.words import DASHES, QUOTE_MARKS

# "Verbatim" tolerates exactly these differences: which quotation mark or apostrophe, which dash, and
# runs of whitespace. Small models turn “double” quotes into ‘single’ ones; anything fuzzier than this
# would let a paraphrase pass as a quote.
# A lone line break or tab between two words folds to a space where it stands, as a run would: an article
# (a line a paragraph) then takes the fast path below, its offsets unmoved.
_EQUIVALENT = str.maketrans(
    {**dict.fromkeys(QUOTE_MARKS, '"'), **dict.fromkeys(DASHES, "-"), **dict.fromkeys("\xa0\n\r\t\v\f", " ")}
)

MIN_QUOTE_CHARS = 8
MIN_QUOTE_WORDS = 2


# Whitespace that normalize would drop or fold: at either end, in a run, or other than a plain space.
_UNEVEN_SPACE = re.compile(r"^\s|\s$|\s\s|[^\S ]")
_NON_SPACE = re.compile(r"\S+")


def normalize(text: str) -> tuple[str, Sequence[int]]:
    """Fold quote/dash variants and whitespace runs; return the text and each character's original index."""
    folded = text.translate(_EQUIVALENT)  # one character for one: offsets do not move
    if not _UNEVEN_SPACE.search(folded):
        # Most sentences have nothing else to fold: no walk at all, and an index that is a range.
        return folded, range(len(folded))
    # Word by word, not character by character (an article has a line break in every paragraph): each
    # run of whitespace between two words is one space, standing at the run's last character.
    out: list[str] = []
    index: list[int] = []
    for m in _NON_SPACE.finditer(folded):
        start, end = m.span()
        if out:
            out.append(" ")
            index.append(start - 1)
        out.append(m.group())
        index.extend(range(start, end))
    return "".join(out), index


@lru_cache(maxsize=16384)
def folded(text: str) -> str:
    """`normalize`'s text alone, cached: a sentence is compared as said (a copy? the same quotation?)
    with many others, and folding it each time was 4% of a batch's CPU."""
    return normalize(text)[0]


@lru_cache(maxsize=512)
def _normalized_article(text: str) -> tuple[str, Sequence[int]]:
    # Every claim's quote is checked against the same few articles, several times over (validation,
    # salvage, verification): normalize each article once. A batch reads its stories' articles at once
    # (the 90 BASIL stories 270): 64 normalized each article twice. The index as 4-byte integers, not a
    # list of int objects: 512 articles of 10,000 characters hold 20 MB.
    folded, index = normalize(text)
    return folded, index if isinstance(index, range) else array("i", index)


@lru_cache(maxsize=16384)  # a claim's quote is looked for in its article by each rule of its evidence
def _strip_enclosing(quote: str) -> str:
    # Where a quote starts and ends is a choice of span, not of words: quotation marks a model wraps
    # around it and punctuation it leaves at either end (",", ";") are not evidence, so they are trimmed.
    return quote.translate(_EQUIVALENT).strip().strip('",;:').strip()


def _on_boundary(hay: str, start: int, end: int) -> bool:
    # A match may not begin or end inside a word: "ne said 15" is not in "Ukraine said 150".
    inside_left = start > 0 and hay[start].isalnum() and hay[start - 1].isalnum()
    inside_right = end < len(hay) and hay[end - 1].isalnum() and hay[end].isalnum()
    return not inside_left and not inside_right


@lru_cache(maxsize=16384)
def _find(quote: str, text: str, *, cut_end: bool = False) -> tuple[tuple[int, int], ...]:
    """Spans of `quote` in `text` on word boundaries; with `cut_end`, its last word may be cut short.

    Cached: a claim's quote is looked for in its article by each rule of its evidence (where it stands,
    whether it is there, whether its last word was cut) and again when it is verified. A key holds its
    article's text (shared by the article's keys) until the entry is evicted.
    """
    needle = folded(_strip_enclosing(quote))
    if len(needle) < MIN_QUOTE_CHARS or len(needle.split()) < MIN_QUOTE_WORDS:
        return ()
    hay, index = _normalized_article(text)
    spans: list[tuple[int, int]] = []
    start = hay.find(needle)
    while start != -1:
        end = start + len(needle)
        if _on_boundary(hay, start, len(hay) if cut_end else end):
            spans.append((index[start], index[end - 1] + 1))
        start = hay.find(needle, start + 1)
    return tuple(spans)


def find_quote(quote: str, text: str) -> list[tuple[int, int]]:
    """Spans (start, end) in `text` where `quote` occurs verbatim, up to quote/dash/whitespace variants."""
    return list(_find(quote, text))


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
