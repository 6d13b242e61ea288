"""Loaded words in the summary's own voice on the recorded BASIL runs (issue 29.6), replayed.

    python benchmarks/loaded.py

For each recorded triplet (cassettes/basil/*.yaml, replayed as benchmarks/basil_runs.py does), prints how
many of the experts' loaded spans (BASIL annotations: `lex`, `quote` = `no`) the summary says outside
quotation marks, where, and every such span the triplet's articles hold. The goal is none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import basil
import basil_runs

from summarizer.annotations import load_loaded_spans
from summarizer.models import Report
from summarizer.summary_scores import loaded_words


def recorded() -> list[str]:
    """The full uuid of every triplet with a cassette in cassettes/basil/."""
    by_prefix = {uuid[:8]: uuid for uuid in basil.triplets()}
    names = [p.stem for p in sorted(basil_runs.CASSETTES.glob("*.yaml"))]
    return [by_prefix[n] for n in names if n in by_prefix]


def loaded(report: Report) -> dict[str, object]:
    """One run's loaded words: the count in the summary's own voice, where, and the articles' spans."""
    spans = load_loaded_spans(basil.ANNOTATIONS, report.articles)
    found = loaded_words(report, spans)
    return {
        "in_summary": len(found),
        "found": found,
        "annotated": [f"{s.article_id}: {s.text}" for s in spans],
    }


def main() -> None:
    """Replay every recorded triplet and print its loaded words as JSON."""
    if not (basil.available() and basil.ANNOTATIONS.is_dir()):
        print(f"BASIL or its annotations are not at {basil.BASIL.parent}; nothing to run")
        return
    out = {uuid[:8]: loaded(basil_runs.run(uuid, record=False, base_url=None)) for uuid in recorded()}
    print(json.dumps(out, indent=2, ensure_ascii=False))
    print("reproduce: python benchmarks/loaded.py", file=sys.stderr)


if __name__ == "__main__":
    main()
