"""Negation in a sentence: what each negation cue governs, and what the sentence states plainly."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.lang.lexicon.numbers import DAYS_AND_MONTHS
from summarizer.lang.lexicon.words import (
    INTENT_LINKS,
    INTENT_MODALS,
    INTENT_NOUNS,
    MODAL_FUTURE,
    NEGATING_VERBS,
    NEGATIONS_BEFORE_TO,
    NOT_AN_OBJECT,
    OBJECT_NEGATIONS,
    SCOPE_SKIP,
    VERB_NEGATIONS,
)
from summarizer.lang.tokens import Token, clause_break, negative, pos


def negated_predicates(toks: Sequence[Token], text: str) -> list[tuple[Token, Token]]:
    """(cue, predicate) pairs: the first content word a negation cue governs, within its clause."""
    pairs: list[tuple[Token, Token]] = []
    for i, cue in enumerate(toks):
        w = cue.word.lower()
        if not negative(w):
            continue
        if w in NEGATIONS_BEFORE_TO and (i + 1 >= len(toks) or toks[i + 1].word.lower() != "to"):
            continue  # "Her refusal drew criticism": a refusal negates only what it refuses to do
        for nxt in toks[i + 1 : i + 6]:
            if clause_break(_opened(text[cue.end : nxt.start])):
                break
            nw = nxt.word.lower()
            if nw in SCOPE_SKIP or nw.endswith("ly") or len(nw) < 3:
                continue
            if nw in DAYS_AND_MONTHS and w in NEGATING_VERBS:
                continue  # when it failed, not what: "failed on Monday" ("not in March" negates the month)
            pairs.append((cue, nxt))
            break
    return pairs


def _opened(between: str) -> str:
    """The text between a negation and a word, without the quotation marks that open there: what a
    speaker's quoted words say is negated with them ("didn't “weigh in” on the deal", 8dac6c12's source;
    "is not “a national security matter”"); a closing mark still ends the clause."""
    return _OPENING_MARK.sub("", between)


# A quotation mark after a space (or first) and before a word (or the word asked about) opens a quotation.
_OPENING_MARK = re.compile(r"(?:(?<=\s)|^)[“\"‘](?=\w|$)")


def intends(toks: Sequence[Token], cue: Token) -> bool:
    """Whether a negation is of an intention: "would not resign", "won't run" (not "could not confirm")."""
    before = toks[cue.index - 1].word.lower() if cue.index else ""
    return before in INTENT_MODALS or cue.word.lower() in INTENT_MODALS


def _intended(toks: Sequence[Token], intent: Token, text: str) -> Token | None:
    """The act an intention names right after it ("plans to resign", "intention of running"), if any.

    Not negated by the negation of its intention: "had no intention of resigning" on Thursday is no
    fact that he did not resign. It is matched only against a negated act of the same kind, "would not
    resign" (an intention too: `negated_act` reads no act under a modal).
    """
    after = toks[intent.index + 1 : intent.index + 3]
    if len(after) < 2 or after[0].word.lower() not in INTENT_LINKS:
        return None
    act = after[1]
    if clause_break(text[intent.end : act.start]) or not act.content:
        return None
    return act


def object_token(toks: Sequence[Token], pred: Token, text: str) -> Token | None:
    """The first content word after a predicate in its clause: what it acts on."""
    for nxt in toks[pred.index + 1 : pred.index + 5]:
        if clause_break(text[pred.end : nxt.start]):
            break
        if nxt.content:
            return nxt
    return None


def object_of(toks: Sequence[Token], pred: Token, text: str) -> frozenset[str]:
    """The forms of what a predicate acts on (`object_token`); empty where it has none."""
    obj = object_token(toks, pred, text)
    return obj.forms if obj is not None else frozenset()


def negated_act(toks: Sequence[Token], cue: Token, pred: Token, text: str) -> tuple[Token, Token] | None:
    """The (verb, object) a cue says did not happen, either way round; None where it negates no act.

    "contains no statistics" and "doesn't contain statistics" both give (contain, statistics): a "no"
    before a verb's object, or "not" or "never" before a verb and what it acts on. Not a verb that
    negates ("denied taking money" is no fact of not taking it), a negation negated ("did not fail to
    find"), one a modal makes an intention ("would not pay"), nor an idiom ("no more than").
    """
    word = pred.word.lower()
    before = toks[cue.index - 1] if cue.index else None
    if word in NOT_AN_OBJECT or negative(word):
        return None
    if cue.word.lower() in OBJECT_NEGATIONS:
        if (
            before is not None
            and before.content
            and "VERB" in pos(before.word.lower())
            and not clause_break(text[before.end : cue.start])
        ):
            return before, pred
        return None  # "No one found …", "there is no …": no verb before the object
    if cue.word.lower() not in VERB_NEGATIONS and not cue.word.lower().endswith(("n't", "n’t")):
        return None
    if before is not None and before.word.lower() in MODAL_FUTURE:
        return None
    obj = object_token(toks, pred, text) if cue.start < pred.start else None
    return (pred, obj) if obj is not None else None


@dataclass(frozen=True)
class Polarity:
    """What one sentence states negated and what it states plainly."""

    negated: tuple[frozenset[str], ...]  # the meanings of each predicate a negation governs
    # Each act said not to happen, as (verb, object) meanings either way round: "contains no
    # statistics" is matched by "doesn't contain statistics" (`negated_act`).
    acts: tuple[tuple[frozenset[str], frozenset[str]], ...]
    positive: frozenset[str]  # the forms of every word not negated
    # (predicate, object) as the sentence states them: "did not dispute the authenticity" but
    # "disputed its characterization" leaves "disputed the authenticity" unsupported.
    negated_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]
    positive_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]
    # The meanings of each act a negated intention names: "resign" of "has no plans to resign".
    intended: tuple[frozenset[str], ...] = ()


def polarity(toks: Sequence[Token], pairs: Sequence[tuple[Token, Token]], text: str) -> Polarity:
    """A sentence's polarity, from its tokens and its negated predicates."""
    negated_ids = {p.index for _, p in pairs}
    negated_pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    positive_pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    positive: set[str] = set()
    for t in toks:
        negated = t.index in negated_ids
        if not negated:
            positive |= t.forms
        obj = object_of(toks, t, text)
        if not obj:
            continue  # a pair with no object matches nothing (the negation check reads `obj & o`): not kept
        (negated_pairs if negated else positive_pairs).append((t.meanings, obj))
    acts = [act for c, p in pairs if (act := negated_act(toks, c, p, text)) is not None]
    intended = [i for _, p in pairs if p.word.lower() in INTENT_NOUNS and (i := _intended(toks, p, text))]
    return Polarity(
        tuple(p.meanings for _, p in pairs),
        tuple((v.meanings, o.meanings) for v, o in acts),
        frozenset(positive),
        tuple(negated_pairs),
        tuple(positive_pairs),
        tuple(a.meanings for a in intended),
    )
