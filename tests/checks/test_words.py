"""The words check: a content word that neither the sources nor the synonym table supply is unsupported."""

from __future__ import annotations

import pytest

from summarizer.checks import words
from summarizer.lang.reading import read
from tests.checks import found


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A word the sources lack; a name they lack (each word: the overlap rules merge them).
        (
            "Republican officials accepted that criticism.",
            ["Republican officials dismissed that criticism."],
            [("word", "accepted")],
        ),
        (
            "Bush paid an effective tax rate of roughly 36 percent, the lowest of any candidate.",
            ["Bush paid an effective tax rate of roughly 36 percent."],
            [("word", "lowest"), ("word", "candidate")],
        ),
        (
            "Holt met South Korean officials.",
            ["Holt met officials."],
            [("entity", "South"), ("entity", "Korean")],
        ),
        # Its opposite, named in the detail.
        ("Prices rose.", ["Prices fell."], [("word", "rose")]),
        # Tolerated: function words, inflection, possessives, demonyms; a negating word is the negation
        # check's.
        ("The mayor's aides were flooding the offices.", ["The aides of the mayor flooded the office."], []),
        ("Ukrainian forces advanced.", ["The forces of Ukraine advanced."], []),
        # British and American spellings are one word (breame's table), either way round; "the West"
        # is what "Western" names.
        ("Russia's air defence is weak.", ["Russian air defense is weak."], []),
        ("Militarnyi analyzed the footage.", ["Militarnyi analysed the footage."], []),
        ("The West supplied the missile.", ["Western nations supplied the missile."], []),
        ("Western nations supplied the missile.", ["The nations of the West supplied the missile."], []),
        # A place prefix abbreviated or spelled out is one name ("Ft. Myers" is "Fort Myers").
        ("Ads ran in Fort Myers and Miami.", ["Ads ran in Ft. Myers and Miami."], []),
        ("The mayor did not resign.", ["The mayor resigned."], []),
        ("The mayor never resigned.", ["The mayor resigned."], []),
        ("The company denied the report.", ["The company confirmed the report."], []),
        # From the old rule tables, where these words rode along with another check's findings.
        (
            "Prosecutors say the minister took bribes.",
            ["The minister allegedly took bribes."],
            [("word", "Prosecutors")],
        ),
        ("He appears to have acted alone.", ["He apparently acted alone."], [("word", "appears")]),
        (
            "Most gun control advocates were hoping.",
            ["Many gun control advocates were eager."],
            [("word", "hoping")],
        ),
        ("Most foreign investors left.", ["Some foreign diplomats left."], [("word", "investors")]),
        # A negating verb that negates nothing is what happened: read as a word, with its opposite.
        ("The bill failed.", ["The bill passed."], [("word", "failed")]),
        ("The bill failed.", ["The bill failed."], []),
        # One that negates something is the negation check's, as "not" is.
        ("The bill failed to pass.", ["The bill passed."], []),
        ("She didn't.", ["She did not."], []),
    ],
)
def test_words(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(words.check, claim, sources) == flags


def test_the_detail_names_the_opposite_the_sources_say() -> None:
    (f,) = words.check(read("Prices rose."), [read("Prices fell.")])
    assert f.detail == "the sources say 'fall', the opposite of 'rose'"
