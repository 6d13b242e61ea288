"""A batch's index: one entry per story with its counts and report links, as JSON and as an HTML page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from summarizer.batchrun import StoryResult, write_file

INDEX_JSON = "index.json"
INDEX_HTML = "index.html"


def index_data(results: Sequence[StoryResult], out_dir: Path, *, model: str | None) -> dict[str, Any]:
    """The index as plain data: one entry per story with its counts and report links (relative)."""
    stories = []
    for r in results:
        entry = asdict(r)
        entry["report_path"] = _rel(r.report_path, out_dir)
        entry["paths"] = {fmt: _rel(p, out_dir) for fmt, p in r.paths.items()}
        stories.append(entry)
    totals = {
        "stories": len(results),
        **{
            status: sum(r.status == status for r in results)
            for status in ("ok", "partial", "failed", "skipped")
        },
        "conflicts": sum(r.conflicts for r in results),
        "single_source": sum(r.single_source for r in results),
        "failed_checks": sum(r.failed_checks for r in results),
    }
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": model,
        "totals": totals,
        "stories": stories,
    }


def write_index(results: Sequence[StoryResult], out_dir: Path, *, model: str | None) -> tuple[Path, Path]:
    """Write index.json and index.html (self-contained, autoescaped) into `out_dir`."""
    data = index_data(results, out_dir, model=model)
    json_path, html_path = out_dir / INDEX_JSON, out_dir / INDEX_HTML
    write_file(json_path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    write_file(html_path, _templates().get_template("index.html.j2").render(**data))
    return json_path, html_path


def _rel(path: Path | None, out_dir: Path) -> str | None:
    if path is None:
        return None
    try:
        return path.relative_to(out_dir).as_posix()
    except ValueError:
        return str(path)


def _templates() -> jinja2.Environment:
    # HTML autoescaped: story ids and error lines come from user files and servers.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
