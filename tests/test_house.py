"""The house rules, checked on the source: no import cycle, one client module, one CLI module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"


def imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def package_graph() -> dict[str, set[str]]:
    """summarizer module → the summarizer modules it imports."""
    names = {p.stem for p in PACKAGE.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.glob("*.py"):
        deps = {m.split(".")[1] for m in imports(path) if m.startswith("summarizer.")}
        graph[path.stem] = (deps & names) - {path.stem}
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, if there is any."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for dep in sorted(graph.get(node, ())):
            if (found := visit(dep, [*path, node])) is not None:
                return found
        done.add(node)
        return None

    for start in sorted(graph):
        if (found := visit(start, [])) is not None:
            return found
    return None


def test_no_import_cycle_in_the_package() -> None:
    assert cycle(package_graph()) is None


def test_the_cycle_finder_finds_one() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_only_the_client_module_imports_openai_or_instructor() -> None:
    users = {
        p.name
        for p in PACKAGE.glob("*.py")
        if any(m.split(".")[0] in {"openai", "instructor"} for m in imports(p))
    }
    assert users == {"llm.py"}


def test_only_the_cli_module_imports_typer() -> None:
    users = {p.name for p in PACKAGE.glob("*.py") if any(m.split(".")[0] == "typer" for m in imports(p))}
    assert users == {"cli.py"}
