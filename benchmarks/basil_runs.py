"""Runs of the local model on BASIL triplets (real text nobody here wrote), replayed from cassettes.

    python benchmarks/basil_runs.py            # replay cassettes/basil/*.yaml and print the figures
    python benchmarks/basil_runs.py --record   # re-record against SUMMARIZER_BASE_URL (scripts/record.sh)

Runs every triplet with a gold file in benchmarks/gold/ (a replay skips, naming it, one with no
cassette yet). Prints, per triplet, the figures of BENCHMARKS.md's BASIL table,
the conflicts found, and the summary's own scores (issue 29): key-fact recall with the facts missed,
per-outlet labels true / total with the false ones, fragments, and the experts' loaded words
(`../shared/datasets/basil/annotations/`) said in the summary's own voice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parent))

import basil

from summarizer import Settings, summarize
from summarizer.annotations import load_loaded_spans
from summarizer.cassette import use
from summarizer.config import LOCAL_DEFAULT_MODEL
from summarizer.evaluate import Gold, load_gold, score
from summarizer.models import Report


# Every triplet with a hand annotation in benchmarks/gold/ (chosen for figures, votes, dates and quotes
# that differ between outlets), its topic the annotation's first words.
def _annotated() -> dict[str, str]:
    found = {}
    for uuid in basil.triplets() if basil.available() else {}:
        gold = basil.gold_path(uuid)
        if gold.is_file():
            found[uuid] = str(json.loads(gold.read_text(encoding="utf-8")).get("about", ""))[:80]
    return found


TRIPLETS = _annotated()
CASSETTES = Path(__file__).resolve().parents[1] / "cassettes" / "basil"


def cassette(uuid: str) -> Path:
    """Where a triplet's run is recorded."""
    return CASSETTES / f"{uuid[:8]}.yaml"


def recorded(base_url: str | None) -> Settings:
    """The bundled model as a recording meets it at `base_url` (a replay's is never dialled)."""
    return Settings(
        model=LOCAL_DEFAULT_MODEL,
        base_url=base_url or "http://127.0.0.1:9/v1",
        api_key="not-needed",
        mode="json_schema",
        client_retries=0,
        # A recording on a shared machine may wait its turn; a timed-out call would be recorded as a fault.
        timeout=3600.0,
        cache=False,  # a recording must hold every call; a replay must not be answered from elsewhere
        # As the bundled model runs by default (config.Settings.repair, .restate).
        repair=False,
        restate=False,
    )


def run(uuid: str, *, record: bool | Literal["update"], base_url: str | None) -> Report:
    """One triplet through the whole pipeline, recorded or replayed."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = basil.write_triplet(uuid, Path(tmp))
        with use(cassette(uuid), record=record):
            return summarize(paths, recorded(base_url))


def cited_again(report: Report) -> int:
    """Summary sentences citing a claim an earlier sentence of the summary cites: mostly one fact twice."""
    seen: set[str] = set()
    again = 0
    for s in report.summary:
        again += bool(seen & set(s.citations))
        seen |= set(s.citations)
    return again


def figures(report: Report, uuid: str) -> dict[str, object]:
    """What the issues ask to see for each triplet, scored against its gold (benchmarks/gold/)."""
    gold = basil.gold_path(uuid)
    loaded = load_loaded_spans(basil.ANNOTATIONS, report.articles) if basil.ANNOTATIONS.is_dir() else None
    annotation = load_gold(gold) if gold.is_file() else Gold()
    scores = score(report, annotation, loaded=loaded)
    sentences = sum(len(a.sentences) for a in report.articles)
    actions = [g.action for g in report.groundings if g.target.startswith(("summary:", "removed:"))]
    return {
        "claims": len([c for c in report.claims if c.found_by == "model"]),
        "sentences": sentences,
        "coverage": scores.coverage,
        "verified_sentence_rate": scores.verified_sentence_rate,
        "passing": sum(1 for s in report.summary if s.verified),
        "summary": len(report.summary),
        "summary_words": sum(len(s.text.split()) for s in report.summary),
        "repaired_replaced_removed": [actions.count(a) for a in ("repaired", "replaced", "removed")],
        "conflicts": len(report.conflicts),
        "false_conflicts": scores.false_conflicts,
        "conflict_precision": scores.conflict_precision,
        "conflict_recall": scores.conflict_recall,
        "corroborated_recall": scores.corroborated_recall,
        "corroborated_pairs_right_wrong": [scores.corroborated_pairs_right, scores.corroborated_pairs_wrong],
        "single_source_precision": scores.single_source_precision,
        "single_source_recall": scores.single_source_recall,
        "quote_drift": len(report.quote_drift),
        "outlets_in_summary": sorted(
            {c.article_id for s in report.summary for i in s.citations if (c := report.claim(i)) is not None}
        ),
        "conflict_descriptions": [c.description for c in report.conflicts],
        "key_fact_recall": scores.key_fact_recall,
        "key_facts_missed": [f"{h.id}: {h.why}" for h in scores.key_facts if not h.found],
        "outlet_labels_true_total": [scores.outlet_labels_true, scores.outlet_labels],
        "outlet_labels_false": scores.outlet_labels_false,
        "fragments": scores.fragments,
        "fragment_details": scores.fragment_details,
        "loaded_words": scores.loaded_words,
        "loaded_word_details": scores.loaded_word_details,
        "cited_again": cited_again(report),
        "seconds": round(sum(c.seconds for c in report.usage.calls), 1),
        # Annotated after the code was fixed and scored before any change to it (the gold file says when).
        "held_out": bool((annotation.model_extra or {}).get("held_out")),
    }


def main() -> None:
    """Record or replay every chosen triplet and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="record against SUMMARIZER_BASE_URL")
    parser.add_argument(
        "--update",
        action="store_true",
        help="replay what a cassette holds, record only the requests it lacks, drop the unused",
    )
    parser.add_argument("--only", metavar="UUID8", help="only the triplet whose uuid starts so")
    args = parser.parse_args()
    if not basil.available():
        print(f"BASIL is not at {basil.BASIL}; nothing to run")
        return
    record: bool | Literal["update"] = "update" if args.update else args.record
    base_url = os.environ.get("SUMMARIZER_BASE_URL") if record else None
    out = {}
    for uuid, topic in TRIPLETS.items():
        if args.only and not uuid.startswith(args.only):
            continue
        if not args.record and not cassette(uuid).is_file():
            # annotated, not yet recorded: named, so a missing row is not mistaken for a skipped one
            print(f"{uuid[:8]}: no cassette yet; record it: --record --only {uuid[:8]}", file=sys.stderr)
            continue
        report = run(uuid, record=record, base_url=base_url)
        out[uuid[:8]] = {"topic": topic, **figures(report, uuid)}
    print(json.dumps(out, indent=2, ensure_ascii=False))
    print("reproduce: python benchmarks/basil_runs.py", file=sys.stderr)


if __name__ == "__main__":
    main()
