"""Who said it: a speaker the sentence names must be one its sources give as saying something.

Omitting an attribution is not flagged (a summary may drop "Kovalenko said"); naming the wrong
speaker is.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.names import key, same_entity
from summarizer.lang.reading import Reading
from summarizer.lang.tokens import tokenize
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """A speaker the sentence names whom no source gives as saying anything."""
    text = sentence.text
    who = sentence.speaker
    if not who:
        return []
    who_toks = [t for t in tokenize(who) if t.content]
    if not who_toks:
        return []
    named_key = key(who_toks)
    speakers = [s for e in evidence for s in e.speakers]
    if any(same_entity(named_key, s) or set(named_key) & set(s) for s in speakers):
        return []
    start = text.find(who.removeprefix("the "))
    if start < 0:
        return []
    span = (start, start + len(who.removeprefix("the ")))
    named = ", ".join(dict.fromkeys(" ".join(s) for s in speakers))
    return [
        flag(
            "source",
            text,
            span,
            f"the sources do not attribute this to {who}" + (f"; they cite {named}" if named else ""),
        )
    ]
