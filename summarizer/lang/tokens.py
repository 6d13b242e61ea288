"""The one tokenizer: a sentence's words with their spans, dictionary forms, and what they may mean.

Word-level caches only (a word's lemmas, its parts of speech): what is read of a whole sentence is
held by its `Reading`, made once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

# lemminflect: a maintained lemmatizer whose tables ship inside its wheel (no download at run time), so
# "has blown up" meets "blew up" without a tagger or a network.
from anyascii import anyascii
from lemminflect import getAllLemmas  # type: ignore[import-untyped]

from summarizer.lang.lexicon.abbreviations import (
    PLACE_PREFIX_WORDS,
    PLACE_PREFIXES,
    SPELLED_OUT,
    STATE_INITIALS,
    TITLES,
)
from summarizer.lang.lexicon.spelling import AMERICAN
from summarizer.lang.lexicon.words import (
    ANTONYMS,
    CLAUSE_LINKS,
    DEMONYMS,
    FIRST_PERSON,
    LIGHT_WORDS,
    NEGATIONS,
    STEM_SUFFIXES,
    STOP_WORDS,
    SYNONYMS,
)
from summarizer.lang.once import once

# A word is letters of the Latin script with its accents ("Calderón", "Müller", not "Calder" and "n";
# × and ÷ are no letters), with apostrophes and hyphens inside it. A class of ranges, as fast as ASCII
# alone; "letter but not digit" (`[^\W\d_]`) was twice as slow over BASIL's paragraphs.
_LETTER = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ"
WORD = re.compile(f"[{_LETTER}][{_LETTER}'’-]*")
# "U.S.", "F.B.I.": one word, its periods dropped ("US", "FBI"), as another outlet writes it.
ACRONYM = r"(?:[A-Z]\.){2,}"
_TOKEN = re.compile(f"(?P<acronym>{ACRONYM})|" + WORD.pattern)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()“”\"]|\b(?:" + "|".join(CLAUSE_LINKS) + r")\b", re.I)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to pair 'followers' with 'follow' and 'missiles' with 'missile'.

    A possessive is its word: "Trump's" is "trump", never "trump'" (its "s" read as a plural's).
    """
    w = word.lower().removesuffix("'s").removesuffix("’s").strip("'’-")
    for suffix in STEM_SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The words of `text` (WORD, split at hyphens, "U.K." as one) with their spans.

    Cached: the tokenizer and the date reader both split each sentence, and so read it once.
    """
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        found = m.group(0)
        if m.group("acronym"):
            out.append((found.replace(".", ""), m.start(), m.end()))
            continue
        if "-" not in found and found[-1] not in "'’":
            # Nine words in ten: one word, nothing to strip (a word opens with a letter).
            out.append((found, m.start(), m.end()))
            continue
        offset = m.start()
        for part in found.split("-"):
            word = part.strip("'’")
            if word:
                start = offset + part.index(word)
                out.append((word, start, start + len(word)))
            offset += len(part) + 1
    return tuple(out)


@lru_cache(maxsize=65536)
def folded_stem(word: str) -> str:
    """`stem`, with the typographic apostrophe folded: "Martha’s" and "Martha's" are one word."""
    return stem(word.replace("’", "'"))


def is_content_word(word: str) -> bool:
    """Whether a word says something of a text's topic: no stop word, longer than two letters."""
    return word.lower() not in STOP_WORDS and len(word) > 2


@lru_cache(maxsize=16384)
def content_tokens(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """(stem, start, end, word) of each content word: what alignment and likeness compare.

    Cached by text: alignment weighs and counts each sentence's words, and reads their context, apart.
    """
    return tuple(
        (folded_stem(w), m.start(), m.end(), w)
        for m in WORD.finditer(text)
        if len(w := m.group(0)) > 2 and w.lower() not in STOP_WORDS  # `is_content_word`, inlined
    )


@lru_cache(maxsize=16384)
def content_words(text: str) -> frozenset[str]:
    """The stems of a text's content words (no stop words, no one- or two-letter words)."""
    # `content_tokens` without the spans; cached by text, as likeness asks it of a sentence many times.
    return frozenset(folded_stem(w) for w in WORD.findall(text) if len(w) > 2 and w.lower() not in STOP_WORDS)


@lru_cache(maxsize=16384)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form `word` may inflect ('blown' → blow), its lowercase form and its crude stem."""
    w = word.lower()
    for possessive in ("'s", "’s"):
        w = w.removesuffix(possessive)
    found = {w, stem(w)}
    for forms in pos(w).values():  # lemminflect's table, read once a word (`pos` caches it)
        found.update(f.lower() for f in forms)
    return frozenset(found)


@lru_cache(maxsize=65536)
def pos(word: str) -> Mapping[str, tuple[str, ...]]:
    """A word's lemmas by part of speech, as lemminflect's `getAllLemmas` gives them; cached."""
    return MappingProxyType(_all_lemmas(word))


@lru_cache(maxsize=1)
def _lemma_tables() -> tuple[dict[str, Any], dict[str, Any], Callable[..., Any], Callable[..., Any]] | None:
    """lemminflect's lemma table and overrides, and its caps-style helpers, loaded once (None where a
    version keeps them elsewhere)."""
    try:
        from lemminflect.core.Lemmatizer import Lemmatizer  # type: ignore[import-untyped]
        from lemminflect.core.LexicalUtils import (  # type: ignore[import-untyped]
            applyCapsStyleToDict,
            getCapsStyle,
        )

        lemmatizer = Lemmatizer()
        return (
            lemmatizer._getLemmaDict(),
            lemmatizer._getOverridesDict(),
            applyCapsStyleToDict,
            getCapsStyle,
        )
    except (ImportError, AttributeError):  # pragma: no cover - another lemminflect
        return None


def _all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """`getAllLemmas(word)`, without its deep copies of the tables' entries (a quarter of tokenizing
    a batch): the entries are tuples, and a copy of the entry's dict is all that is written to.
    `tests/test_text.py` holds the two equal; a lemminflect that moves its tables gets its own call."""
    tables = _lemma_tables()
    if tables is None:  # pragma: no cover - another lemminflect
        return dict(getAllLemmas(word))
    table, overrides, apply_caps, caps_of = tables
    low = word.lower()
    found = dict(table.get(low, {}))
    found.update(overrides.get(low, {}))
    return dict(apply_caps(found, caps_of(word)))


def _groups(table: Iterable[str]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in table:
        group = frozenset(line.split())
        for w in group:
            out[w] = out.get(w, frozenset()) | group
    return out


SYNONYM_OF = _groups(SYNONYMS)
ANTONYM_OF: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    ANTONYM_OF.setdefault(_a, set()).add(_b)
    ANTONYM_OF.setdefault(_b, set()).add(_a)


def unaccented(word: str) -> str:
    """The word in ASCII letters ("Calderón" → "Calderon"), as outlets dropping accents write it.

    anyascii (already read by `lang.injection`) folds what decomposition does not ("Søren" → "Soren").
    """
    return word if word.isascii() else anyascii(word)


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Its lemmas, a demonym folded onto its country ('Ukrainian' → ukraine), British spelling onto US."""
    found = lemmas(word)
    if (plain := unaccented(word)) != word:
        found = found | lemmas(plain)  # "Calderón" is the "Calderon" an outlet writes without its accent
    american = AMERICAN.get(word.lower().removesuffix("'s").removesuffix("’s"))
    if american is not None:
        found = found | lemmas(american)
    folded = {DEMONYMS[f] for f in found if f in DEMONYMS}
    # Most words fold nothing: their tokens then share lemmas' cached set, one object per word, not
    # per token (fewer objects for every full GC pass).
    return found | folded if folded else found


@lru_cache(maxsize=8192)
def _meanings_of(found: frozenset[str]) -> frozenset[str]:
    out = set(found)
    for f in found:
        out |= SYNONYM_OF.get(f, frozenset())
    return frozenset(out)


@dataclass(frozen=True)
class Token:
    """A word of a sentence: its text and span, its forms, and where it stands."""

    word: str
    start: int
    end: int
    forms: frozenset[str]  # lemmas, with demonyms folded onto their country
    index: int  # position in its sentence's token list
    capital: bool
    initial: bool  # the first word of its sentence

    @property
    def meanings(self) -> frozenset[str]:
        """Its forms plus their synonyms: what in a source would support it."""
        return _meanings_of(self.forms)

    # Read once a token: a sentence's tokens are cached with it, and every check asks these of each.
    @once
    def content(self) -> bool:
        """Whether it carries a checkable fact: not a pronoun, auxiliary, determiner or discourse word."""
        w = self.word.lower()
        if w in LIGHT_WORDS or self.forms & LIGHT_WORDS:
            return False
        return len(w) > 2 or (self.word.isupper() and len(w) == 2)  # "US", "UN" are names

    @once
    def name(self) -> bool:
        """Whether it names something: capitalized, and not a common word that opens the sentence."""
        if not self.capital:
            return False
        if self.word.isupper() and len(self.word) >= 2:
            return True
        if self.initial:
            return not pos(self.word.lower()) or self.word.lower() in DEMONYMS
        return True


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of a sentence: the one tokenizer every reader and check uses.

    Cached by text: a sentence someone wrote is often an article's sentence again (a group's wording,
    a summary sentence copying its source), and its new reading then takes the tokens already made.
    8,192 sentences cover the 90 BASIL stories at once and hold some 30 MB.
    """
    out: list[Token] = []
    for i, (word, start, end) in enumerate(words(text)):
        j = start - 1  # the last mark before the word (not a slice of all before it: O(n) a sentence)
        while j >= 0 and text[j].isspace():
            j -= 1
        # A title's period ("Mr. Trump") opens no sentence: the name after it is no common word.
        after_title = text[j] == "." and _after_title(out, word, text) if j >= 0 else False
        initial = j < 0 or (text[j] in ".!?:“\"‘'(" and not after_title)
        capital = word[:1].isupper()
        found = forms(word)
        if capital and len(word) < 4 and word.isupper() and (state := _state(word, text, start)):
            found = found | frozenset(state.split())  # "N.Y." and "R-S.C." name New York, South Carolina
        elif capital and text[end : end + 1] == ".":  # (one word in some thirty: the rest skip the call)
            found = _spelled(word, text, end, found)
        # As Token(...) makes it, without a frozen dataclass's seven object.__setattr__ calls: a batch
        # makes some 190,000 tokens.
        token = _new(Token)
        token.__dict__.update(
            word=word, start=start, end=end, forms=found, index=i, capital=capital, initial=initial
        )
        out.append(token)
    return tuple(out)


_new = object.__new__
# Initials with their periods: "N.Y.", and "S.C." in a party tag ("R-S.C."), which is read "S", "C".
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


def _state(word: str, text: str, start: int) -> str | None:
    """The state of two words its initials name where they are written with periods ("N.Y.", the "S" of
    "R-S.C."): AP's style, which "NY" or "SC" without periods is not always."""
    m = _INITIALS.match(text, start)
    return STATE_INITIALS.get(m.group(0).replace(".", "").lower()) if m else None


def _after_title(before: list[Token], word: str, text: str) -> bool:
    """Whether `word` follows an abbreviated title's period ("Mr. Trump", "Sen. Chuck Schumer") or a place
    prefix's ("St. Louis", "Ft. Worth"), as a name does. Not a function word: the splitter never ends a
    sentence at a title, so "… given by the Rev. He left." and "… hosted by Hun Sen. We will …" are one
    text, whose second sentence opens there. ("Hun Sen. Officials said …" is still misread: code cannot
    tell that title from one before a name.) A prefix after a capitalized word is a street's ending
    ("Wall St."), which may end its sentence."""
    if not before or not before[-1].capital or word.lower() in _OPENS_NO_NAME:
        return False
    abbreviation = before[-1].word.lower()
    return abbreviation in TITLES or place_prefix(before, len(before) - 1, text)


def place_prefix(toks: Sequence[Token], i: int, text: str) -> bool:
    """Whether token `i` ("St", "Mt", "Ft") of `text` opens a place's name ("St. Louis"), not ends a
    street's ("Wall St.", "42nd St."): capitalized, first or after a word that is neither a name nor a
    number ("in St. Louis", "In St. Louis")."""
    t = toks[i]
    if not t.capital or t.word.lower() not in PLACE_PREFIXES:
        return False
    if i == 0:
        return True
    before = toks[i - 1]
    if text[before.start - 1 : before.start].isdigit():  # "42nd": the tokenizer reads "nd", a word
        return False
    return not before.capital or (before.initial and not before.name)


_OPENS_NO_NAME = STOP_WORDS | frozenset(FIRST_PERSON)  # "He", "The", "We": a sentence, not a name


# A name after an abbreviated title: "Gov. Keating", not "Hun Sen." ending its sentence.
_NAME_NEXT = re.compile(r" [A-Z]")


def _spelled(word: str, text: str, end: int, found: frozenset[str]) -> frozenset[str]:
    """A capitalized word's forms before a period, an abbreviation's with its word's: "Gov." is a governor.

    Only as abbreviated, capitalized with its period, and a title before a name: "Hun Sen" is no
    senator, "Jerome Conn" no Connecticut; "R-Ky." is Kentucky. A place prefix before a name adds its
    word alone ("Ft. Myers": fort), not the word's other forms.
    """
    low = word.lower()
    if low in PLACE_PREFIX_WORDS:  # before a name only: "Ft. Myers" is Fort Myers, "Wall St." no saint
        return found | {PLACE_PREFIX_WORDS[low]} if _NAME_NEXT.match(text, end + 1) else found
    spelled = SPELLED_OUT.get(low)
    if spelled is None or (low in TITLES and not _NAME_NEXT.match(text, end + 1)):
        return found
    return found | lemmas(spelled)


def negative(word: str) -> bool:
    """Whether a (lowercased) word negates: 'not', 'never', 'denied', "didn't"."""
    return word in NEGATIONS or word.endswith(("n't", "n’t"))


@lru_cache(maxsize=32768)
def clause_break(between: str) -> bool:
    """Whether a clause ends in the text between two words: punctuation, or "but", "while", "because"…."""
    # Cached: asked of every span up to four words ahead of every word (what a negation or a verb
    # governs), most of them " " or " the "; 94% of the asks over BASIL repeat one already answered.
    return bool(_CLAUSE_BREAK.search(between))


def breaks(toks: Sequence[Token], t: Token, text: str) -> bool:
    """Whether a clause ends between `t` and the token before it ("U.S." ends none: it is one token)."""
    return clause_break(text[toks[t.index - 1].end : t.start])
