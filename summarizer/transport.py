"""The HTTP layer under the model client: every answer scrubbed of secrets, and cached once vouched for.

A chat completion answered from the call cache sends nothing; a fresh one is held on the call's ledger
until the client has validated it (a structured answer) or read it (the judge's token), and only then
stored. An answer that fails, fresh or cached, is never kept: a cached one is removed, so a server that
once answered off-schema cannot poison later runs against a healthy one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import httpx2

from summarizer import redact
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


class AnswerTransport(httpx2.AsyncBaseTransport):
    """Every answer the client reads passes here: scrubbed of secrets, and cached once vouched for.

    It wraps the real transport, so it sits above anything that patches transports (vcrpy): a replayed
    run fills the cache, and a hit sends nothing at all. The cache key is the request's path and body
    (model, messages, schema, parameters), never its URL's host, headers or key. Instructor validates a
    cached answer exactly as a fresh one, so the checks run however the answer arrived. Only 200 answers
    with choices reach the ledger, and only what the ledger settles as valid is stored.

    A server (or a proxy before it) may echo the request's `Authorization` header inside its answer:
    the key and anything shaped like one are blanked before the answer is parsed, cached or shown.
    """

    def __init__(
        self,
        inner: httpx2.AsyncBaseTransport,
        *,
        cache: CallCache | None,
        secret: str | None,
        limit: int,
        too_large: Callable[[str, httpx2.Request], Exception],
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.secret = secret
        self.limit = limit
        self.too_large = too_large  # the client's own error type: one its HTTP layer does not retry

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Answer from the cache, or ask; either way scrubbed, and noted on the call's ledger."""
        key = self._key(request) if self.cache is not None else None
        ledger = current.get()
        if key is not None and self.cache is not None and (hit := self.cache.get(key)) is not None:
            if ledger is not None:
                ledger.cached += 1
                ledger.answers.append(Answer(key, hit, "", cached=True))
            body = scrub_body(hit.encode(), self.secret)
            return httpx2.Response(200, content=body, headers={"content-type": "application/json"})
        response = await self.inner.handle_async_request(request)
        body = scrub_body(await self._read(response, request), self.secret)
        if key is not None and ledger is not None and response.status_code == 200:
            try:
                data = json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError):
                data = None
            if isinstance(data, dict) and data.get("choices"):
                ledger.answers.append(Answer(key, body.decode(), str(data.get("model", "")), cached=False))
        # The body is read (and decoded) now: its transfer headers no longer describe it.
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _TRANSFER_HEADERS]
        return httpx2.Response(response.status_code, content=body, headers=headers, request=request)

    async def _read(self, response: httpx2.Response, request: httpx2.Request) -> bytes:
        """The body, read no further than the limit: a larger one is refused, saying how large it was."""
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.limit:
                    break
                chunks.append(chunk)
        finally:
            await response.aclose()
        if size <= self.limit:
            return b"".join(chunks)
        declared = response.headers.get("content-length", "")
        # What the server declared, where it did; else only that it ran past the limit.
        was = f"{int(declared):,} bytes" if declared.isdigit() and int(declared) > self.limit else "larger"
        status = response.status_code
        who = "the model's answer" if status == 200 else f"the server's HTTP {status} answer"
        raise self.too_large(
            f"{who} was {was}, over the limit of {self.limit:,} bytes; it was refused unread", request
        )

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


def scrub(text: str, secret: str | None = None) -> str:
    """`text` with `secret` and every key-shaped string (a bearer token, an `sk-` key) blanked out."""
    return redact.scrub(text, [secret])


def scrub_body(body: bytes, secret: str | None) -> bytes:
    """An HTTP body scrubbed: as JSON, every string in it (so an escaped key is found too), else as text."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        text = body.decode("utf-8", "surrogateescape")
        clean = scrub(text, secret)
        return body if clean == text else clean.encode("utf-8", "surrogateescape")
    clean = scrub_json(data, secret)
    # Unchanged, the body stays byte for byte as it came (a replayed answer is the recorded one).
    return body if clean == data else json.dumps(clean, ensure_ascii=False).encode()


def scrub_json(value: Any, secret: str | None) -> Any:
    """A parsed JSON value with every string in it, keys included, scrubbed."""
    if isinstance(value, str):
        return _scrub_string(value, secret)
    if isinstance(value, list):
        return [scrub_json(v, secret) for v in value]
    if isinstance(value, dict):
        return {scrub(str(k), secret): scrub_json(v, secret) for k, v in value.items()}
    return value


def _scrub_string(text: str, secret: str | None) -> str:
    # A model's answer is JSON inside the completion's JSON: its escapes are read only when it is parsed.
    if text.lstrip()[:1] in ("{", "["):
        try:
            inner = json.loads(text)
        except json.JSONDecodeError:
            pass
        else:
            clean = scrub_json(inner, secret)
            if clean != inner:
                return json.dumps(clean, ensure_ascii=False)
    return scrub(text, secret)


def body_key(body: dict[str, object]) -> str:
    """The cache key of a chat-completion request body: what a live call and a batch line share."""
    return request_key({"path": "/chat/completions", "body": body})
