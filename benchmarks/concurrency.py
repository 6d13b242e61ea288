"""Does extraction really run in parallel? Wall time against the critical path, on a loopback replay server.

    python benchmarks/concurrency.py [--sizes 2 8 32] [--ms-per-token 2] [--cassette cassettes/seeds.yaml]

The loopback server of tests/loopback.py on 127.0.0.1 (a free port) answers each chat-completion request
with a response recorded in the seeds cassette: article A's or B's extraction (chosen by which seed's text
the request carries) or the reconcile answer, after a delay of `--ms-per-token` × the response's
completion tokens. N articles are N distinct texts: seed A or B, alternately, with one unique final
sentence added, so ingest's duplicate check passes and the recorded quotes stay verbatim.

For each N the run uses concurrency = N, then the default 4. Printed per run: wall time, the critical
path (slowest extraction delay + reconcile delay), the sequential sum (every delay), the ideal at that
concurrency (extraction delays scheduled first-come on `concurrency` slots, + reconcile), and where the
time above the ideal went. The issue's target: wall ≤ 1.15 × critical path when concurrency ≥ N.
The server answers only requests bearing this script's key, and stops with the script (or after
--lifetime seconds, whichever comes first).
"""

from __future__ import annotations

import argparse
import heapq
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.loopback, the one loopback server

import recorded

from summarizer import Settings, summarize
from summarizer.cassette import recorded_settings
from summarizer.crosscheck import conflicts, corroborations
from summarizer.ingest import article_id, load, split_publisher
from summarizer.models import Report
from summarizer.verify import verify
from tests import loopback as lb

KEY = "sk-bench"
TARGET = 1.15


def replay(answers: dict[str, lb.Reply], markers: dict[str, str]) -> lb.Answerer:
    """The answerer: A's or B's recorded extraction (by which seed the request quotes), or the merge's."""

    def answer(request: dict[str, Any]) -> lb.Reply:
        stage, _ = recorded.stage_of(request)
        if stage == "reconcile":
            return answers["reconcile"]
        text = json.dumps(request.get("messages") or [], ensure_ascii=False)
        seed = next((seed for seed, marker in markers.items() if marker in text), None)
        if seed is None:
            raise LookupError("no recorded answer for this request")  # the handler drops the connection
        return answers[seed]

    return answer


def recorded_answers(path: Path) -> tuple[dict[str, lb.Reply], dict[str, str], list[str]]:
    """Per route ("A", "B", "reconcile"): the last recorded answer; each seed's marker; the seed texts."""
    texts = [p.read_text(encoding="utf-8") for p in recorded.SEEDS[:2]]
    seeds = load(recorded.SEEDS[:2])
    markers = {a.id: a.sentences[0].text for a in seeds}
    answers: dict[str, lb.Reply] = {}
    for it in recorded.load(path):  # later attempts (re-asks) replace earlier ones: the answer kept
        route = it.article_id if it.stage == "extract" else it.stage
        if route in markers or route == "reconcile":
            answers[str(route)] = lb.Reply(it.response_bytes, it.completion_tokens)
    missing = {*markers, "reconcile"} - set(answers)
    if missing:
        raise SystemExit(f"{path}: no recorded answer for {sorted(missing)}")
    return answers, markers, texts


def articles(n: int, seeds: list[str]) -> list[str]:
    """N distinct texts: seed A, B, A, … each with a unique last sentence (before any publisher line)."""
    out = []
    for i in range(n):
        body, publisher = split_publisher(seeds[i % 2])
        # Letters, not digits: a number here would give the cross-check N² more "disagreements".
        line = f"This text was filed as copy {article_id(i).lower()}x of the report."
        out.append(body + "\n" + line + "\n" + (publisher + "\n" if publisher else ""))
    return out


def ideal(extract: list[float], slots: int, reconcile: float) -> float:
    """Makespan of the extraction delays taken first-come on `slots` workers, then the reconcile."""
    free = [0.0] * min(slots, max(1, len(extract)))
    for d in extract:
        heapq.heappush(free, heapq.heappop(free) + d)
    return max(free) + reconcile


@dataclass
class Row:
    n: int
    concurrency: int
    wall: float
    critical: float
    sequential: float
    ideal: float
    pre: float  # start → first request arrives: ingest, client, prompt
    extract_excess: float  # first request → last extraction sent, above its ideal
    gap: float  # last extraction sent → reconcile request arrives: validation, quote checks, prompt
    post: float  # reconcile sent → report returned: validation, cross-check, verify
    report: Report
    direct: dict[str, float]  # the model-free stages on this run's inputs, timed directly afterwards


def run(n: int, concurrency: int, server: lb.LoopbackServer, texts: list[str], model: str) -> Row:
    settings = Settings(
        model=model,
        base_url=server.url,
        api_key=KEY,
        mode="json_schema",
        client_retries=0,
        max_retries=0,
        concurrency=concurrency,
        judge=False,  # the benchmark times extraction and the merge; the server has no judge answers
        cache=False,  # every call must reach the server, or there is no delay to measure
    )
    server.clear()
    start = time.perf_counter()
    report = summarize(texts, settings)
    end = time.perf_counter()
    served = server.requests(via="http")
    ext = [s for s in served if s.route != "reconcile"]
    rcn = [s for s in served if s.route == "reconcile"]
    if len(ext) != n or len(rcn) != 1:
        raise SystemExit(
            f"expected {n} extractions and 1 reconcile, the server saw {len(ext)} and {len(rcn)}"
        )
    delays = [s.delay for s in sorted(ext, key=lambda s: s.at)]
    extract_ideal = ideal(delays, concurrency, 0.0)
    first = min(s.at for s in ext)
    last_sent = max(s.sent for s in ext)
    return Row(
        n=n,
        concurrency=concurrency,
        wall=end - start,
        critical=max(delays) + rcn[0].delay,
        sequential=sum(delays) + rcn[0].delay,
        ideal=extract_ideal + rcn[0].delay,
        pre=first - start,
        extract_excess=(last_sent - first) - extract_ideal,
        gap=rcn[0].at - last_sent,
        post=end - rcn[0].sent,
        report=report,
        direct=direct(texts, report),
    )


def direct(texts: list[str], report: Report) -> dict[str, float]:
    """Seconds of the model-free stages on this run's articles and report, each called on its own."""
    model_claims = [c for c in report.claims if c.found_by == "model"]
    out = {}
    for name, fn in (
        ("ingest", lambda: load(texts)),
        ("cross-check", lambda: conflicts(report.articles, list(model_claims))),
        ("corroborations", lambda: corroborations(report.articles, report.claims)),
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
    p.add_argument("--cassette", type=Path, default=recorded.SEEDS_CASSETTE)
    p.add_argument("--lifetime", type=float, default=600.0, help="the server stops itself after this")
    args = p.parse_args()

    recorded.header("concurrency: wall time against the critical path, loopback replay server")
    answers, markers, seeds = recorded_answers(args.cassette)
    model = recorded_settings(args.cassette)["model"]
    print(
        f"server delay: {args.ms_per_token:g} ms per completion token; recorded completion tokens: "
        + ", ".join(f"{k} {a.completion_tokens}" for k, a in answers.items())
    )
    real = [c.timings for c in recorded.load(args.cassette) if c.timings]
    if real:
        ms = sum(float(t.get("predicted_ms") or 0) for t in real)
        toks = sum(float(t.get("predicted_n") or 0) for t in real)
        if toks:
            print(
                f"(the recording's own llama-server generated {ms / toks:.1f} ms per token on this machine)"
            )

    rows: list[Row] = []
    with lb.running(
        answer=replay(answers, markers), ms_per_token=args.ms_per_token, key=KEY, lifetime=args.lifetime
    ) as server:
        run(2, 2, server, articles(2, seeds), model)  # warm-up: imports, pysbd, jinja, first connection
        for n in args.sizes:
            texts = articles(n, seeds)
            for c in dict.fromkeys([n, args.default_concurrency]):
                rows.append(run(n, c, server, texts, model))

    print(
        f"\n{'N':>3} {'conc':>4} {'wall s':>7} {'critical s':>10} {'ideal s':>8} {'sequential s':>12}"
        f" {'wall/critical':>13} {'wall/ideal':>10} {'seq/wall':>8}  target"
    )
    for r in rows:
        target = ("met" if r.wall <= TARGET * r.critical else "MISSED") if r.concurrency >= r.n else "n/a"
        print(
            f"{r.n:>3} {r.concurrency:>4} {r.wall:7.3f} {r.critical:10.3f} {r.ideal:8.3f}"
            f" {r.sequential:12.3f}"
            f" {r.wall / r.critical:13.3f} {r.wall / r.ideal:10.3f} {r.sequential / r.wall:8.2f}  {target}"
        )
    print(
        "\nwhere wall − ideal went (s): pre = start → first request (ingest, client, prompts);"
        " extract+ = extraction phase above its ideal;\ngap = last extraction answer → reconcile request"
        " (validation, quote checks, prompt);\npost = reconcile answer → report (validation, cross-check,"
        " verify)"
    )
    print(
        f"{'N':>3} {'conc':>4} {'wall−ideal':>10} {'pre':>7} {'extract+':>8} {'gap':>7} {'post':>7}  report"
    )
    for r in rows:
        rep = r.report
        kept = sum(c.verified for c in rep.claims)
        print(
            f"{r.n:>3} {r.concurrency:>4} {r.wall - r.ideal:10.3f} {r.pre:7.3f} {r.extract_excess:8.3f}"
            f" {r.gap:7.3f} {r.post:7.3f}  {kept}/{len(rep.claims)} claims verified,"
            f" {len(rep.summary)} summary sentences, {len(rep.failures)} failures"
        )
    print("\nthe model-free stages on the same inputs, each called once on its own (s; ingest is in pre,")
    print("the rest in post). Copies of A and B disagree as A and B do: N articles give (N/2)² conflicts.")
    names = list(rows[0].direct) if rows else []
    print(f"{'N':>3} {'conc':>4} " + " ".join(f"{k:>14}" for k in names) + f" {'conflicts':>9} {'checks':>6}")
    for r in rows:
        cells = " ".join(f"{r.direct[k]:14.3f}" for k in names)
        print(f"{r.n:>3} {r.concurrency:>4} {cells} {len(r.report.conflicts):>9} {len(r.report.checks):>6}")


if __name__ == "__main__":
    main()
