"""Joined: a name or number one citation holds while another holds the rest.

"Jane Holt said 40 homes were flooded", citing "Officials said 40 homes were flooded" and "The mayor,
Jane Holt, spoke to reporters", has every word cited and none of the citations says it.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag, inside
from summarizer.checks.numbers import same_number
from summarizer.lang.reading import Reading
from summarizer.models import Unsupported


def check(sentence: Reading, units: Sequence[Sequence[Reading]]) -> list[Unsupported]:
    """Names and numbers of `text` that only other units of its evidence hold than the one holding the most.

    A unit is what one citation brings: a claim's sentence and the sentences before it that its "he"
    may stand for, or one sentence `summarizer check` picked by likeness. Every word can be in some
    unit while none says what the sentence does: "Militarnyi said Kovalenko has over 100,000
    subscribers" from a sentence about Militarnyi and one about Kovalenko, or a year taken from
    another event. How words relate across sentences is what code cannot read, so these are soft, as
    a word the sources lack: such a sentence passes only with a judge sure beyond `verdict.SETTLE`.
    Units of adjacent sentences of one article are one: a paragraph's second sentence goes on with
    its first ("Ukraine has long accused North Korea …. In November, its Defense Intelligence reported
    …"), and a sentence joining the two says what their article says.
    Only names and numbers: common words met in another sentence are how paraphrase reads (on
    SummEdits, flagging them too failed 24 more faithful summaries and caught 11 more edited ones).
    What no unit has is `unsupported`'s to report, not this.
    """
    units = adjacent(units)
    if len(units) < 2:
        return []
    text = sentence.text
    numbers = sentence.numbers
    spans = sentence.number_spans
    # Names as the words check reads them: a capitalized word that opens the sentence ("But") is no name.
    words = [t for t in sentence.tokens if t.name and t.content and not inside(t.start, spans)]
    covers: list[set[int]] = []
    for unit in units:
        pool = frozenset().union(*(e.forms for e in unit))
        theirs = [m for e in unit for m in e.numbers]
        covered = {i for i, t in enumerate(words) if t.meanings & pool}
        covered |= {len(words) + j for j, n in enumerate(numbers) if any(same_number(n, m) for m in theirs)}
        covers.append(covered)
    anywhere = set().union(*covers)
    main = max(covers, key=len)  # the first of the widest, in the order of the citations
    out: list[Unsupported] = []
    for i in sorted(anywhere - main):
        span = (words[i].start, words[i].end) if i < len(words) else spans[i - len(words)]
        what = text[span[0] : span[1]]
        detail = f"{what!r} is in another cited sentence than the rest: none of them says all of it"
        out.append(flag("joined", text, span, detail))
    return sorted(out, key=lambda f: (f.start, f.end))


def adjacent(units: Sequence[Sequence[Reading]]) -> list[list[Reading]]:
    """The units, those holding adjacent sentences of one article made one, in the order of their first."""
    parent = list(range(len(units)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(units)):
        for j in range(i):
            if root(i) != root(j) and any(_next_to(a, b) for a in units[i] for b in units[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[Reading]] = {}
    for i, unit in enumerate(units):
        group = groups.setdefault(root(i), [])
        group += [r for r in unit if all(r is not x for x in group)]
    return list(groups.values())


def _next_to(a: Reading, b: Reading) -> bool:
    return any(p.next_to(q) for p in a.places for q in b.places)
