"""The joined check: a name or number one citation holds while another holds the rest."""

from __future__ import annotations

import pytest

from summarizer.checks import joined
from summarizer.ingest import make_article
from summarizer.lang.reading import read, readings

HOMES = "Officials said 40 homes were flooded in the town of Ashford."
MAYOR = "The mayor, Jane Holt, spoke to reporters on Monday."


@pytest.mark.parametrize(
    ("text", "units", "apart"),
    [
        # Every word is cited, and no citation says it.
        (
            "Jane Holt said 40 homes were flooded in the town of Ashford.",
            [[HOMES], [MAYOR]],
            ["Jane", "Holt"],
        ),
        ("Jane Holt said 40 homes were flooded in the town of Ashford.", [[HOMES, MAYOR]], []),  # one unit
        ("Jane Holt said 40 homes were flooded in the town of Ashford.", [[HOMES]], []),
        # What no unit has ("400") is not this check's; the unit holding the most is the main one.
        ("Jane Holt said 400 homes were flooded in the town of Ashford.", [[HOMES], [MAYOR]], ["Ashford"]),
        # A sentence's first word is no name because it is capitalized: "But" is joined from nowhere.
        ("But 40 homes were flooded in Ashford.", [["40 homes were flooded in Ashford."], ["But why?"]], []),
        # A number is its sources' as the numbers check reads it: "5 million" is "$5 million".
        ("The firm paid $5 million.", [["The firm paid 5 million."], ["It owed $5 million."]], []),
        # ... and "5 new stores" is no "5%".
        (
            "Sales rose 5% in Ashford.",
            [["Sales rose in Ashford, with 5 new stores."], ["Profit rose 5%."]],
            ["5%"],
        ),
        # "America" is found in "the United States", in one citation as in all of them.
        ("America lost 5 tanks.", [["The United States lost 5 tanks."], ["America said so."]], []),
        (
            "America lost 5 tanks.",
            [["The country lost 5 tanks."], ["The United States said so."]],
            ["America"],
        ),
    ],
)
def test_joined_reads_names_and_numbers_as_the_other_checks_do(
    text: str, units: list[list[str]], apart: list[str]
) -> None:
    found = joined.check(read(text), [[read(e) for e in u] for u in units])
    assert {f.kind for f in found} <= {"joined"}
    assert [f.text for f in found] == apart


def test_adjacent_sentences_of_one_article_are_one_unit() -> None:
    # Two citations next to each other in one article are one paragraph, which says what the sentence
    # does (whose voice it is, the source check reads). Sentences of their own here: a reading is shared
    # by every live article holding its text, and where they stand in any of them counts.
    flood, mayor = "Officials said 30 homes were flooded in Bexford.", "The mayor, Ann Lee, spoke on Monday."
    text = read("Ann Lee said 30 homes were flooded in Bexford.")
    far = make_article(f"{flood}\nRoads stayed closed.\n{mayor}\n", "B", name="b.txt")
    homes, _, lee = readings(far)
    assert [f.text for f in joined.check(text, [[homes], [lee]])] == ["Ann", "Lee"]
    near = make_article(f"{flood}\n{mayor}\n", "A", name="a.txt")
    assert joined.check(text, [[r] for r in readings(near)]) == []
    # Read alone, they know no article: two citations, as before.
    assert [f.text for f in joined.check(text, [[read(flood)], [read(mayor)]])] == ["Ann", "Lee"]
