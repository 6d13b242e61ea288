"""The deterministic grounding check: planted errors are caught and faithful paraphrases pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.support import best_evidence, unsupported

ROOT = Path(__file__).resolve().parent.parent
BASIL = ROOT.parent / "shared" / "datasets" / "basil" / "articles"
PROBE = json.loads((ROOT / "tests" / "data" / "grounding_probe.json").read_text(encoding="utf-8"))["items"]


def _article_text(source: str) -> str | None:
    if source.startswith("basil:"):
        path = BASIL / source.removeprefix("basil:")
        if not path.exists():
            return None
        body = json.loads(path.read_text(encoding="utf-8"))["body-paragraphs"]
        return " ".join(s for p in body for s in (p if isinstance(p, list) else [p]))
    return (ROOT / source).read_text(encoding="utf-8")


def _id(item: dict[str, Any]) -> str:
    return f"{item['label']}:{item['sentence'][:40]}"


@pytest.mark.parametrize("item", PROBE, ids=_id)
def test_probe_evidence_is_verbatim_in_its_article(item: dict[str, Any]) -> None:
    text = _article_text(item["source"])
    if text is None:
        pytest.skip("BASIL is not in ../shared/datasets")
    for sentence in item["evidence"]:
        assert sentence in text


@pytest.mark.parametrize("item", [i for i in PROBE if i["label"] != "faithful"], ids=_id)
def test_a_planted_error_is_caught_with_its_kind(item: dict[str, Any]) -> None:
    found = unsupported(item["sentence"], item["evidence"])
    assert {f.kind for f in found} & set(item["kinds"]), found


@pytest.mark.parametrize("item", [i for i in PROBE if i["label"] == "faithful"], ids=_id)
def test_a_faithful_paraphrase_passes(item: dict[str, Any]) -> None:
    assert unsupported(item["sentence"], item["evidence"]) == []


def test_the_probe_covers_every_kind_and_as_many_paraphrases_as_errors() -> None:
    labels = [i["label"] for i in PROBE]
    kinds = {"negation", "number", "comparator", "date", "entity", "word", "role", "source"}
    assert kinds <= set(labels)
    assert labels.count("faithful") >= len(labels) - labels.count("faithful")


def test_spans_are_the_sentences_own_words() -> None:
    text = "Kovalenko has more than 10,000 followers on Telegram, Kovalenko said on Friday."
    found = unsupported(text, ["Kovalenko has 10,000 followers on Telegram."])
    assert found
    for f in found:
        assert text[f.start : f.end] == f.text and f.detail
    # "Kovalenko said": the source sentence states it, but does not have him saying it.
    assert {f.kind for f in found} == {"comparator", "date", "source"}


@pytest.mark.parametrize(
    ("claim", "source", "ok"),
    [
        ("over 100 missiles arrived", "more than 100 missiles arrived", True),
        ("at least 100 missiles arrived", "more than 100 missiles arrived", True),
        ("about 100 missiles arrived", "100 missiles arrived", True),  # hedging a stated figure
        ("100 missiles arrived", "about 100 missiles arrived", False),  # dropping a hedge
        ("over 100 missiles arrived", "100 missiles arrived", False),
        ("over 100 missiles arrived", "150 missiles arrived", False),  # true, but not what was said
        ("fewer than 100 missiles arrived", "more than 100 missiles arrived", False),
        ("100k missiles arrived", "one hundred thousand missiles arrived", True),
        ("three weeks later missiles arrived", "21 days later missiles arrived", True),
        ("five weeks later missiles arrived", "21 days later missiles arrived", False),
        # "a week" is one week, not the word of "three weeks"; "a month" is not three weeks either.
        ("a week later missiles arrived", "three weeks later missiles arrived", False),
        ("a month later missiles arrived", "three weeks later missiles arrived", False),
        ("seven days later missiles arrived", "a week later missiles arrived", True),
        ("a day after the vote missiles arrived", "the day after the vote missiles arrived", True),
        # A count with no unit is not a week's seven days, nor is a duration near a count a rate.
        ("seven missiles arrived", "a week later five missiles arrived", False),
        ("the two crews waited a year", "the two crews waited three years", False),
        ("the strike lasted three weeks", "the strike lasted 10 days and 3 workers were hurt", False),
        ("the strike lasted three weeks", "the strike lasted 21 straight days", True),
        # A half is part of its number: "half a million" is not "a million".
        ("a million missiles arrived", "half a million missiles arrived", False),
        ("500,000 missiles arrived", "half a million missiles arrived", True),
        ("a week later missiles arrived", "a week and a half later missiles arrived", False),
        ("ten and a half days later missiles arrived", "a week and a half later missiles arrived", True),
        # A share in words is its value, not its words: a third is not two-thirds.
        ("a third of the missiles arrived", "two-thirds of the missiles arrived", False),
        ("one third of the missiles arrived", "a third of the missiles arrived", True),
    ],
)
def test_numbers_and_their_hedges(claim: str, source: str, ok: bool) -> None:
    assert (unsupported(claim, [source]) == []) is ok


def test_best_evidence_picks_the_sentences_a_draft_is_about() -> None:
    sentences = [
        "The incident happened in the Kursk region.",
        "Kovalenko has 10,000 followers on Telegram.",
        "Moscow received more than 100 missiles.",
    ]
    assert best_evidence("Kovalenko's Telegram channel has 10,000 followers.", sentences, k=1) == [1]
    assert best_evidence("nothing shared here", sentences) == []
