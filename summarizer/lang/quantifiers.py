"""Quantifiers in a sentence: a share of a group ("all voters", "most lawmakers"), its rank and its group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.lang.lexicon.hedges import (
    DOWN_A_RANK,
    GROUP_PRONOUNS,
    NOT_A_QUANTIFIER_AFTER,
    NOT_A_QUANTIFIER_BEFORE,
    QUANTIFIER_RANK,
    SELF_GROUPS,
    SUPERLATIVE_BEFORE,
)
from summarizer.lang.lexicon.words import PHRASE_LINKS
from summarizer.lang.tokens import Token, breaks, negative, pos

ANY_GROUP = frozenset({"*"})  # the group of "them", "everyone": any group a source names


@dataclass(frozen=True)
class Quantifier:
    """A word that claims a share of a group ("all", "most"), its rank, the group, and what it says of it."""

    word: str
    start: int
    end: int
    rank: int
    group: frozenset[str]  # the meanings of the group's word; ANY_GROUP for "them", "everyone"
    head: str  # the group's word as written ("" for ANY_GROUP)
    predicate: frozenset[str]  # the meanings of the next content word in its clause ("fled"), if any
    counted: bool = False  # a count stands before the group: "all 12 miners"
    negated: bool = False  # a source's "not all": no share that high, and none said of the rest

    def against(self, claimed: int) -> bool | None:
        """Whether this source's share supports rank `claimed`: yes, no, or neither ("not all" of "most")."""
        if self.negated:
            return False if claimed >= self.rank else None
        return self.rank >= claimed


def quantifiers(
    toks: Sequence[Token], text: str, numbers: Sequence[tuple[int, int]], *, source: bool
) -> tuple[Quantifier, ...]:
    """The quantifiers of a sentence, each with its group; a source's rank-1 ones and negated ones too.

    `numbers`: the spans of the sentence's numbers ("all 12 miners": the group is after the count).
    """
    out: list[Quantifier] = []
    for tok in toks:
        w = tok.word.lower()
        rank = QUANTIFIER_RANK.get(w)
        if rank is None or (rank == 1 and not source):
            continue
        prev = toks[tok.index - 1].word.lower() if tok.index else ""
        nxt = toks[tok.index + 1] if tok.index + 1 < len(toks) else None
        after = toks[tok.index + 2] if tok.index + 2 < len(toks) else None
        anchor = tok
        if w == "all" and nxt is not None and nxt.word.lower() == "but":
            if not source:
                continue  # "all but two" claims less than all
            rank, anchor = 2, nxt  # a source's "all but two passengers" is nearly all of them
        elif (
            (tok.capital and not tok.initial)  # a name: "All Saints"
            or text[tok.end : tok.end + 1] == "-"  # a compound: "all-time", "all-out"
            or prev in NOT_A_QUANTIFIER_BEFORE
            or (nxt is not None and nxt.word.lower() in NOT_A_QUANTIFIER_AFTER)
            or (w == "most" and _superlative(prev, nxt, after))
            or (w == "some" and any(s >= tok.end and not text[tok.end : s].strip() for s, _ in numbers))
        ):
            continue  # ("some 300 people" is about 300)
        if prev in DOWN_A_RANK:
            rank -= 1  # "nearly all" is no "all"; a sentence's "nearly all" claims "most"
        negated = negative(prev)
        if not source and (negated or _negated_after(toks, tok, text)):
            continue  # "not all voters", "most have not returned": the negation check reads them
        start = toks[tok.index - 1].start if negated or prev in DOWN_A_RANK else tok.start
        found = _group(toks, anchor, text, numbers)
        if found is not None:
            group, head, predicate, counted = found
            word = text[start : tok.end]
            out.append(Quantifier(word, tok.start, tok.end, rank, group, head, predicate, counted, negated))
    return tuple(out)


def _superlative(prev: str, nxt: Token | None, after: Token | None) -> bool:
    """Whether "most" is a superlative ("the most dangerous", "most likely"; not "most foreign investors")."""
    if prev in SUPERLATIVE_BEFORE:
        return True
    parts = pos(nxt.word.lower()) if nxt is not None else {}
    if not (("ADJ" in parts or "ADV" in parts) and "NOUN" not in parts):
        return False
    later = pos(after.word.lower()) if after is not None else {}
    return not ("NOUN" in later and "ADJ" not in later and "VERB" not in later)


def _negated_after(toks: Sequence[Token], q: Token, text: str) -> bool:
    """Whether a negation follows a quantifier in its clause: "most residents have not returned"."""
    for nxt in toks[q.index + 1 : q.index + 8]:
        if breaks(toks, nxt, text):
            return False
        w = nxt.word.lower()
        if negative(w):
            return True
    return False


def _group(
    toks: Sequence[Token], q: Token, text: str, numbers: Sequence[tuple[int, int]]
) -> tuple[frozenset[str], str, frozenset[str], bool] | None:
    """(group's meanings, its word, its predicate's meanings, a count between); None: "In all, 30 died"."""
    head: Token | None = None
    counted = False
    if q.word.lower() in SELF_GROUPS:
        head = q
    for nxt in toks[q.index + 1 : q.index + 6] if head is None else ():
        if breaks(toks, nxt, text):  # "U.S." ends no clause
            return None
        counted = counted or any(q.end <= s < nxt.start for s, _ in numbers)  # digits are no tokens
        if any(s <= nxt.start < e for s, e in numbers):
            counted = True  # "all 12 miners", "all twelve miners": the group is after the count
            continue
        if nxt.word.lower() in GROUP_PRONOUNS and not nxt.word.isupper():  # "us", not "US"
            head = nxt
            break
        if nxt.content and not _describes(nxt, toks, text):
            head = nxt
            break
    if head is None:
        return None
    # The predicate: the first content word past the group's noun phrase ("gun control advocates",
    # "members of Congress"), so "some members of Congress had not expected" says nothing of "each
    # member of Congress" being given a detail.
    predicate: frozenset[str] = frozenset()
    in_phrase = True
    for nxt in toks[head.index + 1 : head.index + 8]:
        if breaks(toks, nxt, text):
            break
        w = nxt.word.lower()
        if in_phrase and (w in PHRASE_LINKS or (nxt.capital and not nxt.initial) or _noun_of_phrase(w)):
            continue
        in_phrase = False
        if nxt.content:
            predicate = nxt.meanings
            break
    if head is q or head.word.lower() in GROUP_PRONOUNS:
        return ANY_GROUP, "", predicate, counted
    return head.meanings, head.word, predicate, counted


def _describes(t: Token, toks: Sequence[Token], text: str) -> bool:
    """Whether a word is an adjective before more of its phrase: "foreign" in "most foreign investors"."""
    parts = pos(t.word.lower())
    nxt = toks[t.index + 1] if t.index + 1 < len(toks) else None
    return (
        "ADJ" in parts
        and "NOUN" not in parts
        and nxt is not None
        and nxt.content
        and not breaks(toks, nxt, text)
    )


def _noun_of_phrase(word: str) -> bool:
    """Whether a word may go on a noun phrase: a noun, but no verb's past or -ing ("left", "fled")."""
    parts = pos(word)
    verbed = any(lemma != word for lemma in parts.get("VERB", ())) and not word.endswith("s")
    return "NOUN" in parts and not verbed
