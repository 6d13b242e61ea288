"""Shares of a group: "all voters" or "most voters" no stronger than the share the sources give that group.

A sentence may say less ("most" for "all"). Where the sources give the group no share, "all" is a
word they lack, for the judge.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.quantifiers import ANY_GROUP, Quantifier
from summarizer.lang.reading import Reading
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """A quantifier stronger than its sources': "all voters" where they say "some voters", or nothing."""
    text = sentence.text
    ours = sentence.quantifiers
    if not ours:
        return []
    theirs = [(e, q) for e in evidence for q in e.source_quantifiers]
    said = frozenset().union(*(t.meanings for t in sentence.tokens))  # what the sentence says

    def of_this(t: Quantifier) -> bool:
        # A source's share is of what the sentence says happened: "some lawmakers opposed the bill"
        # neither supports nor contradicts "most lawmakers backed the bill".
        return not t.predicate or bool(t.predicate & said)

    out: list[Unsupported] = []
    for q in ours:
        span = (q.start, q.end)
        specific = q.group is not ANY_GROUP
        on_group = [t for _, t in theirs if specific and t.group is not ANY_GROUP and q.group & t.group]
        if any(t.against(q.rank) and of_this(t) for t in on_group):
            continue
        against = [t for t in on_group if t.against(q.rank) is False and of_this(t)]
        if against:
            t = against[0]
            detail = f"the sources say {t.word!r} {t.head}, not {q.word!r}"
            out.append(flag("comparator", text, span, detail))
            continue
        # Said of the group elsewhere in a sentence that names it ("the voters, they all said"), or of
        # a group the sentence does not name: a share of what the sentence says happened.
        if any(
            t.against(q.rank)
            and (not specific or q.group & e.polarity.positive)
            and (t.predicate & said or t.group & q.predicate or not q.predicate)
            for e, t in theirs
        ):
            continue
        if q.counted:
            continue  # "all 12 miners" for "the 12 miners": the count says how many
        what = f" of {q.head!r}" if specific else ""
        out.append(flag("word", text, span, f"the sources do not say {q.word!r}{what}"))
    return out
