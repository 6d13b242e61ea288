"""Property-based tests: the deterministic verifier holds its promises on arbitrary reports."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.ingest import load
from summarizer.models import Claim, Conflict, Report, SummarySentence
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
        assert s.verified is not None
        if not s.citations or any(c not in by_id or not by_id[c].verified for c in s.citations):
            assert s.verified is False, f"summary:{i} passed with a bad citation"
    for check in checked.checks:
        if check.name == "quote_verbatim" and check.passed:
            claim = by_id[check.target.removeprefix("claim:")] if check.target else None
            assert claim is not None and claim.verified
    for i, ids in enumerate(conflicts, 1):
        spans = {by_id[c].article_id for c in ids if c in by_id}
        passed = [c.passed for c in checked.checks if c.target == f"conflict:{i}"]
        assert passed == [all(c in by_id for c in ids) and len(spans) >= 2]
