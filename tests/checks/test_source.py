"""The source check: a speaker the sentence names must be one its sources give as saying something."""

from __future__ import annotations

import pytest

from summarizer.checks import source
from summarizer.lang.reading import read
from tests.checks import found

ERROR = "the error occurred when a Russian drone operator mistook the system."


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # The wrong speaker.
        (
            f"Ukraine’s Defense Intelligence said {ERROR}",
            [f"Kovalenko, who has over 100,000 Telegram subscribers, said {ERROR}"],
            [("source", "Ukraine’s Defense Intelligence")],
        ),
        (
            "Kovalenko reported that Moscow had received over 100 missiles.",
            [
                "In November, Ukraine’s Defense Intelligence reported that Moscow had received "
                "over 100 missiles."
            ],
            [("source", "Kovalenko")],
        ),
        # Named in the sources, but not as saying anything.
        (
            "Kovalenko said the error occurred.",
            ["Kovalenko has 10,000 followers.", "The error occurred."],
            [("source", "Kovalenko")],
        ),
        # Omitting an attribution is not flagged; the same speaker, however placed or named, passes.
        (f"The {ERROR}", [f"Kovalenko said {ERROR}"], []),
        ("Kovalenko said the error occurred.", ["Kovalenko said the error occurred."], []),
        ("Alexander Kovalenko said the error occurred.", ["Kovalenko said the error occurred."], []),
        ("Kovalenko said the error occurred.", ["The error occurred, Kovalenko told reporters."], []),
    ],
)
def test_source(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(source.check, claim, sources) == flags


def test_the_detail_says_whom_the_sources_cite() -> None:
    (f,) = source.check(read("Kovalenko said it."), [read("Officials said it.")])
    assert f.detail == "the sources do not attribute this to Kovalenko; they cite officials"
