"""Shared by the benchmarks: the seeds, and what a recorded cassette says about each model call.

A cassette is vcrpy YAML: each interaction is one HTTP attempt, its request body a chat-completion
request and its response body a chat completion with `usage` (and, from llama-server, `timings`).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shlex
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEEDS_CASSETTE = ROOT / "cassettes" / "seeds.yaml"


@dataclass(frozen=True)
class Interaction:
    """One recorded attempt: what was asked and what the server answered."""

    stage: str  # "extract", "judge", "repair", "reconcile" or "other"
    article_id: str | None
    attempt: int  # 1 for the first ask, 2+ for Instructor's re-asks (the request carries the earlier turns)
    request: dict[str, Any]
    response: dict[str, Any]
    response_bytes: bytes

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.request.get("messages") or [])

    @property
    def user_text(self) -> str:
        """The first user message: the article (extract) or the claims (reconcile)."""
        for m in self.messages:
            if m.get("role") == "user" and isinstance(m.get("content"), str):
                return str(m["content"])
        return ""

    @property
    def prompt_tokens(self) -> int:
        return int((self.response.get("usage") or {}).get("prompt_tokens") or 0)

    @property
    def completion_tokens(self) -> int:
        return int((self.response.get("usage") or {}).get("completion_tokens") or 0)

    @property
    def timings(self) -> dict[str, float] | None:
        """llama-server's own `timings` object (prompt_ms, predicted_ms, …), when the server sent one."""
        t = self.response.get("timings")
        return t if isinstance(t, dict) else None

    @property
    def model_ms(self) -> float | None:
        """Server-side model time of this attempt: prompt_ms + predicted_ms, from `timings`."""
        t = self.timings
        if t is None:
            return None
        return float(t.get("prompt_ms") or 0.0) + float(t.get("predicted_ms") or 0.0)


def _text(body: Any) -> str:
    if isinstance(body, dict):
        body = body.get("string", "")
    if isinstance(body, bytes):
        return body.decode("utf-8")
    return str(body or "")


def stage_of(request: dict[str, Any]) -> tuple[str, str | None]:
    """The pipeline stage a request belongs to, by the schema it asks for: ("extract", "A") and so on."""
    fmt = request.get("response_format")
    schema = fmt.get("json_schema", {}).get("name") if isinstance(fmt, dict) else None
    if schema is None and request.get("tools"):
        schema = request["tools"][0]["function"]["name"]
    if schema is None:
        # The judge asks one token with its log-probabilities and no schema.
        return ("judge", None) if request.get("logprobs") else ("other", None)
    if schema == "Restatements":
        text = next((m["content"] for m in request.get("messages", []) if m.get("role") == "user"), "")
        return "extract", str(text).split()[1].rstrip(",") if str(text).startswith("Article ") else None
    return {"Reconciliation": "reconcile", "SentenceFixes": "repair"}.get(str(schema), "other"), None


def load(path: Path = SEEDS_CASSETTE) -> list[Interaction]:
    """Every interaction of a cassette, in recorded order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for it in data["interactions"]:
        request = json.loads(_text(it["request"]["body"]))
        raw = _text(it["response"]["body"]).encode("utf-8")
        stage, article = stage_of(request)
        n_messages = len(request.get("messages") or [])
        out.append(
            Interaction(
                stage=stage,
                article_id=article,
                attempt=max(1, (n_messages - 2) // 2 + 1),
                request=request,
                response=json.loads(raw),
                response_bytes=raw,
            )
        )
    return out


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def command() -> str:
    """The command line that produced this output, to paste beside the figures."""
    here = Path(sys.argv[0]).resolve()
    try:
        script = str(here.relative_to(ROOT))
    except ValueError:
        script = str(here)
    return shlex.join([sys.executable, script, *sys.argv[1:]])


def header(title: str) -> None:
    """The title, the reproducing command (run from the repository root), and the interpreter."""
    # As the CLI does: Instructor logs each failed validation, which a run reports in its own words.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    print(f"# {title}")
    print(f"command (from the repository root): {command()}")
    print(f"python {platform.python_version()} on {platform.machine()}, {_cores()} cores")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def add_tree_option(parser: Any, here: Path) -> None:
    """`--tree PATH`: run another checkout's `summarizer` (a `git worktree` of an older commit)."""
    parser.add_argument("--tree", type=Path, default=here.parent, help="the checkout whose code runs")


def use_tree(tree: Path) -> Path:
    """Put `tree` first on the import path, before anything imports `summarizer`; return it resolved."""
    resolved = tree.resolve()
    sys.path.insert(0, str(resolved))
    return resolved
