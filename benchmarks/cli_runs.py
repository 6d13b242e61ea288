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
file, every story at once. Printed per run: wall time from start to exit (imports included), and the
CPU time and peak resident memory of the command's process (the server's are not in them), then each
arm's medians and their ratios. Machines are shared and noisy: compare arms within one run of this script.
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
        got: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        for shape, argv in runs.items():
            print(f"\n{shape}:")
            for round_ in range(args.rounds):
                for arm, cmd in ARMS.items():
                    out = root / f"out-{len(got)}-{round_}-{arm.replace(' ', '-')}"
                    out.mkdir()
                    wall, cpu, peak = timed([*cmd, *argv(out)], env)
                    got.setdefault((shape, arm), []).append((wall, cpu, peak))
                    print(
                        f"  round {round_ + 1}, {arm}: wall {wall:.2f} s, CPU {cpu:.2f} s, "
                        f"peak {peak:.0f} MiB",
                        flush=True,
                    )
            (sw, sc, sm), (nw, nc, nm) = (
                tuple(statistics.median(r[k] for r in got[(shape, arm)]) for k in range(3)) for arm in ARMS
            )
            print(
                f"  medians: as shipped wall {sw:.2f} s, CPU {sc:.2f} s, peak {sm:.0f} MiB; "
                f"not frozen wall {nw:.2f} s, CPU {nc:.2f} s, peak {nm:.0f} MiB; "
                f"not frozen / as shipped: wall {nw / sw:.3f}, CPU {nc / sc:.3f}, peak {nm / sm:.3f}"
            )


if __name__ == "__main__":
    main()
