"""Full runs replayed from cassettes recorded from the real local model (Qwen2.5-Coder-1.5B via llama-server).

Re-record: bash scripts/record.sh   (builds and serves the model on 127.0.0.1, rewrites cassettes/*.yaml)
A stale cassette fails with "the cassette has no recorded response for this request": re-record it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import Report, Settings, summarize
from summarizer.cli import app
from summarizer.text import find_quote

from .conftest import CASSETTES, SEEDS, SEEDS_CASSETTE, SHARED

runner = CliRunner()


def _telegram_conflict(report: Report) -> list[str]:
    """Descriptions of conflicts citing 10,000 from A and 100,000 from B."""
    found = []
    for conflict in report.conflicts:
        cited = [report.claim(i) for i in conflict.claim_ids]
        by_article = {c.article_id: f"{c.quote} {c.statement}" for c in cited if c is not None}
        if "10,000" in by_article.get("A", "") and "100,000" in by_article.get("B", ""):
            found.append(conflict.description)
    return found


def _assert_sound(report: Report) -> None:
    for claim in report.claims:
        if claim.verified:
            article = report.article(claim.article_id)
            assert article is not None and find_quote(claim.quote, article.text), claim.id
    for sentence in report.summary:
        for cid in sentence.citations:
            cited = report.claim(cid)
            assert cited is None or cited.verified or sentence.verified is False
    assert all(c.name and c.detail is not None for c in report.checks)


@pytest.mark.vcr("seeds.yaml")
def test_seeds_run_through_the_python_api(replay_settings: Settings) -> None:
    report = summarize(SEEDS, replay_settings)
    assert [a.id for a in report.articles] == ["A", "B"]
    assert report.claims and report.summary
    assert _telegram_conflict(report), "the 10,000 vs 100,000 followers conflict must be reported"
    _assert_sound(report)
    assert report.usage.stages["extract"].calls >= 2
    assert report.usage.stages["reconcile"].calls >= 1


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_seeds_run_through_the_cli(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    args = [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE), "--format", fmt, "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        report = Report.model_validate(json.loads(text))
        assert _telegram_conflict(report)
    else:
        assert "## Conflicts" in text and "10,000" in text and "100,000" in text


def test_replay_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.json", "b.json"):
        runner.invoke(
            app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE), "-f", "json", "-o", str(tmp_path / name)]
        )
        outputs.append(json.loads((tmp_path / name).read_text()))
    for o in outputs:
        for call in o["usage"]["calls"]:
            call["seconds"] = 0
        o["usage"]["stages"] = {k: {**v, "seconds": 0} for k, v in o["usage"]["stages"].items()}
    assert outputs[0] == outputs[1]


def test_a_single_article_gives_its_verified_claims_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    result = runner.invoke(
        app, [str(SEEDS[0]), "--replay", str(CASSETTES / "single.yaml"), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = Report.model_validate_json(out.read_text())
    assert [a.id for a in report.articles] == ["A"]
    assert report.summary and all(c.article_id == "A" for c in report.claims)
    _assert_sound(report)


def test_a_changed_request_fails_fast_and_says_how_to_re_record() -> None:
    result = runner.invoke(
        app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE), "--model", "another-model"]
    )
    assert result.exit_code == 2
    assert "re-record" in result.stderr and "Traceback" not in result.output


GOLD = SHARED / "eval" / "seeds.gold.json"


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval/seeds.gold.json is absent")
def test_the_recorded_seeds_run_scores_as_the_readme_says(tmp_path: Path) -> None:
    out = tmp_path / "seeds.json"
    runner.invoke(app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE), "-f", "json", "-o", str(out)])
    result = runner.invoke(app, ["eval", str(out), str(GOLD), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["conflict_recall"] == 1.0
    assert scores["false_conflicts"] == 0
    assert scores["quote_verbatim_rate"] == 1.0
    assert scores["citation_validity"] == 1.0
    assert scores["unsupported_numbers"] == 0


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval/seeds.gold.json is absent")
def test_the_pipeline_beats_the_one_shot_baseline_on_the_seeds(tmp_path: Path) -> None:
    scores = {}
    for command, tape in (("run", SEEDS_CASSETTE), ("baseline", CASSETTES / "baseline.yaml")):
        out = tmp_path / f"{command}.json"
        result = runner.invoke(
            app, [command, *map(str, SEEDS), "--replay", str(tape), "-f", "json", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        scores[command] = json.loads(runner.invoke(app, ["eval", str(out), str(GOLD), "-f", "json"]).stdout)
    pipeline, baseline = scores["run"], scores["baseline"]
    assert pipeline["conflict_recall"] == 1.0 and baseline["conflict_recall"] == 0.0
    assert pipeline["corroborated_recall"] > baseline["corroborated_recall"]
    # The baseline's citations resolve, but most point at sentences that do not say what it wrote.
    assert pipeline["verified_sentence_rate"] == 1.0 > baseline["verified_sentence_rate"]


@pytest.mark.vcr("seeds.yaml")
def test_progress_names_each_article_with_its_tokens_per_second(replay_settings: Settings) -> None:
    seen: list[str] = []
    summarize(SEEDS, replay_settings, progress=seen.append)
    assert any(m.startswith("extracting A") for m in seen) and any(m.startswith("extracting B") for m in seen)
    assert any(m.startswith("extracted A:") and "tokens/s" in m for m in seen)
    assert "reconciling" in seen and "verifying" in seen


def test_no_progress_when_stdout_is_not_a_terminal() -> None:
    result = runner.invoke(app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE)])
    assert result.exit_code == 0, result.output
    assert "extracting" not in result.stderr
