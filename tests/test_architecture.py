"""The shape of the package: no import cycle between its modules, and the lower layers never reach up.

Every module of ``pmarklint/`` is parsed (not imported); every import counts, at module level or inside a
function (a function-level import is a cycle that waits for the first call)."""

from __future__ import annotations

import ast
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pmarklint"

# Layers that everything else builds on: they never import the layers that use them.
LOWER = ("pmarklint.documents", "pmarklint.git", "pmarklint.errors", "pmarklint.findings", "pmarklint.dates")
LOWER += ("pmarklint.resources", "pmarklint.i18n", "pmarklint.progress", "pmarklint.evidence", "pmarklint.forked")
UPPER = ("cli", "check", "rules", "trail", "reports", "reporters", "tables")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _package_of(name: str) -> str:
    """The package a module's relative imports start from."""
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str) -> dict[str, set[str]]:
    """What module ``name`` imports: every name imported (intra-package modules and third-party top-level
    names alike) → the line numbers."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"), str(MODULES[name]))
    found: dict[str, set[str]] = {}

    def add(target: str, line: int) -> None:
        found.setdefault(target, set()).add(str(line))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name).split(".")
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                add(submodule if submodule in MODULES else source, node.lineno)
    return found


IMPORTS = {name: _imports(name) for name in MODULES}


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, imported in IMPORTS.items():
        targets = set()
        for target in imported:
            # ``import pmarklint.a.b`` runs pmarklint.a too; the package itself (pmarklint) is only metadata
            while target not in MODULES and "." in target:
                target = target.rpartition(".")[0]
            if target in MODULES and target != name and target != "pmarklint":
                targets.add(target)
        graph[name] = targets
    return graph


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                out.append(sorted(component))
    return out


def _cycle(graph: dict[str, set[str]], members: list[str]) -> list[str]:
    """One cycle through the component's first module, for the message."""
    inside = set(members)
    start = members[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & inside):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return members  # pragma: no cover - a component always has a cycle through each member


def _where(source: str, target: str) -> str:
    lines = sorted({line for name, found in IMPORTS[source].items() if name.startswith(target) for line in found})
    return f"{MODULES[source].relative_to(PACKAGE.parent)}:{','.join(lines)}"


def test_the_graph_sees_function_level_and_submodule_imports() -> None:
    graph = _graph()
    assert "pmarklint.rules.context" in graph["pmarklint.check.engine"]
    assert "pmarklint.documents.schema" in graph["pmarklint.check.engine"]  # imported inside a function
    assert "pmarklint.rules.approvals" in graph["pmarklint.rules"]  # from pmarklint.rules import approvals
    assert _components({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"], ["d"]]


def test_no_import_cycle() -> None:
    graph = _graph()
    cycles = [c for c in _components(graph) if len(c) > 1]
    messages = []
    for members in cycles:
        path = _cycle(graph, members)
        steps = [f"{a} -> {b} ({_where(a, b)})" for a, b in itertools.pairwise(path)]
        messages.append(f"{len(members)} modules: {', '.join(members)}\n    " + "\n    ".join(steps))
    assert not cycles, "import cycle:\n" + "\n".join(messages)


def _in(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


@pytest.mark.parametrize("layer", LOWER)
def test_lower_layers_do_not_import_upper_ones(layer: str) -> None:
    if not any(_in(name, (layer,)) for name in MODULES):
        if layer == "pmarklint.git":  # new: the check covers it once it exists
            pytest.skip("pmarklint/git/ does not exist yet")
        pytest.fail(f"{layer} is not in the package: update LOWER")
    upper = tuple(f"pmarklint.{name}" for name in UPPER)
    graph = _graph()
    wrong = [
        f"{name} imports {target} ({_where(name, target)})"
        for name in sorted(graph)
        if _in(name, (layer,))
        for target in sorted(graph[name])
        if _in(target, upper)
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_command_line_imports_click() -> None:
    wrong = [
        f"{MODULES[name].relative_to(PACKAGE.parent)}:{','.join(sorted(found))}"
        for name, imported in sorted(IMPORTS.items())
        if not _in(name, ("pmarklint.cli",))
        for target, found in imported.items()
        if target == "click" or target.startswith("click.")
    ]
    assert not wrong, "click outside pmarklint/cli/: " + ", ".join(wrong)


# -- what a command imports ------------------------------------------------------------------------------
HISTORY_MODULES = ("pmarklint.history", "pmarklint.trail", "pmarklint.approvals.judge")
_PROBE = """
import contextlib, io, json, sys
from pmarklint.cli.main import main
sys.argv = ["pmarklint", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit as exit:
        code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imported_by(*args: str) -> tuple[object, list[str]]:
    """(exit code, the pmarklint modules a fresh interpreter imported) for ``pmarklint ARGS``."""
    proc = subprocess.run(  # the environment is the test's: its own cache folder, no PMARKLINT_TODAY
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout.splitlines()[-1])
    return result["code"], [m for m in result["modules"] if m.startswith("pmarklint")]


@pytest.mark.parametrize(
    "args",
    [
        ("check", "examples/shop", "--no-history", "--today", "2026-11-26", "--format", "json"),
        ("--help",),
        ("rules",),
        ("explain", "PML101"),
    ],
    ids=["check --no-history", "--help", "rules", "explain"],
)
def test_commands_that_read_no_history_import_nothing_of_it(args: tuple[str, ...]) -> None:
    code, modules = _imported_by(*args)
    assert code == (1 if args[0] == "check" else 0)  # the shop example has errors: the command really ran
    assert "pmarklint.rules.history" in modules or args[0] != "check"  # the registry, declarations only
    assert [m for m in modules if _in(m, HISTORY_MODULES)] == []


def test_the_probe_sees_history_being_read() -> None:
    _, modules = _imported_by("check", "examples/shop", "--today", "2026-11-26", "--format", "json")
    assert {"pmarklint.rules.history_checks", "pmarklint.history.entries", "pmarklint.git.log"} <= set(modules)
