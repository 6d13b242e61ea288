"""What extraction derives by code, not by asking the model: who asserts, quantities, kind, whole words."""

from __future__ import annotations

import pytest

from summarizer.extract import asserter, find_quantities, kind_of, to_claims
from summarizer.models import Article
from summarizer.schemas import ClaimDraft
from summarizer.text import attribution, whole_words


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Kovalenko said that the incident was not initially reported.", "Kovalenko"),
        (
            "However, Alexander Kovalenko, a Ukrainian military and political analyst, concluded "
            "that Russian forces mistakenly targeted the SAM, according to the Ukrainian "
            "Independent Information Agency.",
            "Alexander Kovalenko",
        ),
        ("Kovalenko, who has over 100,000 Telegram subscribers, said the error occurred", "Kovalenko"),
        ("Ukraine has said for months that Pyongyang has provided Russia with soldiers.", "Ukraine"),
        (
            "Russian military bloggers had initially claimed that a missile was destroyed",
            "Russian military bloggers",
        ),
        ("The report said: “The aggressor state of Russia has received more than 100.", "the report"),
        ("The incident happened, according to the Kyiv Independent.", "the Kyiv Independent"),
        ("“This is extremely alarming,” he said.", None),  # a pronoun names nobody
        ("A blundering Russian drone operator has blown up a SAM.", None),
    ],
)
def test_attribution_is_read_from_the_sentence(sentence: str, who: str | None) -> None:
    assert attribution(sentence) == who


def test_who_asserts_is_read_from_the_sentence_or_the_speaker_before_a_pronoun(seeds: list[Article]) -> None:
    b = seeds[1]
    assert asserter(b, [4]) == "the outlet"  # B4 names no one
    assert asserter(b, [3]) == "Alexander Kovalenko"
    assert b.sentences[6].text == "“This is extremely alarming,” he said."
    assert asserter(b, [7]) == "Kovalenko"  # "he", after "Kovalenko noted …" in B6


def test_quantities_are_typed_from_the_quote_with_what_they_count() -> None:
    (q,) = find_quantities("Kovalenko, who has over 100,000 Telegram subscribers, said")
    assert (q.value, q.qualifier, q.what) == (100_000, "over", "Telegram subscribers")
    assert find_quantities("since 2002, the leader") == []  # a year is a date, not a count
    assert kind_of(find_quantities("has 10,000 followers"), "the outlet") == "number"
    assert kind_of([], "Kovalenko") == "attribution"
    assert kind_of([], "the outlet") == "event"


def test_a_quote_cut_mid_word_by_the_length_cap_is_trimmed_to_whole_words() -> None:
    text = "Kovalenko is a prominent commentator and has 10,000 followers on Telegram."
    assert whole_words("has 10,000 followers on Teleg", text) == "has 10,000 followers on"
    assert whole_words("has 10,000 followers on Telegram", text) == "has 10,000 followers on Telegram"
    assert whole_words("not in the text at all", text) == "not in the text at all"


def test_claims_get_derived_fields_and_a_failed_reask_is_named(seeds: list[Article]) -> None:
    a = seeds[0]
    good = ClaimDraft(
        sentence_ids=[9],
        quote="has 10,000 followers on Teleg",
        statement="Alexander Kovalenko has 10,000 Telegram followers.",
    )
    bad = ClaimDraft(sentence_ids=[1], quote="the valley was evacuated overnight", statement="x y z")
    one, two = to_claims(a, [good, bad], {1: "the re-ask failed: the server at x answered HTTP 500"})
    assert one.verified and one.quote == "has 10,000 followers on"
    assert (one.kind, one.asserted_by, [q.value for q in one.quantities]) == (
        "number",
        "the outlet",
        [10_000],
    )
    assert not two.verified and two.reason and two.reason.endswith("answered HTTP 500")
