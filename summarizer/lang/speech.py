"""Who a sentence says asserts what it reports: "Kovalenko said …", "according to X"."""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.lang.lexicon.abbreviations import PARTIES
from summarizer.lang.lexicon.numbers import WEEKDAYS
from summarizer.lang.lexicon.saying import (
    BEFORE_SAYING,
    DETERMINERS,
    NOT_A_NAME,
    NOT_LAST,
    NOT_WHAT,
    RELATIVE_WORDS,
    SPEAKER_PRONOUNS,
    saying,
)
from summarizer.lang.lexicon.words import CLAUSE_LINKS, PASSIVE_AUX
from summarizer.lang.voice import quoted

_SPEECH = "(?:" + "|".join(saying("a")) + ")"
# A party tag between a name and its verb: "Maine Gov. Paul LePage (R) said", "Sen. Rand Paul (R-Ky.) said".
PARTY_TAG = re.compile(r"\s*\((?:" + "|".join(PARTIES) + r")(?:-[A-Z][\w.]*(?:\s?[A-Z][\w.]*)?)?\)")
# "Alexander Kovalenko, a Ukrainian analyst, concluded …", "Ukraine has said …", "Russian military
# bloggers had initially claimed …": a capitalized subject, an optional appositive between commas
# (a comma inside "100,000" does not end it), then a verb of saying.
_SAID_BY = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][\w’'.-]*(?:\s[A-Za-z][\w’'.-]*){0,3}?)(?:" + PARTY_TAG.pattern + ")?"
    r"(?:,(?:[^,]|,(?=\d)){1,90},)?"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?" + _SPEECH + r"\b"
)
_ACCORDING_TO = re.compile(r"\baccording to (?P<who>(?:the\s)?(?:[A-Z][\w’'.-]*\s?){1,5})")


def attribution(sentence: str) -> str | None:
    """Who a sentence says asserts what it reports ("Kovalenko said …", "according to X"), if it names one."""
    for pattern in (_SAID_BY, _ACCORDING_TO):
        for m in pattern.finditer(sentence):
            if _relative(sentence, m.start()):
                continue
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


@lru_cache(maxsize=16384)  # asked of a sentence by extraction, its voices and each summary check, 4 times
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
_DESCRIPTION_SAYING = (
    r"\s+(?P<what>(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*)\s+(?:" + "|".join(saying("p")) + r")\b"
)
_DESCRIBED_SPEAKER = re.compile(r"\bthe" + _DESCRIPTION_SAYING)
# "…,” said Kovalenko": a speaker named after the verb of saying.
_SAID_AFTER = re.compile(
    r"[,”\"’]\s*(?:" + "|".join(saying("i")) + r")\s+(?P<who>(?:[A-Z][\w’'.-]*\s?){1,7})"
)


# A quotation, in curly or straight marks: what is said, not who says it.
_QUOTATION = re.compile(r"“[^”\"]*[”\"]?|\"[^\"”]*[\"”]?")  # closed by either mark: "“…," Sanders said"


@lru_cache(maxsize=16384)  # asked of a sentence some five times over, by as many readers
def unquoted(sentence: str) -> str:
    """The sentence without what its quotations say: "“…he said…,” Biden said" as "“” Biden said"."""
    return _QUOTATION.sub("“”", sentence)


# "According to Newsweek, …" opening the sentence (`attribution` reads only the lowercase form).
_ACCORDING_TO_FIRST = re.compile(r"^\W*According to (?P<who>(?:the\s)?(?:[A-Z][\w’'.-]*\s?){1,5})")


# "his office said", "the hospital said": a source sentence's speaker by description (checks.source).
_DESCRIBED_SAYING = re.compile(r"\b(?:" + "|".join(DETERMINERS) + ")" + _DESCRIPTION_SAYING, re.IGNORECASE)


def described_saying(sentence: str) -> list[str]:
    """The descriptions a sentence gives as saying it, outside quotations: "office" for "his office said"."""
    found = [_trimmed(m.group("what").split()) for m in _DESCRIBED_SAYING.finditer(unquoted(sentence))]
    return [" ".join(words) for words in found if words]  # "his office also said": the office


# "according to his office,", "according to the hospital.": a speaker named only by a description, the
# phrase ending where the clause does ("according to the report released Thursday by …" names no one).
_ACCORDING_TO_DESCRIBED = re.compile(
    r"\b[Aa]ccording to (?:"
    + "|".join(DETERMINERS)
    + r")\s+(?P<what>(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*)"
    r"(?=\s*(?:[,.;:—–]|$))"
)


def described_speaker(sentence: str) -> tuple[int, int] | None:
    """Where a sentence names its source by a description outside quotations ("according to his office")."""
    m = _ACCORDING_TO_DESCRIBED.search(_blanked(sentence))
    return m.span("what") if m else None


def _blanked(sentence: str) -> str:
    """The sentence with its quotations blanked out, the same length, so a span found is the sentence's."""
    for start, end in quoted(sentence):
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    return sentence


# "Sources told Fox News …", "Akin told KTVI.": whom someone spoke to, by name.
_TOLD = re.compile(r"\btold\s+(?P<to>(?:the\s)?[A-Z][\w’'.&-]*(?:\s[A-Z][\w’'.&-]*){0,3})")


def told(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence names, outside quotations, whom someone told it ("told The Associated Press")."""
    return [m.span("to") for m in _TOLD.finditer(_blanked(sentence))]


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
            if _relative(outside, m.start()):
                continue
            words = _trimmed(m.group("who").split())
            if words and words[-1].lower() not in NOT_LAST and not _passive_in(words):
                out.append(" ".join(words).rstrip(".,"))
    return out


def _trimmed(words: list[str]) -> list[str]:
    """A would-be speaker's words without what opens no name or says when the saying went ("Sasse also")."""
    # "But Kovalenko said", "But while Gibbs said", "But then Certner acknowledged", "Sunday Romney
    # said", "Saturday that Mr. Santorum described": the name is what follows such a word, from its
    # first capital. A pronoun ends none ("Citing what he said").
    while words and (words[0] in NOT_A_NAME or words[0].lower() in CLAUSE_LINKS or words[0] in NOT_WHAT):
        words.pop(0)
    if words and _weekday(words[0]):
        words.pop(0)
        while words and not words[0][:1].isupper():
            words.pop(0)
    if words and words[-1].lower() in NOT_LAST:
        return []
    if words and words[-1] in DETERMINERS:  # "Asked by Schieffer about his claims": a noun, said by no one
        return []
    # "Perry has also said", "Josh Earnest later said": lowercase only, so "CBS This Morning" stays whole.
    while words and words[-1].islower() and words[-1] in BEFORE_SAYING:
        words.pop()
    return words


def _weekday(word: str) -> bool:
    """Whether a word is a weekday, or one's possessive ("Wednesday’s")."""
    return word.lower().removesuffix("'s").removesuffix("’s") in WEEKDAYS


def _relative(text: str, start: int) -> bool:
    """Whether a speaker found at `start` opens a relative clause ("…, which Scalise's office described")."""
    before = text[:start].split()[-2:]
    if before and before[-1].lower() in DETERMINERS:  # "which the FBI described"
        before = before[:-1]
    return bool(before) and before[-1] in RELATIVE_WORDS


def _passive_in(words: list[str]) -> bool:
    """Whether a would-be speaker holds a form of "be": "Mattis was also" (told) is said of, not by."""
    return any(w.lower() in PASSIVE_AUX for w in words[1:])
