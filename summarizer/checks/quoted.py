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
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """The whole sentence, where every source holding it holds it only inside a quotation."""
    text = sentence.text
    if sentence.attributions or quoted_spans(text) or not text.strip():
        return []
    held = holders(sentence, (0, 0), evidence)
    if not held:
        return []
    said = [t for t in sentence.tokens if t.content]
    speakers: list[str] = []
    for e in held:
        spans = e.places[0].voice.quoted if e.places else quoted_spans(e.text)
        support = [u for u in e.tokens if u.content and any(t.meanings & u.forms for t in said)]
        if not support or not all(inside(u.start, spans) for u in support):
            return []
        # Named only where the article gives one speaker: a paragraph of quotation carries every name
        # the sentences before it give, of which code cannot tell the speaker.
        carried = {k for p in e.places for k in p.voice.carried}
        speakers += (
            [e.speaker] if e.speaker else [" ".join(carried.pop()).title()] if len(carried) == 1 else []
        )
    who = ", ".join(dict.fromkeys(speakers))
    detail = "the sources give these words only as a quotation" + (f" of {who}" if who else "")
    return [flag("quoted", text, (0, len(text.rstrip())), detail + ", not as fact")]


def only_quoted(r: Reading) -> bool:
    """Whether a source sentence is wholly someone's quoted words and names no one saying them: shown
    alone ("A reports: “We have guessed the password.”"), no reader could tell whose words they are."""
    if r.attributions or r.speakers:
        return False
    spans = r.places[0].voice.quoted if r.places else quoted_spans(r.text)
    words = [t for t in r.tokens if t.content]
    return bool(words) and all(inside(t.start, spans) for t in words)
