"""The deterministic grounding check: planted errors are caught and faithful paraphrases pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.checks import best_evidence, unsupported

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
        ("5% of the missiles arrived", "5 per cent of the missiles arrived", True),
        ("three missiles arrived", "one in three missiles arrived", False),
        ("a third of the missiles arrived", "one in three missiles arrived", True),
        ("5 per cent of the missiles arrived", "5 missiles arrived, of the missiles", False),
    ],
)
def test_numbers_and_their_hedges(claim: str, source: str, ok: bool) -> None:
    assert (unsupported(claim, [source]) == []) is ok


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A share of a group stronger than the one the sources give it: code's to decide.
        ("All voters backed him.", ["Some voters backed him."], [("comparator", "All")]),
        ("Most voters backed him.", ["Many voters backed him."], [("comparator", "Most")]),
        ("Every voter backed him.", ["Most voters backed him."], [("comparator", "Every")]),
        # "not all" rules "all" out (once a negation flag on any "all" at all), but not "most".
        ("All officials agreed.", ["Not all officials agreed."], [("comparator", "All")]),
        ("Most officials agreed.", ["Not all officials agreed."], [("word", "Most")]),
        ("All 12 miners were rescued.", ["12 miners were rescued.", "Not all officials agreed."], []),
        # A hedged share is a rank lower: "nearly all" is not "all", "all but two" neither.
        ("All residents were evacuated.", ["Nearly all residents were evacuated."], [("comparator", "All")]),
        ("Most residents were evacuated.", ["Nearly all residents were evacuated."], []),
        ("All passengers survived.", ["All but two passengers survived."], [("comparator", "All")]),
        # A count between the quantifier and its group; a group named with "U.S."; "most" before an
        # adjective and its noun.
        ("All 33 miners were rescued.", ["Some of the 33 miners were rescued."], [("comparator", "All")]),
        ("All 12 miners were rescued.", ["Not all 12 miners were rescued."], [("comparator", "All")]),
        ("Most U.S. officials agreed.", ["Some U.S. officials agreed."], [("comparator", "Most")]),
        ("Most foreign investors left.", ["Some foreign investors left."], [("comparator", "Most")]),
        # A share said of something else than what the sentence says happened, past the group's
        # noun phrase ("members of Congress", "gun control advocates").
        ("Most lawmakers backed the bill.", ["Some lawmakers opposed the bill, but most backed it."], []),
        (
            "Each member of Congress stayed.",
            ["Some members of Congress left, and the rest stayed."],
            [("word", "Each")],
        ),
        (
            "Most gun control advocates are eager.",
            ["Many gun control advocates are eager."],
            [("comparator", "Most")],
        ),
        (
            "Most gun control advocates were hoping.",
            ["Many gun control advocates were eager."],
            [("word", "Most"), ("word", "hoping")],
        ),
        # "Everyone" has no group to read: the negation check reads it, as before.
        ("Everyone agreed to the deal.", ["Not everyone agreed to the deal."], [("negation", "Everyone")]),
        # "some 300" is about 300, also in a source.
        ("Some 300 people fled.", ["About 300 people fled."], []),
        ("Most people fled the town.", ["Some 300 people fled the town."], [("word", "Most")]),
        # The group is the noun, not its adjective: "foreign investors" are no "foreign diplomats".
        (
            "Most foreign investors left.",
            ["Some foreign diplomats left."],
            [("word", "Most"), ("word", "investors")],
        ),
        # No share given at all: a word the sources lack, for a judge sure beyond SETTLE.
        ("All residents fled the city.", ["Residents fled the city."], [("word", "All")]),
        # The same share, a higher one, or one said of the group elsewhere in its sentence.
        ("Most residents fled the city.", ["Most residents fled the city."], []),
        ("Most residents fled the city.", ["All residents fled the city."], []),
        ("All the residents fled the city.", ["The residents, officials said, had all fled the city."], []),
        ("Most of them fled the city.", ["Most residents fled the city."], []),
        ("The residents mostly fled the city.", ["The residents largely fled the city."], []),
        ("Some officials agreed.", ["Not all officials agreed."], []),
        # Not a share of a group: a superlative, idioms, a compound, a count.
        ("It was the most dangerous flood in years.", ["It was the most dangerous flood in years."], []),
        ("He did not comment at all.", ["He did not comment."], []),
        ("After all, the residents fled.", ["The residents fled."], []),
        ("They blamed each other.", ["They blamed each other."], []),
        ("All 12 miners were rescued.", ["12 miners were rescued."], []),
    ],
)
def test_quantifiers(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.text) for f in unsupported(claim, sources)] == flags


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # Once a word a judge sure beyond SETTLE could settle; now a number, code's to decide.
        ("Missile stocks tripled.", ["Missile stocks doubled."], [("number", "tripled")]),
        ("Missile stocks trebled.", ["Missile stocks doubled."], [("number", "trebled")]),
        ("Missile stocks were halved.", ["Missile stocks doubled."], [("number", "halved")]),
        ("Missile stocks rose 1,000-fold.", ["Missile stocks rose 100-fold."], [("number", "1,000-fold")]),
        (
            "Missile stocks rose three times as fast.",
            ["Missile stocks rose twice as fast."],
            [("number", "three times")],
        ),
        # A multiplier is never a count: "two" in the sources is not "doubled". With no factor in the
        # sources at all ("rose 100%" may say it) it is a word for the judge, as it was.
        (
            "Missile stocks doubled.",
            ["Two missile stocks were sold.", "Missile stocks tripled."],
            [("number", "doubled")],
        ),
        ("Missile stocks doubled.", ["Two missile stocks were sold."], [("word", "doubled")]),
        # "twice as a teenager" is no factor: "doubled" is still held to what the sources give.
        (
            "Missile stocks doubled.",
            ["Missile stocks rose 30%; he was arrested twice as a teenager."],
            [("word", "doubled")],
        ),
        # One factor, however written.
        ("Missile stocks doubled.", ["Missile stocks grew twofold."], []),
        ("Missile stocks were halved.", ["Missile stocks were cut in half."], []),
        (
            "There were twice as many missile stocks.",
            ["Missile stocks doubled, there were twice as many."],
            [],
        ),
    ],
)
def test_multipliers(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.text) for f in unsupported(claim, sources)] == flags


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # What the sources only hedge, stated as fact: a comparator, as "100" for "about 100" is.
        (
            "The pilot was killed in the crash.",
            ["The pilot may have been killed in the crash."],
            [("comparator", "killed")],
        ),
        (
            "The ministry raised fuel prices.",
            ["The ministry plans to raise fuel prices."],
            [("comparator", "raised")],
        ),
        (
            "Police arrested the suspect.",
            ["Police tried to arrest the suspect."],
            [("comparator", "arrested")],
        ),
        ("The minister took bribes.", ["The minister allegedly took bribes."], [("comparator", "took")]),
        ("The gunman opened fire.", ["The suspected gunman opened fire."], [("comparator", "gunman")]),
        (
            "The mayor lied to investigators.",
            ["Reporters asked whether the mayor lied to investigators."],
            [("comparator", "lied")],
        ),
        (
            "He faces up to 10 years in prison.",
            ["He could face up to 10 years in prison."],
            [("comparator", "faces")],
        ),
        # A hedge of its own, a future, or who says it: the sentence claims no more.
        (
            "The pilot could have been killed in the crash.",
            ["The pilot may have been killed in the crash."],
            [],
        ),
        ("The ministry will raise fuel prices.", ["The ministry plans to raise fuel prices."], []),
        (
            "Prosecutors say the minister took bribes.",
            ["The minister allegedly took bribes."],
            [("word", "Prosecutors")],
        ),
        # What the hedge does not govern, or what another source sentence states plainly.
        ("The driver hit a cyclist.", ["The driver, who may have been drunk, hit a cyclist."], []),
        (
            "The minister took a flight.",
            ["The minister allegedly took bribes.", "The minister took a flight."],
            [],
        ),
        # A thing of the hedged act's word is no act: "the vote" is not "set to vote".
        ("The vote was close.", ["Congress is set to vote, and it was close."], []),
        # A hedge of its own in other words ("appears to" for "apparently"); and in words of its own
        # the sentence may carry the hedge ("is on track to"): the judge's, as its words are.
        ("He appears to have acted alone.", ["He apparently acted alone."], [("word", "appears")]),
        (
            "The plant will finish the order.",
            ["The plant is set to finish the order."],
            [],
        ),
        (
            "The plant is on track and finished the order.",
            ["The plant is set to finish the order."],
            [("word", "track"), ("word", "finished")],
        ),
        # "Could" of what one was able to do; a plan its own sentence says came true; the same act
        # done to another thing; a thing that was only proposed (the judge's); a synonym stated plainly.
        ("Residents saw smoke.", ["Residents could see smoke from miles away."], []),
        ("He vetoed the bill.", ["He vowed to veto the bill, and did so on Friday."], []),
        (
            "The chief executive faces a lawsuit.",
            ["The company may face fines.", "The chief executive is the target of a lawsuit."],
            [],
        ),
        ("Lawmakers rejected the budget.", ["Lawmakers rejected the proposed budget."], [("word", "budget")]),
        (
            "Rebels seized the airport.",
            ["Rebels may have seized the airport.", "Rebels captured the airport."],
            [],
        ),
        # A soft hedge flag ("the proposed budget") does not make a hard one soft.
        (
            "The budget cuts school funding.",
            ["The proposed budget may cut school funding."],
            [("word", "budget"), ("comparator", "cuts")],
        ),
        # "Reportedly" is an attribution, which a summary may drop; "may" the month is no hedge.
        ("Russian forces destroyed the SAM.", ["Russian forces reportedly destroyed the SAM."], []),
        ("The vote was held on May 5.", ["The vote was held on May 5."], []),
    ],
)
def test_hedges(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.text) for f in unsupported(claim, sources)] == flags


def test_a_name_before_a_verb_qualifies_nothing() -> None:
    # "Macron criticized" once read as a "criticized" called Macron: a hard entity flag on Merkel.
    assert unsupported("Merkel criticized the plan.", ["Merkel and Macron criticized the plan."]) == []
    # A name before a noun still does: a "Ukrainian drone operator" for a Russian one.
    (flag,) = unsupported("A Ukrainian drone operator fired.", ["A Russian drone operator fired."])
    assert (flag.kind, flag.text) == ("entity", "Ukrainian")


def test_best_evidence_picks_the_sentences_a_draft_is_about() -> None:
    sentences = [
        "The incident happened in the Kursk region.",
        "Kovalenko has 10,000 followers on Telegram.",
        "Moscow received more than 100 missiles.",
    ]
    assert best_evidence("Kovalenko's Telegram channel has 10,000 followers.", sentences, k=1) == [1]
    assert best_evidence("nothing shared here", sentences) == []
