"""The command line: parse arguments, call the library, format the output. Nothing else lives here."""

from __future__ import annotations

import gc
import json
import logging
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from summarizer import commands
from summarizer.batch import discover
from summarizer.commands import Format, ModeChoice, ScorerChoice
from summarizer.errors import InputError, SummarizerError
from summarizer.models import schema
from summarizer.render import scores_to_markdown


class _DefaultToRun(TyperGroup):
    """`summarizer FILE…` means `summarizer run FILE…`, the way sqlite-utils defaults to `query`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own vendored click Context
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["run", *args]
        return super().parse_args(ctx, _bare_ray(args))


def _bare_ray(args: list[str]) -> list[str]:
    """`--ray` with no address after it (at the end, or before an option or a path) as `--ray=`."""
    out = list(args)
    for i, arg in enumerate(out):
        if arg == "--":
            break
        if arg == "--ray" and (i + 1 == len(out) or not _ray_address(out[i + 1])):
            out[i] = "--ray="
    return out


def _ray_address(arg: str) -> bool:
    """Whether an argument reads as a Ray address: auto, local, ray://head:10001, or host:port."""
    host, _, port = arg.rpartition(":")
    return arg in ("auto", "local") or "://" in arg or (bool(host) and port.isdigit())


app = typer.Typer(
    cls=_DefaultToRun,
    add_completion=False,
    help="Merge news articles about one event into one cited summary that shows every disagreement.",
    pretty_exceptions_enable=False,
    # Help texts are plain: "[env: SUMMARIZER_MODEL]" must show, not be read as Rich markup.
    rich_markup_mode=None,
)


# Options shared by the commands, declared once (as sqlite-utils' cli.py shares its output options).
FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Article text files (UTF-8), one per outlet; - for stdin.", show_default=False),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Markdown, JSON or HTML [default: from --out's suffix, else md]."),
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write the report here instead of stdout (- for stdout).")
]
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
RepairOpt = Annotated[
    bool | None,
    typer.Option(
        "--repair/--no-repair",
        help="Ask the model once more for a sentence that fails its check [default: off with the local "
        "backend, on otherwise; a replay: as recorded].",
        show_default=False,
    ),
]
RestateOpt = Annotated[
    bool | None,
    typer.Option(
        "--restate/--no-restate",
        help="Ask the model to restate a sentence whose he/it/they only its article resolves [default: off "
        "with the local backend, on otherwise; a replay: as recorded].",
        show_default=False,
    ),
]
ScorerOpt = Annotated[
    ScorerChoice,
    typer.Option(help="Pair claims across articles by words, or by meaning (the [embed] extra)."),
]


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
    repair: RepairOpt = None,
    restate: RestateOpt = None,
    scorer: ScorerOpt = ScorerChoice.lexical,
) -> None:
    """Extract, reconcile and verify FILES (- for standard input); print the report."""
    with _user_errors():
        if record and replay:
            raise InputError("--record and --replay exclude each other")
        fmt = commands.choose_format(fmt, out)
        commands.check_out(out, files)  # before any model call: a finished report must have somewhere to go
        settings = commands.settings(
            model, base_url, mode, max_retries, concurrency, replay, timeout, backend, repair, restate
        )
        settings = commands.extras(settings, cache_dir, no_cache or bool(record), judge_model, no_judge)
        settings = commands.cache_or_say(settings.with_(scorer=scorer.value), _say)
        report = commands.run(files, settings, record=record, replay=replay, quiet=quiet)
        commands.emit(commands.render(report, fmt), out)
        _leave(commands.run_exit(report, settings, strict=strict, say=_say))


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
        fmt = commands.choose_format(fmt, out)
        commands.check_out(out, files)
        settings = commands.settings(model, base_url, None, None, None, replay)
        report = commands.baseline(files, settings, record=record, replay=replay)
        commands.emit(commands.render(report, fmt), out)


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
        fmt = commands.choose_format(fmt, out)
        commands.check_out(out, [])
        report = commands.read_report(report_path)
        settings = None
        if judge or base_url or replay or record:
            settings = commands.settings(model, base_url, None, None, None, replay, None, backend)
            settings = commands.extras(settings, None, True, judge_model, False)
        checked = commands.reverify(report, settings, record=record, replay=replay)
        commands.emit(commands.render(checked, fmt), out)
        _leave(commands.verify_exit(report, checked, _say))


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
        fmt = commands.choose_format(fmt, out)
        if [str(p) for p in (draft, *sources)].count("-") > 1:
            raise InputError("- (standard input) is given twice; it can be read only once")
        commands.check_out(out, [draft, *sources])
        settings = None
        if not no_judge:
            settings = commands.settings(model, base_url, None, None, None, replay, None, backend)
            settings = commands.extras(settings, cache_dir, no_cache or bool(record), judge_model, False)
            settings = commands.cache_or_say(settings, _say)
        report = commands.check_draft(draft, sources, settings, record=record, replay=replay, say=_say)
        commands.emit(commands.render(report, fmt), out)
        _leave(0 if report.passed else commands.EXIT_CHECKS_FAILED)


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
            help="Processes sharing the stories, each with --story-concurrency (about one per core; "
            "with --ray, per node)."
        ),
    ] = 1,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="[ADDRESS]",
            help="Run the stories on a Ray cluster (the [ray] extra), --workers processes a node: alone, "
            "RAY_ADDRESS's or a new local one; or ADDRESS (auto, local, ray://head:10001).",
        ),
    ] = None,
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
    repair: RepairOpt = None,
    restate: RestateOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Summarize many stories: one report each, plus an index (JSON and HTML); exit 3 if any failed."""
    with _user_errors():
        found = discover(stories)
        settings = commands.settings(
            model, base_url, None, None, concurrency, None, None, backend, repair, restate
        )
        settings = commands.extras(settings, cache_dir, no_cache, judge_model, no_judge)
        settings = commands.cache_or_say(settings, _say)
        chosen = tuple(f.value for f in formats) if formats else ("json", "md")
        result = commands.batch(
            found,
            settings,
            out,
            formats=chosen,
            story_concurrency=story_concurrency,
            workers=workers,
            ray=ray,
            force=force,
            quiet=quiet,
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
    annotations: Annotated[
        Path | None,
        typer.Option(
            help="A directory of BASIL bias annotations (<triplet-uuid>_<n>_ann.json, found by the articles' "
            "file names): also count their loaded words said in the summary's own voice.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score a JSON report against a hand annotation: conflicts, corroboration, single-source, citations."""
    with _user_errors():
        scores = commands.evaluate(report_path, gold_path, annotations=annotations)
        typer.echo(scores.model_dump_json(indent=2) if fmt is Format.json else scores_to_markdown(scores))


@app.command("serve")
def serve_cmd(
    port: Annotated[int | None, typer.Option(help="Loopback port (default: a free one).")] = None,
) -> None:
    """Serve the bundled local model until Ctrl-C, for repeated runs with --base-url."""
    with _user_errors():
        commands.serve(port, typer.echo)
        raise typer.Exit(0)


cache_app = typer.Typer(help="Show or empty the cache of model answers.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(cache_dir: CacheDirOpt = None) -> None:
    """Where the cache is, how many answers it holds, and how large it is."""
    with _user_errors(), commands.cache_store(cache_dir) as store:
        info = store.info()
        typer.echo(f"path: {info.path}")
        typer.echo(f"answers: {info.entries}")
        typer.echo(f"size: {info.size_bytes:,} bytes")
        for name, count in sorted(info.models.items()):
            typer.echo(f"  {name}: {count}")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Remove every cached answer."""
    with _user_errors(), commands.cache_store(cache_dir) as store:
        typer.echo(f"removed {store.clear()} cached answers from {store.path}")


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the report."""
    typer.echo(json.dumps(schema(), indent=2))


def _say(line: str) -> None:
    """One line on stderr."""
    typer.echo(line, err=True)


def _leave(code: int) -> None:
    """Leave with `code` unless it is 0 (the command then ends as it would)."""
    if code:
        raise typer.Exit(code)


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
