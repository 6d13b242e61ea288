"""`Report` → one self-contained HTML page. Presentation only: nothing here decides a verdict."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from summarizer.htmlview import (
    ArticleView,
    Badge,
    Card,
    Cell,
    CellQuote,
    Citation,
    ClaimView,
    Link,
    Page,
    ReportIndex,
    Row,
    Seg,
    SentenceView,
    SideView,
    SummaryLine,
    UsageRow,
    claim_anchor,
    script_json,
    segments,
    sentence_anchor,
    slug,
    word_diff,
)
from summarizer.models import Check, Claim, Grounding, Report, SummarySentence
from summarizer.outlets import alone_beside, carried, given, stated_label, stating_group

TEMPLATES = Path(__file__).parent / "templates"


def _badge(verified: bool | None, grounding: Grounding | None, failed: list[Check]) -> Badge:
    # ✅ only when nothing doubts the sentence; ❌ when the sources contradict it or it failed with no
    # reading that it is supported; ⚠️ for the mixed and the unchecked, so a reader looks closer.
    verdict = grounding.verdict if grounding else None
    broken = verified is False or bool(failed)
    if verdict == "contradicted":
        return Badge("❌", "contradicted", "bad")
    if broken and verdict != "supported":
        n = len(failed)
        return Badge("❌", f"{n} check{'s' if n != 1 else ''} failed" if n else "unsupported", "bad")
    if broken:
        return Badge("⚠️", "a check failed", "warn")
    if verdict == "unsupported":
        return Badge("⚠️", "unsupported", "warn")
    if verified is None and grounding is None:
        return Badge("⚠️", "not checked", "warn")
    return Badge("✅", "supported", "ok")


_ACTIONS = {
    "kept": "",
    "repaired": "repaired",
    "replaced": "replaced by the source sentence",
    "removed": "removed",
}


def _unsupported_marks(text: str, grounding: Grounding | None) -> tuple[list[Seg], list[str]]:
    if grounding is None:
        return [Seg(text)], []
    spans: list[tuple[int, int, str, str]] = []
    notes: list[str] = []
    # A supported sentence can still hold words its sources lack, which the judge read as paraphrase.
    settled = grounding.verdict == "supported" and grounding.action in ("kept", "repaired")
    for u in grounding.unsupported:
        note = f"{u.kind} “{u.text}”" + (f": {u.detail}" if u.detail else "")
        if settled:
            note += " (the judge reads it as a paraphrase of the sources)"
        notes.append(note)
        start, end = u.start, u.end
        # Offsets are into the checked text; if it was edited since, find the words instead.
        if text[start:end] != u.text:
            start = text.find(u.text) if u.text else -1
            end = start + len(u.text)
        if start >= 0:
            spans.append((start, end, "bad", note))
    if grounding.judge and grounding.judge != "supported":
        notes.append(f"judge: {grounding.judge}")
    return segments(text, spans), notes


def _summary_line(
    ix: ReportIndex, n: int, anchor: str, sentence: SummarySentence | None, grounding: Grounding | None
) -> SummaryLine:
    target = f"summary:{n}"
    # A line with no sentence is a removed one: the model's wording is what it shows, struck through.
    text = sentence.text if sentence else (grounding.struck if grounding else "")
    # Findings against a wording the reader no longer sees go with it, under "the model wrote".
    apart = sentence is not None and grounding is not None and grounding.discarded
    segs, problems = _unsupported_marks(text, None if apart else grounding)
    failed = ix.failed.get(target, []) if sentence else []
    problems += [f"{c.name}: {c.detail}" for c in failed]
    if sentence is None and grounding and grounding.left_out:
        problems.append(grounding.left_out)
    if grounding and grounding.failed_by and not apart:
        problems.append("failed by: " + ", ".join(grounding.failed_by))
    original = grounding.original if grounding and grounding.original and grounding.original != text else None
    original_segs: list[Seg] = [Seg(original)] if original else []
    original_problems: list[str] = []
    if apart and grounding and original:
        original_segs, original_problems = _unsupported_marks(original, grounding)
        if grounding.failed_by:
            original_problems.append("failed by: " + ", ".join(grounding.failed_by))
    action = grounding.action if grounding else (sentence.action if sentence else "kept")
    repeat = grounding is not None and grounding.left_out is not None  # passed, and said in another
    badge = _badge(sentence.verified if sentence else None if repeat else False, grounding, failed)
    citations: list[Citation] = []
    covered: set[tuple[str, int]] = set()
    for cid in dict.fromkeys(sentence.citations if sentence else []):  # a repeated id: one block
        claim = ix.claims.get(cid)
        pop = f"ev-{n}-{slug(cid)}"
        if claim is None:
            citations.append(Citation(cid, pop, "", "no claim with this id in the report", []))
            continue
        covered |= {(claim.article_id, s) for s in claim.sentence_ids}
        note = "" if claim.verified else f"unverified: {claim.reason or 'evidence not found'}"
        ev = ix.evidence(claim.article_id, claim.sentence_ids, claim)
        citations.append(Citation(cid, pop, claim.statement, note, ev))
        ix.use([cid], Link(f"#{anchor}", f"summary {n}"))
    if grounding:
        # The grounding may rest on sentences no cited claim points at; show them rather than drop them.
        extra = [r for r in grounding.evidence if (r.article_id, r.sentence_id) not in covered]
        ev = [e for r in extra for e in ix.evidence(r.article_id, [r.sentence_id], None)]
        if ev:
            citations.append(Citation("+", f"ev-{n}-more", "", "further sentences the check read", ev))
    outlets = carried(ix.report, sentence) if sentence else ""
    return SummaryLine(
        n=n,
        anchor=anchor,
        segs=segs,
        badge=badge,
        action=_ACTIONS[action],
        original=original_segs or None,
        original_problems=original_problems,
        citations=citations,
        problems=problems,
        outlets=outlets,
        struck=action == "removed",
    )


def _cell_quote(ix: ReportIndex, claim: Claim, label: str) -> CellQuote:
    return CellQuote(ix.claim_link(claim), label, [Seg(ix.own_words(claim))])


_CITED = "cited, unconfirmed"  # code does not find the fact in its words; they may say it otherwise


def _silent() -> Cell:
    return Cell("silent", "not mentioned", [])


def _group_warnings(ix: ReportIndex, target: str) -> list[str]:
    out = [f"{c.name}: {c.detail}" for c in ix.failed.get(target, [])]
    g = ix.groundings.get(target)
    if g and g.verdict != "supported":
        out.append(f"the description is {g.verdict} by its sources")
    return out


def _sides(ix: ReportIndex, sides: list[tuple[list[str], list[str], str]]) -> list[SideView]:
    texts = [t for _, _, t in sides]
    diffs = word_diff(texts)
    out = []
    for k, ((articles, claim_ids, text), spans) in enumerate(zip(sides, diffs, strict=True), 1):
        links = [ix.claim_link(c) for cid in claim_ids if (c := ix.claims.get(cid))]
        segs = segments(text, [(s, e, "diff", "") for s, e in spans])
        out.append(SideView(f"version {k}", ", ".join(ix.label(a) for a in articles), links, segs))
    return out


def _conflict_sides(
    ix: ReportIndex, conflict_claims: list[str], report_sides: list[tuple[list[str], list[str], str]]
) -> list[tuple[list[str], list[str], str]]:
    if report_sides:
        return report_sides
    # Older reports have no sides: one per article, from its claims' own words.
    by_article: dict[str, list[Claim]] = {}
    for cid in conflict_claims:
        claim = ix.claims.get(cid)
        if claim:
            by_article.setdefault(claim.article_id, []).append(claim)
    return [
        ([aid], [c.id for c in claims], " … ".join(ix.own_words(c) for c in claims))
        for aid, claims in by_article.items()
    ]


def _rows_and_cards(ix: ReportIndex) -> tuple[list[Row], list[Card]]:
    report = ix.report
    ids = [a.id for a in report.articles]
    rows: list[Row] = []
    cards: list[Card] = []
    for i, group in enumerate(report.corroborated, 1):
        anchor = f"row-corroborated-{i}"
        quotes: dict[str, list[CellQuote]] = {}
        for cid in group.claim_ids:
            claim = ix.claims.get(cid)
            if claim:
                quotes.setdefault(claim.article_id, []).append(_cell_quote(ix, claim, "agrees"))
        notes = [f"found by the {group.found_by}"]
        kind_label = "corroborated"
        if group.origin:
            who = "both" if len(quotes) == 2 else "all"
            notes.insert(0, f"{who} cite {group.origin}: not independent")
            kind_label = "corroborated · one origin"
        # An outlet agrees only where its own sentences state the fact, checked alone, not as cited.
        stated = stating_group(report, group)
        if len(stated) < 2 or group.shared:
            notes.append(stated_label(stated, group.shared, list(quotes), given(report, group, stated)))
        cells = [
            (Cell("agree", "agrees", quotes[a]) if a in stated else Cell("cited", _CITED, quotes[a]))
            if a in quotes
            else _silent()
            for a in ids
        ]
        rows.append(
            Row(
                anchor,
                "corroborated",
                kind_label,
                group.fact,
                notes,
                _group_warnings(ix, f"corroborated:{i}"),
                None,
                cells,
            )
        )
        ix.use(group.claim_ids, Link(f"#{anchor}", f"corroborated {i}"))
    for i, conflict in enumerate(report.conflicts, 1):
        anchor, card = f"row-conflict-{i}", f"conflict-{i}"
        raw = _conflict_sides(
            ix, conflict.claim_ids, [(s.article_ids, s.claim_ids, s.text) for s in conflict.sides]
        )
        sides = _sides(ix, raw)
        cells_by: dict[str, list[CellQuote]] = {}
        for (articles, claim_ids, _), side in zip(raw, sides, strict=True):
            for aid in articles:
                own = [c for cid in claim_ids if (c := ix.claims.get(cid)) and c.article_id == aid]
                link = ix.claim_link(own[0]) if own else None
                cells_by.setdefault(aid, []).append(CellQuote(link, side.label, side.segs))
        cells = [Cell("differ", "differs", cells_by[a]) if a in cells_by else _silent() for a in ids]
        note = f"found by the {conflict.found_by}"
        rows.append(
            Row(
                anchor,
                "conflict",
                "conflict",
                conflict.description,
                [note],
                _group_warnings(ix, f"conflict:{i}"),
                Link(f"#{card}", "side by side"),
                cells,
            )
        )
        cards.append(Card(card, conflict.description, note, anchor, sides))
        ix.use(conflict.claim_ids, Link(f"#{anchor}", f"conflict {i}"))
    for i, drift in enumerate(report.quote_drift, 1):
        anchor, card = f"row-drift-{i}", f"drift-{i}"
        views: list[SideView] = []
        cells_by = {}
        for k, w in enumerate(drift.wordings, 1):
            claim = ix.claims.get(w.claim_id)
            segs = segments(w.text, [(s, e, "diff", "") for s, e in w.changed])
            links = [ix.claim_link(claim)] if claim else []
            views.append(SideView(f"wording {k}", ix.label(w.article_id), links, segs))
            cells_by.setdefault(w.article_id, []).append(
                CellQuote(links[0] if links else None, f"wording {k}", segs)
            )
        cells = [Cell("drift", "wording differs", cells_by[a]) if a in cells_by else _silent() for a in ids]
        title = f"{drift.speaker}, quoted in different words"
        rows.append(
            Row(anchor, "drift", "quote drift", title, [], [], Link(f"#{card}", "side by side"), cells)
        )
        cards.append(Card(card, title, "", anchor, views))
        ix.use(drift.claim_ids, Link(f"#{anchor}", f"quote drift {i}"))
    for cid in dict.fromkeys(report.single_source):
        claim = ix.claims.get(cid)
        anchor = f"row-single-{slug(cid)}"
        if claim is None:
            rows.append(
                Row(
                    anchor,
                    "single",
                    "single source",
                    f"{cid}: no such claim",
                    [],
                    [],
                    None,
                    [_silent() for _ in ids],
                )
            )
            continue
        cells = [
            Cell("single", "only source", [_cell_quote(ix, claim, "only source")])
            if a == claim.article_id
            else _silent()
            for a in ids
        ]
        notes = [] if claim.asserted_by == "the outlet" else [f"according to {claim.asserted_by}"]
        if claim.part_of:
            notes.append(f"a clause of {claim.part_of}, which other outlets also report")
        elif shared := alone_beside(report, claim):
            notes.append(shared)
        rows.append(Row(anchor, "single", "single source", claim.statement, notes, [], None, cells))
        ix.use([cid], Link(f"#{anchor}", "single source"))
    return rows, cards


def _articles(ix: ReportIndex) -> list[ArticleView]:
    report = ix.report
    coverage = {c.article_id: c for c in report.coverage}
    out = []
    for article in report.articles:
        claims = [c for c in report.claims if c.article_id == article.id]
        cov = coverage.get(article.id)
        left_out = {s.sentence_id: s.left_out for s in cov.sentences} if cov else {}
        fed: dict[int, list[str]] = {}
        spans: dict[int, list[tuple[int, int, str, str]]] = {}
        for claim in claims:
            if not claim.verified:
                continue
            for sid in claim.sentence_ids:
                fed.setdefault(sid, []).append(claim.id)
            span = ix.quote_marks(claim, article)
            if span is None:
                continue
            for s in article.sentences:
                if s.start < span[1] and span[0] < s.end:
                    spans.setdefault(s.id, []).append(
                        (span[0] - s.start, span[1] - s.start, "quote", claim.id)
                    )
        for sc in cov.sentences if cov else []:
            fed.setdefault(sc.sentence_id, []).extend(
                c for c in sc.claim_ids if c not in fed.get(sc.sentence_id, [])
            )
        sentences = []
        for s in article.sentences:
            # Coverage may name a claim the report lacks: no link to an entry that is not there.
            ids = [c for c in fed.get(s.id, []) if c in ix.claims and ix.claims[c].article_id == article.id]
            links = [Link(f"#{claim_anchor(c)}", c, ix.claims[c].statement) for c in ids]
            uses = list(dict.fromkeys(u for c in ids for u in ix.uses.get(c, [])))
            sentences.append(
                SentenceView(
                    id=s.id,
                    anchor=sentence_anchor(article.id, s.id),
                    segs=segments(s.text, spans.get(s.id, [])),
                    used=bool(ids),
                    claims=links,
                    uses=uses,
                    left_out=None if ids else left_out.get(s.id),
                    suspect=s.suspect,
                )
            )
        views = []
        for claim in claims:
            g = ix.groundings.get(f"claim:{claim.id}")
            views.append(
                ClaimView(
                    id=claim.id,
                    anchor=claim_anchor(claim.id),
                    statement=claim.statement,
                    asserted_by=claim.asserted_by,
                    kind=claim.kind,
                    verified=claim.verified,
                    reason=claim.reason,
                    found_by=claim.found_by,
                    sentences=[
                        Link(f"#{sentence_anchor(article.id, s)}", f"s{s}")
                        for s in claim.sentence_ids
                        if article.sentence(s)
                    ],
                    uses=ix.uses.get(claim.id, []),
                    badge=_badge(claim.verified, g, ix.failed.get(f"claim:{claim.id}", [])) if g else None,
                )
            )
        out.append(
            ArticleView(
                id=article.id,
                anchor=f"article-{slug(article.id)}",
                name=article.name,
                publisher=article.publisher,
                share=cov.share if cov else None,
                sentences=sentences,
                claims=views,
            )
        )
    return out


def _page(report: Report) -> Page:
    ix = ReportIndex(report)
    summary = [
        _summary_line(ix, n, f"sum-{n}", s, ix.groundings.get(f"summary:{n}"))
        for n, s in enumerate(report.summary, 1)
    ]
    # A sentence taken out of the summary is still shown, struck through, so the reader sees what was cut.
    shown = {f"summary:{n}" for n in range(1, len(report.summary) + 1)}
    cut = [
        g
        for g in report.groundings
        if g.action == "removed"
        and g.target not in shown
        and g.target.startswith(("summary:", "draft:", "removed:"))
    ]
    # Numbered on after the summary so their evidence blocks' ids cannot collide with a shown line's.
    removed = [_summary_line(ix, len(summary) + k, f"removed-{k}", None, g) for k, g in enumerate(cut, 1)]
    rows, cards = _rows_and_cards(ix)
    articles = _articles(ix)  # last: it links back to everything above
    failed = [c for c in report.checks if not c.passed]
    # The banner counts the sentences as the reader sees them, by the verdicts shown on them; a wording
    # the checks refused is under "the model wrote" and is not counted.
    doubted = [line for line in summary if line.badge.symbol != "✅"]
    if report.failures:
        status = Badge("⚠️", f"incomplete run: {len(report.failures)} step(s) failed", "warn")
    elif failed:
        status = Badge("❌", f"{len(failed)} check(s) failed", "bad")
    elif not report.checks:
        status = Badge("⚠️", "not verified", "warn")
    elif doubted:
        status = Badge("⚠️", f"{len(doubted)} summary sentence(s) to look at", "warn")
    else:
        status = Badge("✅", "every check passed", "ok")
    n = len(report.articles)
    return Page(
        title=f"Summary of {n} article{'s' if n != 1 else ''}",
        model=report.model or "unknown",
        articles=articles,
        status=status,
        checks_passed=len(report.checks) - len(failed),
        checks_failed=len(failed),
        sentences_passed=len(summary) - len(doubted),
        discarded=sum(1 for g in cut if not g.left_out) + sum(1 for line in summary if line.original),
        summary=summary,
        removed=removed,
        rows=rows,
        cards=cards,
        checks=failed + [c for c in report.checks if c.passed],
        failures=[
            {
                "stage": f.stage,
                "article": f.article_id or "",
                "error": f.error,
                "attempts": "" if f.attempts is None else str(f.attempts),
                "last_response": f.last_response or "",
            }
            for f in report.failures
        ],
        usage=[
            UsageRow(stage, u.calls, u.cache_hits, u.retries, u.prompt_tokens, u.completion_tokens, u.seconds)
            for stage, u in report.usage.stages.items()
        ],
        suspect=[
            f"{a.id}: sentence{'s' if len(ids) > 1 else ''} {', '.join(ids)}"
            for a in report.articles
            if (ids := [str(s.id) for s in a.sentences if s.suspect])
        ],
        data=script_json(report.model_dump(mode="json")),
        discrepancies=[d.description for d in report.discrepancies],
    )


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # article text is data: a <script> in an article is shown, never run
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _csp_hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page: no network, opens from a mail attachment."""
    env = _environment()
    script = env.get_template("report.js").render()
    # The page runs only this script (by its hash): markup smuggled in by an article could not run.
    return env.get_template("report.html.j2").render(
        page=_page(report), script=Markup(script), script_hash=_csp_hash(script)
    )
