"""The checks, in one table: what each reports, whether code is final on it, and how findings overlap.

A check is a function from a sentence's reading and its evidence's readings to findings. It is
registered here with the kinds it may report; a kind says whether code is final on it (no judge can
argue a number or a "not" into the sources) and whether a finding of it means the sources say
otherwise. The rules for findings that overlap live in `settle`, nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from summarizer.checks import (
    dates,
    hedges,
    incomplete,
    joined,
    names,
    negation,
    numbers,
    quantifiers,
    quoted,
    roles,
    words,
)
from summarizer.checks import source as speaker
from summarizer.checks.findings import inside
from summarizer.lang.reading import Reading, as_reading
from summarizer.models import Unsupported, UnsupportedKind


@dataclass(frozen=True)
class Kind:
    """A kind of finding: whether code is final on it, and whether it means the sources say otherwise."""

    name: UnsupportedKind
    final: bool  # code decides: a judge cannot pass it
    contradicts: bool  # the sources say otherwise, not only that they do not say it
    covers: bool = False  # a word inside such a finding is its check's, not reported again as a word


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("number", final=True, contradicts=True, covers=True),
        Kind("comparator", final=True, contradicts=True, covers=True),
        Kind("date", final=True, contradicts=True, covers=True),
        Kind("negation", final=True, contradicts=True, covers=True),
        Kind("entity", final=True, contradicts=False),
        Kind("role", final=True, contradicts=True),
        Kind("source", final=True, contradicts=True),
        # A speaker's quoted words in the summary's own voice: the sources say someone said it, not so.
        Kind("quoted", final=True, contradicts=False),
        Kind("incomplete", final=True, contradicts=False),
        Kind("word", final=False, contradicts=False),  # a word the sources lack: the judge's call
        Kind("joined", final=False, contradicts=False),  # what words relate across sentences: the judge's
    )
}

# "shape" and "voice" read a sentence as shown, even one its evidence holds word for word: whether it
# breaks off (any sentence someone wrote), and whose words it says (a summary's, in its own voice).
Stage = Literal["facts", "shares", "words", "units", "shape", "voice"]


@dataclass(frozen=True)
class Check:
    """One check: its name, what it reports, and the stage at which `settle` reads its findings."""

    name: str
    # (sentence, evidence) -> findings; a "units" check takes the evidence grouped by citation instead.
    run: Callable[..., list[Unsupported]]
    kinds: frozenset[UnsupportedKind]
    stage: Stage = "facts"


def _kinds(*names: UnsupportedKind) -> frozenset[UnsupportedKind]:
    return frozenset(names)


# In the order their findings are settled: a later finding of the same kind and span stands.
CHECKS: tuple[Check, ...] = (
    Check("numbers", numbers.check, _kinds("number", "date", "comparator", "word")),
    Check("dates", dates.check, _kinds("date")),
    Check("negation", negation.check, _kinds("negation")),
    Check("roles", roles.check, _kinds("role")),
    Check("source", speaker.check, _kinds("source", "word")),
    Check("hedges", hedges.check, _kinds("comparator", "word")),
    Check("names", names.check, _kinds("entity")),
    Check("quantifiers", quantifiers.check, _kinds("comparator", "word"), stage="shares"),
    Check("words", words.check, _kinds("word", "entity"), stage="words"),
    Check("joined", joined.check, _kinds("joined"), stage="units"),
    Check("incomplete", incomplete.check, _kinds("incomplete"), stage="shape"),
    Check("quoted", quoted.check, _kinds("quoted"), stage="voice"),
)

HARD = frozenset(k.name for k in KINDS.values() if k.final)
CONTRADICTING = frozenset(k.name for k in KINDS.values() if k.contradicts)


def unsupported(
    sentence: Reading | str,
    evidence: Sequence[Reading | str],
    *,
    units: Sequence[Sequence[Reading | str]] = (),
    shape: bool = False,
    voiced: bool = False,
) -> list[Unsupported]:
    """What `sentence` (written by someone) says that the `evidence` (article sentences) do not support.

    `units`: the evidence grouped by what it was cited as (a claim's sentence with the sentences its
    "he" may stand for; a sentence picked by likeness alone); with two or more, what only other
    groups than the main one hold is found too (`joined`). `shape`: also whether it breaks off;
    `voiced`: also whether it says in its own voice what the sources only quote (a summary's sentence).
    A sentence that is one of its evidence sentences word for word is read only for these two.
    """
    read = as_reading(sentence)
    ev = [as_reading(e) for e in evidence]
    # A sentence found word for word among its evidence says nothing the evidence lacks: no check finds
    # anything in a sentence against itself (tests/test_unsupported.py reads every seed sentence so),
    # and half the outlets' checks are of a sentence against its own source; only whether it breaks
    # off is left to read. What other evidence says otherwise is a conflict's to show, not this.
    copied = _copied(read, ev)
    found: list[tuple[Check, Unsupported]] = []
    for c in CHECKS:
        if copied and c.stage not in ("shape", "voice"):
            continue
        if c.stage == "units":
            got = c.run(read, [[as_reading(e) for e in u] for u in units])
        elif c.stage == "shape":
            got = c.run(read, ev) if shape else []
        elif c.stage == "voice":
            got = c.run(read, ev) if voiced else []
        else:
            got = c.run(read, ev)
        found += [(c, f) for f in got]
    return settle(read, found)


def supported(sentence: Reading | str, evidence: Sequence[Reading | str], *, voiced: bool = False) -> bool:
    """Whether `unsupported` finds nothing, with a word no source has deciding it at once.

    Exact, not a guess: a word the words check reports outside a number's hedge and a date stands in
    `settle` unless another check's finding covers it, which is then a finding itself. Most outlets not
    naming a sentence lack one of its words; the other checks are not run for them.
    """
    read = as_reading(sentence)
    ev = [as_reading(e) for e in evidence]
    if not _copied(read, ev):
        skip = [*read.hedged_number_spans, *((s, e) for _, s, e in read.dates)]
        if any(not inside(f.start, skip) for f in words.check(read, ev)):
            return False
    return not unsupported(read, ev, voiced=voiced)


def _copied(sentence: Reading, evidence: Sequence[Reading]) -> bool:
    """Whether the sentence is one of its evidence sentences word for word."""
    own = sentence.text.strip()
    return any(e.text.strip() == own for e in evidence)


def settle(sentence: Reading, found: Sequence[tuple[Check, Unsupported]]) -> list[Unsupported]:
    """The rules for findings that overlap, in one place.

    1. A word a number, comparator, date or negation finding explains (or a number's own span, with
       its hedge and unit: "in excess of 100 days") is that check's: a share's "word" finding there
       yields, and the words check does not report it, nor a date word, nor a share's word.
    2. Adjacent names the words check reports are one name ('South Korean').
    3. A sentence in words of its own may carry the hedge in them ("appears to have acted" for
       "apparently acted"): when the words check finds any word the sources lack, a dropped hedge is
       the judge's to weigh too, as such a word is.
    4. One finding per kind and span, in the order of the sentence; that it breaks off comes last.
    """
    text = sentence.text
    facts = [f for c, f in found if c.stage == "facts"]
    covered = [*sentence.hedged_number_spans, *((f.start, f.end) for f in facts if KINDS[f.kind].covers)]
    shares = [
        f for c, f in found if c.stage == "shares" and (f.kind != "word" or not inside(f.start, covered))
    ]
    skip = covered + [(f.start, f.end) for f in shares] + [(s, e) for _, s, e in sentence.dates]
    own_words = words.merge_names(
        [f for c, f in found if c.stage == "words" and not inside(f.start, skip)], text
    )
    rest = [f for c, f in found if c.stage in ("units", "voice")]
    shape = [f for c, f in found if c.stage == "shape"]
    hedged = [f for c, f in found if c.name == "hedges"]
    if any(f.kind == "word" for f in [*facts, *shares, *own_words] if all(f is not h for h in hedged)):
        demoted = {id(h) for h in hedged}
        facts = [f.model_copy(update={"kind": "word"}) if id(f) in demoted else f for f in facts]
    unique = {(f.kind, f.start, f.end): f for f in [*facts, *shares, *own_words, *rest]}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.kind)) + shape
