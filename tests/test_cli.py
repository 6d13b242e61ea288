"""The command line: arguments, help, errors as one line, exit codes, output files, schema, verify.

Runs that need a model are answered by a `ScriptedModel` behind the CLI's own client (its transport,
in process); everything else runs with no backend at all.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import cli, commands
from summarizer.cli import app
from summarizer.errors import OutputError
from summarizer.models import Article, Report
from summarizer.pipeline import summarize
from summarizer.render import to_json
from summarizer.scripted import Answer, Request, ScriptedModel
from summarizer.verify import verify

from .conftest import CASSETTES, SEEDS
from .reports import sentence_report

runner = CliRunner()

ARTICLE_A = (
    "The river Elm burst its banks early on Monday morning.\n"
    "Officials said 40 homes were flooded in the town of Ashford.\n"
)
ARTICLE_B = "\n".join(
    [
        "Floodwater from the river Elm reached Ashford on Monday.",
        "About 60 homes were flooded, the council said.",
        "",
    ]
)
WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250"}  # help tables wide enough not to cut option names


def one_line(text: str) -> str:
    """The text, asserted to be one line with no traceback."""
    assert "\n" not in text.strip() and "Traceback" not in text, text
    return text.strip()


def merge(on_merge: Callable[[], None] | None = None) -> ScriptedModel:
    """A model for the two flood articles: it writes the river sentence, calling `on_merge` first."""

    def script(request: Request) -> Answer:
        if request.schema == "Reconciliation":
            if on_merge is not None:
                on_merge()
            return {"summary": [{"text": "The river Elm burst its banks on Monday.", "facts": ["F1"]}]}
        if request.schema is None:
            return 0.95
        raise AssertionError(f"unexpected request for {request.schema}")

    return ScriptedModel(script)


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    """The two flood articles as files."""
    out = []
    for name, text in (("a.txt", ARTICLE_A), ("b.txt", ARTICLE_B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out.append(str(tmp_path / name))
    return out


# --- no model ------------------------------------------------------------------------------------------


def test_no_backend_is_one_clear_line_and_exit_2() -> None:
    result = runner.invoke(app, [str(SEEDS[0])])
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith("error: no model backend configured")


def test_bad_input_fails_before_any_model_call(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, [str(empty), "--base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 2
    assert one_line(result.stderr) == "error: empty.txt: is empty"


def test_no_arguments_is_a_usage_error() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "Missing argument" in result.output


def test_a_missing_cassette_says_how_to_record_one(tmp_path: Path) -> None:
    result = runner.invoke(app, [str(SEEDS[0]), "--replay", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and "--record" in one_line(result.stderr)


def test_record_and_replay_exclude_each_other(tmp_path: Path) -> None:
    args = [str(SEEDS[0]), "--record", str(tmp_path / "a.yaml"), "--replay", str(tmp_path / "b.yaml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "exclude each other" in one_line(result.stderr)


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("run", ["--format", "--out", "--model", "--base-url", "--mode", "--record", "--replay", "--strict"]),
        (
            "run",
            [
                "--max-retries",
                "--concurrency",
                "--no-judge",
                "--judge-model",
                "--no-cache",
                "--scorer",
                "--no-repair",
            ],
        ),
        ("check", ["--source", "--no-judge", "--judge-model", "--format", "--out", "--replay", "--record"]),
        ("verify", ["--judge", "--format", "--out", "--replay", "--base-url", "--judge-model"]),
        (
            "batch",
            [
                "--out",
                "--format",
                "--story-concurrency",
                "--force",
                "--no-judge",
                "--no-cache",
                "--no-repair",
            ],
        ),
        ("baseline", ["--format", "--out", "--model", "--base-url", "--record", "--replay"]),
        ("eval", ["--format", "--annotations"]),
        ("serve", ["--port"]),
        ("schema", []),
    ],
)
def test_help_documents_every_option(command: str, options: list[str]) -> None:
    result = runner.invoke(app, [command, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.output, option


def test_help_names_the_environment_variables_and_defaults() -> None:
    result = runner.invoke(app, ["run", "--help"], env=WIDE)
    shown = " ".join(result.output.split())  # the help wraps at the terminal's width
    assert "[env: SUMMARIZER_MODEL]" in shown and "[env: SUMMARIZER_BASE_URL]" in shown
    assert "from --out's suffix" in shown


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    for command in ("run", "check", "verify", "batch", "cache", "eval", "baseline", "serve", "schema"):
        assert command in result.output
    cache = runner.invoke(app, ["cache", "--help"])
    assert "info" in cache.output and "clear" in cache.output


def test_cache_info_and_clear_use_the_directory_given(tmp_path: Path) -> None:
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(tmp_path / "c")])
    assert info.exit_code == 0 and "answers: 0" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path / "c")])
    assert cleared.exit_code == 0 and cleared.stdout.startswith("removed 0 cached answers")


def test_schema_prints_the_report_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["title"] == "Report" and {"groundings", "coverage"} <= data["properties"].keys()


# --- verify --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_verify_reruns_the_checks_on_a_json_report(tmp_path: Path, seeds: list[Article], fmt: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(sentence_report(seeds).model_dump_json())
    result = runner.invoke(app, ["verify", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert Report.model_validate_json(result.stdout) == verify(sentence_report(seeds), recompute=True)


def test_verify_exits_4_when_a_check_fails(tmp_path: Path, seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    report.summary[0].citations = ["Z1"]
    path = tmp_path / "report.json"
    path.write_text(report.model_dump_json())
    assert runner.invoke(app, ["verify", str(path)]).exit_code == 4


def test_verify_refuses_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 2 and "not a report" in one_line(result.stderr)


def test_verify_judge_without_a_backend_is_one_line(tmp_path: Path, seeds: list[Article]) -> None:
    path = tmp_path / "report.json"
    path.write_text(sentence_report(seeds).model_dump_json())
    result = runner.invoke(app, ["verify", str(path), "--judge"])
    assert result.exit_code == 2 and one_line(result.stderr).startswith("error: ")


# --- check and batch: exit codes and one-line errors ---------------------------------------------------


def test_check_exit_codes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    sources = [a for p in SEEDS for a in ("-s", str(p))]
    draft.write_text("The incident happened in the Kursk region of Russia.\n")
    assert runner.invoke(app, ["check", str(draft), *sources, "--no-judge"]).exit_code == 0
    draft.write_text("The incident happened in the Belgorod region of Russia.\n")
    assert runner.invoke(app, ["check", str(draft), *sources, "--no-judge"]).exit_code == 4
    missing = runner.invoke(app, ["check", str(tmp_path / "none.txt"), *sources, "--no-judge"])
    assert missing.exit_code == 2 and one_line(missing.stderr).startswith("error: ")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nowhere", "no such file or folder"),
        (lambda p: (p / "x.txt").write_text("x") and p / "x.txt", "is not a .jsonl file or a folder"),
        (lambda p: p, "has no story folders"),
    ],
    ids=["missing", "not-jsonl", "no-stories"],
)
def test_batch_input_errors_are_one_line_and_exit_2(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    root = tmp_path / "stories"
    root.mkdir()
    result = runner.invoke(app, ["batch", str(make(root)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert message in one_line(result.stderr)


def test_batch_without_a_backend_is_one_line(tmp_path: Path) -> None:
    story = tmp_path / "stories" / "elm"
    story.mkdir(parents=True)
    (story / "a.txt").write_text(ARTICLE_A)
    result = runner.invoke(app, ["batch", str(tmp_path / "stories"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and one_line(result.stderr).startswith("error: no model backend configured")


# --- --out: refused before any model call, never lost after it -----------------------------------------


def unwritable(tmp_path: Path) -> Path:
    """A directory this process cannot create files in (root bypasses permissions, but not sysfs)."""
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        return locked
    try:
        fd, probe = tempfile.mkstemp(dir="/sys")
    except OSError:
        return Path("/sys")
    os.close(fd)
    os.unlink(probe)
    pytest.skip("no directory here refuses writes")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "is a directory; name a file in it"),
        (lambda p: (p / "file.txt").write_text("x") and p / "file.txt" / "report.md", "is not a directory"),
        (lambda p: unwritable(p) / "report.md", "cannot write in"),
        (lambda p: Path(p / "a.txt"), "is one of the input files"),
    ],
    ids=["directory", "file-parent", "unwritable", "an-input"],
)
def test_an_out_that_cannot_take_the_report_is_refused_before_any_model_call(
    tmp_path: Path,
    articles: list[str],
    cli_model: Callable[[ScriptedModel], list[str]],
    make: Callable[[Path], Path],
    message: str,
) -> None:
    model = merge()
    out = make(tmp_path)
    result = runner.invoke(app, [*articles, "--out", str(out), *cli_model(model)])
    assert result.exit_code == 2, result.output
    assert message in one_line(result.stderr)
    assert model.requests == []
    assert Path(articles[0]).read_text() == ARTICLE_A


def test_out_is_written_in_the_format_its_suffix_names(
    tmp_path: Path, articles: list[str], cli_model: Callable[[ScriptedModel], list[str]]
) -> None:
    out = tmp_path / "new" / "report.json"
    result = runner.invoke(app, [*articles, "--out", str(out), *cli_model(merge())])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    report = Report.model_validate_json(out.read_text())
    assert report.summary[0].text == "The river Elm burst its banks on Monday."
    assert not [p for p in out.parent.iterdir() if p.name != "report.json"]  # no temporary left behind


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temporary directory, for this test only (where a report that could not be written goes)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_a_report_that_cannot_be_written_at_the_end_is_kept_in_a_named_file(
    tmp_path: Path, articles: list[str], cli_model: Callable[[ScriptedModel], list[str]], temp_dir: Path
) -> None:
    outdir = tmp_path / "reports"
    outdir.mkdir()

    def clobber() -> None:  # mid-run, the folder --out names becomes a file
        shutil.rmtree(outdir)
        outdir.write_text("not a folder")

    model = merge(clobber)
    result = runner.invoke(app, [*articles, "-o", str(outdir / "r.json"), *cli_model(model)])
    assert result.exit_code == 1, result.output
    line = one_line(result.stderr)
    assert line.startswith(f"error: could not write --out {outdir / 'r.json'} (")
    (kept,) = temp_dir.iterdir()
    assert line.endswith(f"the report was saved to {kept}") and kept.suffix == ".json"
    report = Report.model_validate_json(kept.read_text())
    assert report.summary[0].text == "The river Elm burst its banks on Monday."
    assert outdir.read_text() == "not a folder"


def test_emit_keeps_a_finished_run_when_out_fails(tmp_path: Path, temp_dir: Path) -> None:
    outdir = tmp_path / "reports"
    outdir.mkdir()

    def clobber() -> None:
        shutil.rmtree(outdir)
        outdir.write_text("x")

    model = merge(clobber)
    report = summarize([ARTICLE_A, ARTICLE_B], client=model.client())
    assert outdir.is_file()  # the merge answer's callback ran mid-run
    text = commands.render(report, commands.Format.md)
    with pytest.raises(OutputError) as info:
        commands.emit(text, outdir / "r.md")
    (kept,) = temp_dir.iterdir()
    assert kept.read_text() == text and str(kept) in one_line(str(info.value))


def test_run_exits_3_with_a_failure_and_4_with_strict_on_a_failed_check(
    tmp_path: Path, articles: list[str], cli_model: Callable[[ScriptedModel], list[str]]
) -> None:
    def no_merge(request: Request) -> Answer:
        if request.schema == "Reconciliation":
            return {"summary": [{"text": "The river Elm burst its banks on Sunday.", "facts": ["F7"]}]}
        return 0.95

    partial = runner.invoke(
        app, [*articles, "-f", "json", "--max-retries", "0", *cli_model(ScriptedModel(no_merge))]
    )
    assert partial.exit_code == 3, partial.output
    assert [f.stage for f in Report.model_validate_json(partial.stdout).failures] == ["reconcile"]
    clean = runner.invoke(app, [*articles, "--strict", *cli_model(merge())])
    assert clean.exit_code == 0, clean.output


@pytest.mark.parametrize(
    ("name", "start"), [("report.html", "<!doctype html"), ("r.json", "{"), ("r.md", "# ")]
)
def test_the_out_suffix_picks_the_format(tmp_path: Path, name: str, start: str) -> None:
    out = tmp_path / name
    args = [*map(str, SEEDS), "--replay", str(CASSETTES / "seeds.yaml"), "-o", str(out)]
    result = runner.invoke(app, [*args, "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lower().startswith(start)


def test_a_publisher_line_alone_and_two_short_lines_are_named_before_any_model_call(tmp_path: Path) -> None:
    only = tmp_path / "only.txt"
    only.write_text("newsweek.com\n")
    short = tmp_path / "short.txt"
    short.write_text("Short line.\nAnother.\n")
    result = runner.invoke(app, [str(only), str(short), "--base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    line = result.stderr.strip()
    assert (
        line.startswith("error: no article has a checkable claim: A (only.txt)") and "B (short.txt)" in line
    )


def test_the_console_script_freezes_the_collector_before_the_command_and_a_host_call_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order: list[str] = []
    monkeypatch.setattr(cli.gc, "freeze", lambda: order.append("freeze"))
    monkeypatch.setattr(cli, "app", lambda args: order.append(f"app {args}"))
    monkeypatch.setattr(cli.signal, "signal", lambda *_a: None)  # leave this process's handlers alone
    instructor_log = cli.logging.getLogger("instructor")
    monkeypatch.setattr(instructor_log, "level", instructor_log.level)  # main quiets it: put back after
    cli.main()  # as the console script and `python -m summarizer` call it: the process is ours
    cli.main(["schema"])  # a host's own process
    assert order == ["freeze", "app None", "app ['schema']"]


def _on_a_terminal(args: list[str]) -> tuple[str, str, int]:
    """Run `args` with standard output on a terminal (so progress is shown) and stderr on a pipe."""
    main, sub = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "COLUMNS": "200"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args],
        stdin=subprocess.DEVNULL,
        stdout=sub,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(sub)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the run closed its terminal
            break
        if not data:
            break
        chunks.append(data)
    err = proc.stderr.read().decode() if proc.stderr else ""
    code = proc.wait()
    os.close(main)
    # The terminal writes a line break as CR LF.
    return b"".join(chunks).decode().replace("\r\n", "\n"), err, code


def test_standard_output_holds_the_report_and_nothing_else(tmp_path: Path) -> None:
    out, err, code = _on_a_terminal(
        [
            *map(str, SEEDS),
            "--replay",
            str(CASSETTES / "seeds.yaml"),
            "-f",
            "json",
            "--cache-dir",
            str(tmp_path),
        ]
    )
    assert code == 0, err
    assert "extracting A" in err and "verifying" in err  # progress is shown, on stderr
    assert out == to_json(Report.model_validate_json(out)) + "\n"


@pytest.mark.parametrize(
    "option", [["--timeout", "nan"], ["--base-url", "not a url"], ["--base-url", "file:///etc/passwd"]]
)
def test_a_setting_every_call_would_fail_on_is_refused_before_any_work(
    tmp_path: Path, option: list[str]
) -> None:
    out = tmp_path / "report.md"
    args = [*map(str, SEEDS), "-o", str(out), "--no-cache", *option]
    if option[0] == "--timeout":
        args += ["--base-url", "http://127.0.0.1:9/v1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and one_line(result.stderr).startswith("error: ")
    assert not out.exists()


def test_out_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = [*map(str, SEEDS), "--replay", str(CASSETTES / "seeds.yaml"), "--cache-dir", str(tmp_path / "c")]
    result = runner.invoke(app, [*args, "-o", "-", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert Report.model_validate_json(result.stdout).summary and not (tmp_path / "-").exists()


def test_a_closed_standard_input_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    # The real thing: the process started with descriptor 0 closed, which no CliRunner can stage.
    command = f"{sys.executable} -m summarizer - --no-cache --base-url http://127.0.0.1:9/v1 <&-"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and one_line(done.stderr).startswith("error: standard input: is closed")


def test_check_refuses_standard_input_twice() -> None:
    result = runner.invoke(app, ["check", "-", "-s", "-", "--no-judge"], input="The river rose.\n")
    assert result.exit_code == 2 and "is given twice" in one_line(result.stderr)


def test_an_unusable_cache_is_said_on_stderr_when_stdout_is_no_terminal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    args = [*map(str, SEEDS), "--replay", str(CASSETTES / "seeds.yaml"), "--cache-dir", str(blocker / "c")]
    result = runner.invoke(app, args)  # CliRunner's stdout is no terminal
    assert result.exit_code == 0, result.output
    assert one_line(result.stderr).startswith("note: running without the call cache:")


def test_the_cache_dir_from_the_environment_holds_under_replay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "env-cache"))
    args = [*map(str, SEEDS), "--replay", str(CASSETTES / "seeds.yaml")]
    assert runner.invoke(app, args).exit_code == 0
    assert (tmp_path / "env-cache").is_dir() and any((tmp_path / "env-cache").iterdir())
