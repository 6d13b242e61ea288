"""Facts, not sentences, are aligned: a shared figure is one corroborated fact; disagreements are confirmed.

Three small articles written from what Fox, NYT and HuffPost printed on the 2019 House vote on H.R. 1, the
end of the shutdown and Rep. Tlaib's remark (issue 29), where sentence pairing missed the vote printed by
all three, reported two disagreements that are not there and joined two people's quotations.
"""

from __future__ import annotations

import pytest

from summarizer.align import align
from summarizer.extract import to_claim
from summarizer.ingest import load
from summarizer.models import Article, Claim

FOX = """House passes Democrats' election overhaul; shutdown deal signed.
The House approved the plan 234-193.
Pelosi called the bill a top priority for the new majority.
2020 presidential candidates endorsed the bill.
Separately, President Trump signed a deal that funds the government until Feb. 15.
Trump had demanded $5.7 billion for a border wall.
The shutdown lasted 35 days, the longest in history.
“I don't like that language,” Pelosi told reporters.
foxnews.com
"""
NYT = """Democrats pass sweeping ethics bill.
The For The People Act, which passed 234-193, was Democrats' top priority after they won the House majority.
The measure reopens the government for three weeks, until Feb. 15.
The deal does not include the $5.7 billion Mr. Trump sought for the wall.
The 35-day shutdown was the longest ever.
“I don't really like that kind of language,” Nadler told CNN.
nytimes.com
"""
HUFFPOST = """House Democrats pass H.R. 1.
The sweeping legislation, passed 234-193, makes good on the campaign pledge Democrats made last fall.
Four other candidates have endorsed the bill.
The Senate on Thursday rejected a Democratic plan that would have reopened the government for two weeks.
The agreement keeps the government open until Feb. 15 while lawmakers negotiate.
Trump had insisted on $5.7 billion in wall funding.
After 35 days, the shutdown is over.
huffpost.com
"""


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return load([FOX, NYT, HUFFPOST])


def _sentences(articles: list[Article]) -> list[Claim]:
    """Every sentence as its claim, as extraction makes them."""
    return [to_claim(a, s.id) for a in articles for s in a.sentences]


@pytest.mark.parametrize("with_claims", [True, False], ids=["sentence claims", "no claims"])
@pytest.mark.parametrize(
    ("figure", "sentences"),
    [
        ("234-193", ["A2", "B2", "C2"]),
        ("Feb. 15", ["A5", "B3", "C5"]),
        ("$5.7 billion", ["A6", "B4", "C6"]),
        ("35 days", ["A7", "B5", "C7"]),
    ],
)
def test_a_figure_all_three_outlets_print_is_one_corroborated_fact(
    articles: list[Article], with_claims: bool, figure: str, sentences: list[str]
) -> None:
    # Each pair of sentences says different things besides ("approved the plan", "was Democrats' top
    # priority", "makes good on the campaign pledge"); the vote they all give is one fact of all three.
    found = align(articles, _sentences(articles) if with_claims else [])
    claims = {c.id: c for c in [*(_sentences(articles) if with_claims else []), *found.extra_claims]}
    cited = [
        sorted({f"{claims[i].article_id}{claims[i].sentence_ids[0]}" for i in g.claim_ids})
        for g in found.corroborated
    ]
    assert sentences in cited, figure
