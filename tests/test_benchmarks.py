"""The grounding figures the README and BENCHMARKS.md state, re-derived from the recorded judge calls.

Re-record: bash scripts/record.sh judge; bash scripts/record.sh summedits   (the local model on 127.0.0.1);
python benchmarks/judge_span.py --record --base-url … (the questions about flagged words)
"""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from summarizer import cassette

from .conftest import CASSETTES, ROOT, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))
import calibrate
import judge as judge_bench
import summedits

SUMMEDITS = SHARED / "datasets" / "summedits" / "summedits_news_dev.json"
README = (ROOT / "README.md").read_text(encoding="utf-8")
BENCHMARKS = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
OFFLINE = calibrate.OFFLINE  # replay only: the recording's model and mode, no server, no cache


def test_the_judge_on_the_probe_set_scores_as_the_readme_says() -> None:
    with cassette.use(CASSETTES / "judge_probe.yaml", record=False):
        got = asyncio.run(judge_bench.scores(OFFLINE))
    faithful = [p for label, p in got if label == "faithful"]
    planted = [p for label, p in got if label != "faithful"]
    passed = sum(p is not None and p >= 0.7 for p in faithful)
    caught = sum(p is None or p < 0.7 for p in planted)
    assert (passed, len(faithful), caught, len(planted)) == (28, 30, 21, 27)
    assert "passes 28 of 30 paraphrases and catches 21 of 27" in " ".join(README.split())


@pytest.mark.skipif(not SUMMEDITS.is_file(), reason="../shared/datasets/summedits is absent")
def test_summedits_balanced_accuracy_is_what_the_readme_and_benchmarks_say() -> None:
    rows = json.loads(SUMMEDITS.read_text(encoding="utf-8"))
    with cassette.use(CASSETTES / "summedits.yaml", record=False):
        scores, threshold, calls = asyncio.run(summedits.judge_scores(rows, OFFLINE, 2))
    verdicts = [summedits.deterministic_verdicts(r["doc"], r["summary"]) for r in rows]
    labels = [int(r["label"]) for r in rows]
    alone, both = [], []
    for v, s in zip(verdicts, scores, strict=True):
        alone.append(summedits.combined(v, [None] * len(v.evidence), threshold))
        both.append(summedits.combined(v, s, threshold))
    code = summedits.balanced_accuracy(list(zip(labels, alone, strict=True)))
    combined = summedits.balanced_accuracy(list(zip(labels, both, strict=True)))
    assert (f"{code:.3f}", f"{combined:.3f}", len(calls)) == ("0.498", "0.697", 459)
    for text in (" ".join(README.split()), " ".join(BENCHMARKS.split())):
        assert "0.498 by code alone" in text or "| code alone | 0.498" in text
        assert "0.697" in text


@pytest.mark.skipif(not SUMMEDITS.is_file(), reason="../shared/datasets/summedits is absent")
def test_the_judge_asked_about_the_flagged_words_trades_faithful_passes_for_catches() -> None:
    import judge_span

    rows = json.loads(SUMMEDITS.read_text(encoding="utf-8"))
    m = judge_span.measure(rows)  # replayed from cassettes/summedits.yaml and cassettes/judge_span.yaml
    assert (m.faithful, m.edited, m.questions) == (91, 106, 497)
    at_settle = {v: m.table[(0.7, v)] for v in ("whole", "part", "marked")}
    assert at_settle == {"whole": (89, 42), "part": (77, 65), "marked": (54, 81)}
    for variant, (passed, caught) in at_settle.items():
        line = f"bar 0.70 {variant:6}: faithful passed {passed} of 91, edited caught {caught} of 106"
        assert line in BENCHMARKS
    said = "catches 65 of 106 edited summaries (42 today) and passes 77 of 91 faithful ones (89 today)"
    assert said in " ".join(README.split())


@pytest.mark.skipif(not SUMMEDITS.is_file(), reason="../shared/datasets/summedits is absent")
def test_a_reason_before_the_label_catches_fewer_edits_as_benchmarks_says() -> None:
    import judge_reason

    rows = json.loads(SUMMEDITS.read_text(encoding="utf-8"))
    m = judge_reason.measure(rows)  # replayed from cassettes/summedits.yaml and cassettes/judge_reason.yaml
    assert (m.one_token, m.reasoned, m.failed, m.output_tokens) == ((89, 42), (90, 11), 0, 8192)
    assert "a reason first: faithful passed 90 of 91, edited caught 11 of 106" in BENCHMARKS
    assert "the model catches 11 of the 106" in " ".join(README.split())


@pytest.mark.skipif(not (SHARED / "datasets" / "basil").is_dir(), reason="../shared/datasets/basil is absent")
def test_a_draft_someone_else_wrote_is_checked_as_benchmarks_md_says() -> None:
    # benchmarks/drafts/: 20 lines each by a helper who read only the articles, half wrong, keyed.
    import draft_check

    found = {}
    kinds: dict[str, list[int]] = {}
    for draft in draft_check.drafts():
        key = json.loads((draft_check.DRAFTS / f"{draft}.key.json").read_text(encoding="utf-8"))
        figures = draft_check.score(draft_check.run(draft, record=False, base_url=None), key)
        found[draft] = (figures["faithful_passed"], figures["wrong_caught"])
        for name, (caught, of) in figures["by_kind"].items():
            kinds[name] = [kinds.get(name, [0, 0])[0] + caught, kinds.get(name, [0, 0])[1] + of]
    assert kinds["who said or reported it"] == [20, 27] and kinds["side reversed"] == [6, 13]
    # Each scored first before anything was looked at on it (BENCHMARKS.md §2); these are the figures now.
    assert found == {
        "01c59743": ([7, 10], [8, 10]),
        "08bb9bee": ([8, 10], [6, 10]),
        "2b9468af": ([10, 10], [8, 10]),
        "550b80db": ([8, 10], [6, 10]),
        "58f414e5": ([7, 10], [7, 10]),
        "68748e7f": ([7, 10], [6, 10]),
        "74708dbf": ([8, 10], [6, 10]),
        "7a97de89": ([7, 10], [9, 10]),
        "8dac6c12": ([6, 10], [8, 10]),
        "96b7046f": ([9, 10], [8, 10]),
        "a4edca3f": ([5, 10], [9, 10]),
        "b764f81f": ([9, 10], [9, 10]),
        "cad4bba5": ([7, 10], [6, 10]),
        "d1344998": ([7, 10], [8, 10]),
    }
    for said in (
        "fourteen drafts someone else wrote (`benchmarks/drafts/`): 105 of 140 faithful lines pass",
        "who said or reported it: 20 of 27",
    ):
        assert said in README and said in BENCHMARKS
