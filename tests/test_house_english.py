"""English is data: word tables live in the lexicon, and regexes over words are compiled only in `lang/`.

A word table anywhere else, or a pattern over English words compiled outside `summarizer/lang/`, is how
the same words came to be spelled out in six places and drift apart (issue 25). A new one fails here
until it moves to `summarizer/lang/lexicon/`, or is named below as what it is: a protocol's values, not
English read from an article.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
LEXICON = PACKAGE / "lang" / "lexicon"
WORD = re.compile(r"^[A-Za-z][a-z’'-]+$")

# Collections of words that are values of our own formats and protocols, never matched against prose.
PROTOCOL_VALUES = [
    {"json", "md", "html"},  # report formats (batch)
    {"json", "html", "htm"},  # output suffixes (cli)
    {"ok", "partial", "failed", "skipped"},  # a story's status (batch)
    {"start", "note", "done", "failed", "skipped"},  # batch events
    {"done", "failed", "skipped"},  # batch events
    {"generated", "model", "totals", "stories"},  # the batch index's keys
    {"custom_id", "method", "url", "body"},  # a Batch API line
    {"method", "path", "body"},  # what a cassette matches on
    {"model", "mode", "repair", "restate"},  # what a cassette was recorded with (cassette.recorded_settings)
    {"completed", "failed", "expired", "cancelled"},  # Batch API states
    {"extract", "reconcile", "judge", "repair"},  # pipeline stages
    {"extract", "judge", "repair", "reconcile"},  # pipeline stages
    {"ingest", "extract", "reconcile", "judge", "repair"},  # pipeline stages
    {"openai", "server", "local"},  # backends
    {"same", "conflict", "different"},  # alignment verdicts
    {"exact", "about", "over", "under"},  # Quantity.qualifier's values
    {"exact", "about", "over", "under", "max"},  # the same, with a stated maximum
    {"over", "under", "max"},  # Figure.qualifier's bounds (align.facts)
    {"tally", "date", "percent"},  # Figure.kind's values (align.facts)
    {"year", "date", "tally"},  # Figure.kind's values (align.figures)
    {"duration", "age", "date"},  # Figure.kind's values with a unit (align.figures)
    {"facts", "shares", "words", "units", "shape"},  # the checks' stages
    {"text", "original", "action", "verdict"},  # a grounding's fields
    {"kept", "repaired", "replaced", "removed"},  # a grounding's actions
    {"stage", "article", "error", "attempts", "last_response"},  # a failure's fields
    {"id", "object", "created", "model", "choices", "usage"},  # a chat completion (scripted model)
    {"id", "type", "function"},  # a tool call (scripted model)
    {"token", "logprob", "bytes"},  # a logprob (scripted model)
    {"content-encoding", "content-length", "transfer-encoding"},  # HTTP headers
    {"id", "article_id", "quote", "sentence_ids", "verified", "found_by"},  # a claim's fields (align.store)
    {
        "authorization",
        "api-key",
        "x-api-key",
        "openai-organization",
        "openai-project",
        "cookie",
        "set-cookie",
    },
]
# Patterns outside lang/ whose letters are no English read from an article.
PROTOCOL_PATTERNS = {
    ("redact.py", "bearer"),  # the shape of a credential
    ("ground.py", "reports"),  # our own sentence, 'X reports: “…”', read back
    ("ingest.py", "www"),  # a publisher's domain
}


def _strings(node: ast.AST) -> list[str] | None:
    """The strings of a collection literal or a `"…".split()` call, or None for anything else."""
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        items = node.elts
    elif isinstance(node, ast.Dict):
        items = [k for k in node.keys if k is not None]
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value.split()
    else:
        return None
    if not items or not all(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items):
        return None
    return [i.value for i in items if isinstance(i, ast.Constant)]


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes that hold names, not words: `Literal[...]` arguments and `__all__`."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "Literal":
            out |= {id(n) for n in ast.walk(node.slice)}
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            out |= {id(n) for n in ast.walk(node.value)}
    return out


def word_tables(path: Path) -> list[tuple[int, set[str]]]:
    """Every collection of three or more words in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _skipped(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        strings = _strings(node)
        if strings is not None and sum(1 for s in strings if WORD.match(s)) >= 3:
            found.append((getattr(node, "lineno", 0), set(strings)))
    return sorted(found, key=lambda f: f[0])


def word_patterns(path: Path) -> list[tuple[int, str]]:
    """Every `re.compile` whose pattern spells a word of three or more letters."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "compile"
            and getattr(node.func.value, "id", "") == "re"
            and node.args
        ):
            continue
        literal = " ".join(
            n.value
            for n in ast.walk(node.args[0])
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        )
        # Group names, escapes, character classes and counts are no words.
        letters = re.sub(
            r"\?P<\w+>|\(\?P=\w+\)|\\[A-Za-z]|\[[^\]]*\]|\{\d*,?\d*\}|\(\?[a-zA-Z]+[:)]", " ", literal
        )
        found += [(node.lineno, w.lower()) for w in re.findall(r"[A-Za-z]{3,}", letters)]
    return found


def test_word_tables_live_in_the_lexicon() -> None:
    strays = [
        f"{path.relative_to(PACKAGE)}:{line} {sorted(words)[:6]}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if LEXICON not in path.parents
        for line, words in word_tables(path)
        if words not in PROTOCOL_VALUES
    ]
    assert not strays, "word tables outside summarizer/lang/lexicon/: " + "; ".join(strays)


def test_regexes_over_words_are_compiled_only_in_lang() -> None:
    lang = PACKAGE / "lang"
    strays = [
        f"{path.relative_to(PACKAGE)}:{line} {word!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if lang not in path.parents
        for line, word in word_patterns(path)
        if (path.name, word) not in PROTOCOL_PATTERNS
    ]
    assert not strays, "regexes over words outside summarizer/lang/: " + "; ".join(strays)


def test_the_finders_find_what_they_look_for(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import re\nfrom typing import Literal\n"
        'SAID = frozenset("said says told".split())\n'
        "MONTHS = {'january': 1, 'february': 2, 'march': 3}\n"
        'Kind = Literal["one", "two", "three"]\n'
        '__all__ = ["alpha", "beta", "gamma"]\n'
        'SPEECH = re.compile(r"(?P<who>\\w+) (?:said|told)\\b")\n'
        'SHAPE = re.compile(r"^[A-Z]{2,}\\d+$")\n',
        encoding="utf-8",
    )
    assert [words for _, words in word_tables(module)] == [
        {"said", "says", "told"},
        {"january", "february", "march"},
    ]
    assert [w for _, w in word_patterns(module)] == ["said", "told"]
