"""A sentence read once: its tokens, numbers, dates, names, negations, hedges, quantifiers and speaker.

Every reader of `summarizer.lang` is run at most once per sentence, when first asked, and the answer is
kept on the `Reading`: extraction, alignment and each check consume the same reading. An article's
readings are made once and kept with the article (`readings`); a sentence someone wrote (a summary's,
a draft's) is read where it is checked (`read`). An article's reading also knows where it stands
(`Reading.places`): its neighbours, and who its article gives as saying it (`voice`), which the
sentence alone cannot tell ("he said", a quotation's second sentence, the outlet's own reporting).
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING

from summarizer.lang import dates as _dates
from summarizer.lang import hedges as _hedges
from summarizer.lang import names as _names
from summarizer.lang import negation as _negation
from summarizer.lang import quantifiers as _quantifiers
from summarizer.lang.hedges import Hedged
from summarizer.lang.names import Key, Relation
from summarizer.lang.negation import Polarity
from summarizer.lang.numbers import Number, Tally, find_numbers, find_tallies, hedge_start, unit_end
from summarizer.lang.once import once
from summarizer.lang.quantifiers import Quantifier
from summarizer.lang.sentences import dateline, listed, title_case, unmarked
from summarizer.lang.speakers import Voice, voices
from summarizer.lang.speech import attribution, attributions
from summarizer.lang.tokens import Token, content_words, tokenize

if TYPE_CHECKING:
    from summarizer.models import Article

_UNITED_STATES = re.compile(r"\bUnited States\b")  # "America" in another sentence is its country
# An article with more than one sentence in this many ending with no mark does not mark its sentences'
# ends (a list, a transcript, a social post): its lines are sentences. None of BASIL's 270 articles has
# more than one in four (a title, the title again, a caption).
UNMARKED_SHARE = 3


class Reading:
    """What code reads in one sentence, each part read when first asked and kept."""

    __slots__ = ("__dict__", "__weakref__", "places", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Where it stands in each live article that holds it (one, or more for copies of a story);
        # none for a sentence read alone.
        self.places: list[Place] = []

    def __repr__(self) -> str:
        return f"Reading({self.text!r})"

    @once
    def tokens(self) -> tuple[Token, ...]:
        """Its words, with their forms and places (the one tokenizer)."""
        return tokenize(self.text)

    @once
    def heading(self) -> bool:
        """Written as a headline ("Democrats Plan to Filibuster to Thwart Gorsuch Nomination."): a label."""
        return title_case(self.text)

    @property
    def label(self) -> bool:
        """An outlet's label for its story or a picture, not a sentence: a headline in title case, or a line
        with no end mark ("Sparks fly as Biden, Ryan face off in feisty vice presidential debate") in an
        article that marks its sentences' ends (a list's items and a transcript's lines need none)."""
        if self.heading:
            return True
        if not self.bare:
            return False
        # Not kept: a sentence read before its article's places were added is read with them after. A
        # line two articles hold (a syndicated copy) is a label where either marks its sentences' ends.
        return not self.places or any(p.article.marks for p in self.places)

    @once
    def bare(self) -> bool:
        """Ends with no end mark, and is no list's item ("- About 300 families were displaced")."""
        return unmarked(self.text) and not listed(self.text)

    @once
    def numbers(self) -> tuple[Number, ...]:
        """Its numbers, in digits or words, with their scale, unit and hedge."""
        return tuple(find_numbers(self.text))

    @once
    def tallies(self) -> tuple[Tally, ...]:
        """Its votes and scores written as one word: "234-193", "a 134-to-63 vote"."""
        return tuple(find_tallies(self.text))

    @once
    def number_spans(self) -> tuple[tuple[int, int], ...]:
        """Where each number stands, with the unit word after it ("44 million dollars", "three weeks")."""
        return tuple((n.start, unit_end(self.text, n)) for n in self.numbers)

    @once
    def hedged_number_spans(self) -> tuple[tuple[int, int], ...]:
        """Where each number stands with the hedge it is read with: "in excess of 44 million dollars"."""
        return tuple(
            (hedge_start(self.text, n), e) for n, (_, e) in zip(self.numbers, self.number_spans, strict=True)
        )

    @once
    def dates(self) -> tuple[tuple[str, int, int], ...]:
        """Its date words: months, weekdays, relative days."""
        return _dates.date_words(self.text)

    @once
    def names(self) -> tuple[list[Token], ...]:
        """Runs of name words: 'North Korea', 'Alexander Kovalenko'."""
        return tuple(_names.mentions(self.tokens, self.text))

    @once
    def details(self) -> frozenset[str]:
        """Its figures, dates and names, as written (lowercased), a tally as "134-63" however written;
        the dateline's place ("WASHINGTON ― ") is not one."""
        if cut := dateline(self.text):
            return reading_of(self.text[cut:]).details
        tallies = self.tallies
        found = {f"{t.high:g}-{t.low:g}" for t in tallies}
        found |= {
            n.raw.lower()
            for n in self.numbers
            if not n.vague and not any(t.start <= n.start < t.end for t in tallies)
        }
        found |= {d[0].lower() for d in self.dates}
        found |= {" ".join(t.word for t in name).lower() for name in self.names}
        return frozenset(found)

    @once
    def figures(self) -> frozenset[str]:
        """Its figures and dates as a sentence stating them says them, a tally also as its two numbers
        ("134 to 63" is "134-to-63"); no names, as a capital may be no name."""
        tallies = self.tallies
        found = {f"{x:g}" for t in tallies for x in (t.high, t.low)}
        found |= {f"{t.high:g}-{t.low:g}" for t in tallies}
        found |= {n.raw.lower() for n in self.numbers if not n.vague}
        found |= {d[0].lower() for d in self.dates}
        return frozenset(found)

    @once
    def relations(self) -> tuple[Relation, ...]:
        """Who does what to whom between consecutive names."""
        return tuple(_names.relations(self.tokens, self.names, self.text))

    @once
    def done_to(self) -> tuple[tuple[frozenset[str], Key, str], ...]:
        """(verb meanings, name, its last word) for each act a subject pronoun does to a name: "it
        commended Hutchinson"."""
        return tuple(_names.done_to(self.tokens, self.names, self.text))

    @once
    def modified(self) -> tuple[tuple[list[Token], Token], ...]:
        """Names that qualify a common noun: 'Russian' in 'Russian drone operator'."""
        return tuple(_names.modified(self.tokens, self.names, self.text))

    @once
    def speaker(self) -> str | None:
        """Who it says asserts what it reports ("Kovalenko said"), if it names one."""
        return attribution(self.text)

    @once
    def attributions(self) -> tuple[str, ...]:
        """Every name it gives as asserting something, outside its quotations, in order."""
        return tuple(attributions(self.text))

    @once
    def speakers(self) -> tuple[Key, ...]:
        """Every name it gives as asserting something: its attributions, a name before a verb of saying."""
        attributed = [_names.speaker_words(who) for who in self.attributions]
        return tuple(_names.speakers(self.tokens, self.names, attributed, self.text))

    @once
    def negated(self) -> tuple[tuple[Token, Token], ...]:
        """(cue, predicate) for each negation: "not" … "reported"."""
        return tuple(_negation.negated_predicates(self.tokens, self.text))

    @once
    def polarity(self) -> Polarity:
        """What it states negated and what it states plainly."""
        return _negation.polarity(self.tokens, self.negated, self.text)

    @once
    def hedges(self) -> tuple[tuple[Token, Token, bool], ...]:
        """(cue, the word it hedges, whether an act) for each hedge."""
        return tuple(_hedges.hedges_in(self.tokens, self.text))

    @once
    def hedged(self) -> Hedged:
        """What it states under a hedge, and what plainly."""
        return _hedges.hedged(self.tokens, self.hedges, self.text)

    @once
    def quantifiers(self) -> tuple[Quantifier, ...]:
        """The shares of a group it claims ("all voters", "most lawmakers"), as a sentence checked."""
        spans = [(n.start, n.end) for n in self.numbers]
        return _quantifiers.quantifiers(self.tokens, self.text, spans, source=False)

    @once
    def source_quantifiers(self) -> tuple[Quantifier, ...]:
        """The shares it gives a group as a source: with "some", "many" and "not all" too."""
        spans = [(n.start, n.end) for n in self.numbers]
        return _quantifiers.quantifiers(self.tokens, self.text, spans, source=True)

    @once
    def content_words(self) -> frozenset[str]:
        """The stems of its content words: what likeness between sentences compares."""
        return content_words(self.text)

    @once
    def forms(self) -> frozenset[str]:
        """Every form of every word: what a word of another sentence may be found as here."""
        found = frozenset().union(*(t.forms for t in self.tokens))
        return found | {"america"} if _UNITED_STATES.search(self.text) else found


class Context:
    """One article's readings in order, with its outlet: what a sentence's place in it reads from."""

    __slots__ = ("__dict__", "outlet", "sentences")

    def __init__(self, sentences: tuple[Reading, ...], outlet: str | None) -> None:
        self.sentences = sentences
        self.outlet = outlet

    @once
    def marks(self) -> bool:
        """Whether the article ends its sentences with marks, so that a line with none is a label: at most
        one of every `UNMARKED_SHARE` of its sentences after the first has none (a caption, a credit; the
        first is where a headline stands, and a short article's headline is most of its lines)."""
        rest = self.sentences[1:]
        return sum(r.bare for r in rest) * UNMARKED_SHARE <= len(rest)

    @once
    def voices(self) -> tuple[Voice, ...]:
        """Who the article gives as saying each sentence, read once for the whole article."""
        return voices(self.sentences, self.outlet)


class Place:
    """Where a reading stands in one article: the article's readings and its index among them."""

    __slots__ = ("article", "index")

    def __init__(self, article: Context, index: int) -> None:
        self.article = article
        self.index = index

    @property
    def voice(self) -> Voice:
        """Who the article gives as saying this sentence: its speaker, one it carries, or the outlet."""
        return self.article.voices[self.index]

    def next_to(self, other: Place) -> bool:
        """Whether two places are the same sentence or adjacent sentences of one article."""
        return self.article is other.article and abs(self.index - other.index) <= 1


def read(text: str) -> Reading:
    """A new reading of one sentence."""
    return Reading(text)


def reading_of(text: str) -> Reading:
    """The reading a live article already holds for this text, else a new one: a claim's statement is
    most often its sentence, read once with its article."""
    return _SHARED.get(text) or Reading(text)


def as_reading(sentence: Reading | str) -> Reading:
    """A sentence as read: a reading as it is, a text read anew."""
    return sentence if isinstance(sentence, Reading) else Reading(sentence)


# Each live article's readings, by its identity, dropped when the article is: kept beside the article
# rather than on it, so that two equal articles stay equal (pydantic compares private attributes).
_KEPT: dict[int, tuple[object, tuple[Reading, ...]]] = {}
# One reading per sentence text among the live articles: copies of a story (syndication, or the same
# wire story in three outlets) share their sentences' readings. Held weakly, so a reading goes with the
# last article that holds it; nothing is kept for texts no article holds.
_SHARED: weakref.WeakValueDictionary[str, Reading] = weakref.WeakValueDictionary()


def _shared(text: str) -> Reading:
    found = _SHARED.get(text)
    if found is None:
        found = _SHARED[text] = Reading(text)
    return found


def readings(article: Article) -> tuple[Reading, ...]:
    """The readings of an article's sentences, in order: made once, and kept as long as the article."""
    kept = _KEPT.get(id(article))
    # An article is not changed in place (a copy with other sentences is another article); the length
    # is checked all the same, cheaply, as this is asked for every claim of every story.
    if kept is not None and len(kept[1]) == len(article.sentences):
        return kept[1]
    if kept is None:
        weakref.finalize(article, _forget, id(article))
    else:
        _unplace(kept[1])
    made = tuple(_shared(s.text) for s in article.sentences)
    context = Context(made, article.publisher)
    for i, r in enumerate(made):
        r.places.append(Place(context, i))
    _KEPT[id(article)] = (article.sentences, made)
    return made


def _unplace(made: tuple[Reading, ...]) -> None:
    """Its article's places taken off readings that other articles may still hold."""
    for i, r in enumerate(made):
        r.places = [p for p in r.places if not (p.index == i and p.article.sentences is made)]


def _forget(article_id: int) -> None:
    kept = _KEPT.pop(article_id, None)
    if kept is not None:
        _unplace(kept[1])
