"""The deterministic grounding check end to end: planted errors are caught and faithful paraphrases pass.

Each check's rules are pinned in tests/checks/, fed readings directly; here, all of them together.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.checks import best_evidence, registry, supported, unsupported
from summarizer.checks.registry import CHECKS, Check
from summarizer.ingest import make_article
from summarizer.lang.negation import negated_act
from summarizer.lang.reading import read, readings
from summarizer.models import Article, Unsupported

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
    ("claim", "sources", "flags"),
    [
        # Whole sentences, where more than one check finds something (each check's own table is in
        # tests/checks/; how their findings overlap, tests/checks/test_settle.py).
        (
            "Most gun control advocates were hoping.",
            ["Many gun control advocates were eager."],
            [("word", "Most"), ("word", "hoping")],
        ),
        (
            "Most foreign investors left.",
            ["Some foreign diplomats left."],
            [("word", "Most"), ("word", "investors")],
        ),
        (
            "Prosecutors say the minister took bribes.",
            ["The minister allegedly took bribes."],
            [("word", "Prosecutors")],
        ),
        ("He appears to have acted alone.", ["He apparently acted alone."], [("word", "appears")]),
        ("Merkel criticized the plan.", ["Merkel and Macron criticized the plan."], []),
        ("A Ukrainian drone operator fired.", ["A Russian drone operator fired."], [("entity", "Ukrainian")]),
    ],
)
def test_whole_sentences(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.text) for f in unsupported(claim, sources)] == flags


def test_best_evidence_picks_the_sentences_a_draft_is_about() -> None:
    sentences = [
        "The incident happened in the Kursk region.",
        "Kovalenko has 10,000 followers on Telegram.",
        "Moscow received more than 100 missiles.",
    ]
    assert best_evidence("Kovalenko's Telegram channel has 10,000 followers.", sentences, k=1) == [1]
    assert best_evidence("nothing shared here", sentences) == []


def test_no_check_finds_anything_in_a_seed_sentence_against_itself(seeds: list[Article]) -> None:
    # What `unsupported` skips for a sentence found word for word among its evidence: each check run
    # directly, the sentence as someone wrote it against its own article's reading; `joined` with that
    # reading as one unit and the three sentences of the other article most like it as three more.
    for article in seeds:
        others = [r for a in seeds if a.id != article.id for r in readings(a)]
        for own in readings(article):
            sentence = read(own.text)
            elsewhere = [others[i] for i in best_evidence(sentence, others)]
            for check in CHECKS:
                if check.stage == "units":
                    found = check.run(sentence, [[own], *([e] for e in elsewhere)])
                elif check.stage not in ("shape", "voice"):
                    found = check.run(sentence, [own])
                else:
                    continue  # read as shown: whether it breaks off, whose words it says in whose voice
                assert found == [], (check.name, own.text)


def _supported_agrees(pairs: list[tuple[Article, Article]], *, with_itself: bool) -> None:
    """`supported` decides as `not unsupported` over each pair's sentences, voiced and not.

    Each sentence of the first article against the three of the other most like it (and against itself
    too, `with_itself`).
    """
    asked = refused = 0
    for article, other in pairs:
        theirs = readings(other)
        for own in readings(article):
            sentence = read(own.text)
            near = [theirs[i] for i in best_evidence(sentence, theirs)]
            for evidence in (near, [own, *near]) if with_itself else (near,):
                for voiced in (False, True):
                    asked += 1
                    want = not unsupported(sentence, evidence, voiced=voiced)
                    assert supported(sentence, evidence, voiced=voiced) == want, own.text
                    refused += not want
    assert asked > 100 and 0 < refused < asked


def test_supported_is_unsupported_finding_nothing(seeds: list[Article]) -> None:
    # Its shortcut (a word no source has) must decide as the whole registry does.
    (a, b) = seeds
    _supported_agrees([(a, b), (b, a)], with_itself=True)


def test_a_sentence_among_its_evidence_is_read_only_as_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[str] = []

    def spied(check: Check) -> Check:
        def run(*args: Any) -> list[Unsupported]:
            ran.append(check.name)
            return check.run(*args)

        return dataclasses.replace(check, run=run)

    monkeypatch.setattr(registry, "CHECKS", tuple(spied(c) for c in registry.CHECKS))
    sentence = "Officials said 40 homes were flooded on Friday."
    assert unsupported(sentence, ["Heavy rain fell.", sentence], shape=True, voiced=True) == []
    assert ran == ["incomplete", "quoted"]
    ran.clear()
    assert [f.kind for f in unsupported(sentence, ["Officials said 40 homes were flooded."])] == ["date"]
    assert {"numbers", "words"} <= set(ran)


@pytest.mark.skipif(not BASIL.is_dir(), reason="../shared/datasets/basil is absent")
def test_supported_is_unsupported_finding_nothing_on_basil() -> None:
    # As the seeds test, on three BASIL triplets' first two outlets.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import basil

    pairs = []
    for uuid in sorted(basil.triplets())[:3]:
        first, second = basil.triplets()[uuid][:2]
        a = make_article(basil.article_text(first), "A", name=first.name)
        pairs.append((a, make_article(basil.article_text(second), "B", name=second.name)))
    _supported_agrees(pairs, with_itself=False)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # "no" before the object, or the verb negated, say one thing (the first, a draft's of b764f81f).
        ("The suit contains no statistics to back up that claim.", "The suit doesn't contain statistics."),
        ("The suit does not contain statistics.", "The suit contains no statistics to support the claim."),
        ("He provided no details about the offer.", "But he never provided details about the offer."),
    ],
)
def test_a_negation_either_way_round_is_the_sources(sentence: str, source: str) -> None:
    assert [f for f in unsupported(read(sentence), [read(source)]) if f.kind == "negation"] == []


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("The suit contains statistics.", ["The suit contains no statistics."]),
        ("The suit contains statistics.", ["The suit doesn't contain statistics."]),
        # A denial is what someone did; a negation negated, an intention, someone else: no fact of it.
        ("He took no money.", ["He denied taking money."]),
        ("Police found no evidence.", ["Police did not fail to find evidence."]),
        ("He paid no taxes.", ["He said he would not pay taxes."]),
        ("No one found evidence.", ["Police found no evidence."]),
        # A negated act no source negates still leaves what it acts on to be read against the sources.
        ("He did not comment on the payment.", ["He did not comment.", "No payment was made."]),
    ],
)
def test_a_negation_either_way_round_is_still_one(sentence: str, sources: list[str]) -> None:
    assert "negation" in [f.kind for f in unsupported(read(sentence), [read(s) for s in sources])]


def test_a_no_in_an_idiom_negates_no_act() -> None:
    sentence = read("He won no more than a few votes.")
    ((cue, pred),) = sentence.negated
    assert negated_act(sentence.tokens, cue, pred, sentence.text) is None
