"""Hedges dropped: what the sources state only under a hedge may not be stated as fact.

"may have been killed", "plans to raise", "allegedly took", "the suspected gunman", "asked whether
he lied": a sentence that states the hedged thing with no hedge of its own says more than its
sources, like "100" for "about 100". A hedge of the sentence's own on that word ("could" for "may",
"is expected to" for "plans to"), a future or a verb of saying ("prosecutors say he took bribes")
lets it be. "Reportedly" is an attribution ("according to reports"), which a summary may drop.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.hedges import after
from summarizer.lang.lexicon.saying import SAYING_OR_FUTURE
from summarizer.lang.lexicon.words import DETERMINER_LIKE
from summarizer.lang.reading import Reading
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """Each word the sources state only under a hedge, which the sentence states with none."""
    text, toks = sentence.text, sentence.tokens
    read = [e.hedged for e in evidence]
    if not any(r.hedged for r in read) or any(t.forms & SAYING_OR_FUTURE for t in toks):
        return []  # nothing hedged; or the sentence says who says it, or that it will be
    own = {t.index for _, t, _ in sentence.hedges}  # what the sentence hedges itself
    plain = frozenset().union(*(r.plain for r in read))
    forms = frozenset().union(*(t.forms for t in toks))
    out: list[Unsupported] = []
    for tok in toks:
        if not tok.content or tok.index in own or tok.meanings & plain:
            continue
        # An act hedged ("could block") is not the thing of the same word ("the block", "a vote"), nor
        # the same act done to another thing ("may face fines" and "faces a lawsuit").
        thing = tok.index > 0 and toks[tok.index - 1].word.lower() in DETERMINER_LIKE
        of_tok = [
            h
            for r in read
            for h in r.hedged
            if tok.meanings & h.meanings and not (h.act and thing) and not (h.cue & forms)
        ]
        if not of_tok:
            continue
        target = after(toks, tok, text)
        hedge = next((h for h in of_tok if not (h.target and target and not target & h.target)), None)
        if hedge is not None:
            detail = f"the sources hedge it ({hedge.how!r}); the sentence states it as fact"
            out.append(flag("comparator" if hedge.hard else "word", text, (tok.start, tok.end), detail))
    return out
