"""The hedges check: what the sources state only under a hedge may not be stated as fact."""

from __future__ import annotations

import pytest

from summarizer.checks import hedges
from summarizer.lang.reading import read
from tests.checks import found


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
        # A hedge of its own, a future, or who says it: the sentence claims no more. (A speaker the
        # sources lack, "Prosecutors", is the words check's: tests/test_unsupported.py.)
        (
            "The pilot could have been killed in the crash.",
            ["The pilot may have been killed in the crash."],
            [],
        ),
        ("The ministry will raise fuel prices.", ["The ministry plans to raise fuel prices."], []),
        ("Prosecutors say the minister took bribes.", ["The minister allegedly took bribes."], []),
        # What the hedge does not govern, or what another source sentence states plainly.
        ("The driver hit a cyclist.", ["The driver, who may have been drunk, hit a cyclist."], []),
        (
            "The minister took a flight.",
            ["The minister allegedly took bribes.", "The minister took a flight."],
            [],
        ),
        # A thing of the hedged act's word is no act: "the vote" is not "set to vote".
        ("The vote was close.", ["Congress is set to vote, and it was close."], []),
        # A hedge of its own in other words ("appears to" for "apparently"; the words check finds
        # "appears", a word the sources lack: tests/test_unsupported.py).
        ("He appears to have acted alone.", ["He apparently acted alone."], []),
        ("The plant will finish the order.", ["The plant is set to finish the order."], []),
        # Stated as fact: found here; in words of its own ("on track") the sentence may carry the hedge,
        # which makes this the judge's (tests/checks/test_settle.py).
        (
            "The plant is on track and finished the order.",
            ["The plant is set to finish the order."],
            [("comparator", "finished")],
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
        (
            "The budget cuts school funding.",
            ["The proposed budget may cut school funding."],
            [("word", "budget"), ("comparator", "cuts")],
        ),
        # A hedged verb passes its hedge to the verb it takes with "to": "may need to be consulted" says
        # no one was consulted, "could decide to veto" that nothing was vetoed.
        (
            "Other agencies have been consulted on the emails.",
            ["Other agencies may need to be consulted on the emails."],
            [("comparator", "consulted")],
        ),
        (
            "The governor vetoed the bill.",
            ["The governor could decide to veto the bill."],
            [("comparator", "vetoed")],
        ),
        ("The governor may veto the bill.", ["The governor could decide to veto the bill."], []),
        (
            "Flynn testified before the committee.",
            ["Flynn might be ordered to testify before the committee."],
            [("comparator", "testified")],
        ),
        # Only a verb that takes another with "to": "moved to bases" goes to a place.
        ("The U.S. has bases in Poland.", ["U.S. troops may be moved to bases in Poland."], []),
        (
            "The governor decided to veto the bill.",
            ["The governor could decide to veto the bill.", "The governor vetoed the bill on Friday."],
            [("comparator", "decided")],
        ),
        # "Reportedly" is an attribution, which a summary may drop; "may" the month is no hedge.
        ("Russian forces destroyed the SAM.", ["Russian forces reportedly destroyed the SAM."], []),
        ("The vote was held on May 5.", ["The vote was held on May 5."], []),
    ],
)
def test_hedges(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(hedges.check, claim, sources) == flags


def test_the_detail_names_the_sources_hedge() -> None:
    (f,) = hedges.check(read("The minister took bribes."), [read("The minister allegedly took bribes.")])
    assert f.detail == "the sources hedge it ('allegedly … took'); the sentence states it as fact"
