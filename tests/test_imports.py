"""The package's modules import one another without cycles: a cycle among
module-level imports breaks depending on which module is imported first, and one
through imports deferred into functions hides a design that goes both ways."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# Deferred imports of a module that builds on the importing one, on purpose (each
# marked "it builds on this module" where it is made). No others may appear.
KNOWN_DEFERRED = {
    frozenset({"pipeline.normalize.carried", "pipeline.normalize.money"}),
    frozenset({"pipeline.claims.consistency", "pipeline.claims.crosscheck"}),
}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(name: str, path: Path, known: dict[str, Path], deferred: bool) -> set[str]:
    """The package modules that `name` imports: at module level (in the module body
    and its if/try blocks, not under TYPE_CHECKING), or anywhere with `deferred`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(nodes: list[ast.stmt] | list[ast.AST]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in known)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([node.module] if node.module else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if sub in known else base)
            elif not deferred and isinstance(node, ast.If) and not _is_type_checking(node):
                visit(node.body)
                visit(node.orelse)
            elif not deferred and isinstance(node, ast.Try):
                visit(node.body)
                visit(node.orelse)
                visit(node.finalbody)
                for handler in node.handlers:
                    visit(handler.body)

    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    visit(list(ast.walk(tree)) if deferred else tree.body)
    return {m for m in found if m in known and m != name}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def graph(deferred: bool) -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known, deferred) for name, path in known.items()}


def test_module_level_imports_have_no_cycle() -> None:
    assert cycles(graph(deferred=False)) == []


def test_deferred_imports_add_no_cycle_but_the_known_ones() -> None:
    assert set(cycles(graph(deferred=True))) <= KNOWN_DEFERRED


def test_engines_know_nothing_of_the_batch_run() -> None:
    g = graph(deferred=True)
    assert "pipeline.jobs" in g and "pipeline.engines" in g["pipeline.jobs"]
    assert "pipeline.jobs" not in g["pipeline.engines"]


def test_the_walk_sees_a_cycle(tmp_path: Path) -> None:
    """The check can fail: two modules importing each other are found."""
    (tmp_path / "a.py").write_text("from pipeline import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    import pipeline.a\n", encoding="utf-8")
    known = {"pipeline.a": tmp_path / "a.py", "pipeline.b": tmp_path / "b.py"}
    shallow = {n: imports(n, p, known, deferred=False) for n, p in known.items()}
    deep = {n: imports(n, p, known, deferred=True) for n, p in known.items()}
    assert cycles(shallow) == []
    assert cycles(deep) == [frozenset(known)]
