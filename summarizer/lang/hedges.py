"""Hedges in a sentence: what it says may, might or was meant to happen, or is only alleged.

"may have been killed", "plans to raise", "tried to arrest", "allegedly took", "the suspected
gunman", "asked whether the mayor lied": each cue and the word it governs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.lang.lexicon.hedges import (
    ABILITY,
    GUILT,
    HEDGE_CLAUSE,
    HEDGE_SKIP,
    HEDGE_TO,
    HEDGE_WORDS,
    MODALS,
    NOT_A_HEDGE_CLAUSE_AFTER,
    TAKES_TO,
    THING_HEDGES,
)
from summarizer.lang.lexicon.words import DETERMINER_LIKE
from summarizer.lang.tokens import Token, breaks, negative, pos

# A hedge its own sentence says came true: "vowed to veto the bill, and did so".
_CAME_TRUE = re.compile(r"\b(?:did so|and (?:it|he|she|they) did|which (?:it|he|she|they) did)\b", re.I)


@dataclass(frozen=True)
class Hedge:
    """One hedge of a sentence: the word it governs, and what tells another sentence's use apart."""

    how: str  # the hedge as written: "may … killed"
    meanings: frozenset[str]  # the hedged word's
    act: bool  # it hedges an act ("could block"), not a thing ("the suspected gunman")
    cue: frozenset[str]  # the hedge's own forms: a sentence with "coup attempt" keeps "attempted coup"
    # What the act is done to ("may face fines"): the same act on another thing differs.
    target: frozenset[str]
    # A guilt or an act hedged is code's to decide; "the proposed budget" for "the budget" a judge's.
    hard: bool


@dataclass(frozen=True)
class Hedged:
    """What one sentence states under a hedge, and what it states plainly."""

    hedged: tuple[Hedge, ...]
    plain: frozenset[str]  # the meanings of every word no hedge governs


def hedges_in(toks: Sequence[Token], text: str) -> list[tuple[Token, Token, bool]]:
    """(cue, the word it hedges, whether that word is an act) for every hedge of a sentence."""
    out: list[tuple[Token, Token, bool]] = []
    for i, cue in enumerate(toks):
        w = cue.word.lower()
        rest = toks[i + 1 :]
        nxt = rest[0].word.lower() if rest else ""
        prev = toks[i - 1].word.lower() if i else ""
        if cue.capital and not cue.initial:
            continue  # a name: "May" the month, "Suspected" in a title
        if w in HEDGE_CLAUSE:
            # The clause's verb is hedged ("whether the mayor lied"), not its names and nouns, which
            # other sentences may state plainly; "if not for" and "regardless of whether" hedge nothing.
            verb = None if prev in NOT_A_HEDGE_CLAUSE_AFTER else _clause_verb(rest, toks, text)
            if verb is not None:
                out.append((cue, verb, True))
            continue
        thing = False
        if w in HEDGE_TO and nxt == "to" and len(rest) > 1:
            rest, act = rest[1:], True
            if "VERB" not in pos(rest[0].word.lower()):
                continue  # "proposed to parliament a bill": no act after the "to"
        elif w in THING_HEDGES and (nxt == "of" or cue.initial or prev in DETERMINER_LIKE):
            act = nxt == "of"
            thing = not act
        elif w in HEDGE_WORDS and not (w in MODALS and _inflected(nxt)):
            act = True  # ("military might grew": a modal takes a verb's base form)
        else:
            continue
        if _CAME_TRUE.search(text, cue.end):
            continue
        for t in rest[:5]:
            if breaks(toks, t, text):
                break
            tw = t.word.lower()
            if negative(tw):
                break  # "may not have": the negation check reads it
            if tw in HEDGE_SKIP or tw.endswith("ly") or not t.content or (t.capital and not t.initial):
                continue  # (a name is not what is hedged: other sentences name it plainly)
            if w == "could" and (t.forms & ABILITY or prev == "only"):
                break
            if w in MODALS and "VERB" not in pos(tw):
                break  # a modal hedges a verb
            out.append((cue, t, not thing))
            if not thing and (then := _to_verb(toks, t, text)) is not None:
                out.append((cue, then, True))
            break
    return out


def _to_verb(toks: Sequence[Token], t: Token, text: str) -> Token | None:
    """The verb a hedged verb takes with "to", hedged with it: "may need to be consulted" does not
    say anyone was consulted, nor "could decide to resign" that anyone resigned."""
    rest = toks[t.index + 1 : t.index + 5]
    if (
        t.forms.isdisjoint(TAKES_TO)
        or not rest
        or rest[0].word.lower() != "to"
        or breaks(toks, rest[0], text)
    ):
        return None  # "may be moved to bases in Poland": a place, not an act
    for nxt in rest[1:]:
        if breaks(toks, nxt, text) or negative(nxt.word.lower()):
            return None
        w = nxt.word.lower()
        if w in HEDGE_SKIP or not nxt.content:
            continue
        return nxt if "VERB" in pos(w) and not (nxt.capital and not nxt.initial) else None
    return None


def _inflected(word: str) -> bool:
    """Whether a word is a verb's inflected form and nothing else: 'grew', 'was' ('grow', 'be')."""
    parts = pos(word)
    lemmas = {lemma for key in ("VERB", "AUX") for lemma in parts.get(key, ())}
    return bool(lemmas) and set(parts) <= {"VERB", "AUX"} and word not in lemmas and word != "been"


def _clause_verb(rest: Sequence[Token], toks: Sequence[Token], text: str) -> Token | None:
    """The clause's first verb that is no noun, or is one in -ed or -ing ("lied", "opening"; not "drop")."""
    for t in rest[:10]:
        if breaks(toks, t, text):
            return None
        w = t.word.lower()
        if negative(w):
            return None
        if not t.content or (t.capital and not t.initial) or w in HEDGE_SKIP:
            continue
        parts = pos(w)
        if "VERB" in parts and ("NOUN" not in parts or w.endswith(("ed", "ing"))):
            return t
    return None


def after(toks: Sequence[Token], t: Token, text: str) -> frozenset[str]:
    """The meanings of the content words after `t` in its clause: what an act is done to, and how."""
    out: set[str] = set()
    for nxt in toks[t.index + 1 : t.index + 9]:
        if breaks(toks, nxt, text):
            break
        if nxt.content:
            out |= nxt.meanings
    return frozenset(out)


def hedged(toks: Sequence[Token], found: Sequence[tuple[Token, Token, bool]], text: str) -> Hedged:
    """What a sentence states under a hedge (`found`: its hedges_in) and what it states plainly."""
    governed = {t.index for _, t, _ in found}
    plain = frozenset().union(*(t.meanings for t in toks if t.index not in governed))
    hedges = tuple(
        Hedge(
            how=f"{cue.word} … {t.word}",
            meanings=t.meanings,
            act=act,
            cue=cue.forms,
            target=after(toks, t, text) if act else frozenset(),
            hard=act or cue.word.lower() in GUILT,
        )
        for cue, t, act in found
    )
    return Hedged(hedges, plain)
