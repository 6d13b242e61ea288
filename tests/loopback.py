"""One OpenAI-compatible server on loopback for the tests and the benchmarks: scripted, timed, batched.

    with running() as server:            # 127.0.0.1, an ephemeral port, stopped on leaving
        server.script(server_error(503).forever, route="extract:B")
        summarize(texts, Settings(model="test", base_url=server.url, ...))

It speaks three things:

- **Chat completions** (POST /v1/chat/completions). Each request takes the next behaviour from a
  queue, so a test says exactly what happens: 429/500/503, an answer slower than the client's
  timeout, a dropped connection, a body that is not JSON, or a completion that breaks the schema,
  invents what no source says, has no choices, is cut off, or carries exactly the text given.
  Queues are kept per route ("extract:A" for article A's restatements, "reconcile", "repair",
  "judge") with a shared "*" queue behind them, because calls run concurrently and their order is
  not fixed. With nothing scripted a request gets a good answer, by default built from the request
  itself: restatements of the sentences asked for (a leading "He" becomes the name said before it),
  a summary citing the facts listed, each failing sentence replaced by its first source, and for a
  judge request (no schema, `logprobs`) one token "Yes" at P(Yes) = JUDGE_YES. An `answer` callable
  replaces that default.
- **Timing.** With `ms_per_token`, a good answer is sent only after that many milliseconds per
  completion token, as a model server would; `seen` records when each request arrived and was
  answered (perf_counter, the client's clock) so a benchmark can compute the critical path.
- **The Batch API subset** the pipeline's batch mode uses: POST /v1/files (multipart upload),
  GET /v1/files/{id}/content, POST /v1/batches, GET /v1/batches/{id}. A batch's lines go through the
  same behaviours and answers as live requests (without the delay), in a worker thread, and are
  recorded in `seen` with `via="batch"`.

Every wait is bounded: handlers wait on the server's stop event, batch workers run a finite list,
and a watchdog shuts the server down after `lifetime` seconds whatever the caller does.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import math
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import BaseModel

from summarizer.schemas import Reconciliation, Restatement, SentenceFix, SentenceFixes, SummaryDraft

# What an `unfaithful` model writes in place of every sentence: words and a number no test article has,
# so code finds it unsupported on its own (a number is a hard finding no judge can overturn).
FABRICATED = "The whole valley was evacuated by 40 helicopters overnight."

# Far above any test's upload; a runaway client cannot make the server buffer gigabytes.
MAX_BODY = 64 * 1024 * 1024


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


def unfaithful() -> Behaviour:
    """A valid answer whose every sentence is FABRICATED (the judge: a confident No)."""
    return Behaviour("unfaithful")


def content(text: str) -> Behaviour:
    """A chat completion whose content (or tool arguments) is exactly `text`."""
    return Behaviour("content", message=text)


def judged(p_yes: float) -> Behaviour:
    """The judge's one token, with P(Yes) = `p_yes` in its top log-probabilities."""
    return Behaviour("judged", message=repr(p_yes))


def no_choices() -> Behaviour:
    """A chat completion with an empty `choices` list."""
    return Behaviour("no_choices")


def truncated() -> Behaviour:
    """A chat completion cut off mid-JSON with finish_reason "length"."""
    return Behaviour("truncated")


def good() -> Behaviour:
    """A valid answer for whatever was asked (from the `answer` callable, else built from the request)."""
    return Behaviour("good")


def echo_key() -> Behaviour:
    """HTTP 401 whose error message repeats the API key it was sent, as some proxies do."""
    return Behaviour("echo_key", status=401)


@dataclass(frozen=True)
class Reply:
    """A good answer's HTTP body and how many completion tokens it stands for (its delay)."""

    body: bytes
    completion_tokens: int


Answerer = Callable[[dict[str, Any]], Reply]


@dataclass
class Seen:
    """One request as the server received it; times are perf_counter seconds (the client's clock)."""

    route: str
    kind: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.perf_counter)
    via: str = "http"  # "http" for a live request, "batch" for a line of a Batch API job
    delay: float = 0.0  # the token delay the server sat on before answering
    sent: float = 0.0  # when the answer was written (0 if never)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])


@dataclass(frozen=True)
class _Response:
    status: int
    data: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Batch:
    """A Batch API job as the server keeps it."""

    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    created_at: int
    metadata: dict[str, str] | None
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    total: int = 0
    completed: int = 0
    failed: int = 0
    retrieved: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "errors": None,
            "input_file_id": self.input_file_id,
            "completion_window": self.completion_window,
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "created_at": self.created_at,
            "in_progress_at": self.created_at,
            "completed_at": int(time.time()) if self.status == "completed" else None,
            "request_counts": {"total": self.total, "completed": self.completed, "failed": self.failed},
            "metadata": self.metadata,
        }


class LoopbackServer:
    """The server: `script()` queues behaviours, `seen` lists the requests received, `url` is its base URL."""

    def __init__(
        self,
        *,
        answer: Answerer | None = None,
        ms_per_token: float = 0.0,
        key: str | None = None,
        lifetime: float = 600.0,
        router: Callable[[dict[str, Any]], str] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, list[Behaviour]] = {}
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self.answer: Answerer = answer or synthesized
        self.route_of: Callable[[dict[str, Any]], str] = router or route_of
        self.seconds_per_token = ms_per_token / 1000
        self.key = key  # when set, requests without "Bearer <key>" get 401 (a benchmark's own traffic only)
        self.files: dict[str, tuple[str, str, bytes]] = {}  # id → (filename, purpose, content)
        self.batches: dict[str, _Batch] = {}
        self._ids = itertools.count(1)
        self._workers: list[threading.Thread] = []
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._watchdog = threading.Timer(lifetime, self._expire)
        self._watchdog.daemon = True

    @property
    def url(self) -> str:
        """The base URL a client is given: http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def script(self, *behaviours: Behaviour, route: str = "*") -> None:
        """Append behaviours to a route's queue ("extract:A", "reconcile", or "*" for any request)."""
        with self._lock:
            self._queues.setdefault(route, []).extend(behaviours)

    def requests(self, route: str | None = None, *, via: str | None = None) -> list[Seen]:
        """The requests received, optionally one route's ("extract" matches every article's) or one via's."""
        with self._lock:
            return select(self.seen, route, via=via)

    def clear(self) -> None:
        """Forget the requests seen so far (a benchmark measures one run at a time)."""
        with self._lock:
            self.seen.clear()

    def start(self) -> None:
        self._thread.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._watchdog.cancel()
        self.stopping.set()  # wakes handlers that are sitting on a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
        for worker in self._workers:
            worker.join(timeout=5)

    def _expire(self) -> None:
        # The lifetime is up: stop answering even if the caller never reaches its `finally`.
        self.stopping.set()
        self._httpd.shutdown()

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}-{next(self._ids)}"

    def _next(self, route: str) -> Behaviour:
        # "extract:A" is served by its own queue, then "extract"'s, then "*"'s.
        parts = route.split(":")
        keys = [":".join(parts[:n]) for n in range(len(parts), 0, -1)] + ["*"]
        with self._lock:
            for key in keys:
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

    # --- chat completions, shared by live requests and batch lines ----------------------------------

    def respond(self, behaviour: Behaviour, body: dict[str, Any], headers: dict[str, str]) -> _Response:
        """The HTTP answer to one chat-completion request under `behaviour` ("slow"/"drop" excepted)."""
        kind = behaviour.kind
        if kind == "status":
            extra = {}
            if behaviour.retry_after is not None:
                extra["Retry-After"] = behaviour.retry_after
            if behaviour.retry_after_ms is not None:
                extra["retry-after-ms"] = behaviour.retry_after_ms
            code = {429: "rate_limit_exceeded", 503: "service_unavailable"}.get(
                behaviour.status, "server_error"
            )
            return _json(
                behaviour.status, {"error": {"message": behaviour.message, "type": code, "code": None}}, extra
            )
        if kind == "echo_key":
            key = headers.get("authorization", "").removeprefix("Bearer ")
            message = f"Incorrect API key provided: {key}. You can find your API key at the provider."
            error = {"message": message, "type": "invalid_request_error", "code": "invalid_api_key"}
            return _json(401, {"error": error})
        if kind == "not_json":
            if "json" in behaviour.message:
                return _Response(
                    200, b'{"id": "chatcmpl-1", "object": "chat.completion", "choi', behaviour.message
                )
            page = b"<html><body><h1>502 Bad Gateway</h1><p>upstream is restarting</p></body></html>"
            return _Response(200, page, behaviour.message)
        if kind == "schema_break":
            return _json(200, completion(body, json.dumps({"facts": ["something happened"], "summary": 3})))
        if kind == "unfaithful":
            if is_judge(body):
                return _json(200, judge_completion(body, 0.05))
            return _json(200, completion(body, json.dumps(unfaithful_answer(body))))
        if kind == "content":
            return _json(200, completion(body, behaviour.message))
        if kind == "judged":
            return _json(200, judge_completion(body, float(behaviour.message)))
        if kind == "no_choices":
            out = completion(body, "")
            out["choices"] = []
            return _json(200, out)
        if kind == "truncated":
            full = json.dumps(good_answer(body)) if not is_judge(body) else "Yes"
            return _json(200, completion(body, full[: max(10, len(full) // 2)], finish_reason="length"))
        return _Response(200, self.answer(body).body)

    # --- the Batch API ----------------------------------------------------------------------------

    def _create_batch(self, request: dict[str, Any]) -> _Response:
        file_id = str(request.get("input_file_id") or "")
        if file_id not in self.files:
            return _json(404, {"error": {"message": f"no file {file_id!r}", "type": "invalid_request_error"}})
        endpoint = str(request.get("endpoint") or "")
        if endpoint != "/v1/chat/completions":
            return _json(400, {"error": {"message": f"endpoint {endpoint!r} is not served here"}})
        batch = _Batch(
            id=self._next_id("batch"),
            input_file_id=file_id,
            endpoint=endpoint,
            completion_window=str(request.get("completion_window") or "24h"),
            created_at=int(time.time()),
            metadata=request.get("metadata"),
        )
        with self._lock:
            self.batches[batch.id] = batch
        worker = threading.Thread(target=self._run_batch, args=(batch,), daemon=True)
        self._workers.append(worker)
        worker.start()
        return _json(200, batch.as_json())

    def _run_batch(self, batch: _Batch) -> None:
        """Answer every line of a batch's input file; successes to the output file, the rest to errors."""
        _, _, content = self.files[batch.input_file_id]
        lines = [line for line in content.decode("utf-8").splitlines() if line.strip()]
        with self._lock:
            batch.status, batch.total = "in_progress", len(lines)
        out: list[str] = []
        errors: list[str] = []
        for line in lines:  # a finite list; the stop event ends it early
            if self.stopping.is_set():
                return
            item = json.loads(line)
            body = item.get("body") or {}
            route = self.route_of(body)
            behaviour = self._next(route)
            self._record(Seen(route=route, kind=behaviour.kind, body=body, headers={}, via="batch"))
            if behaviour.kind in ("slow", "drop"):
                behaviour = good() if behaviour.kind == "slow" else server_error(500)
            response = self.respond(behaviour, body, {})
            try:
                payload: Any = json.loads(response.data)
            except ValueError:
                payload = response.data.decode("utf-8", "replace")
            result = {
                "id": self._next_id("batch_req"),
                "custom_id": item.get("custom_id"),
                "response": {
                    "status_code": response.status,
                    "request_id": self._next_id("req"),
                    "body": payload,
                },
                "error": None,
            }
            (out if response.status == 200 else errors).append(json.dumps(result))
        output = self._store("batch_output.jsonl", "batch_output", out) if out else None
        error = self._store("batch_errors.jsonl", "batch_output", errors) if errors else None
        with self._lock:
            batch.output_file_id, batch.error_file_id = output, error
            batch.completed, batch.failed = len(out), len(errors)
            batch.status = "completed"

    def _store(self, name: str, purpose: str, lines: list[str]) -> str:
        file_id = self._next_id("file")
        with self._lock:
            self.files[file_id] = (name, purpose, ("\n".join(lines) + "\n").encode())
        return file_id

    def _file_json(self, file_id: str) -> dict[str, Any]:
        name, purpose, content = self.files[file_id]
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }


def select(seen: list[Seen], route: str | None = None, *, via: str | None = None) -> list[Seen]:
    """The requests of one route ("extract" matches every article's) and one via, or all of them."""
    return [
        s
        for s in seen
        if (route is None or s.route == route or s.route.startswith(route + ":"))
        and (via is None or s.via == via)
    ]


@contextmanager
def running(**options: Any) -> Iterator[LoopbackServer]:
    """A started server (LoopbackServer's keyword options), always stopped afterwards."""
    server = LoopbackServer(**options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # 32+ clients connect at once; the default backlog of 5 could drop SYNs
    owner: LoopbackServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and left makes the late write fail; that is the test, not a bug.
        pass


_BATCH = re.compile(r"^/v1/batches/([\w-]+)$")
_FILE_CONTENT = re.compile(r"^/v1/files/([\w-]+)/content$")
_FILE = re.compile(r"^/v1/files/([\w-]+)$")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body of an answer on a reused connection
    # waits for the client's delayed ACK (40 ms on Linux). Servers on asyncio (vLLM) or Go (Ollama) set
    # TCP_NODELAY, and so does this one.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        if not self._authorized():
            return
        path = self.path.split("?", 1)[0].rstrip("/")
        with owner._lock:
            if m := _BATCH.match(path):
                batch = owner.batches.get(m.group(1))
                if batch is not None:
                    batch.retrieved += 1
                payload = batch.as_json() if batch is not None else None
                found: _Response | None = _json(200, payload) if payload else None
            elif m := _FILE_CONTENT.match(path):
                entry = owner.files.get(m.group(1))
                found = _Response(200, entry[2], "application/octet-stream") if entry else None
            elif (m := _FILE.match(path)) and m.group(1) in owner.files:
                found = _json(200, owner._file_json(m.group(1)))
            else:
                found = None
        self._reply(
            found or _json(404, {"error": {"message": f"no such object {path}", "type": "not_found"}})
        )

    def do_POST(self) -> None:
        arrived = time.perf_counter()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._reply(_json(413, {"error": {"message": "request body too large"}}))
            return
        raw = self.rfile.read(length) if length else b""
        if not self._authorized():
            return
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/v1/files":
            self._reply(self._upload(raw))
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            error = {"message": "request body is not JSON", "type": "invalid_request_error"}
            self._reply(_json(400, {"error": error}))
            return
        if path == "/v1/batches":
            self._reply(self.server.owner._create_batch(body))
            return
        if path != "/v1/chat/completions":
            self._reply(_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}}))
            return
        self._chat(body, arrived)

    def _chat(self, body: dict[str, Any], arrived: float) -> None:
        owner = self.server.owner
        route = owner.route_of(body)
        behaviour = owner._next(route)
        headers = {k.lower(): v for k, v in self.headers.items()}
        seen = Seen(route=route, kind=behaviour.kind, body=body, headers=headers, at=arrived)
        owner._record(seen)
        if behaviour.kind == "drop":
            self.close_connection = True
            with suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if behaviour.kind == "slow":
            behaviour, seen.delay = good(), behaviour.delay
        if behaviour.kind == "good":
            reply = owner.answer(body)
            response = _Response(200, reply.body)
            seen.delay += owner.seconds_per_token * reply.completion_tokens
        else:
            response = owner.respond(behaviour, body, headers)
        # Waits on the server's stop event, so shutting down never waits out the delay.
        if seen.delay and owner.stopping.wait(max(0.0, arrived + seen.delay - time.perf_counter())):
            self.close_connection = True
            return
        seen.sent = time.perf_counter()
        self._reply(response)

    def _upload(self, raw: bytes) -> _Response:
        """POST /v1/files: a multipart form with `purpose` and `file`, as the openai client sends it."""
        head = f"Content-Type: {self.headers.get('Content-Type', '')}\r\n\r\n".encode()
        form = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        fields: dict[str, tuple[str | None, bytes]] = {}
        if form.is_multipart():
            for part in form.iter_parts():
                name = part.get_param("name", header="content-disposition")
                data = part.get_payload(decode=True)
                if isinstance(name, str) and isinstance(data, bytes):
                    fields[name] = (part.get_filename(), data)
        if "file" not in fields:
            return _json(
                400, {"error": {"message": "no file part in the upload", "type": "invalid_request_error"}}
            )
        filename, content = fields["file"]
        purpose = fields.get("purpose", (None, b""))[1].decode()
        owner = self.server.owner
        file_id = owner._next_id("file")
        with owner._lock:
            owner.files[file_id] = (filename or "upload.jsonl", purpose, content)
            payload = owner._file_json(file_id)
        return _json(200, payload)

    def _authorized(self) -> bool:
        key = self.server.owner.key
        if key is None or self.headers.get("Authorization") == f"Bearer {key}":
            return True
        self._reply(
            _json(401, {"error": {"message": "not this server's key", "type": "invalid_request_error"}})
        )
        return False

    def _reply(self, response: _Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.data)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.data)


def _json(status: int, payload: Any, headers: dict[str, str] | None = None) -> _Response:
    return _Response(status, json.dumps(payload).encode(), "application/json", headers or {})


# --- what a request asks, and good answers to it --------------------------------------------------

# P(Yes) of the default judge: a confident Yes, above verdict.SETTLE, so a paraphrase it vouches
# for passes as the real judge's would.
JUDGE_YES = 0.93

_SENTENCE = re.compile(r"^\[(\d+)\] (.+)$", re.MULTILINE)
_ARTICLE = re.compile(r"^Article ([A-Z]+)\b")
_ASKED = re.compile(r"^Restate sentences ([\d, ]+)\.\s*$", re.MULTILINE)
_FACT = re.compile(r"^(F\d+) \| ([A-Z, ]+) \| (.+)$", re.MULTILINE)
_FIX_ITEM = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)
_FIX_SOURCE = re.compile(r"^\s+Source: (.+)$", re.MULTILINE)
_LEADING_PRONOUN = re.compile(r"^(?:He|She|They|It)\b")
_NAME = re.compile(r"(?<=[a-z,;:] )(?:[A-Z][a-z]+(?: [A-Z][a-z]+)+)")


# The schemas' own limits, read from them: an answer over them would fail validation.
def _limit(model: type[BaseModel], name: str, key: str) -> int:
    return int(model.model_json_schema(mode="validation")["properties"][name][key])


MAX_STATEMENT = _limit(Restatement, "statement", "maxLength")
MAX_SUMMARY_TEXT = _limit(SummaryDraft, "text", "maxLength")
MAX_SUMMARY = _limit(Reconciliation, "summary", "maxItems")
MAX_FIX_TEXT = _limit(SentenceFix, "text", "maxLength")
MAX_FIXES = _limit(SentenceFixes, "sentences", "maxItems")


def first_user(body: dict[str, Any]) -> str:
    """The first user message's text: the article (extract), the facts (reconcile), the sources (judge)."""
    for m in body.get("messages") or []:
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            return str(m["content"])
    return ""


def schema_name(body: dict[str, Any]) -> str | None:
    """The answer schema the request names (json_schema or tools mode); None in json mode or for the judge."""
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and isinstance(fmt.get("json_schema"), dict):
        return str(fmt["json_schema"].get("name"))
    tools = body.get("tools")
    if isinstance(tools, list) and tools:
        return str(tools[0].get("function", {}).get("name"))
    return None


def is_judge(body: dict[str, Any]) -> bool:
    """A judge request: one token with its log-probabilities, and no answer schema."""
    return bool(body.get("logprobs")) and schema_name(body) is None and "response_format" not in body


def route_of(body: dict[str, Any]) -> str:
    """'extract:A' (article A's restatements), 'reconcile', 'repair', 'judge', or 'other'.

    By the schema the request names; in json mode (the schema rides in the system message) by the
    prompt's own wording, which the templates in prompts/ fix.
    """
    if is_judge(body):
        return "judge"
    text = first_user(body).lstrip()
    name = schema_name(body)
    if name == "Restatements" or (name is None and _ASKED.search(text)):
        m = _ARTICLE.match(text)
        return f"extract:{m.group(1)}" if m else "extract"
    if name == "Reconciliation" or (name is None and text.startswith("Facts (id | outlets | fact)")):
        return "reconcile"
    if name == "SentenceFixes" or (name is None and "Not in the sources:" in text):
        return "repair"
    return "other"


def asked_ids(body: dict[str, Any]) -> list[int]:
    """The sentence numbers an extraction request asks to restate ("Restate sentences 4, 7.")."""
    m = _ASKED.search(first_user(body))
    return [int(x) for x in m.group(1).replace(",", " ").split()] if m else []


def restate(sentence: str, before: list[str]) -> str:
    """A sentence opening with He/She/They/It, the pronoun replaced by the last name said before it."""
    if not _LEADING_PRONOUN.match(sentence):
        return sentence
    names = [n for text in before for n in _NAME.findall(text)]
    return _LEADING_PRONOUN.sub(names[-1], sentence, count=1) if names else sentence


def good_restatements(body: dict[str, Any]) -> dict[str, Any]:
    """Restatements of the asked sentences: each sentence, its leading pronoun replaced by a name before it.

    A sentence too long for the schema is not restated; its claim then keeps the sentence's own words.
    """
    shown = {int(n): text for n, text in _SENTENCE.findall(first_user(body))}
    out = []
    for i in asked_ids(body):
        if i not in shown:
            continue
        text = restate(shown[i], [shown[j] for j in sorted(shown) if j < i])
        if len(text) <= MAX_STATEMENT:
            out.append({"id": i, "statement": text})
    return {"statements": out}


def facts_listed(body: dict[str, Any]) -> list[tuple[str, str]]:
    """The facts a merge request offers, as (F id, text), in order."""
    return [(fid, text.strip()) for fid, _outlets, text in _FACT.findall(first_user(body))]


def good_reconciliation(body: dict[str, Any]) -> dict[str, Any]:
    """A Reconciliation: the first facts listed, each in its own words, citing its F id."""
    summary = [
        {"text": text, "facts": [fid]} for fid, text in facts_listed(body) if len(text) <= MAX_SUMMARY_TEXT
    ]
    return {"summary": summary[: MAX_SUMMARY - 1]}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def good_fixes(body: dict[str, Any]) -> dict[str, Any]:
    """SentenceFixes: each listed sentence replaced by the source sentence sharing most words with it.

    The closest source, not the first: a restated claim's sources include the sentences before its own.
    A sentence with no source short enough for the schema is given back as it was.
    """
    text = first_user(body)
    items = list(_FIX_ITEM.finditer(text))
    out = []
    for k, m in enumerate(items):
        block = text[m.end() : items[k + 1].start() if k + 1 < len(items) else len(text)]
        sources = [s for s in _FIX_SOURCE.findall(block) if len(s) <= MAX_FIX_TEXT]
        failing = _words(m.group(2))
        best = max(sources, key=lambda s: len(_words(s) & failing), default=m.group(2)[:MAX_FIX_TEXT])
        out.append({"number": int(m.group(1)), "text": best})
    return {"sentences": out[:MAX_FIXES]}


def unfaithful_answer(body: dict[str, Any]) -> dict[str, Any]:
    """The good answer's shape with every sentence replaced by one no source says (FABRICATED)."""
    route = route_of(body).split(":")[0]
    if route == "extract":
        return {"statements": [{"id": i, "statement": FABRICATED} for i in asked_ids(body)]}
    if route == "reconcile":
        facts = [fid for fid, _ in facts_listed(body)][:1]
        return {"summary": [{"text": FABRICATED, "facts": facts}]}
    if route == "repair":
        return {
            "sentences": [{"number": s["number"], "text": FABRICATED} for s in good_fixes(body)["sentences"]]
        }
    return {}


def good_answer(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON a cooperative model answers a structured request with (the judge's is `judge_completion`)."""
    route = route_of(body).split(":")[0]
    if route == "extract":
        return good_restatements(body)
    if route == "reconcile":
        return good_reconciliation(body)
    if route == "repair":
        return good_fixes(body)
    return {}


def good_completion(body: dict[str, Any]) -> dict[str, Any]:
    """The chat completion a cooperative model sends: the judge's Yes, or the good structured answer."""
    if is_judge(body):
        return judge_completion(body, JUDGE_YES)
    return completion(body, json.dumps(good_answer(body)))


def synthesized(body: dict[str, Any]) -> Reply:
    """The default answerer: a good answer built from the request, as a chat completion."""
    out = good_completion(body)
    return Reply(json.dumps(out).encode(), int(out["usage"]["completion_tokens"]))


def judge_completion(body: dict[str, Any], p_yes: float) -> dict[str, Any]:
    """One token, Yes or No, with Yes and No among its top log-probabilities at P(Yes) = `p_yes`."""
    tiny = 1e-9
    alternatives = [
        {"token": "Yes", "logprob": math.log(max(p_yes, tiny)), "bytes": list(b"Yes")},
        {"token": "No", "logprob": math.log(max(1 - p_yes, tiny)), "bytes": list(b"No")},
    ]
    first = alternatives[0] if p_yes >= 0.5 else alternatives[1]
    # One token asked, one given: a server stopped by max_tokens says "length", as OpenAI's does.
    out = completion(body, str(first["token"]), finish_reason="length")
    out["choices"][0]["logprobs"] = {"content": [{**first, "top_logprobs": alternatives}]}
    return out


def completion(body: dict[str, Any], content: str, *, finish_reason: str = "stop") -> dict[str, Any]:
    """A chat.completion carrying `content` (a tool call when the request forces one), with usage."""
    prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in body.get("messages") or [])
    completion_tokens = max(1, len(content.split()))
    message: dict[str, Any] = {"role": "assistant", "content": content}
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "function":
        # Tools mode: the answer is the forced function's arguments, as OpenAI sends it.
        name = choice["function"]["name"]
        call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": content}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {
        "id": f"chatcmpl-loopback-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test"),
        "system_fingerprint": "loopback",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
