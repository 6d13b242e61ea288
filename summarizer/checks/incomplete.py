"""Incomplete: a sentence that stops mid-clause (a length cap, a small model) says nothing whole."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.lang.reading import Reading
from summarizer.lang.sentences import starts_mid_sentence
from summarizer.lang.shape import ends_a_sentence
from summarizer.lang.tokens import pos
from summarizer.models import Unsupported

# The words before a cut-off last word that must run as in the source sentence it copies.
CUT_CONTEXT = 3


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """The sentence's first words, where it opens mid-sentence; its last, where it does not end as one
    or ends inside a word its source sentence goes on spelling."""
    text = sentence.text.rstrip()
    found: list[Unsupported] = []
    if starts_mid_sentence(text):
        lead = len(text) - len(text.lstrip())
        end = min(len(text), lead + 30)
        found.append(
            Unsupported(
                kind="incomplete", text=text[lead:end], start=lead, end=end, detail="starts mid-sentence"
            )
        )
    if text and not ends_a_sentence(text):
        start = max(0, len(text) - 30)
        found.append(
            Unsupported(
                kind="incomplete",
                text=text[start:],
                start=start,
                end=len(text),
                detail="breaks off mid-sentence",
            )
        )
    elif cut := _cut_word(sentence, evidence):
        last = sentence.tokens[-1]
        found.append(
            Unsupported(
                kind="incomplete",
                text=last.word,
                start=last.start,
                end=last.end,
                detail=f"breaks off inside a word: “{last.word}” where its source has “{cut}”",
            )
        )
    return found


def _cut_word(sentence: Reading, evidence: Sequence[Reading]) -> str | None:
    """The source's word the sentence's last word cuts short, where the words before it run as in that
    source ("… which hurts the po." copying "… which hurts the poor."): a small model's copy that stopped
    inside a word, which a judge reading the sentence whole may pass."""
    toks = sentence.tokens
    if len(toks) <= CUT_CONTEXT or not toks[-1].word.isalpha():
        return None
    last = toks[-1]
    low = last.word.lower()
    # A word of English ("the fee" for "the fees", "the bill" beside "the billion") or a name ("Islam",
    # "Corp.") is no cut: a word its sources lack is the words check's, a name the names check's.
    if last.capital or pos(low):
        return None
    before = [t.word.lower() for t in toks[-1 - CUT_CONTEXT : -1]]
    sources = [[t.word.lower() for t in e.tokens] for e in evidence]
    if any(low in words for words in sources):
        return None  # a word of its sources: cut nowhere
    for e, words in zip(evidence, sources, strict=True):
        for j in range(CUT_CONTEXT, len(words)):
            if words[j].startswith(low) and words[j - CUT_CONTEXT : j] == before:
                return e.tokens[j].word
    return None
