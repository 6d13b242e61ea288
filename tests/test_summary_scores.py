"""Tests for the summary's own scores in `summarizer eval` (issue 29): key-fact recall, per-outlet labels,
fragments and loaded words in the summary's own voice.

The reports are hand-made inputs on the seed articles (as in tests/test_evaluate.py), not model output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.annotations import LoadedSpan, load_loaded_spans
from summarizer.errors import InputError
from summarizer.evaluate import Gold, Scores, load_gold, score
from summarizer.gold import GoldHit
from summarizer.ingest import load
from summarizer.lang.fragments import fragment
from summarizer.lang.voice import in_own_voice
from summarizer.models import Article, Claim, Conflict, Report, Side, SummarySentence
from summarizer.render import scores_to_markdown

from .test_evaluate import GOLD, SEED_A, SEED_B, claim

MISSILES_A = (
    "Moscow had received more than 100 KN-23 and KN-24 short-range nuclear-capable ballistic missiles"
)
MISSILES_B = "Moscow had received over 100 KN-23 and KN-24 short-range nuclear-capable ballistic missiles"
TROOPS_B = "Russia has deployed more than 10,000 North Korean troops"
TREATY_B = "The treaty obligates both nations to assist each other in the event of armed aggression"

# The seeds' slice of gold with an example of the `key_facts` section: each refers to gold facts by id.
KEY_GOLD: dict[str, Any] = {
    **GOLD,
    "corroborated": [*GOLD["corroborated"], {"id": "kn-missiles", "A": MISSILES_A, "B": MISSILES_B}],
    "key_facts": [
        {
            "id": "missiles",
            "fact": "Russia received over 100 KN-23/KN-24 missiles.",
            "refs": ["kn-missiles"],
            "must_mention": ["100", "KN-23"],
        },
        {"id": "audience", "refs": ["telegram-audience"], "must_mention": ["10000"]},
        {"id": "treaty", "refs": ["defense-treaty"], "must_mention": ["treaty"]},
    ],
}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return load([SEED_A, SEED_B])


@pytest.fixture(scope="module")
def claims(articles: list[Article]) -> list[Claim]:
    a, b = articles
    return [
        claim(a, "A1", MISSILES_A),
        claim(a, "A2", "has 10,000 followers on Telegram"),
        claim(b, "B1", TROOPS_B),
        claim(b, "B2", TREATY_B),
        claim(b, "B3", "has over 100,000 Telegram subscribers"),
    ]


def scored(
    articles: list[Article],
    claims: list[Claim],
    *summary: SummarySentence,
    loaded: list[LoadedSpan] | None = None,
    **extra: Any,
) -> Scores:
    """The scores of a report with this summary (and `extra` report fields) against the key-fact gold."""
    report = Report(articles=articles, claims=claims, summary=list(summary), **extra)
    return score(report, Gold.model_validate(KEY_GOLD), loaded=loaded)


def said(text: str, *citations: str, verified: bool | None = True) -> SummarySentence:
    return SummarySentence(text=text, citations=list(citations), verified=verified)


def key(s: Scores, fact: str) -> GoldHit:
    return next(h for h in s.key_facts if h.id == fact)


# --- key-fact recall ----------------------------------------------------------------------------------------


def test_a_key_fact_is_recalled_by_a_supported_sentence_citing_its_evidence_and_mentioning_it(
    articles: list[Article], claims: list[Claim]
) -> None:
    s = scored(articles, claims, said("Russia has received more than 100 KN-23 missiles.", "A1"))
    assert key(s, "missiles").found and key(s, "missiles").matched_by == ["summary:1"]
    assert s.key_fact_recall == pytest.approx(1 / 3)
    assert not key(s, "treaty").found and key(s, "treaty").why


def test_a_sentence_without_a_must_mention_does_not_recall_the_key_fact(
    articles: list[Article], claims: list[Claim]
) -> None:
    s = scored(articles, claims, said("Russia has received North Korean ballistic missiles.", "A1"))
    assert not key(s, "missiles").found
    assert key(s, "missiles").why == "summary:1 cites its evidence but does not mention 100, KN-23"


def test_a_must_mention_number_matches_by_value(articles: list[Article], claims: list[Claim]) -> None:
    s = scored(articles, claims, said("Kovalenko has 10,000 followers on Telegram.", "A2"))
    assert key(s, "audience").found  # the gold writes "10000"


def test_a_must_mention_word_is_found_as_written_even_a_number_word(
    articles: list[Article], claims: list[Claim]
) -> None:
    gold = Gold.model_validate(
        {**KEY_GOLD, "key_facts": [{"id": "dozens", "refs": ["kn-missiles"], "must_mention": ["dozen"]}]}
    )
    summary = [said("Russia has received dozens of KN-23 missiles, more than 100 in all.", "A1")]
    s = score(Report(articles=articles, claims=claims, summary=summary), gold)
    assert s.key_fact_recall == 1.0  # "dozens" reads as 24, "dozen" as 12: the words decide


def test_a_sentence_not_shown_as_supported_recalls_nothing(
    articles: list[Article], claims: list[Claim]
) -> None:
    s = scored(
        articles, claims, said("Russia has received more than 100 KN-23 missiles.", "A1", verified=False)
    )
    assert not key(s, "missiles").found
    assert "not shown as supported" in key(s, "missiles").why


def test_the_words_alone_recall_nothing_without_citing_the_evidence(
    articles: list[Article], claims: list[Claim]
) -> None:
    # The right words, citing the troops claim: wording never decides a match.
    s = scored(articles, claims, said("Russia has received more than 100 KN-23 missiles.", "B1"))
    assert not key(s, "missiles").found
    assert key(s, "missiles").why == "no summary sentence cites a claim matching its facts"


def test_a_key_fact_may_refer_to_a_single_source_fact(articles: list[Article], claims: list[Claim]) -> None:
    s = scored(articles, claims, said(TREATY_B + ".", "B2"))
    assert key(s, "treaty").found


def test_a_key_fact_referring_to_no_gold_fact_is_refused(tmp_path: Path) -> None:
    bad = {**KEY_GOLD, "key_facts": [{"id": "votes", "refs": ["house-vote"], "must_mention": ["234-193"]}]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError, match="key_facts 'votes' refers to 'house-vote', which no fact is"):
        load_gold(path)


# --- per-outlet labels --------------------------------------------------------------------------------------


def test_an_outlet_whose_cited_sentence_is_unrelated_is_a_false_label(
    articles: list[Article], claims: list[Claim]
) -> None:
    s = scored(articles, claims, said(MISSILES_A + ".", "A1", "B1"))
    assert (s.outlet_labels_true, s.outlet_labels) == (1, 2)
    assert [x.split(":")[1] for x in s.outlet_labels_false] == ["1 B"]


def test_the_outlets_verify_names_are_the_ones_credited(articles: list[Article], claims: list[Claim]) -> None:
    named = SummarySentence(text=MISSILES_A + ".", citations=["A1", "B1"], verified=True, outlets=["A"])
    s = scored(articles, claims, named)
    assert (s.outlet_labels_true, s.outlet_labels) == (1, 1)  # B is cited, but the reader is not told it


def test_each_outlet_is_checked_on_its_own_sentences_never_the_union(
    articles: list[Article], claims: list[Claim]
) -> None:
    # Together A's missiles and B's troops support the sentence; neither does alone.
    text = (
        "Moscow received more than 100 KN-23 and KN-24 missiles, and Russia has deployed more than 10,000"
        " North Korean troops."
    )
    s = scored(articles, claims, said(text, "A1", "B1"))
    assert (s.outlet_labels_true, s.outlet_labels) == (0, 2)


def test_an_attributed_sentence_is_checked_as_its_quoted_source_sentence(
    articles: list[Article], claims: list[Claim]
) -> None:
    text = "B (express.co.uk) reports: “" + articles[1].sentence(17).text + "”"  # type: ignore[union-attr]
    s = scored(articles, claims, SummarySentence(text=text, citations=["B2"], written_by="code"))
    assert (s.outlet_labels_true, s.outlet_labels) == (1, 1)


def test_a_disagreement_credits_each_outlet_with_its_own_side(
    articles: list[Article], claims: list[Claim]
) -> None:
    sides = [
        Side(article_ids=["A"], claim_ids=["A2"], text="has 10,000 followers on Telegram"),
        Side(article_ids=["B"], claim_ids=["B3"], text="has over 100,000 Telegram subscribers"),
    ]
    conflict = Conflict(description="audience", claim_ids=["A2", "B3"], sides=sides)
    text = (
        "The outlets disagree: A reports “has 10,000 followers on Telegram”; B reports “has over 100,000"
        " Telegram subscribers”."
    )
    line = SummarySentence(text=text, citations=["A2", "B3"], written_by="code")
    s = scored(articles, claims, line, conflicts=[conflict])
    assert (s.outlet_labels_true, s.outlet_labels) == (2, 2)


# --- fragments ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("where Majority Leader Mitch McConnell, R-Ky.", "starts with a lowercase letter"),
        (", said the American Civil Liberties Union, in a letter to Congress.", "starts with punctuation"),
        ("#unapologeticallyMe.", "starts with punctuation"),
        ("…where the vote was held.", "starts with punctuation"),
        ("The bill was backed by Sen.", "ends in the abbreviation 'Sen.'"),
        ("It was signed by John F.", "ends in the initial 'F.'"),
        ("But House Speaker Nancy Pelosi, D-Calif.", "has no word that can be a verb"),
    ],
)
def test_a_fragment_is_named_with_why(text: str, why: str) -> None:
    assert (fragment(text) or "").startswith(why)


@pytest.mark.parametrize(
    "text",
    [
        "The measure passed 234-193, said Sen. Dianne Feinstein, D-Calif.",
        "Pelosi has led House Democrats since 2002 in the U.S.",
        "“This is extremely alarming,” he said.",
        "But Justice Antonin Scalia was unconvinced.",
        "$5.7 billion for the wall was requested.",
        "Theodore Boutrous Jr. represents Wal-Mart Stores Inc.",
    ],
)
def test_a_sentence_is_not_a_fragment(text: str) -> None:
    assert fragment(text) is None


def test_fragments_are_counted_in_the_summary_and_in_an_attributed_quote(
    articles: list[Article], claims: list[Claim]
) -> None:
    s = scored(
        articles,
        claims,
        said("where Majority Leader Mitch McConnell, R-Ky.", "A1"),
        said(MISSILES_A + ".", "A1"),
        said("A (foxnews.com) reports: “But House Speaker Nancy Pelosi, D-Calif.”", "A1"),
    )
    assert s.fragments == 2
    assert [x.split(":")[1] for x in s.fragment_details] == ["1", "3"]


# --- loaded words in the summary's own voice ----------------------------------------------------------------


def test_a_loaded_span_counts_only_outside_quotation_marks_as_whole_words() -> None:
    assert in_own_voice("slammed", "Democrats Slammed the plan.") == [(10, 17)]
    assert in_own_voice("slammed", "Pelosi said the plan was “slammed” by all.") == []
    assert in_own_voice("slammed", "He said it was 'slammed' by all.") == []
    assert in_own_voice("cave", "The caves collapsed.") == []
    assert in_own_voice("doubling down", "The president is doubling-down on it.") != []
    assert in_own_voice("(barely)", "She won, barely, in 2016.") == [(9, 15)]


def test_loaded_words_in_the_summary_are_counted_with_their_outlet(
    articles: list[Article], claims: list[Claim]
) -> None:
    summary = [
        said("A blundering Russian drone operator blew up a missile.", "A1"),
        said("Kovalenko called the operator “blundering”.", "A1"),
    ]
    spans = [LoadedSpan("A", "blundering"), LoadedSpan("B", "blundering"), LoadedSpan("A", "coy")]
    s = scored(articles, claims, *summary, loaded=spans)
    assert s.loaded_words == 1
    assert s.loaded_word_details == ["summary:1: “blundering” (A, B's words)"]
    assert scored(articles, claims, *summary).loaded_words is None  # no annotations: not scored


def write_annotation(directory: Path, name: str, spans: list[dict[str, str]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(json.dumps({"phrase-level-annotations": spans}), encoding="utf-8")


def test_annotations_are_found_by_the_articles_file_names(tmp_path: Path) -> None:
    uuid = "2058ec60-5372-4f5f-83a3-da780be3a350"
    texts = tmp_path / "texts"
    texts.mkdir()
    for n in (1, 2):
        (texts / f"{uuid[:8]}_{n}_NYT.txt").write_text(
            f"The court heard case {n} on Tuesday.\n", encoding="utf-8"
        )
    articles = load(sorted(texts.iterdir()))
    anns = tmp_path / "annotations" / "2011"
    lex = {"bias": "lex", "quote": "no", "txt": "slammed"}
    write_annotation(anns, f"{uuid}_1_ann.json", [lex, {**lex, "quote": "yes", "txt": "caves"}])
    write_annotation(anns, f"{uuid}_2_ann.json", [{**lex, "bias": "inf", "txt": "ridiculed"}])
    spans = load_loaded_spans(tmp_path / "annotations", articles)
    assert spans == [LoadedSpan("A", "slammed")]

    (anns / f"{uuid}_2_ann.json").unlink()  # an article left unannotated would score as never loaded
    with pytest.raises(InputError, match="no annotation for article B"):
        load_loaded_spans(tmp_path / "annotations", articles)


def test_eval_prints_the_summary_scores_and_takes_annotations(tmp_path: Path, claims: list[Claim]) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    uuid = "0123abcd-0000-0000-0000-000000000000"
    texts = tmp_path / "texts"
    texts.mkdir()
    for n, seed in ((1, SEED_A), (2, SEED_B)):
        (texts / f"{uuid[:8]}_{n}_X.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    articles = load(sorted(texts.iterdir()))
    write_annotation(
        tmp_path / "ann", f"{uuid}_1_ann.json", [{"bias": "lex", "quote": "no", "txt": "blundering"}]
    )
    write_annotation(tmp_path / "ann", f"{uuid}_2_ann.json", [])
    gold = {**KEY_GOLD, "articles": {"A": f"{uuid[:8]}_1_X.txt", "B": f"{uuid[:8]}_2_X.txt"}}
    summary = [said("A blundering operator: Russia has received more than 100 KN-23 missiles.", "A1", "B1")]
    (tmp_path / "r.json").write_text(
        Report(articles=articles, claims=claims, summary=summary).model_dump_json()
    )
    (tmp_path / "g.json").write_text(json.dumps(gold), encoding="utf-8")
    args = ["eval", str(tmp_path / "r.json"), str(tmp_path / "g.json")]
    result = CliRunner().invoke(app, [*args, "--annotations", str(tmp_path / "ann")])
    assert result.exit_code == 0, result.output
    for row in (
        "| key_fact_recall | 0.33 |",
        "| outlet_labels (true / total) | 0 / 2 |",
        "| loaded_words | 1 |",
    ):
        assert row in result.stdout
    assert "## Loaded words in the summary's own voice" in result.stdout
    assert "| loaded_words | n/a |" in CliRunner().invoke(app, args).stdout


def test_the_scores_table_lists_what_the_summary_missed() -> None:
    s = score(Report(articles=load([SEED_A, SEED_B])), Gold.model_validate(KEY_GOLD))
    text = scores_to_markdown(s)
    assert "| key_fact_recall | 0.00 |" in text and "| fragments | 0 |" in text
    assert "- missed: missiles no summary sentence cites a claim matching its facts" in text
