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
from summarizer.lang.reading import Reading
from summarizer.lang.speakers import quoted_spans
from summarizer.lang.speech import referred_speaker, unquoted
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """The whole sentence, where what it says in its own voice its sources hold only inside a quotation,
    or where it is all quotation and names no one saying it."""
    text = sentence.text
    # "X said", or "he said" of one the sentence before names: whose words they are is said.
    if sentence.attributions or referred_speaker(unquoted(text)) is not None or not text.strip():
        return []
    own = quoted_spans(text)
    words = [t for t in sentence.tokens if t.content]
    said = [t for t in words if not inside(t.start, own)]  # in its own voice, not inside its quotation marks
    span = (0, len(text.rstrip()))
    if words and not said:
        return [flag("quoted", text, span, "a quotation that names no one saying it")]
    held = holders(sentence, (0, 0), evidence)
    if not held or not said:
        return []
    speakers: list[str] = []
    for e in held:
        support = [u for u in e.tokens if u.content and any(t.meanings & u.forms for t in said)]
        if not support or not all(_quoted(e, u.start) for u in support):
            return []
        # Named only where the article gives one speaker: a paragraph of quotation carries every name
        # the sentences before it give, of which code cannot tell the speaker.
        carried = {k for p in e.places for k in p.voice.carried}
        speakers += (
            [e.speaker] if e.speaker else [" ".join(carried.pop()).title()] if len(carried) == 1 else []
        )
    who = ", ".join(dict.fromkeys(speakers))
    detail = "the sources give these words only as a quotation" + (f" of {who}" if who else "")
    return [flag("quoted", text, span, detail + ", not as fact")]


def only_quoted(r: Reading) -> bool:
    """Whether a source sentence is wholly someone's quoted words and names no one saying them: shown
    alone ("A reports: “We have guessed the password.”"), no reader could tell whose words they are."""
    if r.attributions or r.speakers:
        return False
    words = [t for t in r.tokens if t.content]
    return bool(words) and all(_quoted(r, t.start) for t in words)


def _quoted(r: Reading, at: int) -> bool:
    """Whether an offset of a source sentence is inside a quotation in every article holding it (the
    same words can open one article and continue a quotation in another: quoted only where all agree)."""
    if not r.places:
        return inside(at, quoted_spans(r.text))
    return all(inside(at, p.voice.quoted) for p in r.places)
