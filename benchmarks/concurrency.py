"""Do the model calls really run in parallel? Wall time against the critical path, on a loopback server.

    python benchmarks/concurrency.py [--sizes 2 8 32] [--ms-per-token 2] [--no-judge]

The loopback server of tests/loopback.py on 127.0.0.1 (a free port), in a child process as a model
server would be (benchmarks/apart.py: its CPU is not under our GIL), answers each chat-completion request
with the answer it builds from the request (restatements of the sentences asked for, a summary citing
the facts listed, repairs from the source sentences, the judge's one token "Yes"), after a delay of
`--ms-per-token` × the answer's completion tokens. N articles are N distinct texts: seed A or B,
alternately, with one unique final sentence added, so ingest's duplicate check passes.

A run's calls come in waves, each waiting on the one before: the restatements (one call per chunk of
at most 12 sentences, all articles at once), the judge on the restated claims, their repair, the
merge, the judge on the summary, its repair (a repair's re-check by the judge is a wave of its own).
Printed per run: wall time, the critical path (the sum over waves of the slowest call's delay), the
sequential sum (every delay), the ideal at that concurrency (each wave's delays scheduled first-come
on `concurrency` slots), and where the time above the ideal went. The issue's target: wall ≤ 1.15 ×
critical path when concurrency ≥ the calls of the widest wave. The server answers only requests
bearing this script's key, and stops with the script (or after --lifetime seconds, whichever is first).
"""

from __future__ import annotations

import argparse
import heapq
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.loopback, the one loopback server

import apart
import recorded

from summarizer import Settings, summarize
from summarizer.align import align
from summarizer.ingest import article_id, load, split_publisher
from summarizer.models import Report
from summarizer.verify import verify
from tests import loopback as lb

KEY = "sk-bench"
TARGET = 1.15


def seeds() -> list[str]:
    """The two seed articles' texts (A and B)."""
    return [p.read_text(encoding="utf-8") for p in recorded.SEEDS[:2]]


def articles(n: int, texts: list[str]) -> list[str]:
    """N distinct texts: seed A, B, A, … each with a unique last sentence (before any publisher line)."""
    out = []
    for i in range(n):
        body, publisher = split_publisher(texts[i % 2])
        # Letters, not digits: a number here would give the cross-check N² more "disagreements".
        line = f"This text was filed as copy {article_id(i).lower()}x of the report."
        out.append(body + "\n" + line + "\n" + (publisher + "\n" if publisher else ""))
    return out


def ideal(delays: list[float], slots: int) -> float:
    """Makespan of the delays taken first-come on `slots` workers."""
    free = [0.0] * min(slots, max(1, len(delays)))
    for d in delays:
        heapq.heappush(free, heapq.heappop(free) + d)
    return max(free)


def waves(served: list[lb.Seen]) -> list[list[lb.Seen]]:
    """The requests in waves: consecutive arrivals of one stage, a new wave at each change of stage."""
    out: list[list[lb.Seen]] = []
    stage = None
    for s in sorted(served, key=lambda s: s.at):
        now = s.route.split(":")[0]
        if now != stage:
            out.append([])
            stage = now
        out[-1].append(s)
    return out


@dataclass
class Row:
    n: int
    concurrency: int
    wall: float
    critical: float
    sequential: float
    ideal: float
    calls: dict[str, int]  # requests per stage
    widest: int  # requests in the widest wave
    pre: float  # start → first request arrives: ingest, client, prompt
    between: float  # first request → last answer, above the waves' ideal: checks, alignment, prompts
    post: float  # last answer sent → report returned: the summary's grounding applied, verification
    report: Report
    direct: dict[str, float]  # the model-free stages on this run's inputs, timed directly afterwards


def critical(grouped: list[list[lb.Seen]]) -> float:
    """The critical path of a run's waves: each as long as its slowest call."""
    return sum(max(s.delay for s in w) for w in grouped)


def settings(url: str, concurrency: int, *, judge: bool, model: str = "bench") -> Settings:
    return Settings(
        model=model,
        base_url=url,
        api_key=KEY,
        mode="json_schema",
        client_retries=0,
        max_retries=0,
        concurrency=concurrency,
        judge=judge,
        cache=False,  # every call must reach the server, or there is no delay to measure
    )


def run(
    n: int, concurrency: int, server: lb.LoopbackServer | apart.Apart, texts: list[str], *, judge: bool = True
) -> Row:
    server.clear()
    start = time.perf_counter()
    report = summarize(texts, settings(server.url, concurrency, judge=judge))
    end = time.perf_counter()
    served = server.requests(via="http")
    if not served or len(server.requests("reconcile")) != 1 or report.failures:
        raise SystemExit(f"the run went wrong: {len(served)} requests, failures {report.failures}")
    grouped = waves(served)
    calls: dict[str, int] = {}
    for s in served:
        stage = s.route.split(":")[0]
        calls[stage] = calls.get(stage, 0) + 1
    path = critical(grouped)
    best = sum(ideal([s.delay for s in w], concurrency) for w in grouped)
    first, last = min(s.at for s in served), max(s.sent for s in served)
    return Row(
        n=n,
        concurrency=concurrency,
        wall=end - start,
        critical=path,
        sequential=sum(s.delay for s in served),
        ideal=best,
        calls=calls,
        widest=max(len(w) for w in grouped),
        pre=first - start,
        between=(last - first) - best,
        post=end - last,
        report=report,
        direct=direct(texts, report),
    )


def direct(texts: list[str], report: Report) -> dict[str, float]:
    """Seconds of the model-free stages on this run's articles and report, each called on its own."""
    out = {}
    for name, fn in (
        ("ingest", lambda: load(texts)),
        ("align", lambda: align(report.articles, report.claims)),
        ("verify", lambda: verify(report)),
    ):
        t = time.perf_counter()
        fn()
        out[name] = time.perf_counter() - t
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[2, 8, 32], help="numbers of articles")
    p.add_argument("--ms-per-token", type=float, default=2.0, help="server delay per completion token")
    p.add_argument("--default-concurrency", type=int, default=Settings(model="x").concurrency)
    p.add_argument("--no-judge", action="store_true", help="run without the judge (as --no-judge)")
    p.add_argument("--lifetime", type=float, default=600.0, help="the server stops itself after this")
    args = p.parse_args()
    judge = not args.no_judge

    recorded.header("concurrency: wall time against the critical path, loopback server")
    print(
        f"server delay: {args.ms_per_token:g} ms per completion token; judge {'on' if judge else 'off'}; "
        "answers synthesized from each request"
    )
    texts = seeds()
    rows: list[Row] = []
    with apart.running(ms_per_token=args.ms_per_token, key=KEY, lifetime=args.lifetime) as server:
        run(2, 2, server, articles(2, texts), judge=judge)  # warm-up: imports, pysbd, jinja, connections
        for n in args.sizes:
            inputs = articles(n, texts)
            for c in dict.fromkeys([n, args.default_concurrency]):
                rows.append(run(n, c, server, inputs, judge=judge))

    print(
        f"\n{'N':>3} {'conc':>4} {'calls':>5} {'widest':>6} {'wall s':>7} {'critical s':>10} {'ideal s':>8}"
        f" {'sequential s':>12} {'wall/critical':>13} {'wall/ideal':>10} {'seq/wall':>8}  target"
    )
    for r in rows:
        target = (
            ("met" if r.wall <= TARGET * r.critical else "MISSED") if r.concurrency >= r.widest else "n/a"
        )
        print(
            f"{r.n:>3} {r.concurrency:>4} {sum(r.calls.values()):>5} {r.widest:>6} {r.wall:7.3f}"
            f" {r.critical:10.3f} {r.ideal:8.3f} {r.sequential:12.3f}"
            f" {r.wall / r.critical:13.3f} {r.wall / r.ideal:10.3f} {r.sequential / r.wall:8.2f}  {target}"
        )
    print(
        "\nwhere wall − ideal went (s): pre = start → first request (ingest, client, prompts);"
        " between = first request → last answer, above the waves' ideal (answers validated, code's"
        "\nchecks, alignment before the merge, prompts); post = last answer → report (verification)"
    )
    print(f"{'N':>3} {'conc':>4} {'wall−ideal':>10} {'pre':>7} {'between':>8} {'post':>7}  calls; report")
    for r in rows:
        rep = r.report
        kept = sum(c.verified for c in rep.claims)
        stages = ", ".join(f"{k} {v}" for k, v in sorted(r.calls.items()))
        print(
            f"{r.n:>3} {r.concurrency:>4} {r.wall - r.ideal:10.3f} {r.pre:7.3f} {r.between:8.3f}"
            f" {r.post:7.3f}  {stages}; {kept}/{len(rep.claims)} claims verified,"
            f" {len(rep.summary)} summary sentences, {len(rep.failures)} failures"
        )
    print("\nthe model-free stages on the same inputs, each called once on its own (s; ingest is in pre,")
    print("align in between, verify in post). Copies of A and B disagree as A and B do.")
    names = list(rows[0].direct) if rows else []
    print(f"{'N':>3} {'conc':>4} " + " ".join(f"{k:>10}" for k in names) + f" {'conflicts':>9} {'checks':>6}")
    for r in rows:
        cells = " ".join(f"{r.direct[k]:10.3f}" for k in names)
        print(f"{r.n:>3} {r.concurrency:>4} {cells} {len(r.report.conflicts):>9} {len(r.report.checks):>6}")


if __name__ == "__main__":
    main()
