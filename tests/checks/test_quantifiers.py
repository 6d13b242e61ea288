"""The quantifiers check: a share of a group may not be stronger than the one the sources give that group."""

from __future__ import annotations

import pytest

from summarizer.checks import quantifiers
from tests.checks import found


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A share of a group stronger than the one the sources give it: code's to decide.
        ("All voters backed him.", ["Some voters backed him."], [("comparator", "All")]),
        ("Most voters backed him.", ["Many voters backed him."], [("comparator", "Most")]),
        ("Every voter backed him.", ["Most voters backed him."], [("comparator", "Every")]),
        # "not all" rules "all" out, but not "most".
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
        # (The words check finds "hoping" too: tests/test_unsupported.py has the whole sentence.)
        (
            "Most gun control advocates were hoping.",
            ["Many gun control advocates were eager."],
            [("word", "Most")],
        ),
        # "Everyone" has no group to read: a word here, which a negation finding on it explains
        # (tests/checks/test_negation.py, tests/checks/test_settle.py).
        ("Everyone agreed to the deal.", ["Not everyone agreed to the deal."], [("word", "Everyone")]),
        # "some 300" is about 300, also in a source.
        ("Some 300 people fled.", ["About 300 people fled."], []),
        ("Most people fled the town.", ["Some 300 people fled the town."], [("word", "Most")]),
        # The group is the noun, not its adjective: "foreign investors" are no "foreign diplomats".
        # (The words check finds "investors" too: tests/test_unsupported.py has the whole sentence.)
        ("Most foreign investors left.", ["Some foreign diplomats left."], [("word", "Most")]),
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
    assert found(quantifiers.check, claim, sources) == flags
