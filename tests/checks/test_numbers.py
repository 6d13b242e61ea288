"""The numbers check: the same value and unit, with a hedge the sources allow; a multiplier is its factor."""

from __future__ import annotations

import pytest

from summarizer.checks import numbers
from summarizer.lang.reading import read
from tests.checks import found

M = "missiles arrived"


@pytest.mark.parametrize(
    ("claim", "source", "flags"),
    [
        (f"over 100 {M}", f"more than 100 {M}", []),
        (f"at least 100 {M}", f"more than 100 {M}", []),
        (f"about 100 {M}", f"100 {M}", []),  # hedging a stated figure
        (f"100 {M}", f"about 100 {M}", [("comparator", "100")]),  # dropping a hedge
        (f"over 100 {M}", f"100 {M}", [("comparator", "over 100")]),
        (f"over 100 {M}", f"150 {M}", [("number", "100")]),  # true, but not what was said
        (f"fewer than 100 {M}", f"more than 100 {M}", [("comparator", "fewer than 100")]),
        (f"100k {M}", f"one hundred thousand {M}", []),
        (f"three weeks later {M}", f"21 days later {M}", []),
        (f"five weeks later {M}", f"21 days later {M}", [("number", "five")]),
        # "a week" is one week, not the word of "three weeks"; "a month" is not three weeks either.
        (f"a week later {M}", f"three weeks later {M}", [("number", "a week")]),
        (f"a month later {M}", f"three weeks later {M}", [("number", "a month")]),
        (f"seven days later {M}", f"a week later {M}", []),
        (f"a day after the vote {M}", f"the day after the vote {M}", []),
        # A count with no unit is not a week's seven days, nor is a duration near a count a rate.
        (f"seven {M}", f"a week later five {M}", [("number", "seven")]),
        ("the two crews waited a year", "the two crews waited three years", [("number", "a year")]),
        (
            "the strike lasted three weeks",
            "the strike lasted 10 days and 3 workers were hurt",
            [("number", "three")],
        ),
        ("the strike lasted three weeks", "the strike lasted 21 straight days", []),
        # A half is part of its number: "half a million" is not "a million".
        (f"a million {M}", f"half a million {M}", [("number", "a million")]),
        (f"500,000 {M}", f"half a million {M}", []),
        (f"a week later {M}", f"a week and a half later {M}", [("number", "a week")]),
        (f"ten and a half days later {M}", f"a week and a half later {M}", []),
        # A share in words is its value, not its words: a third is not two-thirds.
        (f"a third of the {M}", f"two-thirds of the {M}", [("number", "a third")]),
        (f"one third of the {M}", f"a third of the {M}", []),
        (f"5% of the {M}", f"5 per cent of the {M}", []),
        (f"three {M}", f"one in three {M}", [("number", "three")]),
        (f"a third of the {M}", f"one in three {M}", []),
        (f"5 per cent of the {M}", "5 missiles arrived, of the missiles", [("number", "5 per cent")]),
        # A year the sources give otherwise is a date.
        ("The vote was held in 2022.", "The vote was held in 2023.", [("date", "2022")]),
    ],
)
def test_numbers_and_their_hedges(claim: str, source: str, flags: list[tuple[str, str]]) -> None:
    assert found(numbers.check, claim, [source]) == flags


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A factor the sources give otherwise is a number, code's to decide.
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
        # sources at all ("rose 100%" may say it) it is a word for the judge.
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
    assert found(numbers.check, claim, sources) == flags


def test_the_detail_says_what_the_sources_give() -> None:
    (f,) = numbers.check(read("over 100 missiles arrived"), [read("150 missiles arrived")])
    assert f.detail == "'100' is not stated; the sources give 150"
    (f,) = numbers.check(read("100 missiles arrived"), [read("about 100 missiles arrived")])
    assert f.detail == "the sources say about 100, not exactly 100"


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # "the two men" is whom the sentence speaks of: held only to a number of the same things.
        (
            "It was the first negotiation between the two men since a session three weeks earlier.",
            [
                "It was the first negotiation between the president and the speaker since a session "
                "three weeks ago.",
                "The meeting comes after at least two phone calls.",
            ],
            [],
        ),
        ("The three officers were wounded.", ["Two officers were wounded."], [("number", "three")]),
        # More than a few, or a measure, is a figure as any other.
        ("The four senators voted no.", ["Three members voted no."], [("number", "four")]),
        ("The two-day talks ended.", ["The talks ended, three delegates said."], [("number", "two")]),
        (
            "In the two years since, nothing changed.",
            ["In the three years since, nothing changed."],
            [("number", "two")],
        ),
        ("In the two years since, prices fell.", ["Prices fell after the vote."], [("number", "two")]),
    ],
)
def test_the_few_a_sentence_refers_to(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(numbers.check, claim, sources) == flags


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # An interval the sources may give as two dates is the judge's, as a word is.
        ("A day earlier, Romney spoke.", ["On Monday, Romney spoke."], [("word", "A day")]),
        (
            "It is due Feb. 5, two days after the deadline.",
            ["It is due Feb. 5; the deadline is Feb. 3."],
            [("word", "two")],
        ),
        # One the sources give as an interval is held to it; their other lengths of time are not one.
        ("He died 32 years ago.", ["He died 35 years ago."], [("number", "32")]),
        ("A day earlier, Romney spoke.", ["On Monday, Romney spoke for 20 minutes."], [("word", "A day")]),
    ],
)
def test_an_interval_before_or_after(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert [f for f in found(numbers.check, claim, sources)] == flags


def test_an_interval_is_quoted_with_its_unit() -> None:
    (f,) = numbers.check(read("Two days later, he quit."), [read("He quit.")])
    assert f.detail == "'Two days later' is not stated as such"
