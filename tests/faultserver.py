"""A scripted OpenAI-compatible chat-completions server on loopback, for fault-injection tests.

Each request to POST /v1/chat/completions takes the next behaviour from a queue, so a test says
exactly what the server does: fail with 429/500/503, hang past the client's timeout, drop the
connection, send a body that is not JSON, or answer with a chat completion whose content breaks
the schema, cites a quote the article lacks, has no choices, is cut off at the token limit, or is
a good answer built from the article text in the request itself.

Queues are kept per route ("extract:A", "extract:B", …, "reconcile") with a shared "*" queue
behind them, because extraction runs concurrently and the order of requests across articles is
not fixed. When nothing is scripted for a request it gets a good answer.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The fabricated quote of a `bad_quote` claim: words no test article contains.
FABRICATED_QUOTE = "the whole valley was evacuated by helicopter overnight"
BAD_QUOTE_STATEMENT = "The whole valley was evacuated by helicopter."


@dataclass(frozen=True)
class Behaviour:
    """What the server does for one request; `times` requests in a row (None: every request from then on)."""

    kind: str
    times: int | None = 1
    status: int = 200
    retry_after: str | None = None
    retry_after_ms: str | None = None
    delay: float = 0.0
    message: str = ""

    def repeat(self, times: int | None) -> Behaviour:
        """The same behaviour for `times` requests (None: for ever)."""
        return replace(self, times=times)

    @property
    def forever(self) -> Behaviour:
        return self.repeat(None)


def rate_limited(retry_after: str = "1") -> Behaviour:
    """HTTP 429 with a Retry-After header (seconds)."""
    return Behaviour("status", status=429, retry_after=retry_after, message="Rate limit reached, retry later")


def server_error(status: int = 500, *, retry_after_ms: str | None = None, message: str = "") -> Behaviour:
    """HTTP 500 or 503 with an OpenAI-style error body."""
    default = {500: "internal server error", 503: "the model is loading, try again"}.get(status, "error")
    return Behaviour("status", status=status, retry_after_ms=retry_after_ms, message=message or default)


def slow(seconds: float) -> Behaviour:
    """Answer well, but only after `seconds` (past the client's timeout)."""
    return Behaviour("slow", delay=seconds)


def dropped() -> Behaviour:
    """Read the request, then close the socket without a byte of answer."""
    return Behaviour("drop")


def not_json(content_type: str = "text/html; charset=utf-8") -> Behaviour:
    """HTTP 200 whose body is not JSON: an HTML page from a proxy, or a JSON body cut short."""
    return Behaviour("not_json", message=content_type)


def schema_break() -> Behaviour:
    """A valid chat completion whose content is JSON of the wrong shape."""
    return Behaviour("schema_break")


def bad_quote() -> Behaviour:
    """A good extraction plus one claim whose quote is not in the article."""
    return Behaviour("bad_quote")


def no_choices() -> Behaviour:
    """A chat completion with an empty `choices` list."""
    return Behaviour("no_choices")


def truncated() -> Behaviour:
    """A chat completion cut off mid-JSON with finish_reason "length"."""
    return Behaviour("truncated")


def good() -> Behaviour:
    """A valid answer for whatever was asked, built from the request."""
    return Behaviour("good")


def echo_key() -> Behaviour:
    """HTTP 401 whose error message repeats the API key it was sent, as some proxies do."""
    return Behaviour("echo_key", status=401)


@dataclass
class Seen:
    """One request as the server received it."""

    route: str
    kind: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])


class FaultServer:
    """The scripted server: `script()` queues behaviours, `seen` lists the requests received."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, list[Behaviour]] = {}
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fault = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL a client is given: http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def script(self, *behaviours: Behaviour, route: str = "*") -> None:
        """Append behaviours to a route's queue ("extract:A", "reconcile", or "*" for any request)."""
        with self._lock:
            self._queues.setdefault(route, []).extend(behaviours)

    def requests(self, route: str | None = None) -> list[Seen]:
        """The requests received, optionally only one route's ("extract" matches every article's)."""
        with self._lock:
            return [
                s for s in self.seen if route is None or s.route == route or s.route.startswith(route + ":")
            ]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers that are "slow"
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next(self, route: str) -> Behaviour:
        with self._lock:
            for key in (route, "*"):
                queue = self._queues.get(key)
                if queue:
                    head = queue[0]
                    if head.times is not None:
                        if head.times <= 1:
                            queue.pop(0)
                        else:
                            queue[0] = replace(head, times=head.times - 1)
                    return head
        return good()

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)


@contextmanager
def running() -> Iterator[FaultServer]:
    """A started server, always stopped afterwards."""
    server = FaultServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fault: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and left makes the late write fail; that is the test, not a bug.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self._json(
                400, {"error": {"message": "request body is not JSON", "type": "invalid_request_error"}}
            )
            return
        fault = self.server.fault
        route = route_of(body)
        behaviour = fault._next(route)
        fault._record(
            Seen(
                route=route,
                kind=behaviour.kind,
                body=body,
                headers={k.lower(): v for k, v in self.headers.items()},
            )
        )
        getattr(self, f"_do_{behaviour.kind}")(behaviour, body)

    # --- behaviours -------------------------------------------------------------------------------

    def _do_status(self, b: Behaviour, body: dict[str, Any]) -> None:
        headers = {}
        if b.retry_after is not None:
            headers["Retry-After"] = b.retry_after
        if b.retry_after_ms is not None:
            headers["retry-after-ms"] = b.retry_after_ms
        kind = {429: "rate_limit_exceeded", 503: "service_unavailable"}.get(b.status, "server_error")
        self._json(b.status, {"error": {"message": b.message, "type": kind, "code": None}}, headers)

    def _do_echo_key(self, b: Behaviour, body: dict[str, Any]) -> None:
        key = self.headers.get("Authorization", "").removeprefix("Bearer ")
        message = f"Incorrect API key provided: {key}. You can find your API key at the provider."
        self._json(
            401, {"error": {"message": message, "type": "invalid_request_error", "code": "invalid_api_key"}}
        )

    def _do_slow(self, b: Behaviour, body: dict[str, Any]) -> None:
        # Waits on the server's stop event, so shutting down never waits out the delay.
        if self.server.fault.stopping.wait(b.delay):
            self.close_connection = True
            return
        self._do_good(b, body)

    def _do_drop(self, b: Behaviour, body: dict[str, Any]) -> None:
        self.close_connection = True
        with suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _do_not_json(self, b: Behaviour, body: dict[str, Any]) -> None:
        if "json" in b.message:
            self._send(200, b'{"id": "chatcmpl-1", "object": "chat.completion", "choi', b.message)
            return
        page = b"<html><body><h1>502 Bad Gateway</h1><p>upstream is restarting</p></body></html>"
        self._send(200, page, b.message)

    def _do_schema_break(self, b: Behaviour, body: dict[str, Any]) -> None:
        content = json.dumps({"facts": ["something happened"], "summary": 3})
        self._json(200, completion(body, content))

    def _do_bad_quote(self, b: Behaviour, body: dict[str, Any]) -> None:
        bad = {"statement": BAD_QUOTE_STATEMENT, "sentence_ids": [1], "quote": FABRICATED_QUOTE}
        # Asked to repair its claims, the model repeats the same mistake.
        answer = {"claims": []} if is_repair(body) else good_extraction(body)
        answer["claims"].append(bad)
        self._json(200, completion(body, json.dumps(answer)))

    def _do_no_choices(self, b: Behaviour, body: dict[str, Any]) -> None:
        out = completion(body, "")
        out["choices"] = []
        self._json(200, out)

    def _do_truncated(self, b: Behaviour, body: dict[str, Any]) -> None:
        full = json.dumps(good_answer(body))
        self._json(200, completion(body, full[: max(10, len(full) // 2)], finish_reason="length"))

    def _do_good(self, b: Behaviour, body: dict[str, Any]) -> None:
        self._json(200, completion(body, json.dumps(good_answer(body))))

    # --- plumbing ---------------------------------------------------------------------------------

    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", headers)

    def _send(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


# --- what a request asks, and good answers to it --------------------------------------------------

_SENTENCE = re.compile(r"^\[(\d+)\] (.+)$", re.MULTILINE)
_ARTICLE = re.compile(r"^Article ([A-Z]+)\b")
_CLAIM = re.compile(r"^([A-Z]+)(\d+) \| (.*?) \| (.+)$", re.MULTILINE)


_REPAIR_SENTENCE = re.compile(r"^\s*Sentence \[(\d+)\]: (.+)$", re.MULTILINE)


def _repair_prompt(body: dict[str, Any]) -> str:
    # Instructor's own re-ask comes after it, so the repair prompt is not always the last message.
    users = [str(m.get("content", "")) for m in body.get("messages") or [] if m.get("role") == "user"]
    return next((u for u in users if "fail the check against the article" in u), "")


def _first_user(body: dict[str, Any]) -> str:
    for m in body.get("messages") or []:
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            return str(m["content"])
    return ""


def route_of(body: dict[str, Any]) -> str:
    """'extract:A' for article A's extraction, 'reconcile' for the merge, 'other' otherwise."""
    text = _first_user(body).lstrip()
    m = _ARTICLE.match(text)
    if m:
        return f"extract:{m.group(1)}"
    if text.startswith("Articles:"):
        return "reconcile"
    return "other"


def good_extraction(body: dict[str, Any]) -> dict[str, Any]:
    """ArticleClaims for the article in the request: one claim per sentence, quoting its first words."""
    claims = []
    for sid, sentence in _SENTENCE.findall(_first_user(body)):
        words = sentence.split()
        if len(words) < 3:
            continue
        claims.append(
            {
                "sentence_ids": [int(sid)],
                "quote": " ".join(words[:8]),
                "statement": sentence[:200],
            }
        )
    return {"claims": claims[:4]}


def good_reconciliation(body: dict[str, Any]) -> dict[str, Any]:
    """A Reconciliation citing each article's first claim (A1, B1, …) by the ids in the request."""
    firsts: dict[str, tuple[str, str]] = {}
    for article, n, _who, statement in _CLAIM.findall(_first_user(body)):
        firsts.setdefault(article, (f"{article}{n}", statement))
    summary = [{"text": statement[:300], "citations": [cid]} for cid, statement in firsts.values()]
    corroborated = []
    if len(firsts) >= 2:
        ids = [cid for cid, _ in firsts.values()][:2]
        corroborated.append({"fact": "Both articles report the event.", "claim_ids": ids})
    return {"summary": summary, "corroborated": corroborated, "conflicts": []}


def is_repair(body: dict[str, Any]) -> bool:
    """Whether the request re-asks failing claims (extract.repair_messages), not a whole article."""
    return bool(_repair_prompt(body))


def good_repair(body: dict[str, Any]) -> dict[str, Any]:
    """ClaimRepairs: each listed claim again, quoting the first words of the first sentence shown for it."""
    claims = []
    for item in re.split(r"^\d+\. ", _repair_prompt(body), flags=re.MULTILINE)[1:]:
        shown = _REPAIR_SENTENCE.findall(item)
        if shown:
            sid, sentence = shown[0]
            words = sentence.split()
            claims.append({"sentence_ids": [int(sid)], "quote": " ".join(words[:8]), "statement": sentence})
    return {"claims": claims}


def good_answer(body: dict[str, Any]) -> dict[str, Any]:
    route = route_of(body)
    if route == "reconcile":
        return good_reconciliation(body)
    return good_repair(body) if is_repair(body) else good_extraction(body)


def completion(body: dict[str, Any], content: str, *, finish_reason: str = "stop") -> dict[str, Any]:
    """A chat.completion object carrying `content`, with usage."""
    prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in body.get("messages") or [])
    completion_tokens = max(1, len(content.split()))
    return {
        "id": f"chatcmpl-fault-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test"),
        "system_fingerprint": "fault-server",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
