"""Each request a cassette recorded from llama-server, sent again to the local model on another engine.

    python benchmarks/engine_replay.py [CASSETTE] [--engine xllamacpp|llama-server] [--out diff.json]

Sends the recorded requests in their recorded order, one at a time, to a server started as the local
backend starts it, and compares what it answers with what the cassette holds, byte for byte: the answer
text, the finish reason, the completion's token count and the log-probabilities (token, bytes and value,
top alternatives included). Prints one line per request and the seconds each took next to the recorded
ones (prompt + generation, from the recorded `timings`). The model runs here: run nothing else meanwhile.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import yaml

from summarizer.engines import LLAMA_SERVER, XLLAMACPP, InProcessServer
from summarizer.llama_server import LocalServer
from summarizer.weights import assemble

ROOT = Path(__file__).resolve().parents[1]
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _post(base_url: str, path: str, body: bytes) -> dict[str, Any]:
    request = urllib.request.Request(
        base_url.rstrip("/") + path, data=body, headers={"Content-Type": "application/json"}
    )
    with _opener.open(request, timeout=600) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def _first_difference(a: str, b: str) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at char {i}: recorded {a[max(0, i - 30) : i + 40]!r} | now {b[max(0, i - 30) : i + 40]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cassette", nargs="?", type=Path, default=ROOT / "cassettes" / "seeds.yaml")
    parser.add_argument("--engine", choices=(XLLAMACPP, LLAMA_SERVER), default=XLLAMACPP)
    parser.add_argument("--out", type=Path, help="also write each comparison here as JSON")
    args = parser.parse_args()
    interactions = yaml.safe_load(args.cassette.read_text(encoding="utf-8"))["interactions"]
    model = assemble()
    started = time.perf_counter()
    server: AbstractContextManager[InProcessServer | LocalServer] = (
        InProcessServer(model) if args.engine == XLLAMACPP else LocalServer(model)
    )
    rows: list[dict[str, Any]] = []
    with server as live:
        print(f"{args.engine}: model loaded and serving in {time.perf_counter() - started:.1f} s", flush=True)
        for i, interaction in enumerate(interactions):
            request = interaction["request"]
            path = "/" + request["uri"].split("/", 3)[3]
            recorded = json.loads(interaction["response"]["body"]["string"])
            body = request["body"].encode("utf-8") if isinstance(request["body"], str) else request["body"]
            t0 = time.perf_counter()
            answer = _post(live.base_url.removesuffix("/v1"), path, body)
            seconds = time.perf_counter() - t0
            old, new = recorded["choices"][0], answer["choices"][0]
            text_old, text_new = old["message"].get("content") or "", new["message"].get("content") or ""
            same = {
                "text": text_old == text_new,
                "finish_reason": old.get("finish_reason") == new.get("finish_reason"),
                "completion_tokens": recorded["usage"]["completion_tokens"]
                == answer["usage"]["completion_tokens"],
                "logprobs": old.get("logprobs") == new.get("logprobs"),
            }
            timings = recorded.get("timings", {})
            recorded_s = (timings.get("prompt_ms", 0.0) + timings.get("predicted_ms", 0.0)) / 1000
            row: dict[str, Any] = {
                "index": i,
                "kind": "judge" if json.loads(body).get("logprobs") else "json",
                "same": same,
                "seconds": round(seconds, 2),
                "recorded_seconds": round(recorded_s, 2),
                "tokens": [recorded["usage"]["completion_tokens"], answer["usage"]["completion_tokens"]],
            }
            if not same["text"]:
                row["text"] = _first_difference(text_old, text_new)
            if old.get("logprobs") and not same["logprobs"]:
                top_old = old["logprobs"]["content"][0]["top_logprobs"]
                top_new = new["logprobs"]["content"][0]["top_logprobs"]
                row["logprobs"] = [
                    [(t["token"], t["logprob"]) for t in top_old],
                    [(t["token"], t["logprob"]) for t in top_new],
                ]
            rows.append(row)
            verdict = (
                "identical"
                if all(same.values())
                else "DIFFERS " + ",".join(k for k, v in same.items() if not v)
            )
            print(
                f"{i:>3} {row['kind']:<6} {verdict:<40} {seconds:6.1f} s (recorded {recorded_s:5.1f} s)",
                flush=True,
            )
    identical = sum(all(r["same"].values()) for r in rows)
    print(f"{identical} of {len(rows)} answers identical to the recording, byte for byte")
    print(
        f"seconds, all requests one after another: {sum(r['seconds'] for r in rows):.1f} "
        f"(recorded server time {sum(r['recorded_seconds'] for r in rows):.1f}, two slots at once)"
    )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
