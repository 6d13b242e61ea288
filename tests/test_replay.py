"""Full runs replayed from cassettes recorded from the real local model (Qwen2.5-Coder-1.5B via llama-server).

Re-record: bash scripts/record.sh   (builds and serves the model on 127.0.0.1, rewrites cassettes/*.yaml)
A stale cassette fails with "the cassette has no recorded response for this request": re-record it.

Golden report: tests/golden/seeds.report.json is the JSON report of `summarizer seeds/*.txt --replay
cassettes/seeds.yaml`, seconds zeroed. Any change to the report shows in review as a diff of that file.
Regenerate it after an intended change with:
    SUMMARIZER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_replay.py -k golden
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import Report, Settings, summarize
from summarizer.cli import app
from summarizer.ground import unanswered
from summarizer.lang.quotes import find_quote

from .conftest import CASSETTES, ROOT, SEEDS, SEEDS_CASSETTE, SHARED

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


SENTENCE_CHECKS = {"citations_resolve", "grounded", "sentence_complete"}


def _assert_sound(report: Report) -> None:
    """Verified quotes are the article's own characters; every claim and sentence is checked, saying why."""
    verified = [c for c in report.claims if c.verified]
    assert verified, "a run with no verified claim proves nothing here"
    for claim in verified:
        article = report.article(claim.article_id)
        # Shown in the article's characters (evidence.article_words), so a plain substring, not a fuzzy match.
        assert article is not None and claim.quote in article.text, claim.id
        assert find_quote(claim.quote, article.text), claim.id
    checked = {c.target for c in report.checks if c.name == "quote_verbatim"}
    assert checked == {f"claim:{c.id}" for c in verified}
    for i, sentence in enumerate(report.summary, 1):
        mine = [c for c in report.checks if c.target == f"summary:{i}"]
        assert {c.name for c in mine} == SENTENCE_CHECKS, sentence.text
        assert sentence.verified is all(c.passed for c in mine)
        for cid in sentence.citations:
            cited = report.claim(cid)
            assert cited is None or cited.verified or sentence.verified is False
    for check in report.checks:
        assert check.detail.strip(), f"{check.name} on {check.target} says nothing"


@pytest.mark.vcr("seeds.yaml")
def test_seeds_run_through_the_python_api(replay_settings: Settings) -> None:
    report = summarize(SEEDS, replay_settings)
    assert [a.id for a in report.articles] == ["A", "B"]
    assert report.claims and report.summary
    assert _telegram_conflict(report), "the 10,000 vs 100,000 followers conflict must be reported"
    _assert_sound(report)
    assert report.usage.stages["extract"].calls >= 2
    assert report.usage.stages["reconcile"].calls >= 1
    # The summary itself states the disagreement, both figures attributed, in the outlets' own words.
    stated = [s.text for s in report.summary if "10,000" in s.text and "100,000" in s.text]
    assert (
        stated and stated[0].startswith("The outlets disagree: A reports") and "B (newsweek.com)" in stated[0]
    )
    # Every sentence of both articles was considered, and the Kovalenko quote is shown as drift.
    assert [c.share for c in report.coverage] == [1.0, 1.0]
    assert any("replenishing" in w.text for d in report.quote_drift for w in d.wordings)
    # Every model-written summary sentence was judged, with its score recorded, but for a copy of a cited
    # sentence: that needs no judge. On the seeds the model copied each of its sentences.
    judged = [g for g in report.groundings if g.target.startswith("summary:")]
    assert judged and not unanswered(judged, report.articles)
    fold = str.maketrans("‘’“”'", '"""""')  # any quotation mark or apostrophe for any
    sources = {s.text.translate(fold) for a in report.articles for s in a.sentences}
    for g in judged:
        assert (g.judge_score is None) is (g.text.translate(fold) in sources), g.text
    assert report.usage.stages["judge"].calls == len([g for g in report.groundings if g.judge is not None])


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


GOLDEN = Path(__file__).parent / "golden" / "seeds.report.json"


def normalised(report: dict[str, Any]) -> str:
    """The report as stable text: the only volatile fields, wall-clock seconds, set to 0."""
    for call in report["usage"]["calls"]:
        call["seconds"] = 0
    for stage in report["usage"]["stages"].values():
        stage["seconds"] = 0
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def test_the_replayed_seeds_report_matches_the_golden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the README's command, with the paths it prints
    seeds = [str(p.relative_to(ROOT)) for p in SEEDS]
    args = [*seeds, "--replay", "cassettes/seeds.yaml", "-f", "json", "--cache-dir", str(tmp_path / "cache")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = normalised(json.loads(result.stdout))
    if os.environ.get("SUMMARIZER_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), "no golden report: run with SUMMARIZER_UPDATE_GOLDEN=1 to write it"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the seeds report changed: if intended, rerun with SUMMARIZER_UPDATE_GOLDEN=1 and commit the diff"
    )


def test_replay_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.json", "b.json"):
        # No cache: the second run must come from the cassette too, not from the first run's answers.
        args = ["--replay", str(SEEDS_CASSETTE), "--no-cache", "-f", "json", "-o", str(tmp_path / name)]
        runner.invoke(app, [*map(str, SEEDS), *args])
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
README = ROOT / "README.md"

# The README's "Measured quality" table, every row, as it prints it: row → (pipeline, baseline), each cell
# the figures it shows in order ("n/a" for no value, "none" for no re-ask, () for "—"). The one place the
# numbers live here: one test checks the README shows exactly these, another that the replayed runs score
# exactly these. Re-recording changes both the README and this dict, or a test fails.
QUALITY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "conflict recall": (("1.00",), ("0.00",)),
    "false conflicts": (("0",), ("0",)),
    "quote-drift recall": (("1.00",), ("0.00",)),
    "corroborated recall": (("0.90", "9", "10"), ("0.00",)),
    "single-source precision / recall": (("0.89", "0.73"), ("n/a", "0.00")),
    "coverage": (("1.00",), ("n/a",)),
    "quote verbatim rate": (("1.00",), ("1.00",)),
    "citation validity": (("1.00",), ("1.00",)),
    "summary sentences passing every check": (("1.00", "8", "8"), ("0.00", "0", "8")),
    "model sentences repaired / replaced / removed": (("0", "0", "0"), ("0", "0", "0")),
    "numbers unsupported by cited claims": (("0",), ("0",)),
    "outlets named that their own sentences support": (("8", "8"), ("0", "0")),
    "fragments in the summary": (("0",), ("0",)),
}
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?|n/a|\bnone\b")


def readme_quality_table() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The README's quality table: row label (before any parenthesis) → the figures in each column."""
    section = README.read_text(encoding="utf-8").split("## Measured quality", 1)[1].split("\n## ", 1)[0]
    # The first table of the section, header to its last row: later tables (BASIL's sixes) are others'.
    lines = section.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("| score"))
    end = next((n for n in range(start, len(lines)) if not lines[n].startswith("|")), len(lines))
    rows = [line for line in lines[start + 2 : end] if line.startswith("| ")]
    table = {}
    for row in rows:
        label, pipeline, baseline = (cell.strip() for cell in row.strip("|").split("|"))
        table[label.split(" (")[0]] = (tuple(_FIGURE.findall(pipeline)), tuple(_FIGURE.findall(baseline)))
    return table


def test_the_readme_quality_table_shows_the_figures_asserted_here() -> None:
    assert readme_quality_table() == QUALITY


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def measured(scores: dict[str, Any], report: Report) -> dict[str, tuple[str, ...]]:
    """One run's figures in the table's form, every row, from its eval scores and its report."""
    groups = scores["corroborated"]
    summary = report.summary
    actions = [g.action for g in report.groundings if g.target.startswith(("summary:", "removed:"))]
    return {
        "conflict recall": (_rate(scores["conflict_recall"]),),
        "false conflicts": (str(scores["false_conflicts"]),),
        "quote-drift recall": (_rate(scores["quote_drift_recall"]),),
        "corroborated recall": (
            _rate(scores["corroborated_recall"]),
            str(sum(1 for g in groups if g["found"])),
            str(len(groups)),
        ),
        "single-source precision / recall": (
            _rate(scores["single_source_precision"]),
            _rate(scores["single_source_recall"]),
        ),
        "coverage": (_rate(scores["coverage"]),),
        "quote verbatim rate": (_rate(scores["quote_verbatim_rate"]),),
        "citation validity": (_rate(scores["citation_validity"]),),
        "summary sentences passing every check": (
            _rate(scores["verified_sentence_rate"]),
            str(sum(1 for s in summary if s.verified)),
            str(len(summary)),
        ),
        "model sentences repaired / replaced / removed": tuple(
            str(actions.count(a)) for a in ("repaired", "replaced", "removed")
        ),
        "numbers unsupported by cited claims": (str(scores["unsupported_numbers"]),),
        "outlets named that their own sentences support": (
            str(scores["outlet_labels_true"]),
            str(scores["outlet_labels"]),
        ),
        "fragments in the summary": (str(scores["fragments"]),),
    }


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval/seeds.gold.json is absent")
def test_the_recorded_runs_score_every_row_of_the_readme_quality_table(tmp_path: Path) -> None:
    got: dict[str, dict[str, tuple[str, ...]]] = {}
    for command, tape in (("run", SEEDS_CASSETTE), ("baseline", CASSETTES / "baseline.yaml")):
        out = tmp_path / f"{command}.json"
        args = [command, *map(str, SEEDS), "--replay", str(tape), "-f", "json", "-o", str(out)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        scored = runner.invoke(app, ["eval", str(out), str(GOLD), "--format", "json"])
        assert scored.exit_code == 0, scored.output
        got[command] = measured(json.loads(scored.stdout), Report.model_validate_json(out.read_text()))
    for row, (pipeline, baseline) in QUALITY.items():
        assert got["run"][row] == pipeline, row
        # The README shows the baseline's leading figures only ("—" where it does not apply).
        assert got["baseline"][row][: len(baseline)] == baseline, row


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
    assert "writing the summary" in seen and "verifying" in seen


def test_no_progress_when_stdout_is_not_a_terminal() -> None:
    result = runner.invoke(app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE)])
    assert result.exit_code == 0, result.output
    assert "extracting" not in result.stderr
