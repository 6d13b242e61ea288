"""Facts, not sentences, are aligned: a shared figure is one corroborated fact; disagreements are confirmed.

Three small articles written from what Fox, NYT and HuffPost printed on the 2019 House vote on H.R. 1, the
end of the shutdown and Rep. Tlaib's remark (issue 29), where sentence pairing missed the vote printed by
all three, reported two disagreements that are not there and joined two people's quotations.
"""

from __future__ import annotations

import asyncio

import pytest

from summarizer.align import Decide, PairVerdict, aalign, align, quotations
from summarizer.extract import to_claim
from summarizer.html import to_html
from summarizer.ingest import load
from summarizer.models import Article, Claim, Corroboration, Report
from summarizer.outlets import given
from summarizer.render import to_markdown
from summarizer.verify import verify

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


# 2020 is the election year, never a count of candidates.
ELECTION_YEAR = load(
    [
        "House passes the overhaul.\n2020 presidential candidates endorsed the bill.\nfoxnews.com\n",
        "House Democrats pass H.R. 1.\nFour candidates have endorsed the bill.\nhuffpost.com\n",
    ]
)


@pytest.mark.parametrize(
    ("story", "sides", "why"),
    [
        ("election year", ["2020 presidential candidates", "Four candidates"], "year"),
        # The three weeks are the signed bill's; the two weeks a failed Democratic plan's.
        ("H.R. 1", ["three weeks", "two weeks"], "small figure"),
    ],
)
def test_a_disagreement_code_cannot_confirm_is_a_discrepancy_to_check_never_a_conflict(
    articles: list[Article], story: str, sides: list[str], why: str
) -> None:
    articles = ELECTION_YEAR if story == "election year" else articles
    found = align(articles, _sentences(articles))
    stated = [[s.text for s in c.sides] for c in found.conflicts]
    assert not any(all(any(w in t for t in texts) for w in sides) for texts in stated)
    (doubt,) = [d for d in found.discrepancies if all(any(w in s.text for s in d.sides) for w in sides)]
    assert why in doubt.why
    assert doubt.description.startswith("Possible discrepancy, check it:")


def test_a_count_of_others_besides_is_never_the_whole_so_no_disagreement_at_all(
    articles: list[Article],
) -> None:
    # "Four other candidates" are those besides the ones already named: not a count of all candidates,
    # so neither a conflict nor a discrepancy with "2020 presidential candidates" (a year besides).
    found = align(articles, _sentences(articles))
    texts = [s.text for d in [*found.conflicts, *found.discrepancies] for s in d.sides]
    assert not any("Four other candidates" in t for t in texts)
    besides = load(
        [
            "Moore.\nFour women have accused Moore.\nfox.com\n",
            "Moore.\nThree other women have accused Moore.\nnyt.com\n",
        ]
    )
    assert align(besides, _sentences(besides)).discrepancies == []


def test_figures_of_different_years_are_not_confirmed_to_disagree() -> None:
    # Near values of one counted thing, in the same words: only the years say they are two votes.
    articles = load(
        [
            "Vote.\nIn 2010, the House passed the health bill with 219 votes.\nOk.\n",
            "Vote.\nThe House passed the health bill with 220 votes, its first since 2009.\nOk.\n",
        ]
    )
    found = align(articles, [])
    assert found.conflicts == []
    assert [d.why for d in found.discrepancies if "votes" in d.sides[0].text] == [
        "the sentences speak of different times"
    ]


def test_a_judge_is_asked_what_code_cannot_confirm_and_only_its_conflict_states_it(
    articles: list[Article],
) -> None:
    asked: list[tuple[str, str]] = []

    def judge(verdict: PairVerdict) -> Decide:
        async def decide(a: Claim, b: Claim) -> PairVerdict:
            asked.append((a.quote, b.quote))
            return verdict

        return decide

    # Only the judge's rule is read here: what is a discrepancy at all is the tests' above.
    found = asyncio.run(aalign(articles, [], decide=judge("different")))
    assert ("three weeks", "two weeks") in asked
    assert "three weeks" in [d.sides[0].text for d in found.discrepancies]
    assert found.conflicts == []
    found = asyncio.run(aalign(articles, [], decide=judge("conflict")))
    assert found.discrepancies == []
    assert "three weeks" in [c.sides[0].text for c in found.conflicts]


def test_the_report_lists_discrepancies_apart_from_conflicts(articles: list[Article]) -> None:
    found = align(articles, _sentences(articles))
    report = Report(
        articles=articles,
        claims=_sentences(articles) + found.extra_claims,
        conflicts=found.conflicts,
        discrepancies=found.discrepancies,
    )
    heading = "Possible discrepancies (not confirmed; check them)"
    markdown = to_markdown(report)
    assert f"## {heading}" in markdown
    assert "“three weeks”; C reports “two weeks”" in markdown.split(heading, 1)[1]
    page = to_html(report)
    assert heading in page
    assert "“three weeks”; C reports “two weeks”" in page.split(heading, 1)[1]


@pytest.mark.parametrize(
    "nyt",
    [
        "“I don't really like that kind of language,” Nadler told CNN.",
        # Nobody named: an unknown speaker is nobody's, not Pelosi's.
        "“I don't really like that kind of language,” a Democrat told CNN.",
    ],
    ids=["Nadler", "unnamed"],
)
def test_quotations_alike_from_two_speakers_or_an_unknown_one_are_no_quote_drift(nyt: str) -> None:
    articles = load(
        [
            "Remark.\n“I don't like that language,” Pelosi told reporters.\nfoxnews.com\n",
            f"Remark.\n{nyt}\nnytimes.com\n",
        ]
    )
    assert align(articles, []).quote_drift == []


def test_one_speaker_quoted_in_different_words_is_quote_drift() -> None:
    articles = load(
        [
            "Remark.\n“I don't like that language,” Pelosi told reporters.\nfoxnews.com\n",
            "Remark.\n“I don't really like that kind of language,” Pelosi told CNN.\nnytimes.com\n",
        ]
    )
    (drift,) = align(articles, []).quote_drift
    assert drift.speaker == "Pelosi"


def test_a_speaker_named_with_his_jr_is_the_one_he_added_refers_to() -> None:
    # Wal-Mart's lawyer, as NYT names him: his "Jr." once hid him, and the quote went to the justice before.
    (article,) = load(
        [
            "Case.\n“Why?” Justice Elena Kagan asked.\n"
            "Theodore J. Boutrous Jr., a lawyer for Wal-Mart, said the plaintiffs differ.\n"
            "He added that “this class includes at least 544 store managers who are alleged to be victims.”\n"
            "nytimes.com\n"
        ]
    )
    assert [q.speaker for q in quotations(article)] == ["Theodore J. Boutrous Jr."]


class _Aligned:
    """The articles' sentences, each its claim, aligned: what the tests below look at, by sentence ("A2")."""

    def __init__(self, texts: list[str]) -> None:
        self.articles = load(texts)
        self.sentences = _sentences(self.articles)
        self.found = align(self.articles, self.sentences)
        self.claims = {c.id: c for c in [*self.sentences, *self.found.extra_claims]}

    def where(self, claim_id: str) -> str:
        """The sentence a claim rests on, as "A2"."""
        claim = self.claims[claim_id]
        return f"{claim.article_id}{claim.sentence_ids[0]}"

    def agreements(self) -> list[list[str]]:
        """Each corroborated group as the sentences it cites."""
        return [sorted({self.where(i) for i in g.claim_ids}) for g in self.found.corroborated]


@pytest.mark.parametrize(
    ("texts", "joined"),
    [
        # A named person's age set off by commas, in news style, is a fact of that person.
        (
            [
                "Senate pick.\nThe governor named his former chief of staff to the seat on Wednesday.\n"
                "Cowan, 43, grew up in North Carolina.\nOk.\n",
                "New senator.\nMr. Cowan, 43, said he would not run in the special election in June.\nOk.\n",
            ],
            ["A3", "B2"],
        ),
        # A share written as a ratio, hyphened or not, of the same chance.
        (
            [
                "Speaker's odds.\nBoehner said Republicans had a one-in-three chance of losing the House.\n"
                "Ok.\n",
                "Interview.\nThe speaker admitted there is a 1 in 3 chance that his party will lose its "
                "majority.\nOk.\n",
            ],
            ["A2", "B2"],
        ),
    ],
    ids=["an age", "a share"],
)
def test_a_figure_of_a_person_or_a_share_both_outlets_give_is_one_corroborated_fact(
    texts: list[str], joined: list[str]
) -> None:
    assert joined in _Aligned(texts).agreements()


def test_two_people_of_one_age_are_no_fact_in_common() -> None:
    aligned = _Aligned(
        [
            "Senate race.\nMarkey, 66, has served in the House since 1976 and is favored.\nOk.\n",
            "Special election.\nLynch, 66, said on Tuesday that he would enter the race soon.\nOk.\n",
        ]
    )
    assert ["A2", "B2"] not in aligned.agreements()
    assert aligned.found.conflicts == []


def test_a_sentence_joined_only_by_a_figure_keeps_what_else_it_says_as_its_outlets_own() -> None:
    aligned = _Aligned(
        [
            "Override.\nThe final tally was 97-1.\nOk.\n",
            "Veto.\nThe Senate voted 97-1 on Wednesday to let families of victims sue the Saudi government.\n"
            "Ok.\n",
        ]
    )
    assert ["A2", "B2"] in aligned.agreements()
    # The vote is both outlets'; who may sue whom, on Wednesday, is B's alone. A says nothing more.
    assert [aligned.where(i) for i in aligned.found.figure_only] == ["B2"]


def test_a_figure_quoted_in_the_sentence_is_shown_without_the_closing_quote_mark() -> None:
    from summarizer.align.figures import figures

    (article,) = load(['Odds.\nBoehner gave his party a "two-in-three chance" of holding on.\nOk.\n'])
    assert [f.excerpt() for f in figures(article)] == ["two-in-three chance"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On Monday, 12, were hurt in Boston.",  # a day, not a person
        "Republicans, 52, Democrats, 48, remained.",  # a list of counts by name
        "Texas, 12; Florida, 9.",
        "The limit is 0.08 in most states.",  # a bare decimal is no share
    ],
)
def test_no_age_or_share_where_news_style_does_not_write_one(sentence: str) -> None:
    from summarizer.align.figures import figures

    (article,) = load([f"Head.\n{sentence}\nOk.\n"])
    assert not [f.kind for f in figures(article) if f.kind in ("age", "fraction")]


def test_a_single_source_sentence_that_shares_a_figure_says_where_else_the_figure_is() -> None:
    aligned = _Aligned(
        [
            # Cowan is the story's subject, named in more than these two sentences, as in the Cowan triplet:
            # two sentences sharing only his name and his age state one fact, the age, and two others.
            "Race.\nCowan, 43, grew up in North Carolina and went to Duke.\nPatrick named Cowan.\nOk.\n",
            "Senate.\nMr. Cowan, 43, said he would not run in the special election in June.\n"
            "Patrick picked Cowan.\nOk.\n",
        ]
    )
    report = Report(
        articles=aligned.articles,
        claims=list(aligned.claims.values()),
        corroborated=aligned.found.corroborated,
        single_source=aligned.found.figure_only,
    )
    shown = to_markdown(report).split("## Single-source", 1)[1]
    assert "(its figure is also in B2)" in shown and "(its figure is also in A2)" in shown
    assert "its figure is also in B2" in to_html(report)


def test_outlets_that_give_a_figure_are_named_as_stating_it_not_the_first_outlet_s_sentence(
    articles: list[Article],
) -> None:
    claims = _sentences(articles)
    found = align(articles, claims)
    (vote,) = [g for g in found.corroborated if g.shared == "234-193"]
    assert vote.fact == "The House approved the plan 234-193."  # A's sentence: B and C say other things
    report = verify(Report(articles=articles, claims=claims, corroborated=[vote]))
    assert report.corroborated[0].stated_by == ["A", "B", "C"]
    assert "(3 outlets state “234-193”: A, B, C)" in to_markdown(report)
    (days,) = [
        g for g in found.corroborated if g.fact == "The shutdown lasted 35 days, the longest in history."
    ]
    assert days.shared is None and days.stated == days.fact  # "35" is no figure without its days
    assert "3 outlets state “234-193”: A, B, C" in to_html(report)


def test_a_figure_outlets_hedge_differently_is_shown_in_each_outlets_words() -> None:
    # 33521e65: Fox's "at least $10,000" and NYT's "more than $10,000" both support "at least $10,000",
    # but the report said both outlets state it: each outlet's own words are shown where they differ.
    articles = load(
        [
            "Grimm.\nThe woman was accused of funneling at least $10,000 to Grimm's campaign.\nfoxnews.com\n",
            "Grimm.\nDiana Durand was charged with funneling more than $10,000 to him.\nnytimes.com\n",
        ]
    )
    claims = _sentences(articles)
    found = align(articles, claims)
    (money,) = [g for g in found.corroborated if g.shared]
    report = verify(Report(articles=articles, claims=claims, corroborated=[money]))
    said = "2 outlets give the figure: A “at least $10,000”, B “more than $10,000”"
    assert said in to_markdown(report)
    assert said in to_html(report)


def test_an_outlets_own_words_for_a_figure_are_the_same_value_in_the_same_unit() -> None:
    # "Nearly 10,000" donors is no sum of dollars, though the value is the same.
    articles = load(
        [
            "Grimm.\nThe woman was accused of funneling at least $10,000 to Grimm's campaign.\nfoxnews.com\n",
            "Grimm.\nNearly 10,000 donors gave; Durand funneled more than $10,000 to him.\nnytimes.com\n",
        ]
    )
    claims = _sentences(articles)
    money = Corroboration(fact=claims[1].statement, claim_ids=["A2", "B2"], shared="at least $10,000")
    report = Report(articles=articles, claims=claims, corroborated=[money])
    said = given(report, money, ["A", "B"])
    assert said == {"A": "at least $10,000", "B": "more than $10,000"}
