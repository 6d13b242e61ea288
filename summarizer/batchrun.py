"""One process's stories: each summarized (at most so many at once), its reports written, its result told."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from summarizer import offload
from summarizer.config import Settings
from summarizer.errors import ConfigError, SummarizerError
from summarizer.files import write_atomic
from summarizer.models import Report
from summarizer.render import to_json, to_markdown
from summarizer.stories import Story

if TYPE_CHECKING:
    from summarizer.llm import ModelClient

Format = Literal["json", "md", "html"]
FORMATS: tuple[Format, ...] = ("json", "md", "html")
Status = Literal["ok", "partial", "failed", "skipped"]
EventKind = Literal["start", "note", "done", "failed", "skipped"]


@dataclass(frozen=True)
class StoryEvent:
    """Progress across stories: one story started, said something, or finished (done of total so far)."""

    story_id: str
    kind: EventKind
    message: str
    done: int
    total: int


class Tally:
    """Tells each event with how many of `total` stories have finished (done, failed or skipped) so far."""

    def __init__(self, total: int, tell: Callable[[StoryEvent], None], *, guarded: bool = False) -> None:
        self.total, self.tell, self.guarded, self.finished = total, tell, guarded, 0

    def __call__(self, story_id: str, kind: EventKind, message: str) -> None:
        """Count a story that finished, then tell the event."""
        if kind in ("done", "failed", "skipped"):
            self.finished += 1
        try:
            self.tell(StoryEvent(story_id, kind, message, self.finished, self.total))
        except Exception:
            if not self.guarded:
                raise
            # guarded: a failing progress display must not stop a relay of other processes' events


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


class StoryRunner(Protocol):
    """How one story is summarized; `pipeline.asummarize` (or a partial of it sharing one client)."""

    def __call__(
        self, inputs: Sequence[str | Path], settings: Settings, *, progress: Callable[[str], None]
    ) -> Awaitable[Report]: ...


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


def settled(story: Story, out_dir: Path, formats: Sequence[Format], force: bool) -> StoryResult | None:
    """A story's result without running it: failed (its problem, found when read), or skipped (fresh)."""
    if story.problem is not None:  # its failure alone, never the batch's
        return StoryResult(id=story.id, status="failed", error=story.problem)
    if not force and (old := is_fresh(story, out_dir, formats)) is not None:
        return result_of(story.id, "skipped", old, report_paths(out_dir, story.id, formats), 0.0)
    return None


def early_event(result: StoryResult) -> tuple[EventKind, str]:
    """The event a settled story is told with."""
    if result.status == "failed":
        return "failed", result.error or "failed"
    return "skipped", "report is newer than its inputs"


def sharing(client: ModelClient) -> StoryRunner:
    """A story runner on one shared client (and so one connection pool and one cache)."""
    from summarizer.pipeline import asummarize

    def shared(
        inputs: Sequence[str | Path], settings: Settings, *, progress: Callable[[str], None]
    ) -> Awaitable[Report]:
        return asummarize(inputs, settings, progress=progress, client=client)

    return shared


async def run_stories(
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
    event = Tally(len(stories), tell)

    async def one(story: Story) -> StoryResult:
        if (early := settled(story, out_dir, formats, force)) is not None:
            finished_one(early)
            event(story.id, *early_event(early))
            return early
        paths = report_paths(out_dir, story.id, formats)
        async with gate:
            event(story.id, "start", f"{len(story.inputs)} articles")
            outcome = await summarize_story(
                story,
                settings,
                runner,
                paths,
                lambda msg: event(story.id, "note", msg),
                lambda report: offload.run(write_reports, report, paths),
            )
        finished_one(outcome)
        if outcome.status == "failed":
            event(story.id, "failed", outcome.error or "failed")
        else:
            event(story.id, "done", f"{outcome.conflicts} conflicts, {outcome.failed_checks} failed checks")
        return outcome

    with offload.fewer_collections():
        return list(await asyncio.gather(*(one(s) for s in stories)))


async def summarize_story(
    story: Story,
    settings: Settings,
    runner: StoryRunner,
    paths: dict[str, Path],
    progress: Callable[[str], None],
    deliver: Callable[[Report], Awaitable[object]],
) -> StoryResult:
    """One story through `runner`, its report handed to `deliver` (written, or rendered to send back)."""
    started = time.perf_counter()
    try:
        report = await runner(story.inputs, settings, progress=progress)
        await deliver(report)
    except SummarizerError as e:
        outcome = StoryResult(id=story.id, status="failed", error=one_line(str(e)))
    except (asyncio.CancelledError, KeyboardInterrupt):
        raise
    except Exception as e:  # a bug in one story must not lose the others' reports
        outcome = StoryResult(
            id=story.id, status="failed", error=one_line(f"internal error: {type(e).__name__}: {e}")
        )
    else:
        status: Status = "partial" if report.failures else "ok"
        outcome = result_of(story.id, status, report, paths, time.perf_counter() - started)
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def result_of(
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


def one_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no detail"
    return line if len(line) <= 300 else line[:299] + "…"


def write_reports(report: Report, paths: dict[str, Path]) -> None:
    """Render and write each format atomically (temp file, then rename); JSON last, as the freshness mark."""
    write_rendered(render_reports(report, list(paths)), paths)


def render_reports(report: Report, formats: Sequence[str]) -> dict[str, str]:
    """The report in each format, JSON last (written last, as the freshness mark)."""
    rendered: dict[str, str] = {}
    for fmt in formats:
        if fmt == "md":
            rendered[fmt] = to_markdown(report)
        elif fmt == "html":
            from summarizer.html import to_html  # type: ignore[import-not-found,import-untyped,unused-ignore]

            rendered[fmt] = str(to_html(report))
    rendered["json"] = to_json(report)
    return rendered


def write_rendered(rendered: dict[str, str], paths: dict[str, Path]) -> None:
    """Each rendered format to its path, atomically and in the order given."""
    for fmt, text in rendered.items():
        write_file(paths[fmt], text)


def write_file(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as e:
        raise ConfigError(f"{path}: cannot write the report ({e.strerror or e})") from None
