"""Negation: "not", "never", "denied", "failed to" must be the sources', and what they negate unstated."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.lexicon.words import SCOPE_SKIP
from summarizer.lang.negation import intends, negated_act, object_of
from summarizer.lang.quantifiers import ANY_GROUP
from summarizer.lang.reading import Reading
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """A negation the sources lack, and a word the sources say did not happen that the sentence states."""
    text, toks = sentence.text, sentence.tokens
    out: list[Unsupported] = []
    read = [e.polarity for e in evidence]
    ev_negated = [m for r in read for m in r.negated]
    # A negated intention's act answers a negation of the sentence ("would not resign" for "has no plans
    # to resign"), never says the act did not happen.
    ev_intended = [m for r in read for m in r.intended]
    # An act said not to happen is matched either way round: "contains no statistics" by "doesn't
    # contain statistics", the verb and its object both.
    ev_acts = [a for r in read for a in r.acts]
    ev_positive = frozenset().union(*(r.positive for r in read))
    pairs = sentence.negated
    matched: set[int] = set()  # the words of the sentence's negated acts a source negates as such
    for cue, pred in pairs:
        act = negated_act(toks, cue, pred, text)
        if act and any(act[0].meanings & v and act[1].meanings & o for v, o in ev_acts):
            matched |= {act[0].index, act[1].index}
            continue
        if any(pred.meanings & m for m in ev_negated):
            continue
        if intends(toks, cue) and any(pred.meanings & m for m in ev_intended):
            continue
        start = min(cue.start, pred.start, *(t.start for t in act or ()))
        out.append(
            flag(
                "negation",
                text,
                (start, max(cue.end, pred.end)),
                f"the sources do not say {cue.word!r} of {pred.word!r}"
                + ("; they state it without a negation" if pred.meanings & ev_positive else ""),
            )
        )
    if not ev_negated:
        return out  # no source negates anything: no word of `text` can be one they say did not happen
    # A negated act a source negates too covers its verb and object: "contains no statistics" states
    # neither the containing nor statistics, as the source's "does not contain statistics" does not.
    negated_here = {p.index for _, p in pairs} | matched
    # A quantifier read with its group is the quantifier check's: a source's "not all officials" says
    # nothing of "all 12 miners". Others ("everyone", "unanimous") are read here, as any word is.
    grouped = {q.start for q in sentence.quantifiers if q.group is not ANY_GROUP}
    for tok in toks:
        if (
            tok.index in negated_here
            or tok.word.lower() in SCOPE_SKIP
            or len(tok.word) < 3
            or tok.start in grouped
        ):
            continue
        meanings = tok.meanings
        if not any(meanings & m for m in ev_negated):
            continue
        if meanings & ev_positive:
            # Stated both ways: negated only if the sources negate it of this very object, and never
            # state it plainly of that object.
            obj = object_of(toks, tok, text)
            negated_pair = any(meanings & p and obj & o for r in read for p, o in r.negated_pairs)
            positive_pair = any(meanings & p and obj & o for r in read for p, o in r.positive_pairs)
            if not negated_pair or positive_pair:
                continue
        out.append(
            flag("negation", text, (tok.start, tok.end), f"the sources say {tok.word!r} did not happen")
        )
    return out
