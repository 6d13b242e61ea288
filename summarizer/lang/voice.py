"""Whose voice a sentence's words are in: inside quotation marks someone else's, outside them its own."""

from __future__ import annotations

import re

from summarizer.lang.tokens import words

Span = tuple[int, int]

# A quotation: curly or straight double quotes (unclosed: to the end), or single quotes that open before
# a word and close after one, so that the apostrophes of "Wal-Mart’s" and "Democrats'" open nothing.
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|(?<!\w)[‘'].*?[’'](?!\w)", re.S)


def quoted(text: str) -> list[Span]:
    """Where `text` quotes someone: each quotation with its marks."""
    return [m.span() for m in _QUOTED.finditer(text)]


def _folded(text: str) -> list[tuple[str, int, int]]:
    return [(w.casefold().replace("’", "'"), s, e) for w, s, e in words(text)]


def in_own_voice(phrase: str, text: str) -> list[Span]:
    """Where `text` says `phrase` (whole words, any case) outside quotation marks."""
    wanted = [w for w, _, _ in _folded(phrase)]
    if not wanted:
        return []
    inside = quoted(text)
    have = _folded(text)
    out: list[Span] = []
    for i in range(len(have) - len(wanted) + 1):
        run = have[i : i + len(wanted)]
        if [w for w, _, _ in run] != wanted:
            continue
        if any(s <= start < e for _, start, _ in run for s, e in inside):
            continue
        out.append((run[0][1], run[-1][2]))
    return out
