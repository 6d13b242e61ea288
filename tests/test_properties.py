"""Property-based tests: the deterministic verifier holds its promises on arbitrary reports."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.ingest import load
from summarizer.models import Claim, Conflict, Report, SummarySentence
from summarizer.text import find_quote, whole_words
from summarizer.verify import verify

from .conftest import SEEDS

ARTICLES = load(SEEDS)
IDS = st.sampled_from(["A1", "A2", "B1", "B2", "Z9", "A.s9"])


@st.composite
def claims(draw: st.DrawFn) -> list[Claim]:
    out = []
    for i, article in enumerate(ARTICLES):
        for n in range(1, draw(st.integers(0, 3)) + 1):
            sentence = draw(st.sampled_from(article.sentences))
            start = draw(st.integers(0, max(0, len(sentence.text) - 10)))
            from_article = sentence.text[start : start + draw(st.integers(1, 60))]
            quote = draw(st.one_of(st.just(from_article), st.text(max_size=40)))
            out.append(
                Claim(
                    id=f"{'AB'[i]}{n}",
                    article_id=article.id,
                    statement=draw(st.text(max_size=60)),
                    quote=quote,
                    sentence_ids=[sentence.id],
                    verified=draw(st.booleans()),
                )
            )
    return out


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    claims(),
    st.lists(st.tuples(st.text(max_size=80), st.lists(IDS, max_size=3)), max_size=4),
    st.lists(st.lists(IDS, max_size=3), max_size=3),
)
def test_verify_gives_every_sentence_a_verdict_and_never_passes_a_bad_citation(
    cs: list[Claim], sentences: list[tuple[str, list[str]]], conflicts: list[list[str]]
) -> None:
    report = Report(
        articles=ARTICLES,
        claims=cs,
        summary=[SummarySentence(text=t, citations=c) for t, c in sentences],
        conflicts=[Conflict(description="x", claim_ids=ids) for ids in conflicts],
    )
    checked = verify(report)
    by_id = {c.id: c for c in cs}
    for i, s in enumerate(checked.summary, 1):
        mine = [c for c in checked.checks if c.target == f"summary:{i}"]
        # Every sentence is checked, and its verdict is exactly whether all of its checks passed.
        names = {c.name for c in mine}
        assert "citations_resolve" in names and (not s.citations or "sentence_complete" in names)
        assert s.verified is all(c.passed for c in mine)
        if not s.citations or any(c not in by_id or not by_id[c].verified for c in s.citations):
            assert s.verified is False, f"summary:{i} passed with a bad citation"
    quote_checks = {c.target: c for c in checked.checks if c.name == "quote_verbatim"}
    # Exactly the claims marked verified are re-checked; the unverified ones already carry their reason.
    assert set(quote_checks) == {f"claim:{c.id}" for c in cs if c.verified}
    for claim in cs:
        check = quote_checks.get(f"claim:{claim.id}")
        if check is not None and check.passed:
            # Held against the article itself, not the claim's own verdict.
            article = next(a for a in ARTICLES if a.id == claim.article_id)
            assert find_quote(whole_words(claim.quote, article.text), article.text), claim.quote
        if check is not None and not check.passed:
            citing = [j for j, s in enumerate(checked.summary, 1) if claim.id in s.citations]
            assert all(checked.summary[j - 1].verified is False for j in citing), claim.id
    for i, ids in enumerate(conflicts, 1):
        spans = {by_id[c].article_id for c in ids if c in by_id}
        passed = [c.passed for c in checked.checks if c.target == f"conflict:{i}"]
        assert passed == [all(c in by_id for c in ids) and len(spans) >= 2]
