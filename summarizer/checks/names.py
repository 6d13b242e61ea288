"""Names on things: a name the sentence puts on a thing must be the one its sources put on it."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.names import key, same_entity
from summarizer.lang.reading import Reading
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """A name put on a thing the sources give another name: a 'Ukrainian drone operator' for a Russian one."""
    text = sentence.text
    ev = [(key(run), noun.forms) for e in evidence for run, noun in e.modified]
    out: list[Unsupported] = []
    for run, noun in sentence.modified:
        ours = key(run)
        theirs = [k for k, n in ev if n & noun.forms]
        if theirs and not any(same_entity(ours, k) or set(ours) & set(k) for k in theirs):
            span = (run[0].start, run[-1].end)
            detail = f"the sources call the {noun.word} {' '.join(theirs[0])}, not {text[span[0] : span[1]]}"
            out.append(flag("entity", text, span, detail))
    return out
