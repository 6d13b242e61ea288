"""Clauses of a sentence that can stand as facts of their own, and what makes a clause worth checking."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.lang.lexicon.saying import saying
from summarizer.lang.lexicon.words import CONTRASTS
from summarizer.lang.numbers import find_numbers
from summarizer.lang.tokens import content_words

# Where a sentence falls into clauses that can stand as facts of their own: a second sentence inside
# one quotation, a contrast ("but", "while"), a semicolon, and the attribution that opens or closes a
# sentence ("In November, X reported that …", "…, according to X"). Commas in lists, dashes,
# relative clauses and inferences ("…, suggesting that …") are not cut: their parts do not stand
# alone, and an inference is most often another outlet's fact in other words.
_CUT = re.compile(
    r"(?P<stop>(?<=[.!?])[\"”’]?\s+(?=[“\"]?[A-Z]))"  # a sentence inside the claim's sentence
    r"|;\s+"
    r"|,?\s+(?=(?:" + "|".join(CONTRASTS) + r")\s)"
    r"|,\s+(?=according to\s)"
    r"|(?:" + "|".join(f"(?<={w})" for w in saying("t")) + r")\s+(?=that\s)",
)


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: its text (verbatim) and its offsets in that sentence."""

    text: str
    start: int
    end: int


_LAST_WORD = re.compile(r"(\S+)[.!?]$")
_EDGE = ' ,;“”"'  # stripped from a clause's ends: the quote keeps words, not the marks around them


def _real(m: re.Match[str]) -> bool:
    """Not a full stop after an abbreviation ("Mr.", "Rep.", "U.S."): the word before it is lowercase."""
    if not m.group("stop"):
        return True
    before = _LAST_WORD.search(m.string, 0, m.start())
    return before is not None and before.group(1)[:1].islower() and "." not in before.group(1)


def clauses(sentence: str) -> list[Clause]:
    """The sentence cut at the boundaries above, each part stripped of edge punctuation and spaces."""
    out: list[Clause] = []
    at = 0
    for m in [*filter(_real, _CUT.finditer(sentence)), None]:
        end = m.start() if m else len(sentence)
        part = sentence[at:end]
        lead = len(part) - len(part.lstrip(_EDGE))
        text = part.strip(_EDGE)
        if text:
            out.append(Clause(text, at + lead, at + lead + len(text)))
        at = m.end() if m else len(sentence)
    return out


def stems(text: str) -> frozenset[str]:
    """The stems of a text's content words, hyphened words apart: what a clause shares with a sentence."""
    return content_words(text.replace("-", " "))


_NAME = re.compile(r"(?<=\s)(?!I\b)[A-Z][\w’'.-]+")


def checkable(text: str) -> bool:
    """Whether a clause names someone or something, or states a number: a fact a checker can chase."""
    return bool(find_numbers(text)) or bool(_NAME.search(text))
