"""What a sentence needs from its article to stand alone, and what is a page's furniture, not reporting."""

from __future__ import annotations

import re

from summarizer.lang.lexicon.words import (
    BOILERPLATE_OPENINGS,
    FIRST_PERSON,
    NAMING_PRONOUNS,
    OPENING_PRONOUNS,
    PERSONAL_PRONOUNS,
    REFERRING_NOUNS,
    SENTENCE_LINKS,
)
from summarizer.lang.speech import said_by_pronoun, unquoted

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


# A person only the article names, opening what the sentence says outside quotation marks: "He pleaded
# guilty …", "His lawyer said …", "But they …"; not "It takes two-thirds of the Senate …", whose "it"
# names no one, or names a thing a misreading cannot put words in anyone's mouth for.
_OPENING_PERSON = re.compile(
    r"^\W*(?:(?:" + "|".join(SENTENCE_LINKS) + r")\b\W*)?(?:" + "|".join(PERSONAL_PRONOUNS) + r")\b",
    re.IGNORECASE,
)


# The same behind a short opening phrase that names no one ("The next day, he clarified …", "At the same
# time, he took …"); one that names someone ("After Obama spoke, he …") may be what the pronoun names.
_PHRASE_PERSON = re.compile(
    r"^\W*(?P<phrase>[^,;:“”\"]{1,45}),\s*(?:" + "|".join(PERSONAL_PRONOUNS) + r")\b", re.IGNORECASE
)
_CAPITAL_INSIDE = re.compile(r"(?<=\S)\s+[A-Z]")
# As written, in lowercase or capitalized ("I", "We", "our"), never inside an abbreviation: "C.I.A." holds
# an "I", "US" is the country.
_FIRST_PERSON = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(w.upper() if len(w) == 1 else f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in FIRST_PERSON)
    + r")(?!\w|\.\w)"
)


def leans_on_person(sentence: str) -> bool:
    """Whether a sentence leaves who does or says it to its article: "He …", "His …", "“…,” she said.",
    "The next day, he …"."""
    # In a summary it follows other facts' sentences: "he" reads as the last person they named.
    outside = unquoted(sentence)
    if _OPENING_PERSON.search(outside) or said_by_pronoun(outside):
        return True
    phrase = _PHRASE_PERSON.search(outside)
    return phrase is not None and not _CAPITAL_INSIDE.search(phrase.group("phrase"))


def speaks_in_first_person(sentence: str) -> bool:
    """Whether a sentence says "I", "we" or "our" outside quotation marks: someone's words, unmarked."""
    return bool(_FIRST_PERSON.search(unquoted(sentence)))


def boilerplate(sentence: str) -> bool:
    """Whether a line is a page's furniture ("Read more", "Subscribe", "Photo:") rather than reporting."""
    return bool(_BOILERPLATE.search(sentence))
