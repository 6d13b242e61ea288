"""The embedding scorer's setup cost per run: the first in a process, then each later one (a batch's stories).

    python benchmarks/embed_load.py [--runs 20] [--tree PATH]

Each run of `--scorer embed` asks for a scorer before its first call. The model file's sha256 and the
ONNX session are made once per process; each scorer keeps only its own run's embedded texts. Needs the
`[embed]` extra (installed by `pip install -e ".[dev]"`). `--tree` runs another checkout's `summarizer`
(a `git worktree` of an older commit), to compare versions with the same script.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import recorded


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=20, help="later scorers to time after the first")
    recorded.add_tree_option(p, Path(__file__).resolve().parent)
    args = p.parse_args()
    tree = recorded.use_tree(args.tree)
    from summarizer import embed

    recorded.header("embedding scorer: setup per run")
    print(f"code from {tree}")
    began = time.perf_counter()
    embed.scorer()
    first = time.perf_counter() - began
    began = time.perf_counter()
    for _ in range(args.runs):
        embed.scorer()
    later = (time.perf_counter() - began) / args.runs
    print(
        f"first scorer in the process {first * 1000:.1f} ms; "
        f"each of {args.runs} later ones {later * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
