"""Negation in a sentence: what each negation cue governs, and what the sentence states plainly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.lang.lexicon.words import SCOPE_SKIP
from summarizer.lang.tokens import Token, clause_break, negative


def negated_predicates(toks: Sequence[Token], text: str) -> list[tuple[Token, Token]]:
    """(cue, predicate) pairs: the first content word a negation cue governs, within its clause."""
    pairs: list[tuple[Token, Token]] = []
    for i, cue in enumerate(toks):
        w = cue.word.lower()
        if not negative(w):
            continue
        for nxt in toks[i + 1 : i + 6]:
            if clause_break(text[cue.end : nxt.start]):
                break
            nw = nxt.word.lower()
            if nw in SCOPE_SKIP or nw.endswith("ly") or len(nw) < 3:
                continue
            pairs.append((cue, nxt))
            break
    return pairs


def object_of(toks: Sequence[Token], pred: Token, text: str) -> frozenset[str]:
    """The forms of the first content word after a predicate in its clause: what it acts on."""
    for nxt in toks[pred.index + 1 : pred.index + 5]:
        if clause_break(text[pred.end : nxt.start]):
            break
        if nxt.content:
            return nxt.forms
    return frozenset()


@dataclass(frozen=True)
class Polarity:
    """What one sentence states negated and what it states plainly."""

    negated: tuple[frozenset[str], ...]  # the meanings of each predicate a negation governs
    positive: frozenset[str]  # the forms of every word not negated
    # (predicate, object) as the sentence states them: "did not dispute the authenticity" but
    # "disputed its characterization" leaves "disputed the authenticity" unsupported.
    negated_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]
    positive_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]


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
    return Polarity(
        tuple(p.meanings for _, p in pairs),
        frozenset(positive),
        tuple(negated_pairs),
        tuple(positive_pairs),
    )
