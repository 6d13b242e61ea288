"""Who a sentence says asserts what it reports: "Kovalenko said …", "according to X"."""

from __future__ import annotations

import re

from summarizer.lang.lexicon import NOT_A_NAME, NOT_LAST, PRONOUN_SAYING, SAYING_FORMS, SPEAKER_PRONOUNS

_SPEECH = "(?:" + "|".join(SAYING_FORMS) + ")"
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
            words = m.group("who").split()
            while words and words[0] in NOT_A_NAME:
                words.pop(0)
            if not words or words[-1].lower() in NOT_LAST:
                continue
            who = " ".join(words).rstrip(".,")
            return f"the {who}" if who[0].islower() and not who.startswith("the ") else who
    return None


# "he said", "they told": a sentence whose speaker an earlier sentence named.
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:" + "|".join(SPEAKER_PRONOUNS) + r")\s+(?:" + "|".join(PRONOUN_SAYING) + r")\b", re.I
)


def said_by_pronoun(sentence: str) -> bool:
    """Whether a sentence's speaker is a pronoun ("“This is alarming,” he said.")."""
    return bool(_PRONOUN_SPEAKER.search(sentence))
