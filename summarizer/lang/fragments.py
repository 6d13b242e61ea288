"""A piece of a sentence read as a whole one: three cheap tests, each with what it misses.

- It starts with a lowercase letter, or with punctuation other than an opening quotation mark or
  bracket: "where Majority Leader Mitch McConnell…", ", said the American Civil Liberties Union…",
  "#unapologeticallyMe.".
- Its last word before the full stop is an abbreviation written before a name or a number ("Sen.",
  "No.", `lexicon.abbreviations`) or an initial after a name ("John F."): the split cut the name off.
  State abbreviations, "Jr." and "U.S." end real sentences and are not counted; a sentence that is
  only a name and such a tag ("But House Speaker Nancy Pelosi, D-Calif.") fails the next test instead.
- No word of it can be a verb: no lowercase (or opening) word that lemminflect knows as a verb or an
  auxiliary. Loose on purpose, as "house" and "reports" may be verbs: it flags only sentences with
  surely no finite verb, and misses a fragment that holds a word which may be one.
"""

from __future__ import annotations

import unicodedata

from summarizer.lang.lexicon.abbreviations import BEFORE_A_NAME
from summarizer.lang.reading import Reading, as_reading
from summarizer.lang.tokens import Token, pos

_OPENING = "\"'"  # ASCII quotation marks, which Unicode files as plain punctuation, may open a sentence
_CLOSING = "\"'"
_VERB_TAGS = frozenset({"VERB", "AUX"})


def fragment(sentence: Reading | str) -> str | None:
    """Why `sentence` reads as a piece of a sentence, or None when the cheap tests pass it."""
    read = as_reading(sentence)
    return _start(read.text) or _abbreviated_end(read) or _no_verb(read.tokens)


def _start(text: str) -> str | None:
    body = text.lstrip()
    while body and (body[0] in _OPENING or unicodedata.category(body[0]) in ("Ps", "Pi")):
        body = body[1:].lstrip()
    if not body:
        return "has no words"
    if body[0].islower():
        return f"starts with a lowercase letter ({body.split()[0]!r})"
    if unicodedata.category(body[0]).startswith("P"):
        return f"starts with punctuation ({body[0]!r})"
    return None


def _abbreviated_end(read: Reading) -> str | None:
    text = read.text.rstrip()
    while text and (text[-1] in _CLOSING or unicodedata.category(text[-1]) in ("Pe", "Pf")):
        text = text[:-1].rstrip()
    if not text.endswith(".") or not read.tokens:
        return None
    at = [t for t in read.tokens if t.end == len(text) - 1]
    if not at:
        return None
    last = at[0]
    if last.word.lower() in BEFORE_A_NAME:
        return f"ends in the abbreviation {last.word + '.'!r}"
    before = read.tokens[last.index - 1] if last.index else None
    if len(last.word) == 1 and last.word.isupper() and before is not None and before.capital:
        return f"ends in the initial {last.word + '.'!r}"
    return None


def _no_verb(tokens: tuple[Token, ...]) -> str | None:
    for t in tokens:
        if (t.initial or not t.capital) and _VERB_TAGS & pos(t.word.lower()).keys():
            return None
    return "has no word that can be a verb"
