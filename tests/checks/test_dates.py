"""The dates check: every month, weekday or relative day of the sentence must be one its sources give."""

from __future__ import annotations

import pytest

from summarizer.checks import dates
from summarizer.lang.reading import read
from tests.checks import found


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        (
            "In October, the ministry reported the figures.",
            ["In November, the ministry reported the figures."],
            [("date", "October")],
        ),
        (
            "Mr. Steele did not respond in his statement on Saturday afternoon.",
            ["In his statement on Friday afternoon, Mr. Steele did not respond."],
            [("date", "Saturday")],
        ),
        ("The vote was held yesterday.", ["The vote was held on Monday."], [("date", "yesterday")]),
        ("Roads remained closed on Tuesday.", ["Roads remained closed on Tuesday."], []),
        # A possessive weekday is that day: "Thursday’s meeting" gives Thursday, and a wrong one is seen.
        ("The two met on Thursday.", ["During Thursday’s meeting, the two met."], []),
        ("The two met on Friday.", ["During Thursday's meeting, the two met."], [("date", "Friday")]),
        # "Theresa May’s" is hers, no month.
        ("Theresa May’s government fell.", ["The government fell in June."], []),
        ("Last May’s vote failed.", ["Last June's vote failed."], [("date", "May")]),
        # Any source sentence may give it; one that gives none leaves the sentence without a date to hold.
        ("The vote was held on Monday.", ["The vote was held last week.", "Turnout was high on Monday."], []),
        ("The pilot may have been killed.", ["The pilot may have been killed on Monday."], []),
        # "May" the month, given by the sources.
        ("The vote was held on May 5.", ["The vote was held on May 5."], []),
        # A year is a number: the numbers check's (tests/checks/test_numbers.py).
        ("The vote was held in 2022.", ["The vote was held in 2023."], []),
    ],
)
def test_dates(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(dates.check, claim, sources) == flags


def test_the_detail_says_which_dates_the_sources_give() -> None:
    (f,) = dates.check(read("Roads closed on Friday."), [read("Roads closed on Tuesday.")])
    assert f.detail == "the sources do not say 'Friday' (they say tuesday)"
    (f,) = dates.check(read("Roads closed on Friday."), [read("Roads closed.")])
    assert f.detail == "the sources do not say 'Friday'"
