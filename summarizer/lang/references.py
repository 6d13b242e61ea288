"""What a sentence needs from its article to stand alone, and what is a page's furniture, not reporting."""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.lang.lexicon.abbreviations import TITLES
from summarizer.lang.lexicon.numbers import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from summarizer.lang.lexicon.words import (
    BACK_REFERENCES,
    BOILERPLATE_OPENINGS,
    FIRST_PERSON,
    NAMING_PRONOUNS,
    OPENING_PRONOUNS,
    PERSONAL_PRONOUNS,
    PLACE_BEFORE,
    POST_MODIFIERS,
    REFERRING_NOUNS,
    SENTENCE_LINKS,
)
from summarizer.lang.speech import said_by_pronoun, unquoted
from summarizer.lang.tokens import pos, tokenize

# A reference only the article can resolve: a pronoun, or "the agency"-style noun phrase opening the
# sentence. Over-asking costs a few tokens; a claim that does not stand alone costs the reader.
_REFERENCE = re.compile(
    r"^\W*(?:" + "|".join(OPENING_PRONOUNS) + r")\b"
    r"|\b(?:" + "|".join(PERSONAL_PRONOUNS) + r")\b"
    r"|^\W*the\s+(?:" + "|".join(REFERRING_NOUNS) + r")\b",
    re.IGNORECASE,
)
# The same, opening the sentence ("He pleaded guilty …", "It passed …"): read apart from its article, as a
# summary's sentence is, it names no one.
_OPENING = re.compile(
    r"^\W*(?:(?:" + "|".join(SENTENCE_LINKS) + r")\b\W*)?(?:" + "|".join(OPENING_PRONOUNS) + r")\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(r"^\W*(?:" + "|".join(BOILERPLATE_OPENINGS) + ")", re.IGNORECASE)


def needs_context(sentence: str) -> bool:
    """Whether a sentence refers to what only its article names: "he", "they", "the agency"."""
    return bool(_REFERENCE.search(sentence))


def opens_with_reference(sentence: str) -> bool:
    """Whether a sentence opens with what only its article names: "He …", "It …", "But they …"."""
    return bool(_OPENING.search(sentence))


# What only the article names, opening what the sentence says outside quotation marks: "He …", "It
# passed …", "But their …" (not "There were 40 …", "This year's …", nor a quotation opening "It is …").
_OPENING_NAMED = re.compile(
    r"^\W*(?:(?:" + "|".join(SENTENCE_LINKS) + r")\b\W*)?(?:" + "|".join(NAMING_PRONOUNS) + r")\b",
    re.IGNORECASE,
)


def leans_on_article(sentence: str) -> bool:
    """Whether a sentence names someone only its article names: "He …", or "“…,” he said."."""
    # Shown alone, "“We are disappointed …,” he said." reads as the last person the summary named.
    outside = unquoted(sentence)
    return bool(_OPENING_NAMED.search(outside)) or said_by_pronoun(outside)


# "The comment comes …", "But the decisions were …": the noun, lowercase and alone, then its verb or a
# comma. Not a noun its own words describe ("The decision to close the plant …", "The statement of
# claims …") nor one of a compound ("The post office …", "The Post reported …").
_OPENING_BACK = re.compile(
    r"^\s*(?:(?i:"
    + "|".join(SENTENCE_LINKS)
    + r")\b\W*)?(?i:the|this|that|these|those)\s+(?:"
    + "|".join(BACK_REFERENCES)
    + r")s?(?:,|\s+(?P<next>[a-z]+))"
)


def refers_back(sentence: str) -> bool:
    """Whether a sentence opens with what the sentence before it in its article said or did: "The comment
    comes less than 48 hours after …" (not within a quotation: "“Wrong,” the statement said.")."""
    found = _OPENING_BACK.match(unquoted(sentence))
    if found is None or found.group("next") is None:
        return found is not None
    after = found.group("next")
    return after not in POST_MODIFIERS and "VERB" in pos(after)


@lru_cache(maxsize=16384)  # asked of every stand-in candidate, each time a summary is capped or checked
def leans_on_person(sentence: str) -> bool:
    """Whether a sentence leaves who does or says it to its article: "He …", "His lawyer …", "On Tuesday,
    he …", "“…,” she said."."""
    # In a summary it follows other facts' sentences: "he" reads as the last person they named. An "it"
    # names no one whose words a misreading moves; a "his" inside the sentence may stand for a name after
    # it ("In his latest embrace of …, Mr. Trump …"), and a "they" for a subject before it.
    outside = unquoted(sentence)
    if _OPENING_PERSON.search(outside) or said_by_pronoun(outside):
        return True
    phrase = _PHRASE_SUBJECT.search(outside)
    return phrase is not None and not _names_someone(phrase.group("phrase"))


# A person only the article names, opening what the sentence says outside quotation marks: "He pleaded
# guilty …", "His lawyer said …", "But they …".
_OPENING_PERSON = re.compile(
    r"^\W*(?:(?:" + "|".join(SENTENCE_LINKS) + r")\b\W*)?(?:" + "|".join(PERSONAL_PRONOUNS) + r")\b",
    re.IGNORECASE,
)
# The pronoun opening the clause behind an opening phrase and its comma: "The next day, he clarified …",
# "In the end, his lawyers …" (not a "his" inside the phrase: "In his speech, Mr. Trump …").
_PHRASE_SUBJECT = re.compile(
    r"^\W*(?P<phrase>[^;:“”\"]{1,90}?),\s*(?:" + "|".join(PERSONAL_PRONOUNS) + r")\b", re.IGNORECASE
)


def _names_someone(phrase: str) -> bool:
    """Whether an opening phrase names someone a pronoun after it may stand for ("After Obama spoke"); a
    day, a month, or a place or body after "in", "at", "to" … ("Speaking in New York", "At the White
    House") names no one."""
    toks = tokenize(phrase)
    place = False  # within a name that a preposition of place began
    for n, t in enumerate(toks):
        before = toks[n - 1].word.lower() if n else ""
        if before in PLACE_BEFORE:
            place = True
        elif not (t.capital or t.word.lower() == "the"):
            place = False
        named = (t.name and t.content) or (t.capital and before in TITLES)  # "Mr. Smith" reads as opening
        if named and t.word.lower() not in _CALENDAR and not place:
            return True
    return False


def speaks_in_first_person(sentence: str) -> bool:
    """Whether a sentence says "I", "we" or "our" outside quotation marks: someone's words, unmarked.

    "I" right after a capitalized word inside the sentence, or before a hyphen or digit, is a numeral or
    a name ("World War I", "I-95"); a capitalized "We" or "Our" inside a clause is a title ("March for
    Our Lives").
    """
    outside = unquoted(sentence)
    toks = tokenize(outside)
    for n, t in enumerate(toks):
        w = t.word.lower()
        if w not in _FIRST:
            continue
        before = outside[: t.start].rstrip()
        opens = not before or before[-1] in ",:;—–(" or t.initial
        if w == "i":
            # A numeral joins the capitalized word before it by one space ("World War I"); "But I" opens.
            prev = toks[n - 1] if n else None
            numeral = prev is not None and prev.capital and not prev.initial and prev.end + 1 == t.start
            if t.word == "I" and not numeral and outside[t.end : t.end + 1] not in "-–0123456789":
                return True
        elif t.word.islower() or (t.word.istitle() and opens):
            return True
    return False


_FIRST = frozenset(FIRST_PERSON)
_CALENDAR = frozenset((*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS))


def boilerplate(sentence: str) -> bool:
    """Whether a line is a page's furniture ("Read more", "Subscribe", "Photo:") rather than reporting."""
    return bool(_BOILERPLATE.search(sentence))
