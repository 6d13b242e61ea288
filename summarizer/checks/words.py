"""Words: a content word that neither the sources nor the synonym table supply is unsupported.

It is how an inserted fact shows. Function words, inflection, hyphenation, possessives, demonyms, British
spellings and a small table of synonyms are tolerated; a capitalized word the sources lack is a name they
do not give, unless it names who the evidence's articles give as saying it (the outlet, a quote's speaker).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag, inside
from summarizer.checks.source import voice_spans
from summarizer.lang.lexicon.words import NEGATING_VERBS
from summarizer.lang.reading import Reading
from summarizer.lang.tokens import ANTONYM_OF, negative
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """Each content word of the sentence that no source sentence has in any form or synonym."""
    text = sentence.text
    pool = frozenset().union(*(e.forms for e in evidence))
    # "Newsweek", or the Kovalenko whose quotation the evidence goes on with: its, though it names neither.
    voiced = voice_spans(sentence, evidence)
    # A negating word is the negation check's, but a verb of its own that negates nothing is a word like
    # any other ("The bill failed." against "The bill passed.": nothing else reads it).
    cues = {cue.index for cue, _ in sentence.negated}
    out: list[Unsupported] = []
    for tok in sentence.tokens:
        w = tok.word.lower()
        if not tok.content or inside(tok.start, voiced):
            continue
        if negative(w) and (tok.index in cues or w not in NEGATING_VERBS):
            continue
        if tok.meanings & pool:
            continue
        opposite = sorted({a for f in tok.forms for a in ANTONYM_OF.get(f, set())} & pool)
        span = (tok.start, tok.end)
        if opposite:
            out.append(
                flag("word", text, span, f"the sources say {opposite[0]!r}, the opposite of {tok.word!r}")
            )
        elif tok.name:
            out.append(flag("entity", text, span, f"{tok.word!r} is not named in the sources"))
        else:
            out.append(flag("word", text, span, f"{tok.word!r} is not in the sources"))
    return out


def merge_names(flags: Sequence[Unsupported], text: str) -> list[Unsupported]:
    """Adjacent entity flags become one ('South Korean'), so a name is reported once."""
    out: list[Unsupported] = []
    for f in flags:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == f.kind == "entity" and not text[prev.end : f.start].strip(" -"):
            span = (prev.start, f.end)
            out[-1] = flag("entity", text, span, f"{text[span[0] : span[1]]!r} is not named in the sources")
        else:
            out.append(f)
    return out
