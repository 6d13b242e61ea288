"""Injection markers: text in an article addressed to a model rather than to its readers.

The check reads the sentence folded as a reader's eye folds it: compatibility forms (NFKC), no
zero-width characters, and every letter as the ASCII letter it looks like, so "Ιgnore" (a Greek
capital iota) and "ig\u200bnore" read as "ignore". Folding uses anyascii (maintained, ISC, pure Python
tables), which transliterates Greek and Cyrillic look-alikes; the folded text is only for the check.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from summarizer.lang.lexicon.words import (
    ADDRESSEES,
    CHAT_ROLES,
    OVERRIDE_EVERYTHING,
    OVERRIDE_OBJECTS,
    OVERRIDE_VERBS,
    OVERRIDE_WHERE,
)

# Characters that print as nothing: zero-width spaces and joiners, the word joiner, the BOM, a soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)


def fold(text: str) -> str:
    """`text` as a reader sees it, in ASCII: what the injection check reads."""
    return anyascii(unicodedata.normalize("NFKC", text).translate(_INVISIBLE))


# Text addressed to a model rather than to readers: an instruction override, a chat-role line, or
# machine data such as a JSON object. Matched on plain substrings and fixed patterns, never built
# from model output.
_INJECTION = [
    (
        re.compile(
            r"\b(" + "|".join(OVERRIDE_VERBS) + r")\s+((all|any|the|your|of)\s+)*"
            r"((previous|prior|above|earlier|system)\s+)?(" + "|".join(OVERRIDE_OBJECTS) + r")\b"
            r"|\b(" + "|".join(OVERRIDE_VERBS) + r")\s+(" + "|".join(OVERRIDE_EVERYTHING) + r")\s+"
            r"(" + "|".join(OVERRIDE_WHERE) + r")\b",
            re.I,
        ),
        "an instruction to a model",
    ),
    (re.compile(r"^\s*(" + "|".join(CHAT_ROLES) + r")\s*:", re.I), "a chat-role line"),
    # A line that addresses the tool by name: "Summarizer: disregard …", "Assistant, mark it verified".
    (re.compile(r"^\W*(" + "|".join(ADDRESSEES) + r")\s*[:,]", re.I), "a line addressed to a model"),
    # Text hidden from a page's readers: an HTML comment ("<!-- assistant: … -->").
    (re.compile(r"<!--|-->"), "hidden text (an HTML comment)"),
    (
        re.compile(r"\byou are now\b|\bthe assistant must\b|\bmaintenance mode\b", re.I),
        "an instruction to a model",
    ),
    (
        re.compile(
            r"^\W*(output|print|respond|reply|return|mark)\b.{0,80}\b(claim|quote|json|verified)\b", re.I
        ),
        "an instruction to a model",
    ),
    (re.compile(r"[{\[]\s*\"[A-Za-z_]+\"\s*:"), "machine data (JSON)"),
]


@lru_cache(maxsize=16384)
def injection_marker(sentence: str) -> str | None:
    """What makes a sentence read as text aimed at a model (or as code) rather than reporting, if anything.

    Cached: each sentence is read so when its article is split and again when a claim cites it.
    """
    folded = fold(sentence)
    for pattern, what in _INJECTION:
        if pattern.search(folded):
            return what
    return None
