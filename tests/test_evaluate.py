"""Tests for summarizer.evaluate: the gold file itself, then the scorer on small hand-built reports.

The reports here are hand-made inputs for the scorer (quotes copied from the seed articles), not model
output, so nothing is recorded and no cassette is needed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from summarizer.evaluate import Gold, Scores, load_gold, score
from summarizer.ingest import load
from summarizer.lang.quotes import find_quote
from summarizer.models import Article, Claim, Conflict, Corroboration, Report, SummarySentence
from summarizer.verify import verify

ROOT = Path(__file__).resolve().parents[1]
SEED_A = ROOT / "seeds" / "000_311b8b04ab76fc5e.txt"
SEED_B = ROOT / "seeds" / "001_fef957c748898e61.txt"

# A slice of the shared gold file, inlined so the scorer tests do not depend on it being present.
GOLD: dict[str, Any] = {
    "articles": {"A": "seeds/000_311b8b04ab76fc5e.txt", "B": "seeds/001_fef957c748898e61.txt"},
    "conflicts": [
        {
            "id": "telegram-audience",
            "A": "has 10,000 followers on Telegram",
            "B": "has over 100,000 Telegram subscribers",
            "must_mention": ["10,000", "100,000"],
        },
        {
            "id": "kovalenko-quote-wording",
            "A": "these supplies reflect the difficulty of replenishing losses",
            "B": "These supplies reflect Moscow’s difficulty in replenishing critical losses",
            "must_mention": [],
            "soft": True,
        },
    ],
    "corroborated": [
        {
            "id": "friendly-fire",
            "A": "has blown up a North Korean supplied surface to air missile (SAM)",
            "B": "destroyed one of their own North Korean-made surface-to-air missile (SAM) systems",
        },
        {
            "id": "specialists",
            "A": "Pyongyang then sent its military specialists to Russia to service the launchers",
            "B": "Pyongyang sent military specialists to service the launchers",
        },
    ],
    "single_source": [
        {
            "id": "kremlin-embarrassment",
            "article": "A",
            "quote": "likely to cause embarrassment to the Kremlin",
        },
        {
            "id": "defense-treaty",
            "article": "B",
            "quote": "The treaty obligates both nations to assist each other",
        },
    ],
    "not_conflicts": [
        {
            "id": "troops-thousands-vs-10000",
            "A": "thousands of troops have been sent",
            "B": "more than 10,000 North Korean troops",
        }
    ],
    "an_extra_key": "ignored",
}


def _shared_gold_path() -> Path:
    base = os.environ.get("SUMMARIZER_SHARED")
    shared = Path(base) if base else Path(__file__).resolve().parents[2] / "shared"
    return shared / "eval" / "seeds.gold.json"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return load([SEED_A, SEED_B])


@pytest.fixture(scope="module")
def gold() -> Gold:
    return Gold.model_validate(GOLD)


def claim(
    article: Article, claim_id: str, quote: str, *, statement: str = "", verified: bool = True
) -> Claim:
    """A claim whose sentence ids are the sentences its (verbatim) quote is in."""
    spans = find_quote(quote, article.text)
    assert spans, f"test bug: {quote!r} is not in article {article.id}"
    ids = sorted({s.id for a, b in spans for s in article.sentences if s.start < b and a < s.end})
    return Claim(
        id=claim_id,
        article_id=article.id,
        statement=statement or quote,
        quote=quote,
        sentence_ids=ids,
        verified=verified,
    )


def telegram_claims(articles: list[Article]) -> list[Claim]:
    a, b = articles
    return [
        claim(
            a, "A1", "has 10,000 followers on Telegram", statement="Kovalenko has 10,000 Telegram followers."
        ),
        claim(
            b,
            "B1",
            "has over 100,000 Telegram subscribers",
            statement="Kovalenko has over 100,000 subscribers.",
        ),
    ]


# --- the gold file itself ---------------------------------------------------------------------------------


def test_every_gold_quote_is_verbatim_in_its_seed_article() -> None:
    path = _shared_gold_path()
    if not path.is_file():
        pytest.skip(f"no shared gold file at {path}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    gold = load_gold(path)
    seeds = {letter: ROOT / p for letter, p in gold.articles.items()}
    assert all(p.is_file() for p in seeds.values()), seeds
    loaded = load(list(seeds.values()))
    texts = {letter: a.text for letter, a in zip(seeds, loaded, strict=True)}

    quotes: list[tuple[str, str, str]] = []
    for section in ("conflicts", "corroborated", "not_conflicts"):
        for item in getattr(gold, section):
            quotes += [(f"{section}:{item.id}", letter, q) for letter, qs in item.quotes.items() for q in qs]
    quotes += [(f"single_source:{s.id}", s.article, s.quote) for s in gold.single_source]
    # Every article-keyed quote in the raw file must have been picked up by the model.
    raw_count = sum(
        1
        for sec in ("conflicts", "corroborated", "not_conflicts")
        for it in raw.get(sec, [])
        for k in it
        if k in raw["articles"]
    )
    assert len(quotes) == raw_count + len(raw.get("single_source", []))

    missing = [(where, letter, q) for where, letter, q in quotes if not find_quote(q, texts[letter])]
    assert not missing, missing


def test_shared_gold_scores_a_report_that_finds_the_telegram_conflict(articles: list[Article]) -> None:
    path = _shared_gold_path()
    if not path.is_file():
        pytest.skip(f"no shared gold file at {path}")
    report = Report(
        articles=articles,
        claims=telegram_claims(articles),
        conflicts=[
            Conflict(description="A: 10,000 Telegram followers; B: over 100,000.", claim_ids=["A1", "B1"])
        ],
    )
    s = score(report, load_gold(path))
    assert s.conflict_recall == 1.0
    assert s.false_conflicts == 0
    assert [h.found for h in s.soft_conflicts] == [False]
    assert s.gold_quotes_missing == []


# --- the scorer --------------------------------------------------------------------------------------------


def test_gold_model_gathers_article_quotes_and_tolerates_extra_keys(gold: Gold, tmp_path: Path) -> None:
    assert gold.conflicts[0].quotes == {
        "A": ["has 10,000 followers on Telegram"],
        "B": ["has over 100,000 Telegram subscribers"],
    }
    assert gold.conflicts[1].soft and not gold.conflicts[0].soft
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert load_gold(path) == gold


def test_conflict_found_scores_recall_one(articles: list[Article], gold: Gold) -> None:
    report = Report(
        articles=articles,
        claims=telegram_claims(articles),
        conflicts=[
            Conflict(
                description="Kovalenko's audience: 10,000 followers (A) vs over 100,000 (B).",
                claim_ids=["A1", "B1"],
            )
        ],
    )
    s = score(report, gold)
    assert s.conflict_recall == 1.0
    assert s.conflicts[0].matched_by == ["conflict:1"]
    assert s.false_conflicts == 0
    assert s.soft_conflicts[0].found is False  # soft ones are reported, not counted


def test_conflict_missing_scores_recall_zero(articles: list[Article], gold: Gold) -> None:
    claims = telegram_claims(articles)
    # The same claims grouped as corroborated do not count as the conflict.
    report = Report(
        articles=articles,
        claims=claims,
        corroborated=[Corroboration(fact="Kovalenko has a Telegram audience.", claim_ids=["A1", "B1"])],
    )
    s = score(report, gold)
    assert s.conflict_recall == 0.0
    assert not s.conflicts[0].found and s.conflicts[0].why
    assert s.false_conflicts == 0


def test_conflict_between_unrelated_claims_is_false(articles: list[Article], gold: Gold) -> None:
    a, b = articles
    report = Report(
        articles=articles,
        claims=[
            claim(a, "A1", "likely to cause embarrassment to the Kremlin"),
            claim(b, "B1", "The treaty obligates both nations to assist each other"),
        ],
        conflicts=[Conflict(description="They disagree about the Kremlin.", claim_ids=["A1", "B1"])],
    )
    s = score(report, gold)
    assert s.false_conflicts == 1
    assert s.false_conflict_details[0].target == "conflict:1"
    assert s.false_conflict_details[0].why == "matches no gold conflict"
    assert s.conflict_recall == 0.0


def test_conflict_on_a_gold_not_conflict_is_false(articles: list[Article], gold: Gold) -> None:
    a, b = articles
    report = Report(
        articles=articles,
        claims=[
            claim(a, "A1", "thousands of troops have been sent"),
            claim(b, "B1", "Russia has deployed more than 10,000 North Korean troops"),
        ],
        conflicts=[Conflict(description="Thousands vs more than 10,000 troops.", claim_ids=["A1", "B1"])],
    )
    s = score(report, gold)
    assert s.false_conflicts == 1
    assert "troops-thousands-vs-10000" in s.false_conflict_details[0].why


def test_must_mention_is_enforced(articles: list[Article], gold: Gold) -> None:
    a, b = articles
    # A's quote is elsewhere in the telegram sentence: the evidence matches by sentence, but nothing
    # in the claim or the description says 10,000.
    claims = [
        claim(
            a,
            "A1",
            "Kovalenko is a prominent commentator on the war in Ukraine",
            statement="Kovalenko is on Telegram.",
        ),
        claim(b, "B1", "has over 100,000 Telegram subscribers"),
    ]
    vague = Conflict(description="The articles give different audience sizes.", claim_ids=["A1", "B1"])
    s = score(Report(articles=articles, claims=claims, conflicts=[vague]), gold)
    assert s.conflict_recall == 0.0
    assert "does not mention 10,000" in s.conflicts[0].why
    assert s.false_conflicts == 0  # the right evidence, badly described: missed, not false

    # The number matches by value, whatever its formatting.
    precise = Conflict(description="A gives 10000 followers, B over 100,000.", claim_ids=["A1", "B1"])
    s = score(Report(articles=articles, claims=claims, conflicts=[precise]), gold)
    assert s.conflict_recall == 1.0

    # Quote-only matching does not accept the sentence route.
    assert (
        score(
            Report(articles=articles, claims=claims, conflicts=[precise]), gold, by_sentence=False
        ).conflict_recall
        == 0.0
    )


def agreements(articles: list[Article]) -> Report:
    """A report with one right agreement (the SAM) and one that joins two different facts."""
    a, b = articles
    claims = [
        claim(a, "A1", "has blown up a North Korean supplied surface to air missile (SAM)"),
        claim(b, "B1", "destroyed one of their own North Korean-made surface-to-air missile (SAM) systems"),
        claim(a, "A2", "likely to cause embarrassment to the Kremlin"),
        claim(b, "B2", "Pyongyang sent military specialists to service the launchers"),
    ]
    return Report(
        articles=articles,
        claims=claims,
        corroborated=[
            Corroboration(fact="Russia destroyed its own North Korean SAM.", claim_ids=["A1", "B1"]),
            # Only one article's side of the specialists fact, beside A's own Kremlin embarrassment.
            Corroboration(fact="Specialists were sent.", claim_ids=["A2", "B2"]),
        ],
        single_source=["A2", "B2"],
    )


def test_corroborated_and_single_source(articles: list[Article], gold: Gold) -> None:
    s = score(agreements(articles), gold)
    assert s.corroborated_recall == 0.5
    assert [h.id for h in s.corroborated if h.found] == ["friendly-fire"]
    assert "lacks A" in next(h for h in s.corroborated if h.id == "specialists").why
    assert s.single_source_precision == 0.5  # B2 is a corroborated fact, not a single-source one
    assert s.single_source_recall == 0.5  # the treaty fact is not listed
    assert [n.claim_id for n in s.single_source_unmatched] == ["B2"]
    assert "specialists" in s.single_source_unmatched[0].why


def test_a_corroborated_group_s_pairs_are_right_only_where_the_gold_puts_both_in_one_fact(
    articles: list[Article], gold: Gold
) -> None:
    s = score(agreements(articles), gold)
    # A1–B1 are one gold fact; A2 (the Kremlin's embarrassment) and B2 (the specialists) are two.
    assert (s.corroborated_pairs_right, s.corroborated_pairs_wrong) == (1, 1)


def test_articles_map_by_file_name_not_order(gold: Gold) -> None:
    reversed_articles = load([SEED_B, SEED_A])  # B's file is now article A
    b, a = reversed_articles
    report = Report(
        articles=reversed_articles,
        claims=[
            claim(a, "B1", "has 10,000 followers on Telegram"),
            claim(b, "A1", "has over 100,000 Telegram subscribers"),
        ],
        conflicts=[Conflict(description="10,000 vs 100,000 followers.", claim_ids=["A1", "B1"])],
    )
    assert score(report, gold).conflict_recall == 1.0


def test_citation_validity_and_summary_checks(articles: list[Article], gold: Gold) -> None:
    a, _ = articles
    claims = [
        claim(a, "A1", "has 10,000 followers on Telegram"),
        claim(a, "A2", "likely to cause embarrassment to the Kremlin", verified=False),
        # Marked verified but not verbatim: quote_verbatim_rate catches it.
        Claim(
            id="A3",
            article_id="A",
            statement="x",
            quote="Kovalenko has ten thousand fans",
            sentence_ids=[9],
            verified=True,
        ),
    ]
    summary = [
        SummarySentence(text="Kovalenko has 10,000 Telegram followers.", citations=["A1"]),
        SummarySentence(text="Kovalenko has 20,000 followers.", citations=["A1"]),  # number not cited
        SummarySentence(text="It embarrassed the Kremlin.", citations=["A2"]),  # unverified claim
        SummarySentence(text="Something else.", citations=["A9"]),  # unknown claim
        SummarySentence(text="Uncited.", citations=[]),
    ]
    report = verify(Report(articles=articles, claims=claims, summary=summary))
    s = score(report, gold)
    assert s.citation_validity == pytest.approx(2 / 5)
    assert len(s.citation_problems) == 3
    assert any("A9" in p for p in s.citation_problems)
    assert s.unsupported_numbers == 1
    assert s.unsupported_number_details == ["summary:2: 20,000"]
    assert s.verified_sentence_rate == pytest.approx(1 / 5)
    assert s.claims_dropped == 1 and s.dropped_claim_ids == ["A2"]
    assert s.quote_verbatim_rate == pytest.approx(1 / 2)
    assert [n.claim_id for n in s.quotes_not_found] == ["A3"]


def test_empty_report_has_no_rates(articles: list[Article], gold: Gold) -> None:
    s: Scores = score(Report(articles=articles), gold)
    assert s.conflict_recall == 0.0 and s.corroborated_recall == 0.0 and s.single_source_recall == 0.0
    assert s.single_source_precision is None
    assert s.citation_validity is None and s.verified_sentence_rate is None and s.quote_verbatim_rate is None
    assert s.false_conflicts == 0 and s.unsupported_numbers == 0 and s.claims_dropped == 0
    assert s.unmapped_articles == [] and s.gold_quotes_missing == []


def test_missing_article_is_reported(gold: Gold) -> None:
    only_a = load([SEED_A])
    s = score(Report(articles=only_a), gold)
    assert s.unmapped_articles == ["B"]


def test_quote_drift_is_scored_against_soft_gold_conflicts_and_coverage_is_averaged(
    articles: list[Article], gold: Gold
) -> None:
    from summarizer.models import Coverage, QuoteDrift, SentenceCoverage, Wording

    a, b = articles
    ca = claim(a, "A1", "these supplies reflect the difficulty of replenishing losses")
    cb = claim(b, "B1", "These supplies reflect Moscow’s difficulty in replenishing critical losses")
    other = claim(a, "A2", "likely to cause embarrassment to the Kremlin")
    drift = [
        QuoteDrift(
            speaker="Kovalenko",
            claim_ids=["A1", "B1"],
            wordings=[
                Wording(article_id="A", claim_id="A1", text=ca.quote),
                Wording(article_id="B", claim_id="B1", text=cb.quote),
            ],
        ),
        QuoteDrift(speaker="Nobody", claim_ids=["A2"], wordings=[]),
    ]
    coverage = [
        Coverage(
            article_id="A",
            sentences=[SentenceCoverage(sentence_id=1, claim_ids=["A1"]), SentenceCoverage(sentence_id=2)],
        ),
        Coverage(article_id="B", sentences=[SentenceCoverage(sentence_id=1, left_out="no checkable fact")]),
    ]
    s = score(Report(articles=articles, claims=[ca, cb, other], quote_drift=drift, coverage=coverage), gold)
    assert s.quote_drift_recall == 1.0 and s.soft_conflicts[0].matched_by == ["drift:1"]
    assert s.quote_drift_reported == 2 and s.quote_drift_precision == 0.5
    assert s.quote_drift_unmatched == ["drift:2 (Nobody): matches no soft gold conflict"]
    assert s.coverage_by_article == {"A": 0.5, "B": 1.0} and s.coverage == 0.75
    assert s.conflict_precision is None  # no conflicts reported


def test_render_reads_scores_from_the_gold_contracts_only() -> None:
    from pathlib import Path as _Path

    import summarizer.render as render

    source = _Path(render.__file__).read_text(encoding="utf-8")
    assert "summarizer.evaluate" not in source and "from summarizer.gold import Scores" in source


# --- a gold file that cannot score fairly is refused, naming why (issue 26.14) ---------------------------


def eval_cli(tmp_path: Path, articles: list[Article], gold: dict[str, Any]) -> tuple[int, str]:
    """`summarizer eval` of a small report against `gold`: the exit code and stderr."""
    from typer.testing import CliRunner

    from summarizer.cli import app

    report, gold_path = tmp_path / "report.json", tmp_path / "gold.json"
    report.write_text(Report(articles=articles, claims=telegram_claims(articles)).model_dump_json())
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(report), str(gold_path)])
    assert "\n" not in result.stderr.strip()
    return result.exit_code, result.stderr


def test_a_gold_file_with_no_facts_is_refused(tmp_path: Path, articles: list[Article]) -> None:
    code, err = eval_cli(tmp_path, articles, {"note": "nothing"})
    assert code == 2 and "lists no facts" in err
    code, err = eval_cli(tmp_path, articles, {"corroborated": [{"id": "x", "fact": "y"}]})
    assert code == 2 and "corroborated 'x' quotes no article" in err
    code, err = eval_cli(tmp_path, articles, {"conflicts": "none"})
    assert code == 2 and "not a gold annotation (conflicts: Input should be a valid array)" in err


def test_a_gold_quote_not_in_its_article_is_named(tmp_path: Path, articles: list[Article]) -> None:
    wrong = json.loads(json.dumps(GOLD))
    wrong["conflicts"][0]["B"] = "has over 200,000 Telegram subscribers"
    code, err = eval_cli(tmp_path, articles, wrong)
    assert code == 2 and "conflict:telegram-audience B: 'has over 200,000 Telegram subscribers'" in err
    assert eval_cli(tmp_path, articles, GOLD)[0] == 0


def test_a_tally_states_both_its_numbers() -> None:
    from summarizer.gold_match import mentions, stated_values

    text = "Pelosi won by a 134-to-63 vote."
    assert mentions("134", text, stated_values(text)) and mentions("63", text, stated_values(text))
    assert not mentions("64", text, stated_values(text))
