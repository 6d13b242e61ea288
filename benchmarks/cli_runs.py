"""The CLI's own runs, as a user starts them: with the collector frozen after the imports, and without.

    python benchmarks/cli_runs.py [--rounds 2] [--ms-per-token 10]

`summarizer.cli.main` calls `gc.freeze()` once its imports are done, so that the collector's full
passes no longer walk what the imports built. The library cannot do that for its host; the CLI owns
its process. This script shows what it changes, by running the command line as a subprocess against
the loopback server of tests/loopback.py (in a child process, answering after --ms-per-token × the
answer's completion tokens), in two arms taken in turn, --rounds times each:

- **as shipped**: `python -m summarizer …`;
- **not frozen**: the same `main`, with `gc.freeze` made a no-op before it runs.

Two runs each round: one story of 32 articles (copies of the seeds, as benchmarks/concurrency.py
makes them), and the 90 BASIL stories (../shared/datasets/basil) as one `summarizer batch` of a JSONL
file, every story at once. Printed per run: wall time from start to exit (imports included) and the
CPU time of the command's process (the server's is not in it), then each arm's median and the ratio
of the medians. Machines are shared and noisy: compare arms within one run of this script.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart
import basil
import concurrency
import recorded

KEY = "sk-bench-cli"
ARMS = {
    "as shipped": [sys.executable, "-m", "summarizer"],
    "not frozen": [
        sys.executable,
        "-c",
        "import gc, sys\ngc.freeze = lambda: None\nfrom summarizer.cli import main\nmain(sys.argv[1:])",
    ],
}


def _child_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command run to its end; a failed run stops the script."""
    cpu, began = _child_cpu(), time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - began, _child_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} … exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return wall, cpu


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2, help="runs of each arm, taken in turn")
    p.add_argument("--ms-per-token", type=float, default=10.0, help="server delay per completion token")
    args = p.parse_args()
    if not basil.available():
        raise SystemExit(f"BASIL is not at {basil.BASIL}: set SUMMARIZER_SHARED")
    recorded.header("cli: the command line's runs, with the collector frozen after its imports and without")
    print(f"server delay: {args.ms_per_token:g} ms per completion token; judge on; no answer cache")

    with (
        tempfile.TemporaryDirectory() as tmp,
        apart.running(ms_per_token=args.ms_per_token, key=KEY, lifetime=3600) as server,
    ):
        root = Path(tmp)
        one = root / "one"
        one.mkdir()
        files = []
        for i, text in enumerate(concurrency.articles(32, concurrency.seeds())):
            files.append(one / f"{i:02d}.txt")
            files[-1].write_text(text, encoding="utf-8")
        stories = root / "basil.jsonl"
        with stories.open("w", encoding="utf-8") as f:
            for uuid, paths in sorted(basil.triplets().items()):
                articles = [{"name": p.name, "text": basil.article_text(p)} for p in paths]
                f.write(json.dumps({"id": uuid, "articles": articles}) + "\n")
        env = {**os.environ, "SUMMARIZER_API_KEY": KEY, "SUMMARIZER_MODEL": "bench"}
        common = ["--base-url", server.url, "--no-cache", "--concurrency"]
        runs: dict[str, Callable[[Path], list[str]]] = {
            "one story, 32 articles": lambda out: [
                "run",
                *map(str, files),
                *common,
                "32",
                "-q",
                "-f",
                "json",
                "-o",
                str(out / "r.json"),
            ],
            "90 BASIL stories": lambda out: [
                "batch",
                str(stories),
                *common,
                "4",
                "--story-concurrency",
                "90",
                "-q",
                "--force",
                "-o",
                str(out),
            ],
        }
        got: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for shape, argv in runs.items():
            print(f"\n{shape}:")
            for round_ in range(args.rounds):
                for arm, cmd in ARMS.items():
                    out = root / f"out-{len(got)}-{round_}-{arm.replace(' ', '-')}"
                    out.mkdir()
                    wall, cpu = timed([*cmd, *argv(out)], env)
                    got.setdefault((shape, arm), []).append((wall, cpu))
                    print(f"  round {round_ + 1}, {arm}: wall {wall:.2f} s, CPU {cpu:.2f} s", flush=True)
            med = {
                arm: (
                    statistics.median(w for w, _ in got[(shape, arm)]),
                    statistics.median(c for _, c in got[(shape, arm)]),
                )
                for arm in ARMS
            }
            (sw, sc), (nw, nc) = med["as shipped"], med["not frozen"]
            print(
                f"  medians: as shipped wall {sw:.2f} s, CPU {sc:.2f} s; not frozen wall {nw:.2f} s, "
                f"CPU {nc:.2f} s; not frozen / as shipped: wall {nw / sw:.3f}, CPU {nc / sc:.3f}"
            )


if __name__ == "__main__":
    main()
