"""The incomplete check: a sentence that stops mid-clause says nothing whole."""

from __future__ import annotations

import pytest

from summarizer.checks import incomplete
from tests.checks import found


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("The mayor said that the", [("incomplete", "The mayor said that the")]),
        ("The mayor resigned", [("incomplete", "The mayor resigned")]),
        # The last 30 characters stand for the rest.
        (
            "The mayor of Ashford said on Monday that the clean-up would",
            [("incomplete", "Monday that the clean-up would")],
        ),
        ("The mayor resigned.", []),
        ("Did the mayor resign?", []),
        ("The mayor said: “I resign.”", []),
        ("", []),
    ],
)
def test_incomplete(text: str, flags: list[tuple[str, str]]) -> None:
    assert found(incomplete.check, text, []) == flags
