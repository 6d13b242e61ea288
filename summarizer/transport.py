"""The HTTP layer under the model client: it caches an answer only once the caller has vouched for it.

A chat completion answered from the call cache sends nothing; a fresh one is held on the call's ledger
until the client has validated it (a structured answer) or read it (the judge's token), and only then
stored. An answer that fails, fresh or cached, is never kept: a cached one is removed, so a server that
once answered off-schema cannot poison later runs against a healthy one.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass, field

import httpx2

from summarizer.cache import CallCache, request_key

_TRANSFER_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@dataclass(frozen=True)
class Answer:
    """One 200 chat completion a call received: under which key, its JSON, and whether the cache gave it."""

    key: str
    body: str
    model: str
    cached: bool


@dataclass
class Ledger:
    """What one logical call received through the transport, in order, until it is settled."""

    cached: int = 0
    answers: list[Answer] = field(default_factory=list)

    def settle(self, cache: CallCache | None, *, valid: bool) -> None:
        """Store the last answer if it was `valid` and fresh; drop every cached answer that failed."""
        answers, self.answers = self.answers, []
        if cache is None or not answers:
            return
        *failed, last = answers
        # Each answer before the last one was re-asked: it failed validation.
        for answer in failed if valid else answers:
            if answer.cached:
                cache.delete(answer.key)
        if valid and not last.cached:
            cache.put(last.key, last.body, model=last.model)


current: ContextVar[Ledger | None] = ContextVar("summarizer_call", default=None)


class CachingTransport(httpx2.AsyncBaseTransport):
    """Answers a chat completion from the call cache when the same request was answered before.

    It wraps the real transport, so it sits above anything that patches transports (vcrpy): a replayed
    run fills the cache, and a hit sends nothing at all. The key is the request's path and body (model,
    messages, schema, parameters), never its URL's host, headers or key. Instructor validates a cached
    answer exactly as a fresh one, so the checks run however the answer arrived. Only 200 answers with
    choices reach the ledger, and only what the ledger settles as valid is stored.
    """

    def __init__(self, inner: httpx2.AsyncBaseTransport, cache: CallCache) -> None:
        self.inner = inner
        self.cache = cache

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Answer from the cache, or ask and note the answer on the call's ledger."""
        key = self._key(request)
        ledger = current.get()
        if key is not None and (hit := self.cache.get(key)) is not None:
            if ledger is not None:
                ledger.cached += 1
                ledger.answers.append(Answer(key, hit, "", cached=True))
            return httpx2.Response(200, content=hit.encode(), headers={"content-type": "application/json"})
        response = await self.inner.handle_async_request(request)
        if key is None or response.status_code != 200:
            return response
        body = await response.aread()
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            data = None
        if ledger is not None and isinstance(data, dict) and data.get("choices"):
            ledger.answers.append(Answer(key, body.decode(), str(data.get("model", "")), cached=False))
        # The body is read (and decoded) now: its transfer headers no longer describe it.
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _TRANSFER_HEADERS]
        return httpx2.Response(response.status_code, content=body, headers=headers, request=request)

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()

    @staticmethod
    def _key(request: httpx2.Request) -> str | None:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return None
        try:
            body = json.loads(request.content)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
        return body_key(body) if isinstance(body, dict) else None


def body_key(body: dict[str, object]) -> str:
    """The cache key of a chat-completion request body: what a live call and a batch line share."""
    return request_key({"path": "/chat/completions", "body": body})
