"""What the commands do once their arguments are read: settings, the run, output, progress, exit codes.

cli.py (the one module that knows Typer) parses the arguments, calls these and leaves with the exit code
they give; every line meant for the user's terminal goes through the `say` (or `tell`) it passes in.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.progress import DownloadColumn, Progress

from summarizer import backends, offload
from summarizer.annotations import load_loaded_spans
from summarizer.baseline import summarize_baseline
from summarizer.batch import BatchResult, Story, StoryEvent, run_batch_sync
from summarizer.cache import CallCache
from summarizer.check import check, rejudge
from summarizer.config import LOCAL, Settings
from summarizer.engines import choose_engine
from summarizer.errors import ConfigError, InputError, OutputError
from summarizer.evaluate import gold_problems, load_gold, score
from summarizer.files import write_atomic
from summarizer.gold import Scores
from summarizer.html import to_html
from summarizer.judge import ModelJudge
from summarizer.local import local_server
from summarizer.models import Report
from summarizer.pipeline import summarize
from summarizer.render import to_json, to_markdown
from summarizer.runtime import open_cache, serving
from summarizer.verify import verify
from summarizer.weights import assemble

EXIT_BACKEND = 1
EXIT_PARTIAL = 3
EXIT_CHECKS_FAILED = 4

Say = Callable[[str], None]  # one line for the user (the CLI's echo)

# A placeholder the replayed client is pointed at; vcrpy answers before any connection is made.
_REPLAY_URL = "http://127.0.0.1:9/v1"


class Format(StrEnum):
    """Output formats."""

    md = "md"
    json = "json"
    html = "html"


class ScorerChoice(StrEnum):
    """How claims are paired across articles."""

    lexical = "lexical"
    embed = "embed"


class ModeChoice(StrEnum):
    """How structured output is requested from the server."""

    tools = "tools"
    json_schema = "json_schema"
    json = "json"


# --- the commands' work ---------------------------------------------------------------------------


def run(
    files: Sequence[Path], settings: Settings, *, record: Path | None, replay: Path | None, quiet: bool
) -> Report:
    """`run`: the pipeline over the files, its progress on stderr when stdout is a terminal."""
    console = Console(stderr=True)
    show = not quiet and sys.stdout.isatty()
    progress = (lambda msg: console.log(msg)) if show else None
    if settings.backend == LOCAL:
        backends.get(LOCAL).check(settings)  # the one line saying how to install it, not a traceback
        assemble_model(console, show)  # before the run, so its progress bar is the CLI's to draw
    with tape(record, replay, settings):
        return summarize(list(files), settings, progress=progress)


def run_exit(report: Report, settings: Settings, *, strict: bool, say: Say) -> int:
    """A run's exit code, each failure said: 1 the model answered nothing, 3 partial, 4 strict and failed."""
    if report.failures:
        say_failures(report, say)
        if model_answered_nothing(report):
            say(
                f"error: the model failed on every call at {settings.where}; "
                "the report holds what code found from the articles alone"
            )
            return EXIT_BACKEND
        return EXIT_PARTIAL
    if strict and not report.passed:
        return EXIT_CHECKS_FAILED
    return 0


def baseline(
    files: Sequence[Path], settings: Settings, *, record: Path | None, replay: Path | None
) -> Report:
    """`baseline`: the one-shot summary, verified."""
    with tape(record, replay, settings):
        return summarize_baseline(list(files), settings)


def reverify(
    report: Report, settings: Settings | None, *, record: Path | None, replay: Path | None
) -> Report:
    """`verify`: the checks again, with a model judge when there are settings, else by code alone."""
    if settings is not None:
        with tape(record, replay, settings):
            return offload.drive(_rejudged(report, settings))
    # Read from a file: what the articles decide is recomputed, and no stored score passes a thing.
    return verify(report, recompute=True, trust_scores=False)


def verify_exit(report: Report, checked: Report, say: Say) -> int:
    """3 when the judge failed (the backend's fault), 4 when a check failed, else 0."""
    if len(checked.failures) > len(report.failures):
        say_failures(checked.model_copy(update={"failures": checked.failures[len(report.failures) :]}), say)
        return EXIT_PARTIAL
    return 0 if checked.passed else EXIT_CHECKS_FAILED


async def _rejudged(report: Report, settings: Settings) -> Report:
    async with serving(settings) as client:
        return await rejudge(report, ModelJudge(client, model=settings.judge_model))


def check_draft(
    draft: Path,
    sources: Sequence[Path],
    settings: Settings | None,
    *,
    record: Path | None,
    replay: Path | None,
    say: Say,
) -> Report:
    """`check`: the draft against its sources; by code alone when no judge is asked or none is installed."""
    if settings is not None:
        try:
            backends.get(settings.backend).check(settings)
        except ConfigError as e:
            # The judge is a second reader; without a backend, code still reads every sentence.
            say(f"note: no model judge ({e}); checking by code alone")
            settings = None
    with tape(record, replay, settings) if settings else nullcontext():
        return check(draft, list(sources), settings)


def batch(
    found: list[Story],
    settings: Settings,
    out: Path,
    *,
    formats: tuple[str, ...],
    story_concurrency: int,
    workers: int,
    force: bool,
    quiet: bool,
    ray: str | None = None,
) -> BatchResult:
    """`batch`: every story, with a progress bar of stories on stderr when it is a terminal.

    `ray` is --ray's address: None without it, "" when given alone (Ray's default address).
    """
    console = Console(stderr=True)
    show = not quiet and sys.stderr.isatty()
    if settings.backend == LOCAL and ray is None:  # on Ray each node checks and assembles its own
        backends.get(LOCAL).check(settings)
        assemble_model(console, show)
    with Progress(*Progress.get_default_columns(), console=console, transient=True, disable=not show) as bar:
        task = bar.add_task("stories", total=len(found))

        def tick(event: StoryEvent) -> None:
            if event.kind in ("done", "failed", "skipped"):
                bar.update(task, completed=event.done, description=f"{event.story_id}: {event.kind}")
                if event.kind == "failed":
                    console.print(f"{event.story_id}: {event.message}")

        return run_batch_sync(
            found,
            settings,
            out,
            concurrency=story_concurrency,
            formats=formats,
            force=force,
            progress=tick,
            workers=workers,
            ray=False if ray is None else (ray or True),
        )


def evaluate(report_path: Path, gold_path: Path, *, annotations: Path | None = None) -> Scores:
    """`eval`: a report's scores against a gold annotation that fits it (and loaded words, if annotated)."""
    report = read_report(report_path)
    gold = load_gold(gold_path)
    problems = gold_problems(report, gold)
    if problems:  # each would count as a miss the report never made
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{gold_path}: does not fit {report_path}: {problems[0]}{more}")
    loaded = load_loaded_spans(annotations, report.articles) if annotations is not None else None
    return score(report, gold, loaded=loaded)


def serve(port: int | None, tell: Say) -> None:
    """`serve`: the bundled model on a loopback port until Ctrl-C."""
    console = Console(stderr=True)
    model = assemble_model(console, show=True)
    engine = choose_engine()
    console.log(f"starting the local model server ({engine})…")
    with local_server(model, port=port, engine=engine) as server:
        tell(f"serving on {server.base_url} (pid {server.pid}); Ctrl-C stops it")
        # By URL the bundled model is a server to the run: these flags run it as the local backend does.
        tell(f"use: summarizer FILES --base-url {server.base_url} --no-repair --no-restate")
        try:
            while server.running:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


def cache_store(cache_dir: Path | None) -> CallCache:
    """The answer cache at `cache_dir`, else $SUMMARIZER_CACHE_DIR, else the user cache."""
    resolved = cache_dir or (
        Path(os.environ["SUMMARIZER_CACHE_DIR"]) if os.environ.get("SUMMARIZER_CACHE_DIR") else None
    )
    return CallCache(resolved)


# --- settings -------------------------------------------------------------------------------------


def settings(
    model: str | None,
    base_url: str | None,
    mode: ModeChoice | None,
    max_retries: int | None,
    concurrency: int | None,
    replay: Path | None,
    timeout: float | None = None,
    backend: str | None = None,
    repair: bool | None = None,
    restate: bool | None = None,
) -> Settings:
    """The options over the environment; a replay's model, mode, repair and restatement from its cassette."""
    if replay is None:
        return Settings.resolve(
            model=model,
            base_url=base_url,
            mode=mode.value if mode else None,
            max_retries=max_retries,
            concurrency=concurrency,
            timeout=timeout,
            backend=backend,
            repair=repair,
            restate=restate,
        )
    # A replay asks exactly what the recording asked: its model, mode, repair and restatement, unless
    # overridden.
    from summarizer import cassette  # vcrpy is a tenth of a second to import, and only replays need it

    recorded = cassette.recorded_settings(replay)
    resolved = Settings.resolve(
        model=model or recorded["model"],
        base_url=base_url or _REPLAY_URL,
        api_key="replay",
        mode=mode.value if mode else recorded["mode"],
        max_retries=max_retries,
        concurrency=concurrency,
        # Nothing else from the environment: the recording's model and mode, never another server's.
        cache_dir=os.environ.get("SUMMARIZER_CACHE_DIR") or None,
        repair=recorded["repair"] == "on" if repair is None else repair,
        restate=recorded["restate"] == "on" if restate is None else restate,
        env={},
    )
    return resolved.with_(client_retries=0)


def extras(
    settings: Settings, cache_dir: Path | None, no_cache: bool, judge_model: str | None, no_judge: bool
) -> Settings:
    """The cache and judge options on top of resolved settings (the environment's too)."""
    return settings.with_(
        cache=settings.cache and not no_cache,
        cache_dir=str(cache_dir) if cache_dir else settings.cache_dir,
        judge=settings.judge and not no_judge,
        judge_model=judge_model or settings.judge_model,
    )


def cache_or_say(settings: Settings, say: Say) -> Settings:
    """The settings, without the cache if it cannot be opened: said on stderr, terminal or not."""
    store = open_cache(settings, lambda note: say(f"note: {note}"))
    if store is None:
        return settings.with_(cache=False) if settings.cache else settings
    store.close()
    return settings


def tape(record: Path | None, replay: Path | None, settings: Settings) -> AbstractContextManager[None]:
    """Recording or replaying a cassette around a run, or nothing; the run's key never lands in one."""
    path = record or replay
    if path is None:
        return nullcontext()
    from summarizer import cassette  # (as above: a run with no cassette never imports vcrpy)

    return cassette.use(path, record=bool(record), secrets=[settings.api_key or ""])


def assemble_model(console: Console, show: bool) -> Path:
    """The bundled model, assembled from its parts with a progress bar the first time (quick after)."""
    if not show:
        return assemble()
    with Progress(*Progress.get_default_columns(), DownloadColumn(), console=console, transient=True) as bar:
        task = bar.add_task("assembling the local model", total=None)
        return assemble(progress=lambda done, total: bar.update(task, completed=done, total=total))


# --- input and output -----------------------------------------------------------------------------


def read_report(path: Path) -> Report:
    """A JSON report from a file, or one line saying why it is not one."""
    try:
        return Report.model_validate_json(path.read_bytes())
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror})") from e
    except ValidationError as e:
        raise InputError(
            f"{path}: not a report ({e.error_count()} schema errors, first: {e.errors()[0]['msg']})"
        ) from e


def choose_format(fmt: Format | None, out: Path | None) -> Format:
    """The format asked for, else the one --out's suffix names (report.html → html), else Markdown."""
    if fmt is not None:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    return {"json": Format.json, "html": Format.html, "htm": Format.html}.get(suffix, Format.md)


def check_out(out: Path | None, inputs: Sequence[Path]) -> None:
    """Refuse, before any model call, an --out that is an input, a directory, or cannot be written."""
    if out is None or is_stdout(out):
        return
    target = out.resolve()
    if any(str(p) != "-" and target == p.resolve() for p in inputs):
        raise InputError(f"--out {out} is one of the input files; choose another path")
    if target.is_dir():
        raise InputError(f"--out {out} is a directory; name a file in it, e.g. {out}/report.md")
    parent = target.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"--out {out}: {parent} is not a directory")
    # A real probe, not os.access: permissions, read-only mounts and root all answer truthfully here.
    if target.parent.exists():
        try:
            fd, probe = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".probe")
            os.close(fd)
            os.unlink(probe)
        except OSError as e:
            raise InputError(f"--out {out}: cannot write in {target.parent} ({e.strerror or e})") from None
    elif not os.access(parent, os.W_OK):
        raise InputError(f"--out {out}: cannot create {target.parent} in {parent} (not writable)")


def is_stdout(out: Path) -> bool:
    """`-o -` is standard output, as `-` is standard input (./- names a file called -)."""
    return str(out) == "-"


def render(report: Report, fmt: Format) -> str:
    """The report in one format."""
    if fmt is Format.json:
        return to_json(report)
    if fmt is Format.html:
        return to_html(report)
    return to_markdown(report)


def emit(text: str, out: Path | None) -> None:
    """Print the report, or write it atomically to `out`; if that fails, keep it and say where it went."""
    if out is None or is_stdout(out):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        write_atomic(out, text)
    except OSError as e:
        # The model work is done: the report must not be lost with the file that could not be written.
        fallback = Path(tempfile.gettempdir()) / f"summarizer-report-{os.getpid()}{out.suffix or '.md'}"
        try:
            write_atomic(fallback, text)
        except OSError:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            raise OutputError(
                f"could not write --out {out} ({e.strerror or e}); the report is on stdout"
            ) from None
        raise OutputError(
            f"could not write --out {out} ({e.strerror or e}); the report was saved to {fallback}"
        ) from None


def say_failures(report: Report, say: Say) -> None:
    """One line per failed step, as the report lists it: a script's log must show the cause."""
    for f in report.failures:
        where = f" article {f.article_id}" if f.article_id else ""
        error = " ".join(f.error.split())
        say(f"failed: {f.stage}{where}: {error}")


def model_answered_nothing(report: Report) -> bool:
    """Whether the merge and every other call asked failed, with no answer to show for it."""
    failed = {(f.stage, f.article_id if f.stage == "extract" else None) for f in report.failures}
    asked = {(c.stage, c.article_id if c.stage == "extract" else None) for c in report.usage.calls}
    if ("reconcile", None) not in failed or not asked <= failed:
        return False
    # A merge whose answer broke its schema, alone, is the model answering wrongly: the run is partial.
    # With restatement off the merge is often the only call, so a server that never answered is told apart
    # by the merge holding no answer at all.
    merge = next(f for f in report.failures if f.stage == "reconcile")
    return any(stage == "extract" for stage, _ in asked) or merge.last_response is None
