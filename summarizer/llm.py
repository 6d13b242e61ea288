"""The one module that knows `openai` and `instructor`: the client, the mode, and one structured call."""

from __future__ import annotations

import asyncio
import copy
import functools
import json
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import BaseModel, ValidationError

from summarizer.cache import CallCache
from summarizer.completions import (
    BATCH_DONE,
    BATCH_ENDPOINT,
    field_error,
    first_line,
    is_cassette_miss,
    literal,
    not_a_completion,
    p_yes_in,
    plain,
    raw_text,
)
from summarizer.completions import CallFailure as CallFailure  # re-exported: callers catch them here
from summarizer.completions import SchemaFailure as SchemaFailure
from summarizer.config import Settings
from summarizer.errors import BackendError, CassetteError, SummarizerError
from summarizer.models import Call
from summarizer.transport import AnswerTransport, Ledger, current, scrub
from summarizer.transport import body_key as body_key  # re-exported: batch lines share live keys

T = TypeVar("T", bound=BaseModel)

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
}


class _TooLarge(openai.APIError):
    """An answer over the size limit, refused unread; an OpenAIError, so the client does not retry it."""

    def __init__(self, message: str, request: httpx2.Request) -> None:
        super().__init__(message, request, body=None)


@dataclass
class _Tally(Ledger):
    """What one logical call spent, gathered from Instructor's hooks across its re-asks."""

    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    errors: list[str] = field(default_factory=list)
    last_text: str | None = None

    def on_response(self, response: Any) -> None:
        self.attempts += 1
        self.last_text = raw_text(response)
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += getattr(usage, "prompt_tokens", 0) or 0
            self.completion_tokens += getattr(usage, "completion_tokens", 0) or 0

    def hooks(self) -> Hooks:
        """Instructor hooks that report this call's attempts to the tally."""
        hooks = Hooks()
        hooks.on("completion:response", self.on_response)
        hooks.on("parse:error", self.on_parse_error)
        return hooks

    def on_parse_error(self, error: Exception, *args: Any, **kwargs: Any) -> None:
        # Pydantic's str() opens with "1 validation error for X"; the messages are what say why.
        if isinstance(error, ValidationError):
            self.errors.append("; ".join(field_error(e) for e in error.errors()))
        else:
            self.errors.append(str(error))


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS context (certifi, or SSL_CERT_FILE/SSL_CERT_DIR), made once: tens of ms each."""
    return httpx2.create_ssl_context()


def http_transport() -> httpx2.AsyncBaseTransport:
    """The network: openai's own connection limits, and one TLS context for the process."""
    return httpx2.AsyncHTTPTransport(verify=_tls(), limits=openai.DEFAULT_CONNECTION_LIMITS)


class ModelClient:
    """An async client for any OpenAI-compatible server, returning validated Pydantic objects."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        cache: CallCache | None = None,
    ) -> None:
        self.settings = settings
        self._cache = cache
        # A transport stands in for the network in process (scripted.ScriptedModel); None: the real one.
        # The openai client's own connection limits (httpx's default keeps 20 connections alive, and a
        # batch of stories has hundreds of calls out at once), and one TLS context for the process.
        inner = transport or http_transport()
        http_client = httpx2.AsyncClient(
            transport=AnswerTransport(
                inner,
                cache=cache,
                secret=settings.secret,
                limit=settings.max_answer_bytes,
                too_large=_TooLarge,
            ),
            timeout=settings.timeout,
        )
        self._openai = openai.AsyncOpenAI(
            api_key=settings.api_key,
            base_url=settings.base_url,
            max_retries=settings.client_retries,
            timeout=settings.timeout,
            http_client=http_client,
        )
        # One Instructor client for the run; each call brings its own hooks, so its tally counts only
        # its attempts (a wrapper per call cost a patch and a uuid4 per request: measurable in a batch).
        self._instructor = instructor.from_openai(self._openai, mode=_MODES[settings.mode])

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._openai.close()

    async def structured(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        context: dict[str, Any],
        stage: Literal["extract", "reconcile", "judge", "repair"],
        article_id: str | None = None,
        max_tokens: int,
        max_retries: int | None = None,
        model: str | None = None,
    ) -> tuple[T, Call, str | None]:
        """One validated answer, its call, and the answer's text exactly as the model wrote it.

        Re-asks on validation errors up to `max_retries` (default: settings). The text is what a
        follow-up turn should replay: a server caching the conversation's prefix then reads none of it.
        """
        tally = _Tally()
        current.set(tally)  # the caching transport notes this call's answers on it
        started = time.perf_counter()

        def call() -> Call:
            return Call(
                stage=stage,
                article_id=article_id,
                cached=tally.cached,
                attempts=max(tally.attempts, 1),
                prompt_tokens=tally.prompt_tokens,
                completion_tokens=tally.completion_tokens,
                seconds=round(time.perf_counter() - started, 3),
            )

        if context:
            # Instructor renders every message as a Jinja template when given a context: an article
            # holding "{{ 7*6 }}" would reach the model as "42". Article text is data, sent as written.
            messages = [{**m, "content": literal(m["content"])} for m in messages]
        valid = False
        try:
            value = await self._instructor.chat.completions.create(
                model=model or self.settings.model,
                messages=messages,  # type: ignore[arg-type]
                response_model=_prepared(response_model),
                context=context,
                hooks=tally.hooks(),
                max_retries=self.settings.max_retries if max_retries is None else max_retries,
                temperature=self.settings.temperature,
                seed=self.settings.seed,
                max_tokens=max_tokens,
            )
            valid = True
        except InstructorRetryException as e:
            cause = _root_cause(e)
            malformed = not_a_completion(e.last_completion) if e.failed_attempts and cause is None else None
            if malformed:
                # The server, not the model, failed: no re-ask can fix an answer that is not a completion.
                raise CallFailure(
                    _redact(f"the server at {self.settings.where} {malformed}", self.settings),
                    attempts=e.n_attempts,
                    last_response=None,
                    call=call(),
                ) from e
            if e.failed_attempts and cause is None:
                last = raw_text(e.last_completion)
                raise SchemaFailure(
                    _redact(
                        f"the model's answer failed validation {e.n_attempts} time(s): "
                        f"{first_line(tally.errors[-1:])}",
                        self.settings,
                    ),
                    attempts=e.n_attempts,
                    last_response=_redact(last, self.settings) if last is not None else None,
                    call=call(),
                ) from e
            raise _call_failure(cause or e, self.settings, tally, call()) from e
        except IncompleteOutputException as e:
            raise CallFailure(
                f"the model's answer was cut off at the {max_tokens}-token limit; "
                "the article may have too many facts for one call",
                attempts=tally.attempts,
                last_response=raw_text(getattr(e, "last_completion", None)),
                call=call(),
            ) from e
        except (openai.APIError, OSError) as e:
            raise _call_failure(e, self.settings, tally, call()) from e
        finally:
            # Only the answer Instructor accepted is kept; every answer it re-asked is dropped.
            tally.settle(self._cache, valid=valid)
        return value, call(), tally.last_text

    async def yes_probability(
        self,
        messages: list[dict[str, str]],
        *,
        stage: Literal["judge"],
        model: str | None = None,
    ) -> tuple[float | None, Call]:
        """The model's probability of answering Yes rather than No, from one token's log-probabilities.

        One token, no prose: a small model's first-token preference carries signal even when its
        sampled answer is nearly always "Yes". `logprobs`/`top_logprobs` are standard chat-completion
        parameters (OpenAI, vLLM, llama-server); a server that ignores them is judged by its one token.
        None when the answer is neither Yes nor No.
        """
        tally = _Tally()
        current.set(tally)
        started = time.perf_counter()
        try:
            # No schema, nothing to validate or re-ask: the raw completion is the answer, so Instructor
            # (whose wrapper would send this very body) is not in the way of the judge's many calls.
            completion = await self._openai.chat.completions.create(
                model=model or self.settings.model,
                messages=messages,  # type: ignore[arg-type]
                temperature=self.settings.temperature,
                seed=self.settings.seed,
                max_tokens=1,
                logprobs=True,
                top_logprobs=5,
            )
        except (openai.APIError, OSError) as e:
            tally.settle(self._cache, valid=False)
            raise _call_failure(e, self.settings, tally, _spent(stage, tally, started)) from e
        tally.on_response(completion)
        p_yes = p_yes_in(completion)
        # A token that is neither Yes nor No is no answer: kept, it would be read again, and again fail.
        tally.settle(self._cache, valid=p_yes is not None)
        return p_yes, _spent(stage, tally, started)


# Instructor wraps the response model in a new class, and pydantic builds that class's JSON Schema, on
# every call: a few milliseconds of CPU each, most of the client's own time in a batch of many stories.
# Both depend on the class alone, so they are made once per class; the request sent is the same
# (the replayed cassettes, matched on the body, show it).
_PREPARED: dict[type[BaseModel], type[BaseModel]] = {}


def _prepared(model: type[T]) -> type[T]:
    """`model` as Instructor would wrap it, made once, its default JSON Schema built once."""
    wrapped = _PREPARED.get(model)
    if wrapped is None:
        wrapped = instructor.openai_schema(model)
        built = wrapped.model_json_schema()
        default = wrapped.model_json_schema

        def model_json_schema(*args: Any, **kwargs: Any) -> dict[str, Any]:
            # A copy: a caller may edit the schema it is given (strict modes add keys).
            return copy.deepcopy(built) if not args and not kwargs else default(*args, **kwargs)

        wrapped.model_json_schema = staticmethod(model_json_schema)  # type: ignore[method-assign,assignment]
        _PREPARED[model] = wrapped
    return wrapped  # type: ignore[return-value]


def _spent(stage: Literal["extract", "reconcile", "judge", "repair"], tally: _Tally, started: float) -> Call:
    return Call(
        stage=stage,
        attempts=max(tally.attempts, 1),
        cached=tally.cached,
        prompt_tokens=tally.prompt_tokens,
        completion_tokens=tally.completion_tokens,
        seconds=round(time.perf_counter() - started, 3),
    )


def _root_cause(e: BaseException) -> BaseException | None:
    """The transport or server error beneath Instructor's wrapper, if the failure was not a validation one."""
    seen: set[int] = set()
    cur: BaseException | None = e.__cause__
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, openai.APIError | OSError) or is_cassette_miss(cur):
            return cur
        cur = cur.__cause__ or cur.__context__
    return None


def _call_failure(e: BaseException, settings: Settings, tally: _Tally, call: Call) -> SummarizerError:
    where = settings.where
    chain = [e]
    cur = e.__cause__ or e.__context__
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    if any(is_cassette_miss(c) for c in chain):
        return CassetteError(
            "the cassette has no recorded response for this request (the prompt, model or settings changed); "
            "re-record it: bash scripts/record.sh (or --record against a live server)"
        )
    if isinstance(e, _TooLarge):
        message = f"{e.message} (from {where})"
    elif isinstance(e, openai.APIStatusError):
        message = f"the server at {where} answered HTTP {e.status_code}: {first_line([_status_text(e)])}"
    elif isinstance(e, openai.APITimeoutError):
        message = f"the server at {where} did not answer within {settings.timeout:g} s"
    elif isinstance(e, openai.APIConnectionError):
        message = f"could not reach the server at {where}: {first_line([str(e.__cause__ or e)])}"
    elif bad_json := next((c for c in chain if isinstance(c, json.JSONDecodeError)), None):
        # The client could not decode the HTTP body itself: a server fault, not the model's answer.
        message = (
            f"the server at {where} answered with a body that is not valid JSON "
            f"({bad_json.msg}, char {bad_json.pos}): {first_line([bad_json.doc])}"
        )
    else:
        message = f"the call to {where} failed: {first_line([str(e)])}"
    # Some servers and proxies repeat the key they were sent in their error message.
    return CallFailure(
        _redact(message, settings), attempts=tally.attempts or None, last_response=None, call=call
    )


def _redact(text: str, settings: Settings) -> str:
    """`text` with the API key and key-shaped strings blanked out, should a server have echoed them."""
    return scrub(text, settings.secret)


def _status_text(e: openai.APIStatusError) -> str:
    body = e.body
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])
    return e.message


# --- the provider's Batch API: the same requests, sent as one file at half the price -------------------


def request_kwargs(
    response_model: type[BaseModel],
    messages: list[dict[str, str]],
    settings: Settings,
    max_tokens: int,
    *,
    context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The chat-completion body Instructor sends for this call's first ask, as JSON.

    Built as `structured` builds it (its messages escaped where a context is given), so a batch line's
    cache key is the live call's key.
    """
    from instructor.processing import handle_response_model
    from instructor.v2.core.templating import handle_templating  # type: ignore[attr-defined]

    if context:
        messages = [{**m, "content": literal(m["content"])} for m in messages]
    _, kwargs = handle_response_model(
        response_model,
        mode=_MODES[settings.mode],
        model=settings.model,
        messages=messages,
        temperature=settings.temperature,
        seed=settings.seed,
        max_tokens=max_tokens,
    )
    # Instructor renders the messages once more on the way out (json mode strips what it appends).
    kwargs = handle_templating(kwargs, _MODES[settings.mode], context=context)
    # Round-trip through JSON: the body as it goes over the wire, with no Pydantic objects left in it.
    return dict(json.loads(json.dumps(kwargs, default=plain)))


def _batch_client(settings: Settings) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(
        api_key=settings.api_key, base_url=settings.base_url, max_retries=settings.client_retries
    )


async def submit_batch(settings: Settings, jsonl: bytes, *, metadata: dict[str, str] | None = None) -> str:
    """Upload the JSONL input file and create the batch; its id."""
    client = _batch_client(settings)
    try:
        uploaded = await client.files.create(file=("requests.jsonl", jsonl), purpose="batch")
        batch = await client.batches.create(
            input_file_id=uploaded.id,
            endpoint=BATCH_ENDPOINT,
            completion_window="24h",
            metadata=metadata,
        )
    except openai.APIError as e:
        raise BackendError(
            f"the batch could not be sent to {settings.where}: {_batch_line(e, settings)}"
        ) from None
    finally:
        await client.close()
    return str(batch.id)


async def wait_for_batch(
    settings: Settings,
    batch_id: str,
    *,
    poll_seconds: float,
    timeout: float,
    progress: Callable[[str], None],
) -> tuple[str, str | None, str | None]:
    """Poll until the batch ends; (status, output file text, error file text)."""
    client = _batch_client(settings)
    deadline = time.monotonic() + timeout
    try:
        while True:
            batch = await client.batches.retrieve(batch_id)
            counts = batch.request_counts
            done = f"{counts.completed + counts.failed}/{counts.total}" if counts else "?"
            progress(f"batch {batch_id}: {batch.status} ({done})")
            if batch.status in BATCH_DONE:
                break
            if time.monotonic() >= deadline:
                raise BackendError(
                    f"batch {batch_id} is still {batch.status} after {timeout:g} s; "
                    "collect it later with its id, nothing is lost"
                )
            await asyncio.sleep(poll_seconds)
        output = (await client.files.content(batch.output_file_id)).text if batch.output_file_id else None
        errors = (await client.files.content(batch.error_file_id)).text if batch.error_file_id else None
    except openai.APIError as e:
        raise BackendError(f"batch {batch_id} at {settings.where}: {_batch_line(e, settings)}") from None
    finally:
        await client.close()
    return str(batch.status), output, errors


def _batch_line(e: Exception, settings: Settings) -> str:
    text = str(e).strip()
    return _redact(text.splitlines()[0][:300] if text else type(e).__name__, settings)
