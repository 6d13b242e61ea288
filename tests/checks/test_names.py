"""The names check: a name the sentence puts on a thing must be the one its sources put on it."""

from __future__ import annotations

import pytest

from summarizer.checks import names
from tests.checks import found


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A name before a noun qualifies it: a "Ukrainian drone operator" for a Russian one.
        ("A Ukrainian drone operator fired.", ["A Russian drone operator fired."], [("entity", "Ukrainian")]),
        (
            "A blundering Ukrainian drone operator has blown up a North Korean supplied surface to air "
            "missile.",
            [
                "A blundering Russian drone operator has blown up a North Korean supplied surface to air "
                "missile (SAM) after mistakenly believing it belonged to Ukraine."
            ],
            [("entity", "Ukrainian")],
        ),
        ("A Russian drone operator fired.", ["A Russian drone operator fired."], []),
        # The sources name no one on the thing: a name they lack is the words check's.
        ("A Ukrainian drone operator fired.", ["A drone operator fired."], []),
        # A name before a verb qualifies nothing: "Macron criticized" is no "criticized" called Macron.
        ("Merkel criticized the plan.", ["Merkel and Macron criticized the plan."], []),
    ],
)
def test_names(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(names.check, claim, sources) == flags
