"""Quoted: what the sources give only as someone's quoted words, said in the summary's own voice.

"We have guessed the password." copied out of WikiLeaks' message, or "We will conquer it." out of
Huckabee's speech, stated with no quotation marks and no speaker, makes a speaker's words the summary's
claim: the sources say that someone said it, not that it is so. Dropping a "he said" from reported
speech is left alone (`source`); this reads only words the sources print inside quotation marks, the
quotation opened in a sentence before included (`lang.speakers.Voice.quoted`).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag, inside
from summarizer.checks.source import holders
from summarizer.lang.lexicon.saying import NOT_WHAT, SAID_VERBS, SPEAKING
from summarizer.lang.names import canon, key, speaker_words
from summarizer.lang.reading import Reading
from summarizer.lang.speakers import quoted_spans
from summarizer.lang.speech import attributions, referred_speaker, unquoted
from summarizer.lang.tokens import Token, lemmas
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """The whole sentence, where it says as fact what its sources give only as someone's quotation."""
    # Or where it is all quotation and names no one saying it, or names who said something and not what.
    text = sentence.text
    own = quoted_spans(text)
    words = [t for t in sentence.tokens if t.content]
    said = [t for t in words if not inside(t.start, own)]  # in its own voice, not inside its quotation marks
    if not text.strip():
        return []
    span = (0, len(text.rstrip()))
    speaking = any(t.forms & SPEAKING for t in said)
    # "X said", "he said", "Trump vowed": whose words they are is said.
    if speaking or sentence.attributions or referred_speaker(unquoted(text)) is not None:
        return (
            [flag("quoted", text, span, "it says who said something, not what")]
            if _bare(sentence, said, own)
            else []
        )
    if words and not said:
        return [flag("quoted", text, span, "a quotation that names no one saying it")]
    held = holders(sentence, (0, 0), evidence)
    if not held or not said:
        return []
    speakers: list[str] = []
    quoting = False
    for e in held:
        support = [u for u in e.tokens if u.content and any(t.meanings & u.forms for t in said)]
        if not support or _names_speaker(sentence, e):
            return []
        plain = [u for u in support if not _quoted(e, u.start)]
        if plain:
            # A source says it all in its own voice: every word, and a negation where it has one ("not a
            # national security matter" is no "National security matters most").
            negated = not sentence.negated or any(not _quoted(e, cue.start) for cue, _ in e.negated)
            if negated and all(any(t.meanings & u.forms for u in plain) for t in said):
                return []
            # One holding only some of its words in its own voice says something else ("hired a lawyer
            # to look into the matter" is no "This is not a national security matter."): no excuse.
            continue
        if all(t.meanings & e.forms for t in said):  # a quotation of every word of it
            quoting = True
            speakers += [e.speaker] if e.speaker else []
    if not quoting:
        return []
    who = ", ".join(dict.fromkeys(speakers))
    detail = "the sources give these words only as a quotation" + (f" of {who}" if who else "")
    return [flag("quoted", text, span, detail + ", not as fact")]


# A headline's verbs of saying (lemmas), written capitalized in title case.
_SAYING_WORDS = SAID_VERBS | {"according"}


def _names_speaker(sentence: Reading, source: Reading) -> bool:
    """Whether the sentence names one its source gives as saying it ("Boehner gave Republicans …")."""
    # Word by word: a name opening a sentence is not read as a name ("Trump" may be a verb).
    if source.heading:
        # In title case every word is a capital, and "F.B.I. 'Destroyed' Flynn's Life for Lying, Trump
        # Says" reads the F.B.I. as saying something: a headline's speaker is only its attribution's,
        # read with its verb of saying in lowercase ("Trump says").
        words = source.text.split(" ")
        lowered = " ".join(w.lower() if lemmas(w.strip(",:")) & _SAYING_WORDS else w for w in words)
        keys = [key(speaker_words(who)) for who in attributions(lowered)]
    else:
        keys = [*source.speakers, *(k for p in source.places for k in p.voice.carried)]
    capitals = {canon(t.word) for t in sentence.tokens if t.capital}
    return any(capitals & set(k) for k in keys)


def only_quoted(r: Reading) -> bool:
    """Whether a source sentence is wholly someone's quoted words and names no one saying them."""
    # Shown alone ("A reports: “We have guessed the password.”"), no reader could tell whose they are.
    if r.attributions or r.speakers:
        return False
    words = [t for t in r.tokens if t.content]
    return bool(words) and all(_quoted(r, t.start) for t in words)


def _quoted(r: Reading, at: int) -> bool:
    """Whether an offset of a source sentence is inside a quotation in every live article holding it."""
    # The same words can open one article and continue a quotation in another: quoted where all agree.
    # Every live article: in a batch, another story holding the very sentence is one too (as for `voice`).
    if not r.places:
        return inside(at, quoted_spans(r.text))
    return all(inside(at, p.voice.quoted) for p in r.places)


def _bare(sentence: Reading, said: Sequence[Token], own: Sequence[tuple[int, int]]) -> bool:
    """Whether a sentence says only who said something, and when: "Now, Schumer tweeted Friday."."""
    # (A headline in title case capitalizes what it says: its words would all read as names.)
    # ("said" carries no fact of its own, so it is no content word: it is looked for among all words.)
    if own or sentence.heading or not any(t.forms & SAID_VERBS for t in sentence.tokens):
        return False
    dates = [(a, b) for _, a, b in sentence.dates]
    what = [
        t
        for t in said
        if not t.capital
        and not t.forms & SAID_VERBS
        and t.word.lower() not in NOT_WHAT
        and not inside(t.start, dates)
    ]
    return not what
