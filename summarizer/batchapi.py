"""The provider's Batch API as a way to fill the call cache: half the price, none of the rate limits.

Every article's extraction request is built exactly as the live pipeline would send it (same
prompt, schema, model and parameters), so each line's cache key is the key the live call computes.
The lines go up as one JSONL file, the provider answers within its completion window, and each
answer lands in the `CallCache` under its line's key. The ordinary run afterwards finds every
extraction in the cache; only what depends on those answers (evidence repairs, the merge) is asked
live. A batch that is still running can be collected later by its id: the lines are rebuilt from
the same stories, so nothing but the id needs keeping.

This module's own logic (lines, results, the cache) touches neither `openai` nor `instructor`; the
two functions under "MOVE TO llm.py" at the bottom do, importing them lazily until they move.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarizer import ingest
from summarizer.batch import Story
from summarizer.cache import CallCache
from summarizer.completions import BATCH_ENDPOINT
from summarizer.config import Settings
from summarizer.extract import chunks, plan
from summarizer.extract import messages as extract_messages
from summarizer.llm import body_key, request_kwargs, submit_batch, wait_for_batch
from summarizer.schemas import Restatements
from summarizer.transport import scrub, scrub_json


@dataclass(frozen=True)
class BatchLine:
    """One request of the batch: its id (story/stage/article), the request body, and its cache key."""

    custom_id: str
    body: dict[str, Any]
    key: str

    def jsonl(self) -> str:
        """The line as the Batch API takes it."""
        line = {"custom_id": self.custom_id, "method": "POST", "url": BATCH_ENDPOINT, "body": self.body}
        return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class LineResult:
    """One answer from the output or error file: the completion body when it succeeded, else why not."""

    custom_id: str
    status_code: int | None
    body: dict[str, Any] | None
    error: str | None


@dataclass
class Prefill:
    """What a batch did for the cache."""

    lines: int = 0  # extraction requests the stories need
    already_cached: int = 0  # of those, answered before (not sent again)
    batch_id: str | None = None
    status: str | None = None
    stored: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # custom_id → one-line reason


def extraction_lines(stories: Sequence[Story], settings: Settings) -> list[BatchLine]:
    """Every extraction request of every article, as the live pipeline would send it, one line each
    (none where restatement is off)."""
    if not settings.restating:
        return []
    lines = []
    for story in stories:
        for article in ingest.load(story.inputs):
            for ids in chunks(plan(article).ask):
                body = request_kwargs(
                    Restatements,
                    extract_messages(article, ids),
                    settings,
                    settings.extract_max_tokens,
                    context={"asked": ids},
                )
                custom_id = f"{story.id}/extract/{article.id}/{ids[0]}"
                lines.append(BatchLine(custom_id, body, body_key(body)))
    return lines


def to_jsonl(lines: Sequence[BatchLine]) -> bytes:
    """The batch's input file."""
    return ("\n".join(line.jsonl() for line in lines) + "\n").encode("utf-8")


def parse_results(text: str) -> list[LineResult]:
    """The lines of an output or error file; a line that is not JSON is skipped, not fatal."""
    out = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if not isinstance(item, dict):
            continue
        response = item.get("response")
        response = response if isinstance(response, dict) else {}
        body = response.get("body")
        body = body if isinstance(body, dict) else None
        status = response.get("status_code")
        error = item.get("error")
        reason = None
        if isinstance(error, dict):
            reason = str(error.get("message") or error.get("code") or "failed")
        elif status != 200:
            detail = (body or {}).get("error")
            message = detail.get("message") if isinstance(detail, dict) else None
            reason = f"HTTP {status}: {message or 'failed'}"
        out.append(
            LineResult(
                custom_id=str(item.get("custom_id")),
                status_code=status if isinstance(status, int) else None,
                body=body,
                error=reason,
            )
        )
    return out


def store_results(
    lines: Sequence[BatchLine],
    results: Sequence[LineResult],
    cache: CallCache,
    *,
    model: str,
    secret: str | None = None,
) -> tuple[int, dict[str, str]]:
    """Cache each usable completion, scrubbed of secrets, under its line's key; (stored, id → why not)."""
    # Validated when the run reads it, as any cached answer: one that fails is dropped then.
    by_id = {line.custom_id: line for line in lines}
    stored = 0
    failed: dict[str, str] = {}
    for result in results:
        line = by_id.get(result.custom_id)
        if line is None:
            continue  # not a line of ours (another batch's output given by mistake): ignored
        problem = result.error or _not_usable(result.body)
        if problem:
            failed[result.custom_id] = scrub(problem, secret)
            continue
        body = scrub_json(result.body, secret)
        cache.put(line.key, json.dumps(body, ensure_ascii=False), model=model)
        stored += 1
    for line in lines:
        if line.custom_id not in failed and cache.get(line.key) is None:
            failed.setdefault(line.custom_id, "no answer in the batch's output")
    return stored, failed


def _not_usable(body: dict[str, Any] | None) -> str | None:
    """Why a completion must not be cached: the live run would reject it the same way, and pay again."""
    if body is None:
        return "no completion body"
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices:
        return "a completion with no choices"
    if choices[0].get("finish_reason") == "length":
        return "an answer cut off at the token limit"
    return None


async def prefill(
    stories: Sequence[Story],
    settings: Settings,
    cache: CallCache,
    *,
    batch_id: str | None = None,
    poll_seconds: float = 30.0,
    timeout: float = 24 * 3600.0,
    progress: Callable[[str], None] | None = None,
) -> Prefill:
    """Send the extractions not yet cached as one batch (or collect `batch_id`); cache the answers."""
    note = progress or (lambda _msg: None)
    lines = extraction_lines(stories, settings)
    todo = [line for line in lines if cache.get(line.key) is None]
    result = Prefill(lines=len(lines), already_cached=len(lines) - len(todo), batch_id=batch_id)
    if not todo and batch_id is None:
        said = "every extraction is already cached" if lines else "restatement is off: nothing to extract"
        note(f"{said}; no batch sent")
        return result
    if batch_id is None:
        batch_id = await submit_batch(settings, to_jsonl(todo), metadata={"summarizer": "extract"})
        result.batch_id = batch_id
        note(f"batch {batch_id}: {len(todo)} requests sent")
    status, output, errors = await wait_for_batch(
        settings, batch_id, poll_seconds=poll_seconds, timeout=timeout, progress=note
    )
    result.status = status
    results = parse_results(output or "") + parse_results(errors or "")
    result.stored, result.failed = store_results(
        todo or lines, results, cache, model=settings.model, secret=settings.secret
    )
    note(f"batch {batch_id} {status}: {result.stored} answers cached, {len(result.failed)} failed")
    return result


# --- MOVE TO llm.py: the only code here that knows `openai` and `instructor` --------------------------
