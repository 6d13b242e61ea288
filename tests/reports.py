"""Hand-built reports over the seed articles, for testing the deterministic steps without a model."""

from __future__ import annotations

from summarizer.extract import to_claim
from summarizer.models import (
    Article,
    Claim,
    Conflict,
    Corroboration,
    Grounding,
    Report,
    Side,
    SummarySentence,
)


def claim(
    cid: str, article: Article, quote: str, statement: str, sentence: int, verified: bool = True
) -> Claim:
    """A claim with any id and quote (the older, free-form shape some tests still build)."""
    return Claim(
        id=cid,
        article_id=article.id,
        statement=statement,
        quote=quote,
        sentence_ids=[sentence],
        verified=verified,
    )


def sentence_claim(article: Article, sentence: int, statement: str | None = None) -> Claim:
    """The claim one article sentence makes, as extraction builds it: id A9, the sentence as its quote."""
    return to_claim(article, sentence, statement)


TELEGRAM_A = "has 10,000 followers on Telegram"
TELEGRAM_B = "who has over 100,000 Telegram subscribers"
KURSK = "The incident happened in the Kursk region of Russia."
DISAGREE = f"The outlets disagree: A reports “{TELEGRAM_A}”; B (newsweek.com) reports “{TELEGRAM_B}”."


def seeds_report(seeds: list[Article]) -> Report:
    """A small valid report of the seeds in the older free-form shape (ids A1…, quotes as spans).

    Kept for the renderers' tests, which name its ids; new tests use `sentence_report`.
    """
    a, b = seeds
    claims = [
        claim("A1", a, TELEGRAM_A, "Kovalenko has 10,000 Telegram followers.", 9),
        claim("B1", b, TELEGRAM_B, "Kovalenko has over 100,000 Telegram subscribers.", 8),
        claim(
            "A2",
            a,
            "The incident happened in the Kursk region of Russia",
            "It happened in the Kursk region.",
            2,
        ),
        claim(
            "B2",
            b,
            "in the Kursk region, where Ukraine has launched a fresh offensive",
            "Ukraine has launched a fresh offensive in the Kursk region.",
            1,
        ),
    ]
    return Report(
        model="test",
        articles=seeds,
        claims=claims,
        summary=[
            SummarySentence(text="The incident happened in the Kursk region.", citations=["A2", "B2"]),
            SummarySentence(
                text="Kovalenko has 10,000 Telegram followers, or over 100,000 subscribers.",
                citations=["A1", "B1"],
            ),
        ],
        corroborated=[Corroboration(fact="It happened in Kursk.", claim_ids=["A2", "B2"])],
        conflicts=[Conflict(description="10,000 vs over 100,000 followers", claim_ids=["A1", "B1"])],
    )


def sentence_report(seeds: list[Article]) -> Report:
    """A valid report of the seeds in extraction's shape: a model sentence, a code sentence, one conflict."""
    a, b = seeds
    claims = [
        sentence_claim(a, 9),  # A9: Kovalenko … has 10,000 followers on Telegram …
        sentence_claim(b, 8),  # B8: Kovalenko, who has over 100,000 Telegram subscribers, said …
        sentence_claim(a, 2),  # A2: The incident happened in the Kursk region of Russia …
        sentence_claim(b, 1),  # B1: Russian forces reportedly destroyed … in the Kursk region …
    ]
    return Report(
        model="test",
        articles=seeds,
        claims=claims,
        summary=[
            SummarySentence(text=KURSK, citations=["A2", "B1"]),
            SummarySentence(text=DISAGREE, citations=["A9", "B8"], written_by="code"),
        ],
        corroborated=[Corroboration(fact="It happened in the Kursk region.", claim_ids=["A2", "B1"])],
        conflicts=[
            Conflict(
                description="10,000 vs over 100,000 Telegram followers",
                claim_ids=["A9", "B8"],
                sides=[
                    Side(article_ids=["A"], claim_ids=["A9"], text=TELEGRAM_A),
                    Side(article_ids=["B"], claim_ids=["B8"], text=TELEGRAM_B),
                ],
            )
        ],
        single_source=[],
    )


def judged(report: Report, target: str, text: str, score: float, threshold: float = 0.7) -> Report:
    """The report with a judge's recorded score on one target, as grounding records it."""
    g = Grounding(
        target=target,
        text=text,
        judge="supported" if score >= threshold else "unsupported",
        judge_score=score,
        verdict="supported",
    )
    return report.model_copy(update={"groundings": [*report.groundings, g]})
