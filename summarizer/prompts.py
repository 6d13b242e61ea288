"""Prompt templates: Jinja2 files from prompts/, rendered strictly so a missing variable raises."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2


def prompts_dir() -> Path:
    """Where the templates are: inside the installed package, or prompts/ at the top of a source checkout."""
    packaged = Path(__file__).parent / "_prompts"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "prompts"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir()),
        auto_reload=False,  # shipped files: no stat() of the template on every render
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # prompts are plain text for a model, not HTML
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_names() -> list[str]:
    """Every template shipped with the package."""
    return sorted(p.name for p in prompts_dir().glob("*.j2"))


def render(name: str, **variables: Any) -> str:
    """Render one template; an undefined variable raises jinja2.UndefinedError."""
    return _environment().get_template(name).render(**variables).strip()
