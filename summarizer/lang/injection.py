"""Injection markers: text in an article addressed to a model rather than to its readers."""

from __future__ import annotations

import re

# Text addressed to a model rather than to readers: an instruction override, a chat-role line, or
# machine data such as a JSON object. Matched on plain substrings and fixed patterns, never built
# from model output.
_INJECTION = [
    (
        re.compile(
            r"\b(ignore|disregard|forget)\s+((all|any|the|your|of)\s+)*((previous|prior|above|earlier|system)\s+)?"
            r"(instructions|prompts?)\b",
            re.I,
        ),
        "an instruction to a model",
    ),
    (re.compile(r"^\s*(system|assistant|user|developer)\s*:", re.I), "a chat-role line"),
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


def injection_marker(sentence: str) -> str | None:
    """What makes a sentence read as text aimed at a model (or as code) rather than reporting, if anything."""
    for pattern, what in _INJECTION:
        if pattern.search(sentence):
            return what
    return None
