"""Stories as Ray tasks, past one machine: actors on each node, each talking to the endpoint it is given.

Ray is the optional [ray] extra, imported here only, when a batch asks for it. This process (the
driver) settles what needs no model (stories that cannot run, fresh reports) and hands the others,
one at a time, to whichever actor has room. An actor runs its story as `batch` does and sends the
rendered reports back; the driver writes them and, at the end, the index (batch.py). So only the
driver needs the output folder. A folder story's article paths must read the same on every node (a
shared file system); a JSONL story carries its texts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer import offload
from summarizer.batchrun import (
    EventKind,
    Format,
    StoryEvent,
    StoryResult,
    Tally,
    early_event,
    one_line,
    render_reports,
    report_paths,
    settled,
    sharing,
    summarize_story,
    write_rendered,
)
from summarizer.config import Settings
from summarizer.errors import ConfigError, SummarizerError
from summarizer.stories import Story

if TYPE_CHECKING:
    from summarizer.llm import ModelClient

MISSING = "--ray needs Ray, here and on every node of the cluster: pip install 'summarizer[ray]'"

# A story whose actor's process died is run again once on the restarted actor (its reports are
# written whole or not at all, and the cache answers what was already asked); then it fails alone.
RESTARTS = 1

Answer = tuple[StoryResult, dict[str, str], str | None]  # result, rendered reports, why the actor is unusable


def load_ray() -> Any:
    """The `ray` module, or the one line saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ConfigError(MISSING) from None
    return ray


class StoryActor:
    """One process on one node: its stories through one client (one connection pool, cache and server)."""

    def __init__(self, settings: Settings, cwd: str) -> None:
        # Relative paths (a folder story's articles, --cache-dir) read as they did where the batch began.
        with contextlib.suppress(OSError):
            os.chdir(cwd)
        self.settings = settings
        self._opened: asyncio.Future[ModelClient] | None = None
        self._closing = asyncio.Event()
        self._holder: asyncio.Task[None] | None = None

    async def run(self, story: Story, paths: dict[str, Path]) -> Answer:
        """The story summarized here; its reports rendered, not written (the driver writes them)."""
        try:
            client = await self._client()
        except Exception as e:  # the backend cannot start on this node: no story can run here
            why = one_line(str(e) if isinstance(e, SummarizerError) else f"{type(e).__name__}: {e}")
            return StoryResult(id=story.id, status="failed", error=why), {}, why
        rendered: dict[str, str] = {}

        async def render(report: Any) -> None:
            rendered.update(await offload.run(render_reports, report, list(paths)))

        result = await summarize_story(
            story, client.settings, sharing(client), paths, lambda _message: None, render
        )
        return result, rendered, None

    async def close(self) -> None:
        """Close the client (and stop the server it started) before the process goes."""
        self._closing.set()
        if self._holder is not None:
            with contextlib.suppress(Exception):
                await self._holder

    async def _client(self) -> ModelClient:
        if self._opened is None:
            self._opened = asyncio.get_running_loop().create_future()
            self._holder = asyncio.create_task(self._hold(self._opened))
        return await asyncio.shield(self._opened)

    async def _hold(self, opened: asyncio.Future[ModelClient]) -> None:
        # The client lives in a task of its own, across the stories' calls; not deferred, since a
        # story's call must not be the task a backend that fails to start cancels.
        from summarizer.runtime import serving

        try:
            async with serving(self.settings, defer=False) as client:
                opened.set_result(client)
                await self._closing.wait()
        except Exception as e:
            if not opened.done():
                opened.set_exception(e)


async def run_on_ray(
    stories: Sequence[Story],
    settings: Settings,
    out_dir: Path,
    concurrency: int,
    formats: Sequence[Format],
    force: bool,
    tell: Callable[[StoryEvent], None],
    *,
    address: str | None,
    per_node: int,
) -> list[StoryResult]:
    """The stories on Ray (`per_node` actors a node, `concurrency` stories each); each one's result."""
    results: dict[str, StoryResult] = {}
    told = Tally(len(stories), tell)

    pending: list[Story] = []
    for story in stories:
        if (early := settled(story, out_dir, formats, force)) is None:
            pending.append(story)
        else:
            results[story.id] = early
            told(story.id, *early_event(early))
    if pending:  # a re-run with every report fresh starts no Ray at all
        ray = load_ray()
        async with _actors(ray, address, settings, per_node, concurrency, told) as actors:
            ran = await _deal(ray, actors, pending, out_dir, concurrency, formats, told)
        results.update((r.id, r) for r in ran)
    return [results[s.id] for s in stories]


@contextlib.asynccontextmanager
async def _actors(
    ray: Any,
    address: str | None,
    settings: Settings,
    per_node: int,
    concurrency: int,
    told: Callable[[str, EventKind, str], None],
) -> AsyncIterator[list[Any]]:
    """The actors, `per_node` on each node with a CPU; Ray started (and stopped) here if it was not up."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    started = not ray.is_initialized()
    if started:
        _start(ray, address)
    actors: list[Any] = []
    try:
        nodes = [n for n in ray.nodes() if n.get("Alive") and n.get("Resources", {}).get("CPU", 0) >= 1]
        if not nodes:
            raise ConfigError("the Ray cluster has no live node with a CPU to run stories on")
        remote = ray.remote(StoryActor)
        for node in nodes:
            place = NodeAffinitySchedulingStrategy(node["NodeID"], soft=False)
            for _ in range(min(per_node, int(node["Resources"]["CPU"]))):
                actors.append(
                    remote.options(
                        num_cpus=1,
                        max_concurrency=concurrency + 1,  # its stories, and the call that closes it
                        max_restarts=RESTARTS,
                        max_task_retries=RESTARTS,
                        scheduling_strategy=place,
                    ).remote(settings, os.getcwd())
                )
        told("", "note", f"ray: {_count(len(actors), 'actor')} on {_count(len(nodes), 'node')}")
        yield actors
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.gather(*(a.close.remote() for a in actors)), 30)
        if started:  # the actors belong to this driver's job, and end with it
            await asyncio.to_thread(ray.shutdown)
        else:  # Ray is its host's: the actors end here, the instance stays up
            for actor in actors:
                with contextlib.suppress(Exception):
                    ray.kill(actor)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _start(ray: Any, address: str | None) -> None:
    """Ray connected to (or started here), this process's own SIGTERM handler kept."""
    # In the main thread, where Ray can take the signals it wants; the CLI's handler (SIGTERM as ^C, so
    # every with-block, this one's too, unwinds) is put back after.
    kept = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
    try:
        # Workers' output stays in Ray's logs: standard output holds the batch's own lines only.
        ray.init(address=address, log_to_driver=False)
    except ConnectionError as e:
        where = address or "RAY_ADDRESS"
        raise ConfigError(f"--ray: no Ray cluster at {where}: {one_line(str(e))}") from None
    finally:
        if kept is not None:
            signal.signal(signal.SIGTERM, kept)


async def _deal(
    ray: Any,
    actors: list[Any],
    stories: Sequence[Story],
    out_dir: Path,
    concurrency: int,
    formats: Sequence[Format],
    told: Callable[[str, EventKind, str], None],
) -> list[StoryResult]:
    """Each story to an actor with room, as rooms free up; each report written here as it returns."""
    free: asyncio.Queue[int] = asyncio.Queue()
    for _ in range(concurrency):
        for k in range(len(actors)):
            free.put_nowait(k)
    live = set(range(len(actors)))
    gone = "no actor is left to run it"

    def retire(k: int, why: str) -> None:
        nonlocal gone
        live.discard(k)
        if not live:
            gone = why
            free.put_nowait(-1)  # wakes the stories still waiting, one after another

    async def one(story: Story) -> StoryResult:
        paths = report_paths(out_dir, story.id, formats)
        while True:
            k = await free.get()
            if k < 0:
                free.put_nowait(k)
                result = StoryResult(id=story.id, status="failed", error=one_line(gone))
                break
            if k not in live:
                continue
            told(story.id, "start", f"{len(story.inputs)} articles")
            try:
                result, rendered, unusable = await actors[k].run.remote(story, paths)
            except ray.exceptions.RayActorError as e:  # its process died, and died again once restarted
                retire(k, f"ray: {type(e).__name__}: {e}")
                result = StoryResult(id=story.id, status="failed", error=one_line(f"ray: {e}"))
                break
            except ray.exceptions.RayError as e:
                free.put_nowait(k)
                result = StoryResult(id=story.id, status="failed", error=one_line(f"ray: {e}"))
                break
            if unusable is not None:  # its node's backend cannot start: the story goes to another actor
                retire(k, unusable)
                continue
            free.put_nowait(k)
            if rendered:
                try:
                    await offload.run(write_rendered, rendered, paths)
                except SummarizerError as e:
                    result = StoryResult(id=story.id, status="failed", error=one_line(str(e)))
            break
        if result.status == "failed":
            told(story.id, "failed", result.error or "failed")
        else:
            told(story.id, "done", f"{result.conflicts} conflicts, {result.failed_checks} failed checks")
        return result

    return list(await asyncio.gather(*(one(s) for s in stories)))
