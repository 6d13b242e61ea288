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


def imported_from(path: Path, module: str) -> set[str]:
    """The names a file imports from `module` ("*" for the module itself), at its top or in a function."""
    parent, _, leaf = module.rpartition(".")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == module:
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == parent:
            found.update("*" for a in node.names if a.name == leaf)
        elif isinstance(node, ast.Import):
            found.update("*" for a in node.names if a.name == module)
    return found


def test_check_batch_and_the_cli_get_their_client_from_the_runtime_not_the_pipeline() -> None:
    # The CLI and batch run the pipeline, so they import its entry point; nothing else comes from it.
    allowed = {
        "check.py": set(),
        "batch.py": set(),
        "batchrun.py": {"asummarize"},
        "cli.py": set(),
        "commands.py": {"summarize"},
    }
    for name, names in allowed.items():
        assert imported_from(PACKAGE / name, "summarizer.pipeline") <= names, name


def test_imported_from_sees_every_form_of_import(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("from a.b import c, d\ndef f():\n    from a import b\nimport a.b\n")
    assert imported_from(source, "a.b") == {"c", "d", "*"}
