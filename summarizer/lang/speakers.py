"""Who an article gives as saying each of its sentences, which the sentence alone cannot always tell.

"“This is extremely alarming,” he said." is Kovalenko's when the sentence before named him; the second
sentence of a quotation is its speaker's though it names no one; a sentence that names no speaker and
stands outside any quotation is the outlet's own reporting ("Newsweek reported …" is then right).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from summarizer.lang.lexicon.words import ELISIONS
from summarizer.lang.names import Key, key
from summarizer.lang.speech import referred_speaker, unquoted
from summarizer.lang.tokens import Token


class Read(Protocol):
    """What is read here of a sentence (a `lang.reading.Reading`): its text and the names it has speak."""

    @property
    def text(self) -> str: ...

    @property
    def speakers(self) -> tuple[Key, ...]: ...

    @property
    def names(self) -> tuple[list[Token], ...]: ...

    @property
    def attributions(self) -> tuple[str, ...]: ...


# How many sentences back a "he said" may reach for its speaker, as extract.asserter reads it.
REACH = 3
OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
QUOTE_MARKS = (OPENING, STRAIGHT)
_MARK = re.compile(f"[{OPENING}{CLOSING}{STRAIGHT}]")
_BEFORE_OPENING = "([{—–-:"  # what a straight quotation mark may stand after when it opens one


@dataclass(frozen=True)
class Voice:
    """Who its article gives as saying one sentence, beyond the names the sentence itself gives."""

    # The speaker it carries from the sentences around it: the one whose quotation it continues, or the
    # one its "he said" points back to.
    carried: tuple[Key, ...] = ()
    # The outlet, when the sentence is its own reporting ("" when the article's outlet is not known);
    # None when the sentence is someone's it names or carries.
    outlet: str | None = None
    # Its spans inside a direct quotation, one opened before it included ("We have guessed the password."
    # as the third sentence of WikiLeaks' message): someone's words, not the outlet's.
    quoted: tuple[tuple[int, int], ...] = ()


def _marks(text: str, open_: bool) -> list[tuple[int, bool]]:
    """(offset, opens) of each quotation mark that opens or closes one, given whether one is open.

    A straight mark is read by where it stands, not by turns: it opens at the start or after a space,
    a bracket, a dash or a colon, and closes after a word. A second opening mark while one is open (a
    quotation over paragraphs opens each again) and a closing mark with none open (an inch mark, `65"`)
    change nothing.
    """
    out: list[tuple[int, bool]] = []
    for m in _MARK.finditer(text):  # only the marks are walked, not every character of every sentence
        i, ch = m.start(), m.group(0)
        opens = ch == OPENING or (
            ch == STRAIGHT and (i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENING)
        )
        if opens != open_:
            out.append((i, opens))
            open_ = opens
    return out


def _quote_open(text: str, open_: bool) -> tuple[bool, bool]:
    """(whether a quotation is open at the sentence's end, whether one opened in it), given the start."""
    marks = _marks(text, open_)
    return (marks[-1][1] if marks else open_), any(opens for _, opens in marks)


SINGLE_OPENING = "‘"
# A typeset closing single mark is also the apostrophe: it closes a quotation only before a space, a
# punctuation mark or the end ("‘crooked’ Hillary"), never inside a word ("Clinton’s").
_SINGLE = re.compile(r"‘(?!\d)|’(?![^\W\d_])")
_ELIDED = re.compile(r"(?:" + "|".join(sorted(ELISIONS)) + r")(?![^\W\d_])", re.IGNORECASE)


def quoted_spans(text: str, open_: bool = False) -> tuple[tuple[int, int], ...]:
    """The spans of `text` inside double quotation marks, given whether one is open at its start."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, opens in _marks(text, open_):
        if opens:
            start = i + 1
        elif i > start:
            out.append((start, i))
        open_ = opens
    if open_ and len(text) > start:
        out.append((start, len(text)))
    return tuple(sorted(out + _single_spans(text, out))) if SINGLE_OPENING in text else tuple(out)


def _single_spans(text: str, double: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans inside typeset single quotation marks that no double quotation holds.

    "‘Crooked Hillary Clinton’s top aide …" opens a quotation, as a headline's "‘crooked’" does; inside a
    double quotation a single one is nested there already. "‘90s" opens none (an elided year).
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in _SINGLE.finditer(text):
        i = m.start()
        if any(a <= i < b for a, b in double):
            continue
        if m.group(0) == SINGLE_OPENING:
            if _ELIDED.match(text, i + 1):
                continue  # "Lock ‘em up": an apostrophe typeset as an opening mark
            start = i + 1 if start is None else start
        elif start is not None:
            if i > start:
                out.append((start, i))
            start = None
    if start is not None and len(text) > start:
        out.append((start, len(text)))
    return out


# At most this many words in a sentence that only says who said the quotation before it ("Mr. Calderón
# told CNBC.", split from its quotation).
TAG_WORDS = 8


def _said_next(sentences: Sequence[Read], i: int) -> tuple[Key, ...]:
    """The speaker a short sentence after a quotation gives it ("“…” / Mr. Calderón told CNBC.")."""
    if i + 1 >= len(sentences):
        return ()
    tag = sentences[i + 1]
    return tag.speakers if len(tag.text.split()) <= TAG_WORDS and unquoted(tag.text) == tag.text else ()


def voices(sentences: Sequence[Read], outlet: str | None) -> tuple[Voice, ...]:
    """Each sentence's voice in its article, read in order: quotations, "he said", the outlet's own."""
    carried: list[tuple[Key, ...]] = [() for _ in sentences]
    own_voice = [False] * len(sentences)
    inside_quotes: list[tuple[tuple[int, int], ...]] = []
    run: list[int] = []  # the sentences of a quotation still open, whose speaker may come at its end
    speaker: tuple[Key, ...] = ()  # the open quotation's speaker, once known
    last: tuple[Key, ...] = ()  # the speaker last named or carried, for a "he said" after it
    last_at = -REACH - 1
    for i, r in enumerate(sentences):
        own = tuple(r.speakers)
        recent = last if i - last_at <= REACH else ()
        inside = bool(run)
        named = bool(r.attributions)
        referred = referred_speaker(unquoted(r.text))  # a "he said" inside a quotation is not its tag
        here: tuple[Key, ...] = speaker if inside else ()
        if referred is not None:
            # "he said", "the attorney said" is one named shortly before: the last speaker, or a name of
            # the sentences before ("Liz Cheney, …" then "“…,” she said"); which, code cannot tell. A
            # description sharing a word with some of them ("the intelligence agency") is one of those.
            near = recent + tuple(key(run) for s in sentences[max(0, i - REACH) : i] for run in s.names)
            words = set(referred.split())
            here += tuple(k for k in near if words & set(k)) or near
        # A paragraph that is all quotation and names no speaker goes on quoting the one before it.
        quoted = not inside and not named and referred is None and r.text.lstrip()[:1] in QUOTE_MARKS
        if quoted:
            here += recent + _said_next(sentences, i)
        here = tuple(dict.fromkeys(here))
        carried[i] = here
        inside_quotes.append(quoted_spans(r.text, inside))
        still_open, opened = _quote_open(r.text, inside)
        # Someone's words: quoted with a name of its own saying them ("Kovalenko was quick to retort: “…”").
        says = bool(own) and unquoted(r.text) != r.text
        own_voice[i] = not (
            inside or named or quoted or says or referred is not None or (still_open and opened)
        )
        if run and not speaker and (own or here):
            # A quotation whose speaker is named where it closes ("…,” he said) is that speaker's throughout.
            speaker = here or own
            for j in run:
                carried[j] = speaker
        if still_open:
            if not inside:
                speaker = own or here
            run.append(i)
        else:
            run, speaker = [], ()
        if here or own:
            last, last_at = here or own, i
    name = outlet or ""
    return tuple(
        Voice(carried=c, outlet=name if mine else None, quoted=q)
        for c, mine, q in zip(carried, own_voice, inside_quotes, strict=True)
    )
