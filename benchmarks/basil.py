"""Read BASIL triplets (../shared/datasets/basil): three outlets' articles about one event, as plain text.

The data set has no license upstream, so nothing here copies it into the repository or the package:
runs read it from the shared folder and skip where it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = Path(os.environ.get("SUMMARIZER_SHARED", ROOT.parent / "shared")) / "datasets" / "basil" / "articles"
# The experts' bias annotations, one file per article (`summarizer.annotations` reads them).
ANNOTATIONS = BASIL.parent / "annotations"
SOURCES = {"fox": "foxnews.com", "nyt": "nytimes.com", "hpo": "huffpost.com"}


def available() -> bool:
    """Whether the data set is where the runs expect it."""
    return BASIL.is_dir()


def triplets() -> dict[str, list[Path]]:
    """Triplet uuid → its three article files, in outlet order 1, 2, 3."""
    groups: dict[str, list[Path]] = {}
    for path in sorted(BASIL.glob("*/*.json")):
        uuid, _, _n = path.stem.rpartition("_")
        groups.setdefault(uuid, []).append(path)
    return groups


def article_text(path: Path) -> str:
    """One article as text: title, then one paragraph per line, then its publisher as a bare line."""
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = []
    for p in data["body-paragraphs"]:
        paragraphs.append(" ".join(p) if isinstance(p, list) else str(p))
    source = str(data.get("source", "")).strip()
    # The dataset spells its codes both ways ("hpo" and "HPO"); an unmapped code would read as a sentence.
    publisher = SOURCES.get(source.lower(), source or "unknown")
    # The title as the page gives it, most often with no end mark: that is how a reader (and
    # `Reading.label`) tells it from the lead sentence under it.
    lines = [data["title"].strip(), *[p.strip() for p in paragraphs if p.strip()], publisher]
    return "\n".join(lines) + "\n"


def write_triplet(uuid: str, out_dir: Path) -> list[Path]:
    """Write a triplet's three articles as text files in `out_dir` (outside the repository)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, src in enumerate(triplets()[uuid], 1):
        data = json.loads(src.read_text(encoding="utf-8"))
        target = out_dir / f"{uuid[:8]}_{i}_{data.get('source', 'x')}.txt"
        target.write_text(article_text(src), encoding="utf-8")
        paths.append(target)
    return paths


GOLD = ROOT / "benchmarks" / "gold"


def gold_path(uuid: str) -> Path:
    """The hand annotation of a triplet (benchmarks/gold/<uuid8>.gold.json), written before any run."""
    return GOLD / f"{uuid[:8]}.gold.json"


def held_out(uuid: str) -> bool:
    """Whether a triplet's gold was written after the code it was first scored on (its "held_out")."""
    # Its figures at that code are the ones measured on unseen text; the field says when and by whom.
    path = gold_path(uuid)
    return path.is_file() and bool(json.loads(path.read_text(encoding="utf-8")).get("held_out"))


def crosscheck_scores(uuid: str, out_dir: Path, claims: list[object] | None = None) -> dict[str, object]:
    """The deterministic alignment alone on a triplet (no model), scored against its gold annotation."""
    from summarizer.align import align
    from summarizer.evaluate import load_gold, score
    from summarizer.ingest import load
    from summarizer.models import Claim, Report

    articles = load(write_triplet(uuid, out_dir))
    model_claims = [c for c in (claims or []) if isinstance(c, Claim)]
    found = align(articles, model_claims)
    report = Report(
        articles=articles,
        claims=model_claims + found.extra_claims,
        conflicts=found.conflicts,
        discrepancies=found.discrepancies,
        corroborated=found.corroborated,
        quote_drift=found.quote_drift,
    )
    s = score(report, load_gold(gold_path(uuid)))
    return {
        "corroborated_recall": s.corroborated_recall,
        "conflicts_reported": s.conflicts_reported,
        "false_conflicts": s.false_conflicts,
        "conflict_precision": s.conflict_precision,
        "conflict_recall": s.conflict_recall,
        "quote_drift_reported": s.quote_drift_reported,
        "quote_drift_precision": s.quote_drift_precision,
        "quote_drift_recall": s.quote_drift_recall,
        "conflicts": [c.description for c in found.conflicts],
        "discrepancies": [d.description for d in found.discrepancies],
        "false": [f"{f.description}: {f.why}" for f in s.false_conflict_details],
        "drift_unmatched": s.quote_drift_unmatched,
        "missed": [h.id for h in s.conflicts + s.soft_conflicts if not h.found],
    }


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for uuid in sorted(triplets()):
            if gold_path(uuid).is_file():
                print(
                    uuid[:8],
                    json.dumps(crosscheck_scores(uuid, Path(tmp) / uuid[:8]), ensure_ascii=False, indent=1),
                )
