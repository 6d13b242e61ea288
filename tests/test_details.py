"""Single-source clauses inside corroborated sentences (details.py), on small hand-made articles."""

from __future__ import annotations

import pytest

from summarizer.align import Alignment, align
from summarizer.details import details
from summarizer.html import to_html
from summarizer.ingest import make_article
from summarizer.lang.clauses import checkable, clauses
from summarizer.models import Article, Claim, Conflict, QuoteDrift, Report, Wording
from summarizer.render import to_markdown

from .conftest import ROOT


def _claims(article: Article) -> list[Claim]:
    return [
        Claim(
            id=f"{article.id}{s.id}",
            article_id=article.id,
            statement=s.text,
            quote=s.text,
            sentence_ids=[s.id],
            verified=True,
        )
        for s in article.sentences
    ]


# One fact in two outlets; only A says whom it has it from.
WITH_SOURCE = (
    "Alexander Kovalenko concluded that Russian forces mistakenly targeted the SAM system, "
    "according to the Ukrainian Independent Information Agency."
)
WITHOUT = "Alexander Kovalenko concluded that Russian forces mistakenly targeted their own SAM system."


def _aligned(a_text: str, b_text: str) -> tuple[list[Article], list[Claim], Alignment]:
    articles = [make_article(a_text, "A", name="a.txt"), make_article(b_text, "B", name="b.txt")]
    claims = [c for a in articles for c in _claims(a)]
    aligned = align(articles, claims)
    assert aligned.corroborated, "the two sentences should pair"
    return articles, claims, aligned


def _details(a_text: str, b_text: str, taken: set[str] | None = None) -> list[str]:
    articles, claims, aligned = _aligned(a_text, b_text)
    found = details(
        articles, claims, aligned.corroborated, aligned.conflicts, aligned.quote_drift, taken or set()
    )
    return [f"{d.id} {d.quote}" for d in found]


def test_clauses_cut_at_contrast_attribution_and_a_second_sentence_but_not_after_an_abbreviation() -> None:
    assert [c.text for c in clauses("Pyongyang has been coy but it is known that troops were sent.")] == [
        "Pyongyang has been coy",
        "but it is known that troops were sent.",
    ]
    assert [
        c.text for c in clauses("In November, the agency reported that Moscow received 100 missiles.")
    ] == [
        "In November, the agency reported",
        "that Moscow received 100 missiles.",
    ]
    assert [c.text for c in clauses("He concluded it was friendly fire, according to the UNIIA.")] == [
        "He concluded it was friendly fire",
        "according to the UNIIA.",
    ]
    assert [c.text for c in clauses("“It reflects losses. First, shells, then meat.”")] == [
        "It reflects losses.",
        "First, shells, then meat.",
    ]
    # "Mr." and "U.S." end no sentence; a list's commas and a dash cut nothing.
    one = "Judge Wilkins of the U.S. District Court will sentence Mr. Jackson – or so, a, b and c."
    assert [c.text for c in clauses(one)] == [one.rstrip(".") + "."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kovalenko said the SAM was hit, according to the Ukrainian Independent Information Agency.",
        "The SAM was hit; ”Friendly fire” was the verdict of Kovalenko.",  # a stray closing mark
    ],
)
def test_clause_offsets_point_into_the_sentence(sentence: str) -> None:
    cut = clauses(sentence)
    assert len(cut) > 1
    for c in cut:
        assert sentence[c.start : c.end] == c.text


def test_checkable_means_a_name_or_a_number() -> None:
    assert checkable("according to the Ukrainian Independent Information Agency")
    assert checkable("that he would serve 46 to 57 months")
    assert not checkable("but I think the party is better off because of this")
    assert not checkable("First, shells – a shell famine, then meat")


def test_a_clause_only_one_outlet_carries_becomes_a_claim_of_its_own() -> None:
    assert _details(WITH_SOURCE, WITHOUT) == [
        "A1.1 according to the Ukrainian Independent Information Agency."
    ]


def test_a_clause_the_other_outlet_also_carries_is_no_detail() -> None:
    got = _details(WITH_SOURCE, "The Ukrainian Independent Information Agency reported it. " + WITHOUT)
    assert got == []


def test_a_clause_that_names_nothing_and_counts_nothing_is_no_detail() -> None:
    got = _details(
        "Pyongyang supplied Moscow with short-range ballistic missiles, "
        "but it was a dreadful, shameful affair.",
        "Pyongyang supplied Moscow with short-range ballistic missiles.",
    )
    assert got == []


def test_a_clause_a_conflict_or_a_quote_drift_already_shows_is_no_detail() -> None:
    articles, claims, aligned = _aligned(WITH_SOURCE, WITHOUT)
    side = Claim(
        id="A.s1",
        article_id="A",
        statement="x",
        quote="the Ukrainian Independent Information Agency",
        sentence_ids=[1],
        verified=True,
        found_by="cross-check",
    )
    conflict = Conflict(description="x", claim_ids=[side.id])
    drift = QuoteDrift(
        speaker="x",
        claim_ids=["A1"],
        wordings=[Wording(article_id="A", claim_id="A1", text="Ukrainian Independent Information Agency")],
    )
    args = (articles, [*claims, side], aligned.corroborated)
    assert details(*args, [], [], set())
    assert details(*args, [conflict], [], set()) == []
    assert details(*args, [], [drift], set()) == []


def test_a_detail_takes_the_next_free_id() -> None:
    taken = {"A1", "B1", "A1.1"}
    assert _details(WITH_SOURCE, WITHOUT, taken) == [
        "A1.2 according to the Ukrainian Independent Information Agency."
    ]
    assert "A1.2" in taken


def test_reports_say_which_sentence_a_detail_is_a_clause_of() -> None:
    report = Report.model_validate_json((ROOT / "tests" / "golden" / "seeds.report.json").read_text())
    detail = next(c for c in report.claims if c.part_of)
    assert detail.id in report.single_source
    md = next(line for line in to_markdown(report).splitlines() if line.startswith(f"- [{detail.id}]"))
    assert f"(a clause of [{detail.part_of}]" in md
    assert f"a clause of {detail.part_of}, which other outlets also report" in to_html(report)
