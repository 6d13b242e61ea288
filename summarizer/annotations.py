"""Experts' loaded-wording annotations of a report's articles (BASIL's `*_ann.json`), for `eval` only.

BASIL files its annotations as `<YEAR>/<triplet-uuid>_<n>_ann.json`, one per article `<triplet-uuid>_<n>`.
An annotation belongs to a report article whose file name starts with the same triplet uuid, whole or
its first eight characters, then `_<n>` (`2058ec60_1_NYT.txt`, as `benchmarks/basil.py` writes them).
Of its `phrase-level-annotations`, the `lex` spans (loaded wording) with `quote` = `no` (in the outlet's
own voice) are the words a neutral summary does not say in its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError
from summarizer.models import Article

_SUFFIX = "_ann.json"
_SHORTEST_UUID = 8  # a shorter prefix could belong to two triplets


@dataclass(frozen=True)
class LoadedSpan:
    """A span of loaded wording one article uses in its own voice."""

    article_id: str
    text: str


def _key(name: str) -> tuple[str, str] | None:
    """(uuid or its prefix, article number) from `<uuid>_<n>…`, or None for another name."""
    parts = name.split("_")
    if len(parts) < 2 or len(parts[0]) < _SHORTEST_UUID or not parts[1].isdigit():
        return None
    return parts[0].lower(), parts[1]


def load_loaded_spans(directory: Path, articles: Sequence[Article]) -> list[LoadedSpan]:
    """The loaded spans in their own voice of each article, from the annotations under `directory`."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of annotations")
    files = {k: p for p in sorted(directory.rglob(f"*{_SUFFIX}")) if (k := _key(p.name)) is not None}
    out: list[LoadedSpan] = []
    for a in articles:
        key = _key(Path(a.path).stem) if a.path else None
        found = (
            [p for (uuid, n), p in files.items() if uuid.startswith(key[0]) and n == key[1]] if key else []
        )
        if len(found) != 1:
            # A missing file would score its article's words as never used: refused, not a silent zero.
            what = "no annotation" if not found else f"{len(found)} annotations"
            raise InputError(
                f"{directory}: {what} for article {a.id} ({a.path or 'no file name'}); "
                f"annotations are found by file name, <triplet-uuid>_<n>{_SUFFIX}"
            )
        out += [LoadedSpan(a.id, text) for text in _own_voice_lex(found[0])]
    return out


def _own_voice_lex(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        spans = data["phrase-level-annotations"]
        return [str(s["txt"]) for s in spans if s.get("bias") == "lex" and s.get("quote") == "no"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError(f"{path}: not a BASIL annotation ({type(e).__name__})") from None
