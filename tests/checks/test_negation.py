"""The negation check: a negation must be the sources', and what they say did not happen stays unstated."""

from __future__ import annotations

import pytest

from summarizer.checks import negation
from summarizer.lang.reading import read
from tests.checks import found


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A negation the sources lack, with its cue and what it negates.
        ("The mayor did not resign.", ["The mayor resigned."], [("negation", "not resign")]),
        (
            "The company denied the report.",
            ["The company confirmed the report."],
            [("negation", "denied the report")],
        ),
        (
            "The talks failed to reach a deal.",
            ["The talks reached a deal."],
            [("negation", "failed to reach")],
        ),
        ("The mayor never resigned.", ["The mayor never resigned."], []),
        # "not … any protection" negates the protection, as "no protection" does.
        ("The team would have had no protection.", ["We wouldn’t have had any protection."], []),
        # What the sources say did not happen, stated.
        ("The mayor resigned.", ["The mayor did not resign."], [("negation", "resigned")]),
        (
            "Mr. Steele responded to the call for his resignation.",
            ["Mr. Steele did not respond to the call for his resignation."],
            [("negation", "responded")],
        ),
        # Stated both ways: negated of this very object ("the authenticity"), plainly of another.
        (
            "Republican officials disputed the authenticity of the video.",
            [
                "Republican officials did not dispute the authenticity of the video, "
                "but disputed its characterization."
            ],
            [("negation", "disputed")],
        ),
        # "Everyone" has no group to read: read here, as any word is.
        ("Everyone agreed to the deal.", ["Not everyone agreed to the deal."], [("negation", "Everyone")]),
        # A quantifier read with its group is the quantifier check's: "not all officials" says nothing
        # of "all officials" here, nor of "all 12 miners" (tests/checks/test_quantifiers.py).
        ("All officials agreed.", ["Not all officials agreed."], []),
        ("Most officials agreed.", ["Not all officials agreed."], []),
        ("All 12 miners were rescued.", ["12 miners were rescued.", "Not all officials agreed."], []),
        ("He did not comment at all.", ["He did not comment."], []),
        # A negated intention answers a negated intention (7a97de89, a fresh draft): "would not resign"
        # is what "has no plans to resign" says; it never says he did not resign.
        ("LePage said he would not resign.", ["LePage said he has no plans to resign."], []),
        ("He resigned in December.", ["In July he had no intention of resigning."], []),
        # Only an intention answers it: "did not resign" is a fact no plan states (a review's probe).
        ("He did not resign.", ["He has no plans to resign."], [("negation", "not resign")]),
        # "could not" is an ability, no intention.
        ("They could not confirm it.", ["They have no plans to confirm it."], [("negation", "not confirm")]),
        # A refusal negates what it refuses, as "refused" does: "his refusal to support" a session.
        ("They faulted his refusal to support the session.", ["He would not support the session."], []),
        (
            "His refusal to support the session stood.",
            ["He supported the session."],
            [("negation", "refusal to support")],
        ),
        # A quotation opening after the negation is negated with it ("didn't “weigh in”", 8dac6c12).
        ("His speech did not weigh in on the deal.", ['His speech didn\'t "weigh in on the deal."'], []),
        ("It was not a matter of security.", ["It is not “a matter of security,” he said."], []),
        # A day is when a refusal came, not what it refused; "not in March" negates the month.
        ("She refused on Wednesday to testify.", ["She refused to testify."], []),
        ("The hearing was on Wednesday.", ["She refused on Wednesday to testify."], []),
        ("The vote was not in March.", ["The vote was in March."], [("negation", "not in March")]),
        # A refusal negates only what it refuses to do, not the verb it is the subject of.
        ("The move drew criticism.", ["Her refusal drew criticism."], []),
    ],
)
def test_negation(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(negation.check, claim, sources) == flags


def test_the_detail_says_when_the_sources_state_it_plainly() -> None:
    (f,) = negation.check(read("The mayor did not resign."), [read("The mayor resigned.")])
    assert f.detail == "the sources do not say 'not' of 'resign'; they state it without a negation"
