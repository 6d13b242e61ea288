"""Hand-built reports over the seed articles, for testing the deterministic steps without a model."""

from __future__ import annotations

from summarizer.models import Article, Claim, Conflict, Corroboration, Report, SummarySentence


def claim(
    cid: str, article: Article, quote: str, statement: str, sentence: int, verified: bool = True
) -> Claim:
    """A claim on a seed article; its quote must be copied from that article."""
    return Claim(
        id=cid,
        article_id=article.id,
        statement=statement,
        quote=quote,
        sentence_ids=[sentence],
        verified=verified,
    )


def seeds_report(seeds: list[Article]) -> Report:
    """A small, fully valid report of the seeds with the Telegram conflict."""
    a, b = seeds
    claims = [
        claim("A1", a, "has 10,000 followers on Telegram", "Kovalenko has 10,000 Telegram followers.", 9),
        claim(
            "B1",
            b,
            "who has over 100,000 Telegram subscribers",
            "Kovalenko has over 100,000 Telegram subscribers.",
            8,
        ),
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
            "It happened in Kursk.",
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
