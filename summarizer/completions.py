"""Chat completions read, and calls' failures worded, with no client: what llm.py needs that needs no openai.

Everything here takes plain values (a completion is read by its attributes, never by its type), so the
client module stays the only one that imports openai or instructor.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from summarizer.errors import BackendError
from summarizer.models import Call


class SchemaFailure(BackendError):
    """Every attempt answered, but no answer passed validation; the last answer's JSON is kept."""

    def __init__(self, message: str, *, attempts: int, last_response: str | None, call: Call) -> None:
        super().__init__(message, attempts=attempts, last_response=last_response)
        self.call = call


class CallFailure(BackendError):
    """The call itself failed (server, network, truncation); carries the usage spent before it did."""

    def __init__(self, message: str, *, attempts: int | None, last_response: str | None, call: Call) -> None:
        super().__init__(message, attempts=attempts, last_response=last_response)
        self.call = call


def field_error(error: Any) -> str:
    """One validation error as 'claims.2.quote: Field required': which field, then why."""
    message = str(error["msg"]).removeprefix("Value error, ")
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {message}" if where else message


_BRACE = re.compile(r"[{}]")


def literal(text: str) -> str:
    """`text` written so that a Jinja rendering gives it back unchanged: every brace as an expression."""
    return _BRACE.sub(lambda m: "{{ '" + m.group() + "' }}", text)


def p_yes_in(completion: Any) -> float | None:
    """P(Yes) / (P(Yes) + P(No)) over the first token's alternatives, else read from the token itself."""
    try:
        choice = completion.choices[0]
        answer = str(choice.message.content or "").strip().lower()
        first = choice.logprobs.content[0] if choice.logprobs and choice.logprobs.content else None
    except (AttributeError, IndexError, TypeError):
        return None
    if first is not None and first.top_logprobs:
        mass = {"yes": 0.0, "no": 0.0}
        for alt in first.top_logprobs:
            word = str(alt.token).strip().lower()
            if word in mass:
                mass[word] += math.exp(alt.logprob)
        total = mass["yes"] + mass["no"]
        if total > 0:
            return mass["yes"] / total
    return {"yes": 1.0, "no": 0.0}.get(answer)


def is_cassette_miss(e: BaseException) -> bool:
    """Whether `e` is a replay's request that its cassette never recorded."""
    # vcrpy raises this from inside the HTTP transport when a replayed request has no recording;
    # named rather than imported so this module stays free of test machinery.
    return type(e).__name__ == "CannotOverwriteExistingCassetteException"


def not_a_completion(completion: Any) -> str | None:
    """Why an answer that failed to parse is the server's fault (no chat completion at all), if it is."""
    if completion is None:
        return None
    if isinstance(completion, str | bytes):
        text = completion.decode("utf-8", "replace") if isinstance(completion, bytes) else completion
        return f"answered with something that is not a chat completion: {first_line([text])}"
    if not hasattr(completion, "choices"):
        return f"answered with something that is not a chat completion ({type(completion).__name__})"
    if not completion.choices:
        return "answered a chat completion with no choices (empty `choices`)"
    return None


def first_line(texts: list[str]) -> str:
    """The first text's first line, at most 300 characters ("no detail" when there is none)."""
    text = texts[0] if texts else "no detail"
    line = text.strip().splitlines()[0] if text.strip() else "no detail"
    return line if len(line) <= 300 else line[:299] + "…"


def raw_text(completion: Any) -> str | None:
    """The raw JSON text of a chat completion, from its message content or its first tool call."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if getattr(message, "tool_calls", None):
        return str(message.tool_calls[0].function.arguments)
    content = getattr(message, "content", None)
    return str(content) if content is not None else None


# The provider's Batch API: where its lines go, and the states in which a batch has ended.
BATCH_ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
BATCH_DONE = frozenset({"completed", "failed", "expired", "cancelled"})


def plain(value: Any) -> Any:
    """A Pydantic object in a request body as JSON data (`json.dumps`'s default)."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    raise TypeError(f"{type(value).__name__} in a request body")
