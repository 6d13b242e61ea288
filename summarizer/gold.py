"""The gold-annotation contracts and the score report's models: data and shape only, plus `load_gold`.

`summarizer.evaluate` matches a report against these; `summarizer.render` only reads `Scores`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer.errors import InputError

_SECTIONS_WITH_QUOTES = ("conflicts", "corroborated", "not_conflicts")
# Used only when the gold file lists no articles: ingest names articles A, B, … Z, AA, …
_LETTER = re.compile(r"^[A-Z]{1,3}$")


class GoldItem(BaseModel):
    """A gold fact with one verbatim quote per article (keyed by article letter)."""

    model_config = ConfigDict(extra="allow")

    id: str
    quotes: dict[str, list[str]] = Field(default_factory=dict)


class GoldConflict(GoldItem):
    """Quotes that cannot all be true; a report must mention every `must_mention` string to get credit."""

    topic: str = ""
    must_mention: list[str] = Field(default_factory=list)
    soft: bool = False


class GoldCorroborated(GoldItem):
    """A fact every quoted article states."""

    fact: str = ""


class GoldNotConflict(GoldItem):
    """Quotes that look like a disagreement but are compatible; a report conflict here is false."""

    why: str = ""


class GoldSingleSource(BaseModel):
    """A fact only one article states."""

    model_config = ConfigDict(extra="allow")

    id: str
    article: str
    quote: str


class GoldKeyFact(BaseModel):
    """A fact the summary must state: a supported sentence citing a `refs` fact, with each `must_mention`."""

    model_config = ConfigDict(extra="allow")

    id: str
    fact: str = ""
    refs: list[str] = Field(
        default_factory=list, description="Ids of the corroborated, single_source or conflicts items it is."
    )
    must_mention: list[str] = Field(default_factory=list)


class Gold(BaseModel):
    """The gold annotation file: article letters → paths, and the facts a careful reader finds."""

    model_config = ConfigDict(extra="allow")

    about: str = ""
    articles: dict[str, str] = Field(default_factory=dict)
    conflicts: list[GoldConflict] = Field(default_factory=list)
    corroborated: list[GoldCorroborated] = Field(default_factory=list)
    single_source: list[GoldSingleSource] = Field(default_factory=list)
    not_conflicts: list[GoldNotConflict] = Field(default_factory=list)
    key_facts: list[GoldKeyFact] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _quotes_by_article(cls, data: Any) -> Any:
        # The file writes quotes as top-level keys named after the articles ("A": "...", "B": "...");
        # gathering them under `quotes` keeps the models fixed whatever the number of articles.
        if not isinstance(data, dict):
            return data
        letters = set(data.get("articles") or {})
        out = dict(data)
        for section in _SECTIONS_WITH_QUOTES:
            items = data.get(section)
            if not isinstance(items, list):
                continue
            fixed: list[Any] = []
            for n, item in enumerate(items, 1):
                if not isinstance(item, dict):
                    fixed.append(item)
                    continue
                item = dict(item)
                quotes = {k: _as_list(v) for k, v in (item.pop("quotes", None) or {}).items()}
                for key in list(item):
                    is_article = key in letters if letters else bool(_LETTER.match(key))
                    if is_article and isinstance(item[key], str | list):
                        quotes.setdefault(key, []).extend(_as_list(item.pop(key)))
                item["quotes"] = quotes
                item.setdefault("id", f"{section}-{n}")
                fixed.append(item)
            out[section] = fixed
        return out


class GoldHit(BaseModel):
    """Whether the report found one gold fact, which report items did, and why not when it did not."""

    id: str
    found: bool
    matched_by: list[str] = Field(
        default_factory=list,
        description="Report items that found it: 'conflict:1', 'corroborated:2' or claim ids.",
    )
    why: str = ""


class FalseConflict(BaseModel):
    """A reported conflict the gold annotation does not hold as a conflict."""

    target: str = Field(description="'conflict:N', numbered from 1 as in the report.")
    description: str
    claim_ids: list[str]
    why: str


class ClaimNote(BaseModel):
    """A report claim and what is wrong with it for one score."""

    claim_id: str
    why: str


class Scores(BaseModel):
    """How a report compares with the gold annotation; rates are in [0, 1], None when nothing to count."""

    conflict_recall: float | None = Field(
        description="Non-soft gold conflicts found / non-soft gold conflicts."
    )
    conflicts_reported: int
    false_conflicts: int = Field(
        description="Reported conflicts on a gold not-conflict, or on no gold conflict."
    )
    corroborated_recall: float | None
    corroborated_pairs_right: int = Field(
        default=0,
        description="Pairs of claims from two outlets in one corroborated group that the gold puts in one "
        "fact (both claims matching gold facts).",
    )
    corroborated_pairs_wrong: int = Field(
        default=0, description="Such pairs the gold puts in different facts: an agreement that is not one."
    )
    single_source_precision: float | None = Field(
        description="Report single-source claims that match a gold single-source fact / all of them. "
        "A lower bound: the gold lists only the facts its annotator chose."
    )
    single_source_recall: float | None
    quote_verbatim_rate: float | None = Field(description="Verified claims whose quote is in their article.")
    citation_validity: float | None = Field(
        description="Summary sentences citing at least one claim, all of them existing and verified."
    )
    unsupported_numbers: int = Field(description="Numbers in summary sentences that no cited claim states.")
    claims_dropped: int = Field(description="Claims with verified=False.")
    verified_sentence_rate: float | None = Field(description="Summary sentences with verified=True.")
    conflict_precision: float | None = Field(
        default=None, description="Reported conflicts that are not false / reported conflicts."
    )
    quote_drift_recall: float | None = Field(
        default=None, description="Soft gold conflicts (one quote, different words) found as quote drift."
    )
    quote_drift_reported: int = 0
    quote_drift_precision: float | None = Field(
        default=None,
        description="Reported quote-drift groups matching a soft gold conflict / all of them. A lower bound: "
        "the gold lists only the drift its annotator chose.",
    )
    coverage: float | None = Field(
        default=None,
        description="Mean over articles of the share of sentences accounted for (Report.coverage).",
    )
    coverage_by_article: dict[str, float] = Field(default_factory=dict)
    key_fact_recall: float | None = Field(
        default=None,
        description="Gold key facts stated by a supported summary sentence that cites the fact's evidence "
        "and mentions each of its must_mention strings / gold key facts.",
    )
    outlet_labels_true: int = Field(
        default=0, description="Outlets credited to a summary sentence whose own cited sentences support it."
    )
    outlet_labels: int = Field(default=0, description="Outlets credited to summary sentences, per sentence.")
    fragments: int = Field(
        default=0,
        description="Summary sentences that read as a piece of a sentence (summarizer.lang.fragments).",
    )
    loaded_words: int | None = Field(
        default=None,
        description="Annotated loaded spans in the summary's own voice (outside quotes); None: not scored.",
    )

    conflicts: list[GoldHit] = Field(default_factory=list)
    soft_conflicts: list[GoldHit] = Field(
        default_factory=list,
        description="Not counted in conflict_recall; found by quote drift or a conflict.",
    )
    quote_drift_unmatched: list[str] = Field(
        default_factory=list, description="'drift:N' groups matching no soft gold conflict, and why."
    )
    false_conflict_details: list[FalseConflict] = Field(default_factory=list)
    corroborated: list[GoldHit] = Field(default_factory=list)
    single_source: list[GoldHit] = Field(default_factory=list)
    single_source_unmatched: list[ClaimNote] = Field(default_factory=list)
    quotes_not_found: list[ClaimNote] = Field(default_factory=list)
    citation_problems: list[str] = Field(default_factory=list)
    unsupported_number_details: list[str] = Field(default_factory=list)
    dropped_claim_ids: list[str] = Field(default_factory=list)
    unmapped_articles: list[str] = Field(
        default_factory=list, description="Gold letters with no report article."
    )
    gold_quotes_missing: list[str] = Field(
        default_factory=list,
        description="Gold quotes not found in the mapped report article, so never matchable.",
    )
    key_facts: list[GoldHit] = Field(
        default_factory=list, description="Each gold key fact, and the summary sentences that state it."
    )
    outlet_labels_false: list[str] = Field(
        default_factory=list, description="'summary:N B: why' per outlet label its sentences do not support."
    )
    fragment_details: list[str] = Field(default_factory=list, description="'summary:N: why' per fragment.")
    loaded_word_details: list[str] = Field(
        default_factory=list, description="'summary:N: “span” (A's words)' per loaded span found."
    )


def _as_list(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value)


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold annotation JSON file; an InputError names what is wrong with it."""
    try:
        gold = Gold.model_validate_json(Path(path).read_bytes())
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror or e})") from None
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "the file"
        raise InputError(f"{path}: not a gold annotation ({where}: {first['msg']})") from None
    problems = gold_file_problems(gold)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{path}: not a usable gold annotation: {problems[0]}{more}")
    return gold


def gold_file_problems(gold: Gold) -> list[str]:
    """What makes a gold file score nothing, or miss in silence: no facts, a fact quoting no article."""
    if not (gold.conflicts or gold.corroborated or gold.single_source or gold.not_conflicts):
        return ["it lists no facts (conflicts, corroborated, single_source or not_conflicts)"]
    sections = (
        ("conflicts", gold.conflicts),
        ("corroborated", gold.corroborated),
        ("not_conflicts", gold.not_conflicts),
    )
    out = [
        f"{section} {item.id!r} quotes no article"
        for section, group in sections
        for item in group
        if not any(q.strip() for qs in item.quotes.values() for q in qs)
    ]
    out += [f"single_source {s.id!r} has an empty quote" for s in gold.single_source if not s.quote.strip()]
    # A key fact pointing nowhere would be missed whatever the summary says.
    known = {i.id for i in [*gold.corroborated, *gold.conflicts]} | {s.id for s in gold.single_source}
    for k in gold.key_facts:
        if not k.refs:
            out.append(f"key_facts {k.id!r} refers to no fact")
        out += [f"key_facts {k.id!r} refers to {r!r}, which no fact is" for r in k.refs if r not in known]
    return out
