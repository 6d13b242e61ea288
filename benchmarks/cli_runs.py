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
file, every story at once (`summarizer batch`). Printed per run: wall time from start to exit (imports
included); the CPU time and peak resident memory of the command's process (the server's are not in
them); and the wall time against the critical path of the run's calls, computed from the server's
log as benchmarks/batch.py computes it (each story's waves, each as long as its slowest call; the
longest story). Then each arm's medians, and the ratios of the medians. Machines are shared and noisy: compare arms within one run of this script.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart
import basil
import batch as batch_bench
import concurrency
import recorded

from tests import loopback as lb

KEY = "sk-bench-cli"
ARMS = {
    "as shipped": [sys.executable, "-m", "summarizer"],
    "not frozen": [
        sys.executable,
        "-c",
        "import gc, sys\ngc.freeze = lambda: None\nfrom summarizer.cli import main\nmain(sys.argv[1:])",
    ],
}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MiB) of one command run to its end.

    The command's own figures, from the kernel's accounting of that one process (wait4): no other
    child of this script (the server) is in them. A failed run stops the script.
    """
    with tempfile.TemporaryFile("w+") as err:
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, used = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd[:4])} … exited {proc.returncode}: {err.read().strip()[-500:]}")
    return wall, used.ru_utime + used.ru_stime, used.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def one_story_critical(server: apart.Apart) -> float:
    """The one story's critical path, from the server: each wave as long as its slowest call."""
    return sum(max(x.delay for x in wave) for wave in concurrency.waves(server.requests(via="http")))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2, help="runs of each arm, taken in turn")
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
        one = root / "one"
        one.mkdir()
        files = []
        for i, text in enumerate(concurrency.articles(32, concurrency.seeds())):
            files.append(one / f"{i:02d}.txt")
            files[-1].write_text(text, encoding="utf-8")
        jsonl = root / "basil.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for story in stories:
                articles = [{"name": f"{i}.txt", "text": t} for i, t in enumerate(story.inputs, 1)]
                f.write(json.dumps({"id": story.id, "articles": articles}) + "\n")
        env = {**os.environ, "SUMMARIZER_API_KEY": KEY, "SUMMARIZER_MODEL": "bench"}

        def basil_critical(server: apart.Apart) -> float:
            seen = [(x.route, x.at, x.delay, x.sent) for x in server.requests(via="http")]
            return batch_bench.critical_path(seen, 4)[0]

        # (name, the server's routing, the command's arguments after the base URL, its critical path)
        shapes: list[tuple[str, Any, Callable[[Path], list[str]], Callable[[apart.Apart], float]]] = [
            (
                "one story, 32 articles",
                None,
                lambda out: [*map(str, files), "--concurrency", "32", "-o", str(out / "r.json")],
                one_story_critical,
            ),
            (
                "90 BASIL stories",
                router,
                lambda out: [str(jsonl), "--concurrency", "4", "--story-concurrency", "90", "-o", str(out)],
                basil_critical,
            ),
        ]
        got: dict[tuple[str, str], list[tuple[float, float, float, float]]] = {}
        for shape, routing, argv, critical in shapes:
            print(f"\n{shape}:")
            command = "run" if routing is None else "batch"
            options = {"router": routing} if routing is not None else {}
            with apart.running(ms_per_token=args.ms_per_token, key=KEY, lifetime=3600, **options) as server:
                for round_ in range(args.rounds):
                    for arm, cmd in ARMS.items():
                        out = root / f"out-{len(got)}-{round_}-{arm.replace(' ', '-')}"
                        out.mkdir()
                        server.clear()
                        call = [*cmd, command, "--base-url", server.url, "--no-cache", "-q", *argv(out)]
                        wall, cpu, peak = timed(call, env)
                        ratio = wall / critical(server)
                        got.setdefault((shape, arm), []).append((wall, cpu, peak, ratio))
                        print(
                            f"  round {round_ + 1}, {arm}: wall {wall:.2f} s, CPU {cpu:.2f} s, "
                            f"peak {peak:.0f} MiB, wall/critical {ratio:.2f}",
                            flush=True,
                        )
            (sw, sc, sm, sr), (nw, nc, nm, nr) = (
                tuple(statistics.median(r[k] for r in got[(shape, arm)]) for k in range(4)) for arm in ARMS
            )
            print(
                f"  medians: as shipped wall {sw:.2f} s, CPU {sc:.2f} s, peak {sm:.0f} MiB, "
                f"wall/critical {sr:.2f}; not frozen wall {nw:.2f} s, CPU {nc:.2f} s, peak {nm:.0f} MiB, "
                f"wall/critical {nr:.2f}; not frozen / as shipped: wall {nw / sw:.3f}, CPU {nc / sc:.3f}, "
                f"peak {nm / sm:.3f}"
            )


if __name__ == "__main__":
    main()
