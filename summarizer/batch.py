"""Many stories at once: discover them, run the pipeline on each (bounded), write reports and an index.

A story is a folder of article files, or one line of a JSONL file. Stories run concurrently up to a
limit, on top of each story's own per-article concurrency; one story failing never stops the others,
it is listed in the index with its one-line error. Re-runs are cheap twice over: the call cache
answers every model call already made, and a story whose complete report is newer than its inputs is
not run at all (unless forced).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer import offload
from summarizer.batchindex import INDEX_HTML, INDEX_JSON, index_data, write_index
from summarizer.batchrun import (
    FORMATS,
    EventKind,
    Format,
    Status,
    StoryEvent,
    StoryResult,
    StoryRunner,
    is_fresh,
    report_paths,
    run_stories,
    sharing,
    write_reports,
)
from summarizer.config import SERVER, Settings
from summarizer.errors import ConfigError, InputError
from summarizer.shards import deal, run_shards
from summarizer.stories import Story, discover

# The batch's surface, wherever each part is made.
__all__ = [
    "FORMATS",
    "INDEX_HTML",
    "INDEX_JSON",
    "BatchResult",
    "EventKind",
    "Format",
    "Status",
    "Story",
    "StoryEvent",
    "StoryResult",
    "StoryRunner",
    "deal",
    "discover",
    "index_data",
    "is_fresh",
    "report_paths",
    "run_batch",
    "run_batch_sync",
    "write_index",
    "write_reports",
]


@dataclass
class BatchResult:
    """Every story's result plus where the index went."""

    stories: list[StoryResult]
    index_json: Path
    index_html: Path

    @property
    def failed(self) -> list[StoryResult]:
        """Stories with no report, or whose report lists a failure."""
        return [s for s in self.stories if s.status in ("failed", "partial")]

    @property
    def exit_code(self) -> int:
        """0 all written; 1 every story failed; 3 some failed or are partial (as for one story's run)."""
        if self.stories and all(s.status == "failed" for s in self.stories):
            return 1
        return 3 if self.failed else 0


async def run_batch(
    stories: Sequence[Story],
    settings: Settings,
    out_dir: Path,
    *,
    concurrency: int = 2,
    formats: Sequence[Format] = ("json", "md"),
    force: bool = False,
    progress: Callable[[StoryEvent], None] | None = None,
    runner: StoryRunner | None = None,
    workers: int = 1,
    ray: bool | str = False,
) -> BatchResult:
    """Summarize every story (at most `concurrency` at once), write its reports, then the index.

    The stories share one backend and one HTTP client; `runner` replaces both (tests, other pipelines).
    With `workers` > 1 the stories are dealt to that many processes, each with `concurrency` stories
    at once and its own client, all sharing the one backend and the cache file. With `ray` they run on
    a Ray cluster instead (summarizer/rayrun.py): True for Ray's default (RAY_ADDRESS, else a cluster
    started on this machine, else a new local one), or its address ("auto", "local", "ray://head:10001");
    `workers` processes on each node, each with `concurrency` stories and a client of its own for the
    settings' endpoint.
    """
    if concurrency < 1:
        raise ConfigError("story concurrency must be at least 1")
    if workers < 1:
        raise ConfigError("workers must be at least 1")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ConfigError(f"unknown report format {unknown[0]!r}: use {', '.join(FORMATS)}")
    ids = [s.id for s in stories]
    if len(set(ids)) != len(ids):
        raise InputError(f"story ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"{out_dir}: cannot create the output folder ({e.strerror or e})") from None

    tell = progress or (lambda _event: None)
    if ray is not False and runner is not None:
        raise ConfigError("a story runner runs in this process; it cannot be sent to Ray")
    if ray is not False:
        from summarizer.rayrun import run_on_ray
        from summarizer.runtime import scorer_for

        # The driver starts no backend: each node's actors reach the endpoint (or start the server) given.
        await asyncio.to_thread(scorer_for, settings)
        address = ray if isinstance(ray, str) and ray else None
        results = await run_on_ray(
            stories, settings, out_dir, concurrency, formats, force, tell, address=address, per_node=workers
        )
        model = settings.model
    elif runner is not None:
        results = await run_stories(stories, settings, out_dir, concurrency, formats, force, tell, runner)
        model = settings.model
    else:
        # One backend (one model server, if it runs its own) and one cache for every story.
        from summarizer.runtime import scorer_for, serving

        # Checked (and loaded) once, before the backend starts: a scorer that cannot load is one line,
        # not the same failure for every story.
        await asyncio.to_thread(scorer_for, settings)

        def note(message: str) -> None:
            tell(StoryEvent(story_id="", kind="note", message=message, done=0, total=len(stories)))

        sharded = workers > 1 and len(stories) > 1
        # Workers reach the parent's server by its address, so a server of its own is up before they start.
        async with serving(settings, note, defer=not sharded) as client:
            model = client.settings.model
            if sharded:
                # The parent keeps the backend (a local model server starts once); the workers reach it
                # as a plain server at the URL it resolved to, or each would start a server of its own.
                results = await run_shards(
                    stories, for_workers(client.settings), out_dir, concurrency, formats, force, tell, workers
                )
            else:
                results = await run_stories(
                    stories, client.settings, out_dir, concurrency, formats, force, tell, sharing(client)
                )
    index_json, index_html = write_index(results, out_dir, model=model)
    return BatchResult(stories=results, index_json=index_json, index_html=index_html)


def run_batch_sync(
    stories: Sequence[Story], settings: Settings, out_dir: Path, **options: Any
) -> BatchResult:
    """`run_batch` for callers without an event loop (the CLI)."""
    return offload.drive(run_batch(stories, settings, out_dir, **options))


def for_workers(settings: Settings) -> Settings:
    """The parent's settings as its workers reach its server: a plain server at the URL it resolved to,
    with the bundled model's own defaults kept (repair and restatement off), or each would start a server
    of its own."""
    if not settings.base_url:
        return settings
    return settings.with_(backend=SERVER, repair=settings.repairing, restate=settings.restating)
