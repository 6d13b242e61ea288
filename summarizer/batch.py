"""Many stories at once: discover them, run the pipeline on each (bounded), write reports and an index.

A story is a folder of article files, or one line of a JSONL file. Stories run concurrently up to a
limit, on top of each story's own per-article concurrency; one story failing never stops the others,
it is listed in the index with its one-line error. Re-runs are cheap twice over: the call cache
answers every model call already made, and a story whose complete report is newer than its inputs is
not run at all (unless forced).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import multiprocessing
import re
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import jinja2

from summarizer import offload
from summarizer.config import SERVER, Settings
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.files import write_atomic
from summarizer.models import Report
from summarizer.render import to_json, to_markdown

if TYPE_CHECKING:
    from summarizer.llm import ModelClient

Format = Literal["json", "md", "html"]
FORMATS: tuple[Format, ...] = ("json", "md", "html")
Status = Literal["ok", "partial", "failed", "skipped"]
EventKind = Literal["start", "note", "done", "failed", "skipped"]

# Story ids name folders in the output: plain, short, and never a path of their own.
_SAFE_ID = re.compile(r"^[\w][\w .,+=@()-]{0,127}$")
INDEX_JSON = "index.json"
INDEX_HTML = "index.html"


@dataclass(frozen=True)
class Story:
    """One event's articles: paths, or texts (each with a line break, so ingest reads it as text)."""

    id: str
    inputs: tuple[str | Path, ...]
    source: Path  # the folder or JSONL file it came from
    modified: float  # newest modification time among its inputs (seconds since the epoch)
    problem: str | None = None  # why it cannot run (no articles): its own failure, never the batch's


@dataclass(frozen=True)
class StoryEvent:
    """Progress across stories: one story started, said something, or finished (done of total so far)."""

    story_id: str
    kind: EventKind
    message: str
    done: int
    total: int


@dataclass
class StoryResult:
    """What became of one story: its report files, or its one-line error, and the report's counts."""

    id: str
    status: Status
    report_path: Path | None = None  # the JSON report
    paths: dict[str, Path] = field(default_factory=dict)  # format → file
    error: str | None = None
    articles: int = 0
    claims_verified: int = 0
    conflicts: int = 0
    single_source: int = 0
    failed_checks: int = 0
    failures: int = 0  # articles (or the merge) that failed inside an otherwise written report
    seconds: float = 0.0


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


class StoryRunner(Protocol):
    """How one story is summarized; `pipeline.asummarize` (or a partial of it sharing one client)."""

    def __call__(
        self, inputs: Sequence[str | Path], settings: Settings, *, progress: Callable[[str], None]
    ) -> Awaitable[Report]: ...


# --- discovery ------------------------------------------------------------------------------------


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


# --- running --------------------------------------------------------------------------------------


def report_paths(out_dir: Path, story_id: str, formats: Sequence[Format]) -> dict[str, Path]:
    """Where a story's reports go: OUT/<id>/report.<ext>, JSON always (the index reads its counts)."""
    folder = out_dir / story_id
    return {fmt: folder / f"report.{fmt}" for fmt in dict.fromkeys(["json", *formats])}


def is_fresh(story: Story, out_dir: Path, formats: Sequence[Format]) -> Report | None:
    """The existing report when every requested file is newer than the story's inputs and it is complete."""
    paths = report_paths(out_dir, story.id, formats)
    try:
        if any(p.stat().st_mtime <= story.modified for p in paths.values()):
            return None
        report = Report.model_validate_json(paths["json"].read_bytes())
    except (OSError, ValueError):
        return None
    # A partial report is redone: the calls that worked come from the cache, the rest are tried again.
    return None if report.failures else report


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
) -> BatchResult:
    """Summarize every story (at most `concurrency` at once), write its reports, then the index.

    The stories share one backend and one HTTP client; `runner` replaces both (tests, other pipelines).
    With `workers` > 1 the stories are dealt to that many processes, each with `concurrency` stories
    at once and its own client, all sharing the one backend and the cache file.
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
    if runner is not None:
        results = await _stories(stories, settings, out_dir, concurrency, formats, force, tell, runner)
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
                served = client.settings
                if served.base_url:
                    served = served.with_(backend=SERVER)
                results = await _sharded(stories, served, out_dir, concurrency, formats, force, tell, workers)
            else:
                results = await _stories(
                    stories, client.settings, out_dir, concurrency, formats, force, tell, _sharing(client)
                )
    index_json, index_html = write_index(results, out_dir, model=model)
    return BatchResult(stories=results, index_json=index_json, index_html=index_html)


def _sharing(client: ModelClient) -> StoryRunner:
    """A story runner on one shared client (and so one connection pool and one cache)."""
    from summarizer.pipeline import asummarize

    def shared(
        inputs: Sequence[str | Path], settings: Settings, *, progress: Callable[[str], None]
    ) -> Awaitable[Report]:
        return asummarize(inputs, settings, progress=progress, client=client)

    return shared


async def _stories(
    stories: Sequence[Story],
    settings: Settings,
    out_dir: Path,
    concurrency: int,
    formats: Sequence[Format],
    force: bool,
    tell: Callable[[StoryEvent], None],
    runner: StoryRunner,
    finished_one: Callable[[StoryResult], None] = lambda _result: None,
) -> list[StoryResult]:
    """Every story at most `concurrency` at once, each one's reports written; one failure stops none."""
    gate = asyncio.Semaphore(concurrency)
    total = len(stories)
    finished = 0

    def event(story_id: str, kind: EventKind, message: str) -> None:
        tell(StoryEvent(story_id=story_id, kind=kind, message=message, done=finished, total=total))

    async def one(story: Story) -> StoryResult:
        nonlocal finished
        if story.problem is not None:  # found when the stories were read: this story's failure alone
            finished += 1
            failed = StoryResult(id=story.id, status="failed", error=story.problem)
            finished_one(failed)
            event(story.id, "failed", story.problem)
            return failed
        paths = report_paths(out_dir, story.id, formats)
        if not force and (old := is_fresh(story, out_dir, formats)) is not None:
            finished += 1
            event(story.id, "skipped", "report is newer than its inputs")
            return _result(story.id, "skipped", old, paths, 0.0)
        async with gate:
            event(story.id, "start", f"{len(story.inputs)} articles")
            started = time.perf_counter()
            try:
                report = await runner(
                    story.inputs, settings, progress=lambda msg: event(story.id, "note", msg)
                )
                await offload.run(write_reports, report, paths)
            except SummarizerError as e:
                outcome = StoryResult(id=story.id, status="failed", error=_one_line(str(e)))
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as e:  # a bug in one story must not lose the others' reports
                outcome = StoryResult(
                    id=story.id, status="failed", error=_one_line(f"internal error: {type(e).__name__}: {e}")
                )
            else:
                status: Status = "partial" if report.failures else "ok"
                outcome = _result(story.id, status, report, paths, time.perf_counter() - started)
            outcome.seconds = round(time.perf_counter() - started, 3)
        finished += 1
        finished_one(outcome)
        if outcome.status == "failed":
            event(story.id, "failed", outcome.error or "failed")
        else:
            event(story.id, "done", f"{outcome.conflicts} conflicts, {outcome.failed_checks} failed checks")
        return outcome

    return list(await asyncio.gather(*(one(s) for s in stories)))


# --- many processes -------------------------------------------------------------------------------
# One process reads, checks and aligns under one GIL: with many stories at once its CPU, not the model,
# sets the pace (BENCHMARKS.md, §4). Worker processes take shares of the stories; each runs them as one
# process would, writes their reports, and sends its events back on a queue.

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
            return await _stories(
                stories,
                client.settings,
                out_dir,
                concurrency,
                formats,
                force,
                _worker_tell,
                _sharing(client),
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


async def _sharded(
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
    # "spawn": a fork of a process with an event loop and threads may inherit a held lock.
    ctx = multiprocessing.get_context("spawn")
    events = ctx.Queue()
    total = len(stories)
    finished = 0
    arrived: dict[str, StoryResult] = {}

    def told(story_id: str, kind: EventKind, message: str) -> None:
        nonlocal finished
        if kind in ("done", "failed", "skipped"):
            finished += 1
        with contextlib.suppress(Exception):  # a failing progress display must not stop the relay
            tell(StoryEvent(story_id, kind, message, finished, total))

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
        why = _one_line(f"worker process failed: {type(answer).__name__}: {answer}")
        for story in shard:
            if story.id in arrived:
                results[story.id] = arrived[story.id]
            else:
                results[story.id] = StoryResult(id=story.id, status="failed", error=why)
                told(story.id, "failed", why)
    return [results[s.id] for s in stories]


def run_batch_sync(
    stories: Sequence[Story], settings: Settings, out_dir: Path, **options: Any
) -> BatchResult:
    """`run_batch` for callers without an event loop (the CLI)."""
    return offload.drive(run_batch(stories, settings, out_dir, **options))


def _result(
    story_id: str, status: Status, report: Report, paths: dict[str, Path], seconds: float
) -> StoryResult:
    return StoryResult(
        id=story_id,
        status=status,
        report_path=paths["json"],
        paths=paths,
        articles=len(report.articles),
        claims_verified=sum(c.verified for c in report.claims),
        conflicts=len(report.conflicts),
        single_source=len(report.single_source),
        failed_checks=sum(not c.passed for c in report.checks),
        failures=len(report.failures),
        seconds=round(seconds, 3),
    )


def _one_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no detail"
    return line if len(line) <= 300 else line[:299] + "…"


# --- writing --------------------------------------------------------------------------------------


def write_reports(report: Report, paths: dict[str, Path]) -> None:
    """Render and write each format atomically (temp file, then rename); JSON last, as the freshness mark."""
    rendered: dict[str, str] = {}
    for fmt in paths:
        if fmt == "md":
            rendered[fmt] = to_markdown(report)
        elif fmt == "html":
            from summarizer.html import to_html  # type: ignore[import-not-found,import-untyped,unused-ignore]

            rendered[fmt] = str(to_html(report))
    rendered["json"] = to_json(report)
    for fmt, text in rendered.items():
        _write_atomic(paths[fmt], text)


def _write_atomic(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as e:
        raise ConfigError(f"{path}: cannot write the report ({e.strerror or e})") from None


def index_data(results: Sequence[StoryResult], out_dir: Path, *, model: str | None) -> dict[str, Any]:
    """The index as plain data: one entry per story with its counts and report links (relative)."""
    stories = []
    for r in results:
        entry = asdict(r)
        entry["report_path"] = _rel(r.report_path, out_dir)
        entry["paths"] = {fmt: _rel(p, out_dir) for fmt, p in r.paths.items()}
        stories.append(entry)
    totals = {
        "stories": len(results),
        **{
            status: sum(r.status == status for r in results)
            for status in ("ok", "partial", "failed", "skipped")
        },
        "conflicts": sum(r.conflicts for r in results),
        "single_source": sum(r.single_source for r in results),
        "failed_checks": sum(r.failed_checks for r in results),
    }
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": model,
        "totals": totals,
        "stories": stories,
    }


def write_index(results: Sequence[StoryResult], out_dir: Path, *, model: str | None) -> tuple[Path, Path]:
    """Write index.json and index.html (self-contained, autoescaped) into `out_dir`."""
    data = index_data(results, out_dir, model=model)
    json_path, html_path = out_dir / INDEX_JSON, out_dir / INDEX_HTML
    _write_atomic(json_path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    _write_atomic(html_path, _templates().get_template("index.html.j2").render(**data))
    return json_path, html_path


def _rel(path: Path | None, out_dir: Path) -> str | None:
    if path is None:
        return None
    try:
        return path.relative_to(out_dir).as_posix()
    except ValueError:
        return str(path)


def _templates() -> jinja2.Environment:
    # HTML autoescaped: story ids and error lines come from user files and servers.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
