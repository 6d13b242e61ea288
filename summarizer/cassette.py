"""Record a run's model traffic to a vcrpy cassette, or replay one offline: the audit trail of a run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import vcr
import yaml

from summarizer.errors import CassetteError

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


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


def config() -> dict[str, Any]:
    """The vcrpy settings every cassette here is written and read with (tests use the same)."""
    return {
        # Match on what was asked, never on headers: the SDK's x-stainless-* headers differ per machine.
        "match_on": ["method", "path", "body"],
        "filter_headers": list(SECRET_HEADERS),
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
    }


@contextmanager
def use(path: str | Path, *, record: bool) -> Iterator[None]:
    """Record model traffic to `path` (replacing it), or replay it with no network."""
    path = Path(path)
    if record:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    elif not path.is_file():
        raise CassetteError(f"{path}: no such cassette; record one with --record {path}")
    recorder = vcr.VCR(record_mode="all" if record else "none", **config())
    with recorder.use_cassette(str(path)):
        yield


def recorded_settings(path: str | Path) -> dict[str, str]:
    """The model and mode a cassette was recorded with, read from its first request."""
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
    return {"model": str(body.get("model", "")), "mode": mode}
