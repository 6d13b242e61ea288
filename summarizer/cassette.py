"""Record a run's model traffic to a vcrpy cassette, or replay one offline: the audit trail of a run."""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import vcr
import yaml
from vcr.util import read_body

from summarizer import cache
from summarizer.errors import CassetteError
from summarizer.redact import scrub

# Credentials and per-account identifiers never reach a cassette, in either direction.
SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
)


def _scrub_body(body: Any, secrets: Sequence[str]) -> Any:
    if isinstance(body, bytes):
        return scrub(body.decode("utf-8", "replace"), secrets).encode("utf-8")
    if isinstance(body, str):
        return scrub(body, secrets)
    return body


def _response_scrubber(secrets: Sequence[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
        headers = response.get("headers") or {}
        for name in list(headers):
            if name.lower() in SECRET_HEADERS:
                del headers[name]
        # A server that echoes the key in an error body would otherwise write it to the cassette.
        body = response.get("body")
        if isinstance(body, dict) and "string" in body:
            body["string"] = _scrub_body(body["string"], secrets)
        return response

    return scrub_response


def _request_scrubber(secrets: Sequence[str]) -> Callable[[Any], Any]:
    def scrub_request(request: Any) -> Any:
        if request.body:
            request.body = _scrub_body(request.body, secrets)
        return request

    return scrub_request


def config(secrets: Sequence[str] = ()) -> dict[str, Any]:
    """The vcrpy settings every cassette here is written and read with (tests use the same)."""
    return {
        # Match on what was asked, never on headers: the SDK's x-stainless-* headers differ per machine.
        "match_on": ["method", "path", "body"],
        "filter_headers": list(SECRET_HEADERS),
        "before_record_request": _request_scrubber(secrets),
        "before_record_response": _response_scrubber(secrets),
        "decode_compressed_response": True,
    }


@functools.lru_cache(maxsize=4096)
def _parsed(body: bytes) -> object:
    """A request body as JSON, read once however often it is compared; the bytes if it is not JSON."""
    try:
        return json.loads(body)
    except (TypeError, ValueError):  # no body, or not JSON
        return body


def _same_body(r1: Any, r2: Any) -> None:
    """vcrpy's body matcher, without its cost: equal bytes match at once, else equal JSON does.

    vcrpy parses both bodies and writes a diff for every recorded request a request does not match:
    replaying a file of hundreds of judge questions spent a minute in difflib.
    """
    b1, b2 = read_body(r1), read_body(r2)
    if b1 != b2 and _parsed(b1) != _parsed(b2):
        raise AssertionError("the request bodies differ")


@contextmanager
def use(path: str | Path, *, record: bool | Literal["update"], secrets: Sequence[str] = ()) -> Iterator[None]:
    """Record model traffic to `path` (replacing it), or replay it with no network; `secrets` never land.

    `record="update"` replays what the cassette holds and records only requests it lacks, then keeps
    just the interactions this run used: after a change that alters a few prompts, only those are asked
    of the model again. Every answer kept is still the model's own to exactly that request (greedy
    decoding answers an identical request identically).
    """
    path = Path(path)
    if record is True:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    elif not record and not path.is_file():
        raise CassetteError(f"{path}: no such cassette; record one with --record {path}")
    mode = "all" if record is True else "new_episodes" if record == "update" else "none"
    # A request asked twice in a run (one summary sentence in two rows of a file) is answered from its one
    # recording: the cassette maps a request to the model's answer, and an update keeps one copy of it.
    recorder = vcr.VCR(record_mode=mode, drop_unused_requests=record == "update", **config(secrets))
    recorder.register_matcher("body", _same_body)
    # A replay (or an update) is answered by its cassette, never by the answer cache.
    reading = contextlib.nullcontext() if record is True else cache.unread()
    with recorder.use_cassette(str(path), allow_playback_repeats=record is not True), reading:
        yield


def _asks(body: object, schema: str) -> bool:
    """Whether a recorded request asked for `schema`, by its response format's or its tool's name: a
    word of an article ("Restatements" in a story on accounts) is no such request."""
    try:
        data = json.loads(str(body))
        if "tools" in data:
            return any(t["function"]["name"] == schema for t in data["tools"])
        fmt = data.get("response_format") or {}
        if fmt.get("type") == "json_schema":
            return bool(fmt["json_schema"]["name"] == schema)
        # JSON mode names its schema only in the system message, where Instructor writes its title.
        return f'"title": "{schema}"' in str(data["messages"][0]["content"])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return False


def recorded_settings(path: str | Path) -> dict[str, str]:
    """The model and mode a cassette was recorded with, read from its first request; "repair" and
    "restate" are "on" when a request asked to repair, or to restate, a sentence ("off" when none did:
    a run with nothing to repair or restate asks none either way)."""
    if not Path(path).is_file():
        raise CassetteError(f"{path}: no such cassette; record one with --record {path}")
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        body = json.loads(data["interactions"][0]["request"]["body"])
    except (OSError, KeyError, IndexError, TypeError, ValueError, yaml.YAMLError) as e:
        raise CassetteError(f"{path}: not a cassette this tool recorded ({e.__class__.__name__})") from e
    if "tools" in body:
        mode = "tools"
    elif (
        isinstance(body.get("response_format"), dict) and body["response_format"].get("type") == "json_schema"
    ):
        mode = "json_schema"
    else:
        mode = "json"
    bodies = [i.get("request", {}).get("body") for i in data["interactions"]]

    def asked(schema: str) -> str:
        return "on" if any(_asks(b, schema) for b in bodies) else "off"

    return {
        "model": str(body.get("model", "")),
        "mode": mode,
        "repair": asked("SentenceFixes"),
        "restate": asked("Restatements"),
    }
