"""Stories for a batch: a folder of story folders (each one's *.txt) or a JSONL file, read and named.

A story that cannot run (no articles) is still listed, with its problem: its own failure, never the batch's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

# Story ids name folders in the output: plain, short, and never a path of their own.
_SAFE_ID = re.compile(r"^[\w][\w .,+=@()-]{0,127}$")


@dataclass(frozen=True)
class Story:
    """One event's articles: paths, or texts (each with a line break, so ingest reads it as text)."""

    id: str
    inputs: tuple[str | Path, ...]
    source: Path  # the folder or JSONL file it came from
    modified: float  # newest modification time among its inputs (seconds since the epoch)
    problem: str | None = None  # why it cannot run (no articles): its own failure, never the batch's


def discover(path: Path) -> list[Story]:
    """Stories in a folder of story folders (each one's *.txt are its articles) or in a .jsonl file."""
    if path.is_dir():
        return _from_dir(path)
    if path.is_file():
        if path.suffix.lower() != ".jsonl":
            raise InputError(f"{path}: is not a .jsonl file or a folder of story folders")
        return _from_jsonl(path)
    raise InputError(f"{path}: no such file or folder")


def _from_dir(root: Path) -> list[Story]:
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise InputError(
            f"{root}: has no story folders; put each story's *.txt articles in a folder of its own"
        )
    stories = []
    for folder in folders:
        _check_id(folder.name, f"{folder}")
        files = sorted(p for p in folder.glob("*.txt") if p.is_file())
        if not files:
            problem = f"{folder}: has no *.txt articles"
            stories.append(Story(folder.name, (), folder, folder.stat().st_mtime, problem))
            continue
        # The folder's own time changes when a file is removed or renamed in it.
        modified = max([folder.stat().st_mtime, *(p.stat().st_mtime for p in files)])
        stories.append(Story(id=folder.name, inputs=tuple(files), source=folder, modified=modified))
    return stories


def _from_jsonl(path: Path) -> list[Story]:
    stories: list[Story] = []
    seen: set[str] = set()
    modified = path.stat().st_mtime
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 (byte offset {e.start})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InputError(f'{where}: expected {{"id": "...", "articles": [{{"name": ..., "text": ...}}]}}')
        story_id = item["id"]
        _check_id(story_id, where)
        if story_id in seen:
            raise InputError(f"{where}: story id {story_id!r} is used twice")
        seen.add(story_id)
        articles = item.get("articles")
        texts: list[str | Path] = []
        problem = None if isinstance(articles, list) and articles else f"{where}: story has no articles"
        for i, article in enumerate(articles if isinstance(articles, list) else [], 1):
            text = article.get("text") if isinstance(article, dict) else None
            if not isinstance(text, str):
                problem = f"{where}: article {i} of the story has no text"
                break
            # A line break marks a string as an article's text, not a path (ingest.load).
            texts.append(text if "\n" in text else text + "\n")
        inputs = tuple(texts) if problem is None else ()
        stories.append(Story(id=story_id, inputs=inputs, source=path, modified=modified, problem=problem))
    if not stories:
        raise InputError(f"{path}: has no stories")
    return stories


def _check_id(story_id: str, where: str) -> None:
    if not _SAFE_ID.match(story_id) or story_id in (".", ".."):
        raise InputError(
            f"{where}: story id {story_id!r} cannot name a report folder; "
            "use letters, digits, '-', '_' or '.'"
        )
