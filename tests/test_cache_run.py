"""The cache of model answers in a run: a second identical run asks nothing, even with no server at all."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cache import CallCache
from summarizer.cli import app
from summarizer.llm import ModelClient
from summarizer.pipeline import summarize
from summarizer.scripted import Request, ScriptedModel

from .conftest import SEEDS, SEEDS_CASSETTE

runner = CliRunner()
CLOSED = "http://127.0.0.1:9/v1"  # the discard port: nothing listens there


def _report(args: list[str]) -> dict[str, object]:
    result = runner.invoke(app, [*map(str, SEEDS), "-f", "json", *args])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for call in report["usage"]["calls"]:
        call.pop("seconds")
        call.pop("cached")
    report["usage"].pop("stages")
    return report


def test_a_replayed_run_fills_the_cache_and_a_second_run_needs_no_server(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _report(["--replay", str(SEEDS_CASSETTE), "--cache-dir", str(cache)])
    offline = ["--cache-dir", str(cache), "--base-url", CLOSED, "--no-repair"]  # as it was recorded
    again = runner.invoke(app, [*map(str, SEEDS), "-f", "json", *offline])
    assert again.exit_code == 0, again.output
    second = json.loads(again.stdout)
    calls = second["usage"]["calls"]
    assert all(c["cached"] == c["attempts"] for c in calls), calls  # every answer came from the cache
    assert _report(offline) == first


def test_a_replay_is_answered_by_its_cassette_never_by_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _report(["--replay", str(SEEDS_CASSETTE), "--cache-dir", str(cache)])
    # Every cached answer replaced by another (as a live run or an older recording would have left it).
    with sqlite3.connect(cache / "calls.sqlite3") as db:
        assert db.execute("UPDATE calls SET response = '{}'").rowcount > 0
    assert _report(["--replay", str(SEEDS_CASSETTE), "--cache-dir", str(cache)]) == first


def test_no_cache_asks_the_server(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _report(["--replay", str(SEEDS_CASSETTE), "--cache-dir", str(cache)])
    result = runner.invoke(
        app,
        [
            *map(str, SEEDS),
            "--cache-dir",
            str(cache),
            "--no-cache",
            "--base-url",
            CLOSED,
            "--max-retries",
            "0",
        ],
    )
    assert result.exit_code != 0 and "127.0.0.1:9" in result.output


def test_adding_an_article_asks_only_for_that_article(tmp_path: Path) -> None:
    def script(request: Request) -> dict[str, object] | float:
        if request.schema == "Restatements":
            ids = [int(x) for x in request.last.rsplit("Restate sentences ", 1)[1].rstrip(".").split(", ")]
            return {"statements": [{"id": i, "statement": f"Sentence {i} restated."} for i in ids]}
        if request.schema == "Reconciliation":
            return {"summary": []}
        if request.schema == "SentenceFixes":
            return {"sentences": []}
        return 0.9  # the judge

    third = tmp_path / "c.txt"
    third.write_text(
        "The river Elm burst its banks early on Monday morning.\nIt reached the town hall by noon.\n"
    )
    cache = CallCache(tmp_path / "cache")
    model = ScriptedModel(script)
    settings = model.settings(cache=True)
    summarize(SEEDS, client=ModelClient(settings, transport=model.transport(), cache=cache))
    asked = len(model.requests)
    summarize([*SEEDS, third], client=ModelClient(settings, transport=model.transport(), cache=cache))
    extractions = [r for r in model.requests[asked:] if r.schema == "Restatements"]
    assert len(extractions) == 1 and "river Elm" in extractions[0].messages[1]["content"]


def test_cache_info_and_clear(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _report(["--replay", str(SEEDS_CASSETTE), "--cache-dir", str(cache)])
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(cache)])
    assert info.exit_code == 0 and "answers: " in info.stdout
    assert int(info.stdout.split("answers: ")[1].split()[0]) >= 3
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(cache)])
    assert cleared.exit_code == 0 and "removed" in cleared.stdout
    assert "answers: 0" in runner.invoke(app, ["cache", "info", "--cache-dir", str(cache)]).stdout
