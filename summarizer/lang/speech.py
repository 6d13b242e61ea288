"""Who a sentence says asserts what it reports: "Kovalenko said …", "according to X"."""

from __future__ import annotations

import re

from summarizer.lang.lexicon.numbers import WEEKDAYS
from summarizer.lang.lexicon.saying import BEFORE_SAYING, NOT_A_NAME, NOT_LAST, SPEAKER_PRONOUNS, saying
from summarizer.lang.lexicon.words import PASSIVE_AUX

_SPEECH = "(?:" + "|".join(saying("a")) + ")"
# "Alexander Kovalenko, a Ukrainian analyst, concluded …", "Ukraine has said …", "Russian military
# bloggers had initially claimed …": a capitalized subject, an optional appositive between commas
# (a comma inside "100,000" does not end it), then a verb of saying.
_SAID_BY = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][\w’'.-]*(?:\s[A-Za-z][\w’'.-]*){0,3}?)(?:,(?:[^,]|,(?=\d)){1,90},)?"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?" + _SPEECH + r"\b"
)
_ACCORDING_TO = re.compile(r"\baccording to (?P<who>(?:the\s)?(?:[A-Z][\w’'.-]*\s?){1,5})")


def attribution(sentence: str) -> str | None:
    """Who a sentence says asserts what it reports ("Kovalenko said …", "according to X"), if it names one."""
    for pattern in (_SAID_BY, _ACCORDING_TO):
        for m in pattern.finditer(sentence):
            words = _trimmed(m.group("who").split())
            if not words or words[-1].lower() in NOT_LAST or _passive_in(words):
                continue
            who = " ".join(words).rstrip(".,")
            return f"the {who}" if who[0].islower() and not who.startswith("the ") else who
    return None


# "he said", "they told": a sentence whose speaker an earlier sentence named.
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:" + "|".join(SPEAKER_PRONOUNS) + r")\s+(?:" + "|".join(saying("p")) + r")\b", re.I
)


def said_by_pronoun(sentence: str) -> bool:
    """Whether a sentence's speaker is a pronoun ("“This is alarming,” he said.")."""
    return bool(_PRONOUN_SPEAKER.search(sentence))


# --- a quotation's speaker (alignment's quote drift) ---------------------------------------------

SPEAKER_VERBS = "(?:" + "|".join(saying("q")) + ")"
# Who speaks right after a closing quotation mark ("…,” Pelosi said", "…,” he said", "…,” said Pelosi").
SPEAKER_AFTER_QUOTE = re.compile(
    r"^[\s,.]*(?:(?P<pron>[Hh]e|[Ss]he|[Tt]hey)|(?P<who>(?:[A-Z][\w’'.-]*\s?){1,5}?))\s*(?:,[^,]{1,60},\s*)?"
    r"(?:" + "|".join(saying("r")) + r")\b"
    r"|^[\s,.]*(?:" + "|".join(saying("f")) + r")\s+(?P<who2>(?:[A-Z][\w’'.-]*\s?){1,5})",
)
# A name with a verb of saying after it ('Kovalenko emphasized', 'Boutrous, a lawyer, said'), the name
# with its "Jr." ('Theodore J. Boutrous Jr., a lawyer for Wal-Mart, said').
NAMED_SPEAKER = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]+(?:,?\s(?:Jr|Sr)\.)?)(?:,[^,“”\"]{1,80},)?\s+(?:\w+ly\s+)?"
    + SPEAKER_VERBS
    + r"\b"
)
# "he said", "she added": the speaker is the one last named.
SPEAKING_PRONOUN = re.compile(r"\b(?:he|she|He|She)\s+(?:\w+ly\s+)?" + SPEAKER_VERBS + r"\b")
# A clause ending in a verb of saying ("… and said:"), whose subject speaks.
SPEAKER_VERB_AT_END = re.compile(SPEAKER_VERBS + r"\s*[:,]?\s*$")
# A weekday is no speaker ("On Monday said" names no one).
WEEKDAY_NAME = re.compile("(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + ")")


# --- who an article gives as saying a sentence (lang.voice) ---------------------------------------

# "the intelligence agency said", "…,” the report added": a speaker named only by a description, whom
# an earlier sentence may have named.
_DESCRIBED_SPEAKER = re.compile(
    r"\bthe\s+(?P<what>(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*)\s+(?:" + "|".join(saying("p")) + r")\b"
)
# "…,” said Kovalenko": a speaker named after the verb of saying.
_SAID_AFTER = re.compile(
    r"[,”\"’]\s*(?:" + "|".join(saying("i")) + r")\s+(?P<who>(?:[A-Z][\w’'.-]*\s?){1,7})"
)


# A quotation, in curly or straight marks: what is said, not who says it.
_QUOTATION = re.compile(r"“[^”\"]*[”\"]?|\"[^\"”]*[\"”]?")  # closed by either mark: "“…," Sanders said"


def unquoted(sentence: str) -> str:
    """The sentence without what its quotations say: "“…he said…,” Biden said" as "“” Biden said"."""
    return _QUOTATION.sub("“”", sentence)


# "According to Newsweek, …" opening the sentence (`attribution` reads only the lowercase form).
_ACCORDING_TO_FIRST = re.compile(r"^\W*According to (?P<who>(?:the\s)?(?:[A-Z][\w’'.-]*\s?){1,5})")


# "according to his office,", "according to the hospital.": a speaker named only by a description, the
# phrase ending where the clause does ("according to the report released Thursday by …" names no one).
_ACCORDING_TO_DESCRIBED = re.compile(
    r"\b[Aa]ccording to (?:the|his|her|its|their)\s+(?P<what>(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*)"
    r"(?=\s*(?:[,.;:—–]|$))"
)


def described_speaker(sentence: str) -> str | None:
    """The description a sentence gives as its source, outside quotations: "office" for "according to his
    office"; None where it describes none."""
    m = _ACCORDING_TO_DESCRIBED.search(unquoted(sentence))
    return m.group("what") if m else None


def referred_speaker(sentence: str) -> str | None:
    """A speaker named before, as the sentence names it: "" for "he said", "agency" for "the agency said"."""
    if said_by_pronoun(sentence):
        return ""
    m = _DESCRIBED_SPEAKER.search(sentence)
    return m.group("what") if m else None


def attributions(sentence: str) -> list[str]:
    """Every name a sentence gives as asserting something: "X said", "according to X", "…,” said X."""
    out: list[str] = []
    outside = unquoted(sentence)  # "“Not a thing he said is right,” Biden said" names Biden, no "thing"
    for pattern in (_SAID_BY, _ACCORDING_TO, _ACCORDING_TO_FIRST, _SAID_AFTER):
        for m in pattern.finditer(outside):
            words = _trimmed(m.group("who").split())
            if words and words[-1].lower() not in NOT_LAST and not _passive_in(words):
                out.append(" ".join(words).rstrip(".,"))
    return out


def _trimmed(words: list[str]) -> list[str]:
    """A would-be speaker's words without what opens no name ("But") or says when the saying went:
    "Sasse also said", "Corker later told" name Sasse and Corker."""
    while words and words[0] in NOT_A_NAME:
        words.pop(0)
    if words and words[-1].lower() in NOT_LAST:
        return []
    if words and words[0].lower().removesuffix("'s").removesuffix("’s") in WEEKDAYS:
        return []  # "Saturday that Mr. Santorum described", "Wednesday’s shooting described": a when
    while words and words[-1].lower() in BEFORE_SAYING:
        words.pop()
    return words


def _passive_in(words: list[str]) -> bool:
    """Whether a would-be speaker holds a form of "be": "Mattis was also" (told) is said of, not by."""
    return any(w.lower() in PASSIVE_AUX for w in words[1:])
