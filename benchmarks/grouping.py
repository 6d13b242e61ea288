"""Agreements across outlets without a model: the annotated BASIL triplets' sentences grouped into facts.

    python benchmarks/grouping.py [--tree PATH]

Each annotated triplet (a gold file in benchmarks/gold/) is read as the runs read it, every sentence
`extract.plan` keeps becomes its own claim (the model's restatements do not enter alignment: it pairs
the source sentences), and the claims are aligned with `--tree`'s code (default: this checkout; an
older commit as `git archive 0a2453e summarizer | tar -x -C /tmp/align-base`). This checkout's
`evaluate` scores the groups against the gold, so two trees are scored alike: corroborated recall,
the pairs of two outlets' sentences in one group that the gold puts in one fact (right) or in
different facts (wrong), the largest group, and the recall of the gold's single-source facts among the
sentences in no group (a sentence paired is no longer one outlet's alone). The triplets the bar was
chosen on are printed apart from those recorded after it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import basil  # noqa: E402
import recorded  # noqa: E402

from summarizer.align import align  # noqa: E402
from summarizer.evaluate import load_gold, score  # noqa: E402
from summarizer.extract import plan, to_claim  # noqa: E402
from summarizer.ingest import load  # noqa: E402
from summarizer.models import Article, Claim, Corroboration, Report  # noqa: E402

# The nine triplets recorded when the lexical bar (0.15) and JOIN (0.75) were chosen; the rest came after.
CHOSEN_ON = (
    "79bf99c6",
    "2058ec60",
    "f506aafc",
    "ee05c9b3",
    "6e502405",
    "eb17fa36",
    "47a209b0",
    "1b96a5db",
    "06ffda2d",
)

# Run in a child with the tree first on its path: each tree's `summarizer` aligns in its own process.
_ALIGN = """
import json, sys
from summarizer.align import align
from summarizer.models import Article, Claim
data = json.load(sys.stdin)
articles = [Article.model_validate(a) for a in data["articles"]]
claims = [Claim.model_validate(c) for c in data["claims"]]
print(json.dumps([g.claim_ids for g in align(articles, claims).corroborated]))
"""


def groups(tree: Path, articles: list[Article], claims: list[Claim]) -> list[list[str]]:
    """The corroborated groups `tree`'s `align` makes of the articles' claims (this checkout's in-process)."""
    if tree == ROOT:
        return [g.claim_ids for g in align(articles, claims).corroborated]
    payload = json.dumps(
        {
            "articles": [a.model_dump(mode="json") for a in articles],
            "claims": [c.model_dump(mode="json") for c in claims],
        }
    )
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        [sys.executable, "-c", _ALIGN],
        input=payload,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def triplet(uuid: str, tree: Path = ROOT) -> dict[str, object]:
    """One triplet's groups by `tree`, scored against its gold."""
    with tempfile.TemporaryDirectory() as tmp:
        articles = load(basil.write_triplet(uuid, Path(tmp)))
    claims: list[Claim] = [
        to_claim(a, c.sentence_id) for a in articles for c in plan(a).coverage if c.claim_ids
    ]
    found = [Corroboration(fact="", claim_ids=ids) for ids in groups(tree, articles, claims)]
    # A sentence in no agreement is one outlet's alone (the run adds clauses of shared sentences too).
    grouped = {i for g in found for i in g.claim_ids}
    single = [c.id for c in claims if c.id not in grouped]
    report = Report(articles=articles, claims=claims, corroborated=found, single_source=single)
    s = score(report, load_gold(basil.gold_path(uuid)))
    return {
        "recall": s.corroborated_recall,
        "single_recall": s.single_source_recall,
        "right": s.corroborated_pairs_right,
        "wrong": s.corroborated_pairs_wrong,
        "groups": len(found),
        "largest": max((len(g.claim_ids) for g in found), default=0),
    }


def main() -> None:
    """Print each triplet's figures, then the totals of the triplets chosen on and of the others."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    recorded.add_tree_option(p, Path(__file__).resolve().parent)
    args = p.parse_args()
    recorded.header("grouping: agreements across outlets, by code alone, against the gold")
    if not basil.available():
        print(f"BASIL is not at {basil.BASIL}: nothing to group")
        return
    tree = args.tree.resolve()
    print(f"aligned by the code in {tree}; scored by the code in {ROOT}")
    annotated = [u for u in basil.triplets() if basil.gold_path(u).is_file()]
    rows = {u[:8]: triplet(u, tree) for u in annotated}
    print(f"{'triplet':10} {'recall':>6} {'right':>6} {'wrong':>6} {'groups':>6} {'largest':>7}")
    for key, r in rows.items():
        cells = (
            f"{float(r['recall'] or 0):6.2f} {r['right']:6} {r['wrong']:6} {r['groups']:6} {r['largest']:7}"
        )
        print(f"{key:10} {cells}")
    held = {u[:8] for u in annotated if basil.held_out(u)}
    for label, keys in (
        ("chosen on", [k for k in rows if k in CHOSEN_ON]),
        ("after", [k for k in rows if k not in CHOSEN_ON and k not in held]),
        ("held out", [k for k in rows if k in held]),
    ):
        if not keys:
            continue
        part = [rows[k] for k in keys]
        recall = sum(float(r["recall"] or 0) for r in part) / len(part)
        right = sum(int(r["right"]) for r in part)  # type: ignore[call-overload]
        wrong = sum(int(r["wrong"]) for r in part)  # type: ignore[call-overload]
        largest = max(int(r["largest"]) for r in part)
        single = sum(float(r["single_recall"] or 0) for r in part) / len(part)  # type: ignore[call-overload]
        print(
            f"{label} ({len(part)} triplets): corroborated recall {recall:.2f} (mean), pairs right {right} "
            f"wrong {wrong} (precision {right / max(1, right + wrong):.2f}), largest group {largest}, "
            f"single-source recall {single:.2f} (mean)"
        )


if __name__ == "__main__":
    main()
