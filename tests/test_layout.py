"""The package's shape: no import circle (lazy imports included), nothing test-only shipped."""

from __future__ import annotations

import ast
from pathlib import Path

AGENT = Path(__file__).resolve().parent.parent / "agent"


def _modules() -> dict[str, Path]:
    mods = {}
    for path in AGENT.rglob("*.py"):
        parts = path.relative_to(AGENT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = path
    return mods


def _imports(tree: ast.AST, known: dict[str, Path]) -> set[str]:
    """Every agent module a module imports, at top level or inside a function (imports
    under `if TYPE_CHECKING:` run only for the type checker and are left out)."""
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                self.generic_visit(node)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.module and node.module.split(".")[0] == "agent":
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in known else node.module)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(a.name for a in node.names if a.name.split(".")[0] == "agent")

    Visitor().visit(tree)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return cycles


def test_no_import_circle() -> None:
    mods = _modules()
    graph = {
        name: {m for m in _imports(ast.parse(path.read_text()), mods) if m in mods and m != name}
        for name, path in mods.items()
    }
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]


def test_nothing_test_only_ships_in_the_package() -> None:
    for path in AGENT.rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {
            a.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for a in (
                node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
            )
        }
        assert not names & {"pytest", "hypothesis", "playwright", "tests"}, path


def test_the_turn_has_one_package_per_step() -> None:
    for step in ("read", "decide", "ground", "speak", "record"):
        init = AGENT / step / "__init__.py"
        assert init.is_file(), step
        assert ast.get_docstring(ast.parse(init.read_text())), f"{step} says what it is"
