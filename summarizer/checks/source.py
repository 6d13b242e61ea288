"""Who said it: a speaker the sentence names must be the one its sources give for what it says.

Omitting an attribution is not flagged (a summary may drop "Kovalenko said"); naming the wrong
speaker is. The speaker is checked against the source sentences that hold what the sentence says
(the most of its words outside the attribution), not against any name that says something somewhere:
"Militarnyi reported that Moscow had received 100 missiles" is wrong where the sentence holding the
missiles is Ukraine's Defense Intelligence's and Militarnyi's analysed footage. A source sentence in
an article knows its voice there (`lang.voice`): the speaker of the quotation it continues or of its
"he said", or the outlet's own reporting, which "Newsweek reported" names rightly. A sentence read
alone that names no speaker says nothing of whose it is: any speaker of the evidence may be meant.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.checks.numbers import same_number
from summarizer.lang.lexicon.saying import NOT_CHECKED_AS_SPEAKER, SAYING
from summarizer.lang.names import Key, canon, key, names_outlet, same_speaker, speaker_words
from summarizer.lang.reading import Reading
from summarizer.lang.speech import described_saying, described_speaker, told
from summarizer.lang.tokens import Token, breaks
from summarizer.models import Unsupported

HOLDS = 2  # a source sentence holding at least 1/HOLDS of what the best one holds holds it too


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """A speaker the sentence names whom the sources do not give as saying what it says, or told it."""
    text = sentence.text
    out = _told(sentence, evidence)
    # Its attribution outside its quotations: "“Trump says …,” Bloomberg said" is Bloomberg's.
    who = next(iter(sentence.attributions), None)
    if not who:
        return out + _described(sentence, evidence)
    named_words = speaker_words(who)
    if not named_words:
        return out
    named = key(named_words)
    start = text.find(who.removeprefix("the "))
    if start < 0:
        return out
    span = (start, start + len(who.removeprefix("the ")))
    held = holders(sentence, span, evidence)
    if held is None:
        # It says nothing but who said it ("Christie added."): its words are in a sentence next to it.
        if any(same_speaker(named, key(run)) for e in evidence for run in e.names):
            return out
        held = list(evidence)
    speakers: list[Key] = []
    outlets: list[str] = []
    reported: list[str] = []  # the outlets of the articles holding it, whoever speaks in them
    cited: list[str] = []  # how the sources name whom they cite, for the detail
    for e in held:
        theirs, outlet, known = voice(e)
        if not known:
            # Whose it is, no one can tell from it alone: any speaker the evidence gives may be meant.
            theirs = [s for x in evidence for s in voice(x)[0]]
        speakers += theirs
        outlets += [outlet] if outlet is not None else []
        reported += [o for p in e.places if (o := p.article.outlet)]
        cited += [e.speaker] if e.speaker and known else [" ".join(k) for k in theirs]
        cited += [f"the outlet ({outlet})" if outlet else "the outlet"] if outlet is not None else []
    words = [t.word for t in named_words]
    if any(same_speaker(named, s) for s in speakers) or any(names_outlet(words, o) for o in outlets):
        return out
    if any(described(named_words, s, evidence) for s in speakers):
        return out
    # "Newsweek reported that Ukraine's Defense Intelligence said …": the outlet's, naming its speaker.
    others = [key(run) for run in sentence.names if key(run) != named]
    if any(names_outlet(words, o) for o in reported) and any(
        same_speaker(s, theirs) for s in others for theirs in speakers
    ):
        return out
    named_as = ", ".join(dict.fromkeys(cited))
    detail = f"the sources do not attribute this to {who}" + (f"; they cite {named_as}" if named_as else "")
    return [*out, flag("source", text, span, detail)]


def _described(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """A source named only by a description ("according to his office") the holders do not give as theirs.

    Whether "the agency" is the FBI or "his office" a hospital, code cannot read, so it is a word for the
    judge: asked only where the holders give it as someone's (in the outlet's own voice "according to
    the paper" may be the outlet itself) in words that hold none of the description's, and never of a
    document or a role (`NOT_CHECKED_AS_SPEAKER`).
    """
    span = described_speaker(sentence.text)
    if span is None:
        return []
    what = sentence.text[span[0] : span[1]]
    named_words = speaker_words(what)
    if not named_words or any(t.forms & NOT_CHECKED_AS_SPEAKER for t in named_words):
        return []
    held = holders(sentence, span, evidence)
    if held is None:
        return []
    theirs = [w for e in held for w in _attributed(e)]
    if not theirs:
        return []
    said = frozenset().union(*(t.forms for w in theirs for t in speaker_words(w)))
    if all(t.meanings & said for t in named_words):
        return []
    detail = f"the sources holding it give it as {', '.join(dict.fromkeys(theirs))}'s, not the {what}'s"
    return [flag("word", sentence.text, span, detail)]


def _told(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """Whom the sentence says someone told it ("told Politico") must be whom its holders say was told.

    Where a holder names another ("told The Washington Post") code is final; where the holders name
    no one told in the words, it is a word for the judge.
    """
    out: list[Unsupported] = []
    for span in told(sentence.text):
        to = sentence.text[span[0] : span[1]]
        words = speaker_words(to)
        held = holders(sentence, span, evidence)
        # A quotation whose speaker its article names in another sentence ("…!” ‖ Mr. Calderón told
        # CNBC.") may name there whom it was told too: not this check's to read.
        if not words or held is None or any(voice(e)[0] and not e.speakers for e in held):
            continue
        said = frozenset().union(*(e.forms for e in held))
        if all(t.meanings & said for t in words):
            continue
        theirs = [e.text[a:b] for e in held for a, b in told(e.text)]
        if theirs:
            detail = f"the sources holding it say it was told {', '.join(dict.fromkeys(theirs))}, not {to}"
            out.append(flag("source", sentence.text, span, detail))
        else:
            out.append(
                flag("word", sentence.text, span, f"the sources holding it do not say it was told {to}")
            )
    return out


def _attributed(e: Reading) -> list[str]:
    """How a source sentence names whom it gives as saying it: its attributions, "the hospital said", or
    the names its article carries to it."""
    return [*e.attributions, *described_saying(e.text), *(" ".join(k) for k in voice(e)[0])]


def holders(sentence: Reading, span: tuple[int, int], evidence: Sequence[Reading]) -> list[Reading] | None:
    """The evidence sentences holding the most (or near it) of what the sentence says past its attribution.

    None when it says nothing past it, or the sources hold none of what it says.
    """
    said = [
        t for t in sentence.tokens if t.content and not span[0] <= t.start < span[1] and not t.forms & SAYING
    ]
    scores = [
        sum(1 for t in said if t.meanings & e.forms)
        + sum(1 for n in sentence.numbers if any(same_number(n, m) for m in e.numbers))
        for e in evidence
    ]
    best = max(scores, default=0)
    if best == 0:
        return None
    # Half of what the best holds: a sentence joining two facts holds the one its speaker said too.
    return [e for e, s in zip(evidence, scores, strict=True) if s * HOLDS >= best]


def described(words: Sequence[Token], speaker: Key, evidence: Sequence[Reading]) -> bool:
    """Whether the sources describe the speaker in the sentence's words, next to the name.

    "Mr. Trump, the presumptive Republican nominee, said" makes "the Republican nominee said" his.
    """
    for e in evidence:
        # Each place the name stands (a capitalized word of it: "Trump" after "Mr." opens no name run).
        for at in (t for t in e.tokens if t.capital and canon(t.word) in speaker):
            last = at
            while last.index + 1 < len(e.tokens):
                nxt = e.tokens[last.index + 1]
                if not nxt.capital or e.text[last.end : nxt.start].strip():
                    break
                last = nxt
            # The words right before the name ("Republican presidential candidate Jeb Bush"), and the
            # appositive after it ("Mr. Trump, the presumptive Republican nominee,").
            first = at.index
            while first > 0 and e.tokens[first - 1].content and not breaks(e.tokens, e.tokens[first], e.text):
                first -= 1
            end = last.end
            after = e.text.find(",", end + 1) if e.text.startswith(",", end) else end
            near = [t for t in e.tokens if t.index >= first and t.start < max(after, end)]
            if all(t.meanings & frozenset().union(*(n.forms for n in near)) for t in words):
                return True
    return False


def voice(e: Reading) -> tuple[list[Key], str | None, bool]:
    """(who a source sentence gives as saying it, its outlet if its own reporting, whether that is known)."""
    speakers = list(e.speakers)
    outlet: str | None = None
    for place in e.places:
        v = place.voice
        speakers += v.carried
        if v.outlet is not None and outlet is None:
            outlet = v.outlet
    return speakers, outlet, bool(speakers) or outlet is not None


def voice_spans(sentence: Reading, evidence: Sequence[Reading]) -> list[tuple[int, int]]:
    """Where the sentence's attributions name its evidence's outlet or a quotation's speaker.

    The evidence does not name them, its articles do: "Newsweek" for newsweek.com.
    """
    if not sentence.attributions:
        return []
    outlets = {o for e in evidence for p in e.places if (o := p.article.outlet)}
    carried = [k for e in evidence for p in e.places for k in p.voice.carried]
    if not outlets and not carried:
        return []
    out: list[tuple[int, int]] = []
    for who in sentence.attributions:
        start = sentence.text.find(who)
        words = speaker_words(who)
        named = key(words)
        if start >= 0 and (
            any(names_outlet([t.word for t in words], o) for o in outlets)
            or any(same_speaker(named, k) for k in carried)
        ):
            out.append((start, start + len(who)))
    return out
