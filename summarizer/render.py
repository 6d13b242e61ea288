"""`Report` → Markdown or JSON. Presentation only: nothing here decides a verdict."""

from __future__ import annotations

import re

from summarizer.gold import Scores
from summarizer.models import Check, Claim, Grounding, Report
from summarizer.outlets import alone_beside, carried, given, stated_label, stating_group


def to_json(report: Report) -> str:
    """The report as JSON, exactly `Report.model_dump_json()` (indented)."""
    return report.model_dump_json(indent=2)


def _cite(claim_id: str) -> str:
    return f"[{claim_id}](#{_anchor(claim_id)})"


def _anchor(claim_id: str) -> str:
    return "claim-" + claim_id.lower().replace(".", "-")


# An "&" a renderer would read as the start of a character reference ("&lt;", "&#60;", "&#x3c;").
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")


def _md(text: str) -> str:
    # Article and model text must not turn into Markdown structure (links, images, emphasis, tables)
    # nor into HTML, which CommonMark passes through raw ("<script>", "<img onerror=…>", "<javascript:…>").
    return (
        _ENTITY.sub("&amp;", text)
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\\", "\\\\")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("*", "\\*")
        .replace("|", "\\|")
    )


def to_markdown(report: Report) -> str:
    """A readable report: verdict per summary sentence, conflicts, single-source facts, sources, checks."""
    out: list[str] = []
    names = ", ".join(f"{a.id}: {_md(a.publisher or a.name)}" for a in report.articles)
    out.append(f"# Summary of {len(report.articles)} article{'s' if len(report.articles) != 1 else ''}")
    out.append("")
    out.append(f"Articles — {names}. Model: {_md(report.model or 'unknown')}.")
    passed = sum(1 for s in report.summary if s.verified)
    out.append(
        f"Verification: {passed} of {len(report.summary)} summary sentences pass every check; "
        f"{sum(c.passed for c in report.checks)} of {len(report.checks)} checks pass."
    )
    for a in report.articles:
        suspect = [str(x.id) for x in a.sentences if x.suspect]
        if suspect:
            out.append(
                f"Article {a.id} contains text that reads as aimed at a model, not at readers (sentences "
                f"{', '.join(suspect)}): it is kept as article data and is no evidence for a claim."
            )
    if report.failures:
        out.append("")
        out.append("**Incomplete run:**")
        for f in report.failures:
            where = f" article {f.article_id}" if f.article_id else ""
            out.append(f"- {_md(f.stage)}{where} failed: {_md(f.error)}")

    out += ["", "## Summary", ""]
    if not report.summary:
        out.append("_No summary: no claim could be verified or the merge failed (see above)._")
    grounding = {g.target: g for g in report.groundings}
    for i, s in enumerate(report.summary, 1):
        verdict = "✅" if s.verified else "❌"
        cites = "".join(_cite(c) for c in s.citations)
        outlets = carried(report, s)
        note = _ACTIONS.get(s.action, "")
        out.append(f"{i}. {verdict} {_md(s.text)} {cites}{f' — {outlets}' if outlets else ''}{note}")
        shown = grounding.get(f"summary:{i}")
        if shown is not None and shown.original and shown.action != "kept":
            found = findings(shown) if shown.discarded else []
            # What the checks found in that wording is about it, not about the sentence shown above, and
            # read against the sentences it cites (another sentence of an article may name "Kevin").
            against = " — against the sentences it cites:" if found else ""
            out.append(f"   - the model wrote: {_md(shown.original)}{against}")
            out += [f"     - {_md(f)}" for f in found]
        for c in report.checks:
            if c.target == f"summary:{i}" and not c.passed:
                out.append(f"   - ❌ {c.name}: {_md(c.detail)}")
    removed = [g for g in report.groundings if g.action == "removed"]
    if removed:
        out += [
            "",
            "Left out of the summary (their sources do not say them, and a source sentence standing in for "
            "them was none, was shown already, or would run past the summary's length; or they say again "
            "what a sentence above says; or, where they stand, their pronoun would read as another person):",
        ]
        # A repeat left out is shown as it was shown (a stand-in's words), not as the model first wrote it.
        out += [
            f"- ~~{_md(g.text if g.left_out else g.original or g.text)}~~ — {_md(_why(g))}" for g in removed
        ]

    out += ["", "## Conflicts", ""]
    if not report.conflicts:
        out.append("_None found._")
    for conflict in report.conflicts:
        who = "cross-check" if conflict.found_by == "cross-check" else "model"
        out.append(f"- **{_md(conflict.description)}** (found by the {who})")
        if conflict.sides:
            for side in conflict.sides:
                cites = "".join(_cite(c) for c in side.claim_ids)
                out.append(f"  - {', '.join(side.article_ids)}: “{_md(side.text)}” {cites}")
            continue
        for cid in conflict.claim_ids:
            claim = report.claim(cid)
            if claim is not None:
                out.append(f"  - {_cite(cid)} {claim.article_id}: “{_md(claim.quote)}”")

    if report.discrepancies:
        out += ["", "## Possible discrepancies (not confirmed; check them)", ""]
        out += [f"- {_md(d.description)}" for d in report.discrepancies]

    if report.quote_drift:
        out += ["", "## Quoted in different words", ""]
        for drift in report.quote_drift:
            out.append(f"- **{_md(drift.speaker)}**, as each outlet quotes it (words that differ in bold):")
            for w in drift.wordings:
                out.append(f"  - {w.article_id}: “{_marked(w.text, w.changed)}” {_cite(w.claim_id)}")

    if report.corroborated:
        out += ["", "## Corroborated", ""]
        for g in report.corroborated:
            named = stating_group(report, g)
            grouped = [cl.article_id for i in g.claim_ids if (cl := report.claim(i)) is not None]
            said = _md(stated_label(named, g.shared, grouped, given(report, g, named)))
            origin = f" — all cite {_md(g.origin)}: not independent" if g.origin else ""
            out.append(f"- {_md(g.fact)} {''.join(_cite(c) for c in g.claim_ids)} ({said}{origin})")

    out += ["", "## Single-source", ""]
    if not report.single_source:
        out.append("_None._")
    for cid in report.single_source:
        claim = report.claim(cid)
        if claim is not None:
            # A clause of a shared sentence: the reader sees which sentence the others also report.
            shared = alone_beside(report, claim)
            part = (
                f" (a clause of {_cite(claim.part_of)}, which other outlets also report)"
                if claim.part_of
                else f" ({shared})"
                if shared
                else ""
            )
            out.append(f"- {_cite(cid)} ({claim.article_id} only) {_md(claim.statement)}{part}")

    if report.coverage:
        out += ["", "## Coverage", ""]
        for cov in report.coverage:
            claimed = sum(1 for x in cov.sentences if x.claim_ids)
            left = [x for x in cov.sentences if x.left_out]
            reasons = sorted({x.left_out or "" for x in left})
            detail = "; ".join(
                f"{r}: {', '.join(str(x.sentence_id) for x in left if x.left_out == r)}" for r in reasons
            )
            out.append(
                f"- {cov.article_id}: {claimed} of {len(cov.sentences)} sentences are claims"
                + (f"; left out — {_md(detail)}" if left else "")
            )

    dropped = [c for c in report.claims if not c.verified]
    if dropped:
        out += ["", "## Unverified claims (kept out of the summary)", ""]
        for claim in dropped:
            out.append(f"- {claim.id or '?'} {_md(claim.statement)} — {_md(claim.reason or 'unverified')}")

    out += ["", "## Sources", ""]
    for claim in report.claims:
        if claim.verified:
            out.append(_source_line(claim, report))

    out += ["", "## Checks", ""]
    out += _checks_table(report.checks)
    out += ["", _usage_footer(report)]
    return "\n".join(out) + "\n"


_ACTIONS = {
    "repaired": " _(rewritten after the check)_",
    "replaced": " _(the source sentence itself: the model's failed)_",
}


def _why(g: Grounding) -> str:
    if g.left_out:
        return g.left_out
    spans = "; ".join(f"{u.text!r}: {u.detail}" for u in g.unsupported[:4])
    return spans or ("the judge does not find it in the sources" if "judge" in g.failed_by else g.verdict)


def findings(g: Grounding) -> list[str]:
    """What the checks found in a grounding's checked text, one line each, and the judge's label if no."""
    out = [f"{u.kind} {u.text!r}" + (f": {u.detail}" if u.detail else "") for u in g.unsupported]
    if g.judge and g.judge != "supported":
        out.append(f"judge: {g.judge}")
    return out


def _marked(text: str, changed: list[tuple[int, int]]) -> str:
    """The wording with its differing spans in bold, the rest escaped."""
    out, at = [], 0
    for start, end in sorted(changed):
        if start < at:
            continue
        out += [_md(text[at:start]), f"**{_md(text[start:end])}**"]
        at = end
    out.append(_md(text[at:]))
    return "".join(out)


def _source_line(claim: Claim, report: Report) -> str:
    article = report.article(claim.article_id)
    where = _md(article.publisher or article.name) if article else claim.article_id
    sentences = ", ".join(str(i) for i in claim.sentence_ids)
    by = "" if claim.asserted_by == "the outlet" else f" according to {_md(claim.asserted_by)}"
    origin = " (cross-check)" if claim.found_by == "cross-check" else ""
    said = f"{_md(claim.statement)} — " if claim.restated else ""
    return (
        f'- <a id="{_anchor(claim.id)}"></a>**{claim.id}** {where}, sentence {sentences}{by}{origin}: '
        f"{said}“{_md(claim.quote)}”"
    )


def _checks_table(checks: list[Check]) -> list[str]:
    names: dict[str, list[Check]] = {}
    for c in checks:
        names.setdefault(c.name, []).append(c)
    rows = ["| check | passed | failed | first failure |", "|---|---|---|---|"]
    for name, group in names.items():
        failed = [c for c in group if not c.passed]
        first = f"{failed[0].target}: {_md(failed[0].detail)}" if failed else ""
        rows.append(f"| {name} | {len(group) - len(failed)} | {len(failed)} | {first} |")
    return rows


def _usage_footer(report: Report) -> str:
    parts = []
    for stage, u in report.usage.stages.items():
        parts.append(
            f"{stage}: {u.calls} call{'s' if u.calls != 1 else ''} ({u.retries} re-asks, "
            f"{u.cache_hits} from the cache), {u.prompt_tokens:,} prompt + {u.completion_tokens:,} "
            f"completion tokens, {u.seconds:.1f} s"
        )
    return "_Usage — " + ("; ".join(parts) if parts else "no model calls") + "._"


def scores_to_markdown(scores: Scores) -> str:
    """Evaluation scores as a table, then what was found and missed."""

    def fmt(v: float | int | None) -> str:
        return "n/a" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))

    headline = [
        "conflict_recall",
        "false_conflicts",
        "corroborated_recall",
        "corroborated_pairs_right",
        "corroborated_pairs_wrong",
        "single_source_precision",
        "single_source_recall",
        "quote_verbatim_rate",
        "citation_validity",
        "unsupported_numbers",
        "claims_dropped",
        "verified_sentence_rate",
    ]
    data = scores.model_dump()
    out = ["| score | value |", "|---|---|"] + [f"| {k} | {fmt(data[k])} |" for k in headline]
    out += [
        f"| key_fact_recall | {fmt(scores.key_fact_recall)} |",
        f"| outlet_labels (true / total) | {scores.outlet_labels_true} / {scores.outlet_labels} |",
        f"| fragments | {scores.fragments} |",
        f"| loaded_words | {fmt(scores.loaded_words)} |",
    ]
    sections = (("Conflicts", scores.conflicts), ("Corroborated", scores.corroborated))
    for title, hits in (*sections, *((("Key facts", scores.key_facts),) if scores.key_facts else ())):
        out += ["", f"## {title}", ""]
        out += [f"- {'found' if h.found else 'missed'}: {_md(h.id)} {_md(h.why)}".rstrip() for h in hits] or [
            "_none in gold_"
        ]
    if scores.false_conflict_details:
        out += ["", "## False conflicts", ""]
        out += [
            f"- {_md(f.target)} {_md(f.description)}: {_md(f.why)}" for f in scores.false_conflict_details
        ]
    for title, lines in (
        ("Outlet labels its sentences do not support", scores.outlet_labels_false),
        ("Fragments", scores.fragment_details),
        ("Loaded words in the summary's own voice", scores.loaded_word_details),
    ):
        if lines:
            out += ["", f"## {title}", ""] + [f"- {_md(line)}" for line in lines]
    return "\n".join(out) + "\n"
