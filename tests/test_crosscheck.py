"""The model-independent numeric cross-check."""

from __future__ import annotations

from summarizer.crosscheck import conflicts, corroborations, disagreements
from summarizer.ingest import load
from summarizer.models import Article

from .reports import claim


def test_it_finds_the_telegram_audience_conflict_in_the_seeds_with_no_model(seeds: list[Article]) -> None:
    found = disagreements(seeds)
    assert [(x.raw, y.raw, y.qualifier) for x, y, _ in found] == [("10,000", "100,000", "over")]


def test_cross_check_conflicts_cite_new_sentence_claims_when_the_model_missed_them(
    seeds: list[Article],
) -> None:
    (conflict,), new = conflicts(seeds, [])
    assert conflict.found_by == "cross-check"
    numbers = [c for c in new if c.kind == "number"]
    assert {c.article_id for c in numbers} == {"A", "B"}
    assert all(c.verified and c.found_by == "cross-check" for c in new)
    assert conflict.claim_ids == [c.id for c in numbers]


def test_cross_check_cites_the_models_claim_when_one_covers_the_number(seeds: list[Article]) -> None:
    mine = claim("A1", seeds[0], "has 10,000 followers on Telegram", "Kovalenko has 10,000 followers.", 9)
    (conflict,), new = conflicts(seeds, [mine])
    assert conflict.claim_ids[0] == "A1"
    assert [c.article_id for c in new if c.kind == "number"] == ["B"]


def test_agreeing_and_unrelated_numbers_are_not_flagged() -> None:
    articles = load(
        [
            "Officials said 40 people were hurt in the blast.\nThe vote passed 52 to 48 on Tuesday.",
            "At least 40 people were hurt in the blast, officials said.\nThe budget is 3 billion dollars.",
        ]
    )
    assert disagreements(articles) == []


def test_a_different_count_of_the_same_thing_is_flagged() -> None:
    articles = load(
        [
            "Officials said 40 people were hurt in the blast on Monday.\nIt was loud.",
            "Officials said 62 people were hurt in the blast on Monday.\nIt was late.",
        ]
    )
    ((x, y, _),) = disagreements(articles)
    assert (x.value, y.value) == (40, 62)


def test_claims_two_articles_share_are_found_as_corroborated(seeds: list[Article]) -> None:
    a, b = seeds
    claims = [
        claim(
            "A1", a, "Russian military bloggers had initially claimed", "Bloggers first blamed Ukraine.", 3
        ),
        claim("A2", a, "has 10,000 followers on Telegram", "Kovalenko has 10,000 followers.", 9),
        claim("B1", b, "Russian military bloggers initially claimed", "Bloggers first blamed the West.", 2),
        claim("B2", b, "who has over 100,000 Telegram subscribers", "Kovalenko has 100,000 subscribers.", 8),
    ]
    found = corroborations(seeds, claims)
    assert [g.claim_ids for g in found] == [["A1", "B1"]]
    assert found[0].found_by == "cross-check"
