"""An in-process scripted model: chat completions answered by a function or a list, with no server.

Like pydantic-ai's `FunctionModel` and simonw/llm's `MockModel`. The code under test talks to it through
the real `openai` client and Instructor (an `httpx2.MockTransport` stands in for the network), so every
validator, re-ask and failure path runs exactly as it does against a server, with answers the test picks.
Cassettes remain the proof that the real model's traffic works; this is for the logic.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx2
from pydantic import BaseModel

from summarizer.config import LOCAL_DEFAULT_MODEL, SERVER, Mode, Settings
from summarizer.llm import ModelClient


@dataclass(frozen=True)
class Reply:
    """A raw HTTP answer, for faults: a status and a body (a dict is sent as JSON, text as it is)."""

    status: int = 200
    body: dict[str, Any] | str = ""


@dataclass
class Request:
    """One chat-completion request as the model received it."""

    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages, in order."""
        return list(self.body.get("messages", []))

    @property
    def schema(self) -> str | None:
        """The name of the answer schema asked for (e.g. 'ArticleClaims'), where the request names one."""
        fmt = self.body.get("response_format")
        if isinstance(fmt, dict) and isinstance(fmt.get("json_schema"), dict):
            return str(fmt["json_schema"].get("name"))
        tools = self.body.get("tools")
        if tools:
            return str(tools[0]["function"]["name"])
        return None

    @property
    def last(self) -> str:
        """The text of the last message: the question (or re-ask) being answered."""
        return str(self.messages[-1].get("content") or "") if self.messages else ""


# A float answers a one-token judge request: it is P(Yes), sent as the token's log-probabilities.
Answer = str | float | dict[str, Any] | BaseModel | Reply | Exception
Script = Callable[[Request], Answer] | Sequence[Answer]


@dataclass
class ScriptedModel:
    """Answers each request with `script(request)`, or the next item of a list; records every request."""

    script: Script
    requests: list[Request] = field(default_factory=list)

    def answer(self, request: Request) -> Answer:
        """The scripted answer to one request; a list that runs out is a test error, said plainly."""
        self.requests.append(request)
        if callable(self.script):
            return self.script(request)
        n = len(self.requests)
        if n > len(self.script):
            raise AssertionError(f"the scripted model got request {n} but has {len(self.script)} answers")
        return self.script[n - 1]

    def transport(self) -> httpx2.MockTransport:
        """An HTTP transport that answers chat completions in process."""
        return httpx2.MockTransport(self._handle)

    def settings(self, mode: Mode = "json_schema", **changes: Any) -> Settings:
        """Settings for a run against this model (no retries at the HTTP level: faults are the test's)."""
        base = Settings(
            model=LOCAL_DEFAULT_MODEL,
            base_url="http://scripted.invalid/v1",
            api_key="sk-scripted",
            mode=mode,
            backend=SERVER,
            client_retries=0,
            cache=False,
        )
        return base.with_(**changes)

    def client(self, settings: Settings | None = None) -> ModelClient:
        """A `ModelClient` whose calls this model answers."""
        return ModelClient(settings or self.settings(), transport=self.transport())

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content or b"{}")
        answer = self.answer(Request(body))
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, Reply):
            if isinstance(answer.body, dict):
                return httpx2.Response(answer.status, json=answer.body)
            return httpx2.Response(answer.status, text=answer.body)
        if isinstance(answer, float):
            return httpx2.Response(200, json=yes_no(body, answer, n=len(self.requests)))
        if isinstance(answer, BaseModel):
            text = answer.model_dump_json()
        elif isinstance(answer, dict):
            text = json.dumps(answer)
        else:
            text = answer
        return httpx2.Response(200, json=completion(body, text, n=len(self.requests)))


def completion(body: dict[str, Any], text: str, *, n: int = 1) -> dict[str, Any]:
    """A chat completion carrying `text`, as a tool call when the request asked for tools."""
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        call = {"id": f"call_{n}", "type": "function", "function": {"name": name, "arguments": text}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    prompt = sum(len(str(m.get("content") or "").split()) for m in body.get("messages", []))
    output = len(text.split())
    return {
        "id": f"scripted-{n}",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": output, "total_tokens": prompt + output},
    }


def yes_no(body: dict[str, Any], p_yes: float, *, n: int = 1) -> dict[str, Any]:
    """A one-token completion answering Yes with probability `p_yes`, with its top log-probabilities."""
    tiny = 1e-9
    alternatives = [
        {"token": "Yes", "logprob": math.log(max(p_yes, tiny)), "bytes": None},
        {"token": "No", "logprob": math.log(max(1 - p_yes, tiny)), "bytes": None},
    ]
    first = alternatives[0] if p_yes >= 0.5 else alternatives[1]
    out = completion(body, str(first["token"]), n=n)
    out["choices"][0]["logprobs"] = {"content": [{**first, "top_logprobs": alternatives}]}
    out["usage"]["completion_tokens"] = 1
    return out
