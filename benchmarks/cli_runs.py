"""The CLI's own runs, as a user starts them: with the collector frozen after the imports, and without.

    python benchmarks/cli_runs.py [--rounds 2] [--ms-per-token 10]

The console script (`summarizer.cli.main()`, with the process's own argv) calls `gc.freeze()` once
its imports are done, so that the collector's full passes no longer walk what the imports built. The
library cannot do that for its host; the CLI owns its process. This script shows what it changes, by
running the command line as a subprocess against the loopback server of tests/loopback.py (in a child
process, answering after --ms-per-token × the answer's completion tokens), in two arms, --rounds
times each, the arm that goes first alternating from round to round:

- **as shipped**: `main()` as the console script calls it;
- **not frozen**: the same, with `gc.freeze` made a no-op first.

Both arms run under the same few lines of wrapper, which time every pass of the collector
(`gc.callbacks`) from the first import to the exit. (`batch --workers` processes freeze in their own
initializer, which this wrapper does not reach: these runs use one process.)

Two runs each round: one story of 32 articles (copies of the seeds, as benchmarks/concurrency.py
makes them) through `summarizer run`, and the 90 BASIL stories (../shared/datasets/basil) as one
`summarizer batch` of a JSONL file, every story at once. Printed per run: wall time from start to exit
(imports included); the CPU time and peak resident memory of the command's process (the server's
are not in them); the collector's time, passes and full passes; and the wall time against the
critical path of the run's calls, computed from the server's log as benchmarks/batch.py computes it
(each story's waves, each as long as its slowest call; the longest story). Then each arm's medians,
and the ratios of the medians. Machines are shared and noisy: compare arms within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart
import basil
import batch as batch_bench
import concurrency
import recorded

from tests import loopback as lb

KEY = "sk-bench-cli"

# Run as `python -c WRAPPER ARM summarizer-arguments…`: the collector's clock, then the console script.
WRAPPER = """\
import atexit, gc, os, sys, time
clock = {"spent": 0.0, "passes": 0, "full": 0, "at": 0.0}
def tick(phase, info):
    if phase == "start":
        clock["at"] = time.perf_counter()
    else:
        clock["spent"] += time.perf_counter() - clock["at"]
        clock["passes"] += 1
        clock["full"] += info["generation"] == 2
gc.callbacks.append(tick)
def report():
    with open(os.environ["CLI_RUNS_GC"], "w") as f:
        f.write(f"{clock['spent']} {clock['passes']} {clock['full']}")
atexit.register(report)
if sys.argv[1] == "not-frozen":
    gc.freeze = lambda: None
sys.argv = ["summarizer", *sys.argv[2:]]
from summarizer.cli import main
main()
"""
ARMS = {"as shipped": "as-shipped", "not frozen": "not-frozen"}


class Run(NamedTuple):
    wall: float  # s, start to exit
    cpu: float  # s, the command's process and the children it waited for
    peak: float  # MiB, its peak resident memory
    gc: float  # s in the collector's passes
    passes: int
    full: int  # full (generation-2) passes
    ratio: float = 0.0  # wall against the critical path of its calls


def timed(arm: str, argv: list[str], env: dict[str, str]) -> Run:
    """One command run to its end, as `arm`; a failed run stops the script.

    CPU and memory come from the kernel's accounting of the command's process and the children it
    waited for (wait4): not the server, which is this script's child.
    """
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile("w+") as err:
        clock = Path(tmp) / "gc"
        began = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", WRAPPER, ARMS[arm], *argv],
            env={**env, "CLI_RUNS_GC": str(clock)},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _pid, status, used = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{arm} {' '.join(argv[:2])} … exited {proc.returncode}: {err.read()[-500:]}")
        spent, passes, full = clock.read_text().split()
    cpu = used.ru_utime + used.ru_stime
    return Run(wall, cpu, used.ru_maxrss / 1024, float(spent), int(passes), int(full))  # maxrss: KiB


def one_story_critical(served: list[lb.Seen]) -> float:
    """The one story's critical path: each wave as long as its slowest call."""
    return concurrency.critical(concurrency.waves(served))


def stories_critical(served: list[lb.Seen]) -> float:
    """The 90 stories' critical path (the longest story's), every request mapped to its story."""
    seen = [(x.route, x.at, x.delay, x.sent) for x in served]
    critical, _ideal, _total, unmapped = batch_bench.critical_path(seen, 4)
    if unmapped:
        raise SystemExit(f"{unmapped} requests were not mapped to a story: the critical path would be short")
    return critical


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2, help="runs of each arm, the first arm alternating")
    p.add_argument("--ms-per-token", type=float, default=10.0, help="server delay per completion token")
    args = p.parse_args()
    if not basil.available():
        raise SystemExit(f"BASIL is not at {basil.BASIL}: set SUMMARIZER_SHARED")
    recorded.header("cli: the command line's runs, with the collector frozen after its imports and without")
    print(f"server delay: {args.ms_per_token:g} ms per completion token; judge on; no answer cache")
    print("wall/critical: from the command's start (imports included) against the calls' critical path")

    stories, sentences = batch_bench.basil_stories()

    def router(body: dict[str, Any]) -> str:
        return f"{batch_bench.story_of(body, sentences)}:{lb.route_of(body)}"

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = []
        for i, text in enumerate(concurrency.articles(32, concurrency.seeds())):
            files.append(root / f"{i:02d}.txt")
            files[-1].write_text(text, encoding="utf-8")
        jsonl = root / "basil.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for story in stories:
                articles = [{"name": f"{i}.txt", "text": t} for i, t in enumerate(story.inputs, 1)]
                f.write(json.dumps({"id": story.id, "articles": articles}) + "\n")
        env = {**os.environ, "SUMMARIZER_API_KEY": KEY, "SUMMARIZER_MODEL": "bench"}

        # (name, the server's routing, the command and its arguments but the server's, the critical path)
        shapes: list[tuple[str, Any, Callable[[Path], list[str]], Callable[[list[lb.Seen]], float]]] = [
            (
                "one story, 32 articles",
                None,
                lambda out: ["run", *map(str, files), "--concurrency", "32", "-o", str(out / "r.json")],
                one_story_critical,
            ),
            (
                "90 BASIL stories",
                router,
                lambda out: [
                    "batch",
                    str(jsonl),
                    "--concurrency",
                    "4",
                    "--story-concurrency",
                    "90",
                    "-o",
                    str(out),
                ],
                stories_critical,
            ),
        ]
        for shape, routing, argv, critical in shapes:
            print(f"\n{shape}:")
            got: dict[str, list[Run]] = {arm: [] for arm in ARMS}
            options = {"router": routing} if routing is not None else {}
            with apart.running(ms_per_token=args.ms_per_token, key=KEY, lifetime=3600, **options) as server:
                for round_ in range(args.rounds):
                    for arm in list(ARMS) if round_ % 2 == 0 else list(ARMS)[::-1]:
                        out = root / f"out-{shape[:3]}-{round_}-{ARMS[arm]}"
                        out.mkdir()
                        server.clear()
                        run = timed(arm, [*argv(out), "--base-url", server.url, "--no-cache", "-q"], env)
                        run = run._replace(ratio=run.wall / critical(server.requests(via="http")))
                        got[arm].append(run)
                        print(
                            f"  round {round_ + 1}, {arm}: wall {run.wall:.2f} s, CPU {run.cpu:.2f} s, "
                            f"peak {run.peak:.0f} MiB, GC {run.gc:.2f} s in {run.passes} passes "
                            f"({run.full} full), wall/critical {run.ratio:.2f}",
                            flush=True,
                        )
            med = {
                arm: {k: statistics.median(getattr(r, k) for r in runs) for k in Run._fields}
                for arm, runs in got.items()
            }
            for arm, m in med.items():
                print(
                    f"  median, {arm}: wall {m['wall']:.2f} s, CPU {m['cpu']:.2f} s, "
                    f"peak {m['peak']:.0f} MiB, GC {m['gc']:.2f} s, wall/critical {m['ratio']:.2f}"
                )
            s, n = med["as shipped"], med["not frozen"]
            print(
                f"  not frozen / as shipped: wall {n['wall'] / s['wall']:.3f}, "
                f"CPU {n['cpu'] / s['cpu']:.3f}, peak {n['peak'] / s['peak']:.3f}; "
                f"not frozen − as shipped: CPU {n['cpu'] - s['cpu']:.2f} s, GC {n['gc'] - s['gc']:.2f} s"
            )


if __name__ == "__main__":
    main()
