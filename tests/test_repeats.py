"""Summary sentences that say again what another says: shown once, the fuller at the first one's place."""

from __future__ import annotations

import pytest

from summarizer.repeats import arranged, news_first

# After the bundled model on 87609973 (BASIL, held out): the model's sentence, then the lead it copies.
RENEWED = (
    "President Trump renewed his attack on his Justice Department, and said a top aide to 2016 election "
    "rival Hillary Clinton should be jailed."
)
ON_TUESDAY = (
    "President Donald Trump on Tuesday renewed his attack on his Justice Department, and said a top aide "
    "to 2016 election rival Hillary Clinton should be jailed."
)
OTHER = "Abedin also sent passwords for her government laptop to her Yahoo account on Aug. 24, 2009."


def test_the_fuller_of_two_sentences_saying_the_same_is_shown_at_the_first_ones_place() -> None:
    assert arranged([RENEWED, OTHER, ON_TUESDAY]) == ([2, 1], {0: 2})


def test_a_sentence_the_one_above_says_is_left_out() -> None:
    assert arranged([ON_TUESDAY, OTHER, RENEWED]) == ([0, 1], {2: 0})


@pytest.mark.parametrize(
    ("above", "below"),
    [
        # Sharing most words is not saying it: another verb, another actor, a negation, another date.
        (
            "Police arrested the suspect near the station on Friday night.",
            "Police released the suspect near the station on Friday night.",
        ),
        (
            "Democrats voted against the bill in the Senate on Friday.",
            "Republicans voted for the bill in the Senate on Friday.",
        ),
        (
            "Clinton sent classified emails from her private server.",
            "Clinton never sent classified emails from her private server.",
        ),
        (
            "Trump met Putin in Helsinki in 2018 at the summit.",
            "Trump met Putin in Hamburg in 2017 at the summit.",
        ),
        (
            "The Senate voted 97-1 to override the veto of the bill.",
            "It takes two-thirds of the Senate to override the veto of a bill.",
        ),
        # A short sentence shares its names with any other about the same people.
        ("Trump met Comey at the White House in January.", "Trump fired Comey."),
    ],
)
def test_a_sentence_the_other_does_not_say_is_shown(above: str, below: str) -> None:
    assert arranged([above, below]) == ([0, 1], {})


def test_a_sentence_opening_with_what_its_article_names_never_takes_the_place_of_one_naming_it() -> None:
    named = "Schumer urged Trump to cancel his upcoming meeting with Putin."
    pronoun = "He urged Trump to cancel his upcoming meeting with Putin in Helsinki."
    assert arranged([named, pronoun]) == ([0, 1], {})


def test_a_sentence_code_keeps_is_never_left_out_nor_replaced() -> None:
    assert arranged([RENEWED, ON_TUESDAY], keep=[True, False]) == ([0, 1], {})
    assert arranged([ON_TUESDAY, RENEWED], keep=[False, True]) == ([0, 1], {})


def test_a_chain_of_repeats_points_at_the_sentence_shown() -> None:
    short = "President Trump renewed his attack on his Justice Department."
    shown, instead = arranged([short, RENEWED, ON_TUESDAY])
    assert shown == [2] and instead == {0: 2, 1: 2}


# After the bundled model on 2153fb3e and a4f1d515 (BASIL): a speaker's words, and a "he said", led.
TRUST = (
    "“I trust in God,” Mr. Obama said, "
    "“but God wants to see us help ourselves by putting people back to work!”"
)
LEAKS = '"I don\'t welcome leaks," he said.'
BRIDGE = "President Obama on Wednesday visited another bridge in need of repair."


@pytest.mark.parametrize("lead", [TRUST, LEAKS], ids=["a speaker's words", "he said"])
def test_the_news_leads_not_a_speakers_words_nor_a_he_said(lead: str) -> None:
    assert news_first([0, 1, 2], [lead, OTHER, BRIDGE]) == [1, 0, 2]


def test_a_lead_in_a_reporters_voice_stays_and_code_sentences_never_lead_in_its_place() -> None:
    assert news_first([0, 1], [BRIDGE, TRUST]) == [0, 1]
    assert news_first([0, 1, 2], [TRUST, OTHER, BRIDGE], keep=[False, True, False]) == [2, 0, 1]
    assert news_first([0, 1], [TRUST, LEAKS]) == [0, 1]  # none stands alone: the order stays


@pytest.mark.parametrize(
    "lead",
    [
        "There were 40 people killed in the blast in Kabul on Tuesday, the ministry said.",
        "This year's budget cuts $40 billion from defense, the White House said on Monday.",
    ],
)
def test_a_lead_opening_with_there_or_this_names_no_one_before_it_and_stays(lead: str) -> None:
    assert news_first([0, 1], [lead, BRIDGE]) == [0, 1]
