"""Where a sentence ends: whether a period a segmenter stopped at ends a sentence, by what it abbreviates.

pysbd (ingest.segment) finds the sentences of a line and knows common abbreviations, but not AP style's:
it ends a sentence at "McConnell, R-Ky." before ", has refused", at a dateline "HARTFORD, Conn." before
its dash, and leaves a closing quotation mark to open the next sentence. `sentence_spans` takes its
pieces and joins those that go on, by one rule per kind of abbreviation (lexicon.abbreviations): a
title or a month never ends a sentence; a state, "U.S." or "Inc." may, so only what follows says whether
it did. `fragment` says why a text is no whole sentence, for what must never be a claim or a summary's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from summarizer.lang.lexicon.abbreviations import (
    MONTHS,
    NUMBER_SIGNS,
    PARTIES,
    PLACE_PREFIXES,
    STATES,
    SUFFIXES,
    TIME_ZONES,
    TIMES_OF_DAY,
    TITLES,
)
from summarizer.lang.lexicon.numbers import MONTH_ABBREVIATIONS, WEEKDAYS
from summarizer.lang.lexicon.numbers import MONTHS as MONTH_NAMES
from summarizer.lang.lexicon.saying import ATTRIBUTION_TAIL, NOT_A_NAME, NOT_A_SPEAKER
from summarizer.lang.lexicon.words import DASHES, HEADLINE_LOWER
from summarizer.lang.speech import SPEAKER_AFTER_QUOTE

Kind = Literal["title", "month", "number", "place", "state", "suffix", "time", "initial", "acronym"]
# Kinds whose period never ends a sentence, whatever follows: a name or a date must come after them.
NEVER_ENDS: frozenset[Kind] = frozenset({"title", "month"})

# Capitalised words that open a sentence, never a name's next part ("Gen. Mark A. The" is no name).
_OPENERS = NOT_A_NAME | NOT_A_SPEAKER
_DAYS = frozenset(WEEKDAYS) | frozenset(MONTH_NAMES) | frozenset(MONTH_ABBREVIATIONS)
# What follows a time of day within its sentence ("10 a.m. Tuesday", "3 p.m. ET").
_AFTER_TIME = _DAYS | TIME_ZONES
# What may follow an attribution that closes a quotation ("Obama wrote in a letter", "Trump said Feb. 1").
_TAIL = ATTRIBUTION_TAIL | _DAYS
# Words of such a tail at most: more is a sentence of its own.
_TAIL_WORDS = 8
# A headline capitalises its words of this many letters or more ("Pleads Guilty in Campaign Money Case").
_HEADLINE_WORD = 4
_EDGE_MARKS = ".,:;!?\"'“”‘’()[]"
# No sentence opens with these: the segmenter cut a sentence that goes on.
_GOES_ON = ",;:)]}%"
# Closing quotation marks a segmenter may leave at the head of the next sentence; a straight mark closes
# only where whitespace follows it.
_CLOSING = "”’»"
_STRAIGHT = "\"'"
# A list item's marker: a bullet or dash, a number with its period or bracket, a small letter with
# either, a capital with a bracket ("A) Taxes"): a capital and a period open a name ("J. Crew files …").
_LIST_ITEM = re.compile(r"\s*(?:[-*•·–—]|\(?(?:\d{1,2}[.)]|[a-z][.)]|[A-Z]\)))\s+")
_OPENING = "“‘«\"'([{"
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_POSSESSIVE = re.compile(r"^[’']s\b")
_FIRST_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def abbreviation(word: str) -> Kind | None:
    """What `word` (one token, ending in its period) abbreviates, if it is an abbreviation."""
    if not word.endswith(".") or len(word) < 2:
        return None
    body = word[:-1].lstrip(_OPENING)
    if "-" in body and body[0] in PARTIES and body[1] == "-":
        body = body[2:]  # a party tag: "R-Ky." is Kentucky's
    low = body.lower()
    capital = body[:1].isupper()
    if capital and low in TITLES:
        return "title"
    if capital and low in MONTHS:
        return "month"
    if low in NUMBER_SIGNS:
        return "number"
    if capital and low in STATES:
        return "state"
    if capital and low in PLACE_PREFIXES:
        return "place"
    if capital and low in SUFFIXES:
        return "suffix"
    if low in TIMES_OF_DAY:
        return "time"
    if len(body) == 1 and capital and body != "I":
        return "initial"
    if _DOTTED.match(body):
        return "acronym"
    return None


def _first_word(text: str) -> str:
    """The word `text` opens with ("" where it opens with none)."""
    found = _FIRST_WORD.match(text)
    return found.group(0) if found else ""


def _last_words(text: str) -> tuple[str, str]:
    """The last token of `text` and the one before it ("" where there is none)."""
    parts = text.split()
    return (parts[-1] if parts else "", parts[-2] if len(parts) > 1 else "")


# A dateline opening a story's first sentence: "WASHINGTON ― ", "KANSAS CITY, Mo. — ", "FERGUSON, Mo. - ".
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]+[A-Z.](?:,\s+[A-Z][A-Za-z.]+)*\s*[-" + DASHES + r"]+\s+")


def dateline(text: str) -> int:
    """How many characters of `text` are its dateline ("WASHINGTON ― "): the place, not the news."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def undated(text: str) -> str:
    """`text` without its dateline: the news, not the place."""
    return text[dateline(text) :]


def title_case(text: str) -> bool:
    """Whether `text` is written as a headline: two words of four letters or more, every word capitalised
    but those a headline leaves lowercase ("Democrats Plan to Filibuster to Thwart Gorsuch Nomination").

    "Obama met Putin in Moscow." is no headline: "met" would be "Met" in one.
    """
    words = [w.strip(_EDGE_MARKS) for w in text.split()]
    words = [w for w in words if w[:1].isalpha()]
    long = [w for w in words if len(w) >= _HEADLINE_WORD]
    return len(long) >= 2 and all(w[0].isupper() for w in words if w.lower() not in HEADLINE_LOWER)


def unmarked(text: str) -> bool:
    """Whether `text` ends with no end mark: a headline, a caption or a credit as a web page's text
    gives it ("Sparks fly as Biden, Ryan face off in feisty vice presidential debate"), not a sentence.

    A sentence ending with a quotation ends inside it ("… “a partisan.”"); a headline ending with one
    has no mark there ("… like 'piggy bank'", '… Trump is "an existential threat"'), nor has a sentence
    printed without its period (Sessions's "… “appears to be a partisan”"), which reads so too. A line
    introducing what follows ("Here's an excerpt from the Times report:") or running on into the next
    paragraph (a comma) is a sentence's.
    """
    last = last_mark(text)
    return last.isalnum() or last == "%"  # "… falls to 3.5%"


def last_mark(text: str) -> str:
    """The last character of `text` past its closing quotation marks and brackets ("" for none): an end
    mark where a sentence ends there."""
    return text.rstrip(_CLOSING + _STRAIGHT + ")] \t")[-1:]


def listed(text: str) -> bool:
    """Whether `text` is an item of a list ("- About 300 families were displaced", "2) Taxes"): a
    sentence with no need of an end mark."""
    return _LIST_ITEM.match(text) is not None


def _attribution_only(rest: str) -> bool:
    """Whether what follows a quotation's speaker and verb is the end of the attribution, nothing new."""
    words = rest.strip().split()
    if not words or words[0][0] in ".,;:":
        return True
    return words[0].strip(".,").lower() in _TAIL and len(words) <= _TAIL_WORDS


def goes_on(before: str, after: str) -> bool:
    """Whether the sentence a segmenter ended at the end of `before` goes on into `after`, the next piece."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not any(ch.isalnum() for ch in after):
        return False  # marks alone ("?." of a headline) continue nothing: ingest drops them
    if starts_mid_sentence(after):
        return True
    head, word = after[0], _first_word(after)
    inside = before.rstrip(_CLOSING + _STRAIGHT)
    if inside != before and inside[-1:] in tuple(".!?,"):
        # "“Why not?” Pelosi asked.": the quotation's speaker is its sentence's. After a full stop only a
        # bare attribution is ("… Durbin said."): "“It’s over.” He said the talks had failed." is two.
        said = SPEAKER_AFTER_QUOTE.match(after)
        return said is not None and (inside[-1] != "." or _attribution_only(after[said.end() :]))
    if not before.endswith("."):
        return False
    last, previous = _last_words(before)
    kind = abbreviation(last)
    if kind is None:
        return False
    if kind in NEVER_ENDS or head in DASHES or after.startswith("-"):
        return True  # a dash after an abbreviation is a dateline's: "HARTFORD, Conn. — The attorney …"
    if kind == "number":
        return head.isdigit()
    following = after.split(maxsplit=1)[0]
    if abbreviation(following) == "title":
        return True  # "Ariz. Gov. Jan Brewer", "U.S. Sen. Rand Paul"
    if title_case(after):
        return True  # a headline goes on: "Jesse Jackson Jr. Pleads Guilty in Campaign Money Case."
    if kind == "time":
        return word.rstrip(".").lower() in _AFTER_TIME
    name_goes_on = word[:1].isupper() and word not in _OPENERS
    if kind == "place":
        # "St. Louis" after "in" or at the start; "Wall St." is a street's, and may end its sentence
        return name_goes_on and not previous[:1].isupper()
    if kind == "initial":
        # "Linda T. Sánchez", "J. Smith"; "plan B. The" ends
        return name_goes_on and (not previous or previous[:1].isupper() or previous[-1] in _OPENING)
    return False


def _closing_head(text: str) -> int:
    """How many characters open `text` that close the sentence before it: quotation marks, then spaces."""
    i = 0
    while i < len(text) and (
        text[i] in _CLOSING or (text[i] in _STRAIGHT and (i + 1 == len(text) or text[i + 1].isspace()))
    ):
        i += 1
    if not i:
        return 0
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def sentence_spans(line: str, pieces: Sequence[tuple[str, int]]) -> list[tuple[int, int]]:
    """The sentences of `line` as (start, end), from a segmenter's pieces (text, start) in order.

    A closing quotation mark that opens a piece goes back to the sentence it closes; a piece that goes
    on the sentence before it (`goes_on`) joins it.
    """
    spans: list[list[int]] = []
    for text, start in pieces:
        end = start + len(text)
        if spans:
            shift = _closing_head(text)
            if shift:
                spans[-1][1] = start + len(text[:shift].rstrip())
                start += shift
                if start >= end:
                    continue
            prev = spans[-1]
            if goes_on(line[prev[0] : prev[1]], line[start:end]):
                prev[1] = end
                continue
        spans.append([start, end])
    return [(s, e) for s, e in spans]


Fragment = Literal["starts mid-sentence", "ends at an abbreviation"]


def starts_mid_sentence(text: str) -> bool:
    """Whether `text` opens as no sentence does: a lowercase word, a comma, a closing quotation mark."""
    text = text.lstrip()
    if not text:
        return False
    if text[0] in _GOES_ON + ".!?”" or _POSSESSIVE.match(text) or _closing_head(text):
        return True
    # A sentence opens with a capital; "iPhone" and "eBay" do too, as themselves.
    word = _first_word(text)
    return text[0].islower() and bool(word) and not any(c.isupper() for c in word)


def ends_at_abbreviation(text: str) -> bool:
    """Whether `text` stops at an abbreviation that ends no sentence: a title or a month ("… Sen.")."""
    words = text.split()
    return bool(words) and abbreviation(words[-1]) in NEVER_ENDS


def fragment(text: str) -> Fragment | None:
    """Why `text` is a piece of a sentence and no whole one, if it is (never a claim, nor a summary's)."""
    if starts_mid_sentence(text):
        return "starts mid-sentence"
    if ends_at_abbreviation(text):
        return "ends at an abbreviation"
    return None
