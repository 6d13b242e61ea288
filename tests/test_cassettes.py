"""Every cassette is evidence: no credentials in it, and it was recorded from a local server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import CASSETTES

ALL = sorted(CASSETTES.rglob("*.yaml"))
SECRET_HEADERS = {"authorization", "openai-organization", "openai-project", "cookie", "set-cookie", "api-key"}
KEY_SHAPED = re.compile(r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+[A-Za-z0-9._-]{8,}", re.IGNORECASE)


def test_there_are_cassettes() -> None:
    assert ALL, f"no cassettes under {CASSETTES}"


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_cassette_carries_no_credentials(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not KEY_SHAPED.search(text)
    data = yaml.safe_load(text)
    for interaction in data["interactions"]:
        for side in ("request", "response"):
            headers = {h.lower() for h in (interaction[side].get("headers") or {})}
            assert not headers & SECRET_HEADERS, f"{side} headers {headers & SECRET_HEADERS} in {path.name}"
        assert interaction["request"]["uri"].startswith(("http://127.0.0.1", "http://localhost"))


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_rendered_reports_carry_nothing_key_shaped(fmt: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    from .conftest import SEEDS, SEEDS_CASSETTE

    out = tmp_path / f"r.{fmt}"
    result = CliRunner().invoke(
        app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE), "-f", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0
    assert not KEY_SHAPED.search(out.read_text()) and not KEY_SHAPED.search(result.output)
