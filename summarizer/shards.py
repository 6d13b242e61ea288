"""Many processes: worker processes take shares of a batch's stories and send their events back.

One process reads, checks and aligns under one GIL: with many stories at once its CPU, not the model,
sets the pace (BENCHMARKS.md, §4). Each worker runs its stories as one process would, writes their
reports, and sends its events back on a queue.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from summarizer import offload
from summarizer.batchrun import (
    Format,
    StoryEvent,
    StoryResult,
    Tally,
    one_line,
    run_stories,
    sharing,
)
from summarizer.config import Settings
from summarizer.stories import Story

_EVENTS: Any = None  # the queue of a worker process, set when the process starts


def _start_worker(events: Any) -> None:
    global _EVENTS
    _EVENTS = events
    # A worker exits without waiting for its queue to drain: a parent gone or a reader stuck must not
    # hold it, and what it did matters only as written reports.
    events.cancel_join_thread()
    # The process is ours, started for this work: what its imports built (the whole stack, imported with
    # this module) lives as long as it does, so the collector's full passes need not walk it again.
    gc.freeze()


def _worker_tell(event: StoryEvent) -> None:
    if event.kind != "note":  # notes stay in the worker: the parent shows stories, not stages
        _EVENTS.put(event)


def _worker_result(result: StoryResult) -> None:
    _EVENTS.put(result)  # each story's result as it is written, so a later death cannot lose it


def _shard(
    stories: list[Story],
    settings: Settings,
    out_dir: Path,
    concurrency: int,
    formats: Sequence[Format],
    force: bool,
) -> list[StoryResult]:
    """Run in a worker process: these stories through one client, reports written, no index."""
    from summarizer.runtime import serving

    async def go() -> list[StoryResult]:
        async with serving(settings, lambda _message: None) as client:
            return await run_stories(
                stories,
                client.settings,
                out_dir,
                concurrency,
                formats,
                force,
                _worker_tell,
                sharing(client),
                _worker_result,
            )

    return offload.drive(go())


def deal(stories: Sequence[Story], shards: int) -> list[list[Story]]:
    """Stories dealt to `shards` lists of about equal work: the longest first, each to the lightest."""

    def size(story: Story) -> int:
        return sum(len(str(i)) if not isinstance(i, Path) else _size(i) for i in story.inputs)

    out: list[list[Story]] = [[] for _ in range(shards)]
    loads = [0] * shards
    for story in sorted(stories, key=size, reverse=True):
        k = loads.index(min(loads))
        out[k].append(story)
        loads[k] += size(story)
    return [shard for shard in out if shard]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


async def run_shards(
    stories: Sequence[Story],
    settings: Settings,
    out_dir: Path,
    concurrency: int,
    formats: Sequence[Format],
    force: bool,
    tell: Callable[[StoryEvent], None],
    workers: int,
    work: Callable[..., list[StoryResult]] = _shard,
) -> list[StoryResult]:
    """The stories dealt to `workers` processes, their events relayed to `tell`; each story's result."""
    # "spawn": a fork of a process with an event loop and threads may inherit a held lock.
    ctx = multiprocessing.get_context("spawn")
    events = ctx.Queue()
    arrived: dict[str, StoryResult] = {}
    told = Tally(len(stories), tell, guarded=True)

    def relay() -> None:
        while (item := events.get()) is not None:
            if isinstance(item, StoryResult):
                arrived[item.id] = item
            else:
                told(item.story_id, item.kind, item.message)

    listener = threading.Thread(target=relay, name="batch-events", daemon=True)
    listener.start()
    shards = deal(stories, workers)
    loop = asyncio.get_running_loop()
    # One pool per worker: a process that dies breaks its own pool only, not its neighbours' work.
    pools = [
        ProcessPoolExecutor(1, mp_context=ctx, initializer=_start_worker, initargs=(events,)) for _ in shards
    ]
    try:
        futures = [
            loop.run_in_executor(pool, work, shard, settings, out_dir, concurrency, formats, force)
            for pool, shard in zip(pools, shards, strict=True)
        ]
        answers = await asyncio.gather(*futures, return_exceptions=True)
    finally:
        for pool in pools:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
        events.put(None)
        await asyncio.to_thread(listener.join, 10)
    results: dict[str, StoryResult] = {}
    for shard, answer in zip(shards, answers, strict=True):
        if not isinstance(answer, BaseException):
            results.update((r.id, r) for r in answer)
            continue
        # A worker that died loses only its stories not yet written; the ones it finished stand.
        why = one_line(f"worker process failed: {type(answer).__name__}: {answer}")
        for story in shard:
            if story.id in arrived:
                results[story.id] = arrived[story.id]
            else:
                results[story.id] = StoryResult(id=story.id, status="failed", error=why)
                told(story.id, "failed", why)
    return [results[s.id] for s in stories]
