"""BASIL triplets nobody here had run, recorded live once per code: the summary's shape, before and after.

    python benchmarks/fresh_runs.py cassettes/fresh18/after                 # this checkout's code
    python benchmarks/fresh_runs.py cassettes/fresh18/before --tree PATH    # another checkout's (a worktree)

Each cassette `<id8>.yaml` holds one live run of the bundled model on the triplet's three articles
(`summarizer FILES --no-repair --no-restate --no-cache --record …`, on 127.0.0.1), so each directory
replays only with the code that recorded it. No gold exists for these triplets: what is printed is what
code can count without one, per story and in all: summary sentences, words, sentences citing two
outlets or more, sentences citing a claim an earlier sentence of the summary cites (mostly one fact
twice), outlets named after the sentences, and sentences shown as supported. An editor's reading of the
same reports is in `benchmarks/audits/`.
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

COLUMNS = ("sentences", "words", "two_outlets", "cited_again", "outlets_named", "supported")


def replay(cassette: Path, tree: Path) -> dict[str, int]:
    """One triplet's figures: its report replayed by `tree`'s CLI (its own process, its own code)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import basil

    uuid = next(u for u in basil.triplets() if u.startswith(cassette.stem))
    with tempfile.TemporaryDirectory() as tmp:
        paths = basil.write_triplet(uuid, Path(tmp))
        out = Path(tmp) / "report.json"
        env = dict(os.environ, PYTHONPATH=str(tree))
        args = [*map(str, paths), "--replay", str(cassette.resolve()), "-f", "json", "-o", str(out)]
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", *args], env=env, cwd=tree, capture_output=True
        )
        if done.returncode not in (0, 4):  # 4: not every sentence supported, still a report
            raise SystemExit(f"{cassette}: replay failed: {done.stderr.decode()[-400:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    outlets = {c["id"]: c["article_id"] for c in report["claims"]}
    seen: set[str] = set()
    again = 0
    for s in report["summary"]:
        again += bool(seen & set(s["citations"]))
        seen |= set(s["citations"])
    summary = report["summary"]
    return {
        "sentences": len(summary),
        "words": sum(len(s["text"].split()) for s in summary),
        "two_outlets": sum(len({outlets[i] for i in s["citations"] if i in outlets}) > 1 for s in summary),
        "cited_again": again,
        "outlets_named": sum(len(s.get("outlets") or []) for s in summary),
        "supported": sum(1 for s in summary if s.get("verified")),
    }


def main() -> None:
    """Print each triplet's figures and their totals."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("cassettes", type=Path, help="a directory of <id8>.yaml cassettes")
    p.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose code replays them")
    args = p.parse_args()
    print(f"command: python benchmarks/fresh_runs.py {args.cassettes} --tree {args.tree}")
    print("| triplet | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    total = dict.fromkeys(COLUMNS, 0)
    for cassette in sorted(args.cassettes.glob("*.yaml")):
        f = replay(cassette, args.tree.resolve())
        print(f"| {cassette.stem} | " + " | ".join(str(f[c]) for c in COLUMNS) + " |")
        for c in COLUMNS:
            total[c] += f[c]
    print("| all | " + " | ".join(str(total[c]) for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
