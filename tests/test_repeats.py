"""Summary sentences that say again what another says: shown once, the fuller at the first one's place."""

from __future__ import annotations

from summarizer.repeats import REPEATS, arranged

# After the bundled model on c6a0e65c and 72fa9b13 (BASIL, held out).
URGE = "The Democrats urge President Trump to cancel his upcoming meeting with President Putin of Russia."
CALLED = (
    "Leading Democrats called Friday for President Trump to cancel his upcoming meeting with President "
    "Putin of Russia after the indictment."
)
ROSENSTEIN = "Deputy Attorney General Rod Rosenstein announced the charges during a Friday press conference."


def test_the_fuller_of_two_sentences_saying_the_same_is_shown_at_the_first_ones_place() -> None:
    shown, instead = arranged([URGE, ROSENSTEIN, CALLED])
    assert shown == [2, 1]
    assert instead == {0: 2}


def test_a_shorter_repeat_below_is_left_out() -> None:
    shown, instead = arranged([CALLED, ROSENSTEIN, URGE])
    assert (shown, instead) == ([0, 1], {2: 0})


def test_a_sentence_giving_a_figure_the_other_does_not_says_something_new() -> None:
    vote = "The Senate voted 97-1 to override the veto of the bill."
    rule = "It takes two-thirds of the Senate to override a veto."
    assert arranged([vote, rule]) == ([0, 1], {})
    # Nor does the fuller one take the place of one whose figure it lacks.
    assert arranged([vote, "The Senate voted to override the veto of the bill on Wednesday."]) == (
        [0],
        {1: 0},
    )


def test_a_sentence_code_keeps_is_never_left_out_nor_replaced() -> None:
    assert arranged([URGE, CALLED], keep=[True, False]) == ([0], {1: 0})
    assert arranged([URGE, CALLED], keep=[False, True]) == ([0, 1], {})


def test_below_the_share_a_sentence_is_its_own() -> None:
    # Half its words in the one above: "Trump slams …" under the lead is a headline of another fact.
    lead = "President Trump renewed his attack on the Justice Department on Tuesday."
    other = "Trump slams aide, calls on department to act."
    assert REPEATS > 0.5
    assert arranged([lead, other]) == ([0, 1], {})
