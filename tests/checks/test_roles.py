"""The roles check: who did what to whom, as the sources have it ("A sued B" is not "B sued A")."""

from __future__ import annotations

import pytest

from summarizer.checks import roles
from tests.checks import found

CLINTON = "As president, Clinton promoted Sestak to vice admiral and made him his director of defense policy."
BEHEST = (
    "Clinton initiated conversations with Sestak at the behest of White House Chief of Staff Rahm Emanuel, "
    "who was Clinton's political director when he was president."
)


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # Reversed.
        (
            "As president, Sestak promoted Clinton to vice admiral.",
            [CLINTON],
            [("role", "Sestak promoted Clinton")],
        ),
        (
            "Ukraine has long accused Russia of supplying North Korea with weapons and personnel.",
            ["Ukraine has long accused North Korea of supplying Russia with weapons and personnel."],
            [("role", "Russia of supplying North Korea")],
        ),
        (
            "On Monday, Apple sued Samsung.",
            ["On Monday, Samsung sued Apple."],
            [("role", "Apple sued Samsung")],
        ),
        # Reversed, where a nationality qualifies the noun that acts: the noun is no verb ("forces").
        (
            "Russian forces attacked Kyiv on Monday.",
            ["Kyiv attacked Russian forces on Monday."],
            [("role", "Russian forces attacked Kyiv")],
        ),
        (
            "Israeli troops killed Hamas fighters.",
            ["Hamas fighters killed Israeli troops."],
            [("role", "Israeli troops killed Hamas")],
        ),
        # Given to another actor the sources mention, and never to this one.
        (
            "Rahm Emanuel initiated conversations with Sestak at the behest of Clinton.",
            [BEHEST],
            [("role", "Rahm Emanuel initiated conversations with Sestak")],
        ),
        # As the sources have it; or an actor they never mention (a new name is the words check's).
        ("As president, Clinton promoted Sestak to vice admiral.", [CLINTON], []),
        ("Obama initiated conversations with Sestak.", ["Clinton initiated conversations with Sestak."], []),
        # Where no verb follows it, the word after a nationality may be the verb ("bans").
        ("The UK bans Huawei.", ["The UK was banned by Huawei."], [("role", "UK bans Huawei")]),
        # A nationality qualifying the one acted on names no one: another actor meeting a Ukrainian
        # ("Bucha meeting with", as read) is nothing against these lawmakers meeting one.
        (
            "The House Foreign Affairs lawmakers met with the Ukrainian prosecutor general.",
            [
                "Chairman of the House Foreign Affairs Committee Michael McCaul traveled to Kyiv.",
                "Earlier Tuesday, the lawmakers were in Bucha meeting with Ukrainian Prosecutor General "
                "Andriy Kostin.",
            ],
            [],
        ),
        # Done to the agent by a subject pronoun ("it", "they": never the one it is done to), and never
        # done by the agent: the sentence gives the act to the one who received it.
        (
            "Romney endorsed Gingrich on Monday.",
            ["Gingrich campaigned in Iowa.", "On Monday, he endorsed Romney."],
            [("role", "Romney endorsed Gingrich")],
        ),
        (
            "Microsoft sued Samsung over the patent.",
            ["They sued Microsoft over the patent, Samsung's lawyers said."],
            [("role", "Microsoft sued Samsung")],
        ),
        (
            "Gingrich endorsed Romney on Monday.",
            ["Gingrich campaigned in Iowa.", "On Monday, he endorsed Romney."],
            [],
        ),
        # ... unless the sources also have the agent doing it, or the act is one two do together.
        (
            "Romney praised Gingrich.",
            ["He praised Romney for the plan.", "Romney praised Gingrich in turn."],
            [],
        ),
        ("Obama met Merkel at the White House.", ["She met Obama at the White House."], []),
        # A full name the act is done to is the surname's; the agent saying another did it is no act.
        (
            "Hutchinson praised the NRA.",
            ["It praised Asa Hutchinson."],
            [("role", "Hutchinson praised the NRA")],
        ),
        (
            "Hutchinson praised the NRA.",
            ["It praised Hutchinson.", "Hutchinson said the NRA praised him."],
            [("role", "Hutchinson praised the NRA")],
        ),
        # Nor where a source has the agent doing it past an aside no relation reads, to a name or not.
        (
            "Romney praised Gingrich.",
            ["He praised Romney for the plan.", "Romney, who led the review for a year, praised Gingrich."],
            [],
        ),
        # Nor done to a longer name holding the agent's, to an owner, in a question or a negation, or by
        # a pronoun a comma leaves to the name after it ("When he visited, Obama …" is Obama visiting).
        (
            "Hutchinson praised Gingrich.",
            ["It praised Hutchinson Elementary for its drills.", "Hutchinson spoke at noon."],
            [],
        ),
        ("Obama criticized Romney.", ["He criticized Obama's plan on Monday."], []),
        ("Romney endorsed Gingrich.", ["Will he endorse Romney?"], []),
        ("Romney endorsed Gingrich.", ["He never endorsed Romney."], []),
        ("Obama visited Merkel.", ["When he visited, Obama thanked Merkel."], []),
        # A passive after the pronoun does nothing to the name: "it was given to Smith".
        ("Romney gave the award to Gingrich.", ["It was given to Romney by Gingrich."], []),
        # Stated both ways by the sources: this way is theirs too.
        (
            "On Monday, Apple sued Samsung.",
            ["On Monday, Samsung sued Apple.", "On Tuesday, Apple sued Samsung in Seoul."],
            [],
        ),
    ],
)
def test_roles(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(roles.check, claim, sources) == flags
