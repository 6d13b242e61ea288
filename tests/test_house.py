"""The house rules, checked on every source file of the package: no import cycle, one client module, one CLI
module, no module over 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """A file's dotted name: summarizer/lang/tokens.py is summarizer.lang.tokens; an __init__, its package."""
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package, subpackages' too, by dotted name."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module a file imports, at its top or inside a function (lazy imports count too).

    A relative import is resolved against the file's place in `root`'s package.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module
            if node.level:
                here = module_name(path, root).split(".")
                package = here if path.name == "__init__.py" else here[:-1]
                base = ".".join(package[: len(package) - (node.level - 1)])
                module = f"{base}.{module}" if module else base
            if module:
                found.add(module)
                found.update(f"{module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def package_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package's modules it imports, by dotted name, subpackages and their __init__ included.

    A module's own packages are left out: Python runs them before the module in any case, so an edge back
    to one is no cycle of the code's making.
    """
    found = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        parts = name.split(".")
        own = {".".join(parts[:i]) for i in range(1, len(parts))} | {name}
        # Importing a.b.c runs a and a.b first: a module depends on the packages above what it imports too.
        deps = {".".join(m.split(".")[:i]) for m in imports(path, root) for i in range(1, m.count(".") + 2)}
        graph[name] = (deps & found.keys()) - own
    return graph


def sources(root: Path = PACKAGE) -> dict[str, Path]:
    """Every source file of the package by its path in it (lang/tokens.py), subpackages' too."""
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.py"))}


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


def test_the_graph_holds_every_module_of_every_subpackage_by_dotted_name(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    for name, text in {
        "__init__.py": "from pkg.a import x\n",
        "a/__init__.py": "",
        "a/x.py": "def f():\n    from pkg.b.y import g\n",
        "b/__init__.py": "from . import y\n",
        "b/y.py": "from ..a import x\nfrom pkg import a\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    graph = package_graph(root)
    assert graph == {
        "pkg": {"pkg.a", "pkg.a.x"},
        "pkg.a": set(),
        "pkg.a.x": {"pkg.b", "pkg.b.y"},
        "pkg.b": {"pkg.b.y"},
        "pkg.b.y": {"pkg.a", "pkg.a.x"},
    }
    assert cycle(graph) == ["pkg.a.x", "pkg.b", "pkg.b.y", "pkg.a.x"]


def test_only_the_client_module_imports_openai_or_instructor() -> None:
    users = {
        name
        for name, p in sources().items()
        if any(m.split(".")[0] in {"openai", "instructor"} for m in imports(p))
    }
    assert users == {"llm.py"}


def test_only_the_cli_module_imports_typer() -> None:
    users = {name for name, p in sources().items() if any(m.split(".")[0] == "typer" for m in imports(p))}
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


# A module does one job, and one that outgrows this has more than one. The HTML report's templates are files
# (summarizer/templates/), so html.py is held to it like any other.
MAX_LINES = 500


def test_no_module_is_over_500_lines() -> None:
    sizes = {name: len(p.read_text(encoding="utf-8").splitlines()) for name, p in sources().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
