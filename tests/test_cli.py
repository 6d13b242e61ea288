"""The command line without a model: arguments, errors, exit codes, output files, schema, verify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models import Article, Report
from summarizer.verify import verify

from .conftest import SEEDS
from .reports import seeds_report

runner = CliRunner()


def test_no_backend_is_one_clear_line_and_exit_2() -> None:
    result = runner.invoke(app, [str(SEEDS[0])])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: no model backend configured")
    assert "Traceback" not in result.output


def test_bad_input_fails_before_any_model_call(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, [str(empty), "--base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 2
    assert "empty.txt: is empty" in result.stderr


def test_no_arguments_is_a_usage_error() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "Missing argument" in result.output


def test_out_may_not_overwrite_an_input(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SEEDS[0].read_text())
    result = runner.invoke(app, [str(article), "--out", str(article), "--base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 2 and "input files" in result.stderr
    assert article.read_text() == SEEDS[0].read_text()


def test_a_missing_cassette_says_how_to_record_one(tmp_path: Path) -> None:
    result = runner.invoke(app, [str(SEEDS[0]), "--replay", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and "--record" in result.stderr


def test_help_documents_every_option() -> None:
    result = runner.invoke(app, ["run", "--help"])
    for option in (
        "--format",
        "--out",
        "--model",
        "--base-url",
        "--mode",
        "--record",
        "--replay",
        "--strict",
    ):
        assert option in result.output


def test_schema_prints_the_report_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Report"


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_verify_reruns_the_checks_on_a_json_report(tmp_path: Path, seeds: list[Article], fmt: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(seeds_report(seeds).model_dump_json())
    result = runner.invoke(app, ["verify", str(path), "--format", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        assert Report.model_validate_json(result.stdout) == verify(seeds_report(seeds))


def test_verify_exits_4_when_a_check_fails(tmp_path: Path, seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary[0].citations = ["Z1"]
    path = tmp_path / "report.json"
    path.write_text(report.model_dump_json())
    assert runner.invoke(app, ["verify", str(path)]).exit_code == 4


def test_verify_refuses_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 2 and "not a report" in result.stderr
