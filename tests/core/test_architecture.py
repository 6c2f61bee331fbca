"""The layer order, the purity of the library and the feature registry, checked on the sources.

Every import counts, at module level or inside a function: the source is read with ``ast``.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import peaceops
from peaceops import registry

SRC = Path(peaceops.__file__).parent

# Packages (or top-level modules) from the top layer down. A package may import those in lower
# layers; packages sharing a layer are independent of each other, except in the base layer,
# whose small modules build on one another (the cycle test keeps them apart). A package not
# listed here is a feature: it sits in FEATURE_LAYER (may import the base and the packages of
# the layers below, and is imported by reports, demo, web and the CLI).
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"cli"}),
    frozenset({"commands"}),
    frozenset({"web"}),
    frozenset({"demo"}),
    frozenset({"reports"}),
    frozenset({"strategy"}),  # links tasks, framework, agreement and actors into one strategy
    frozenset(),  # FEATURE_LAYER: new feature packages
    frozenset({"framework", "planning"}),
    # The agreement tracker: framework indicators and plan preconditions are computed from it.
    frozenset({"agreement"}),
    frozenset({"events", "mandates"}),
    frozenset(
        {
            "workspace",
            "store",
            "config",
            "provenance",
            "net",
            "shared_data",
            "errors",
            "registry",
            "audit",
            "grades",
            "geo",
            "csvfile",
            "period",
            "numbers",
            "sqltext",
            "records",
            "engines",
            "datacache",
            "wslock",
            "examples",
            "countries",
            "progress",
            "__init__",
        }
    ),
)
FEATURE_LAYER = 6
BASE_LAYER = len(LAYERS) - 1

# The user interface: only these may import a UI framework or name a CLI command.
INTERFACE = {"cli", "commands", "web"}
UI_LIBRARIES = {"typer", "click", "rich", "fastapi", "starlette", "uvicorn"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


@cache
def _tree(name: str) -> ast.Module:
    return ast.parse(_modules()[name].read_text(encoding="utf-8"))


def _imports(name: str) -> Iterator[tuple[str, int]]:
    """(imported name, line) of every import in the module, wherever it is."""
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno


def _target(imported: str) -> str | None:
    """The peaceops module an import loads (the longest module prefix of the name)."""
    mods = _modules()
    name = imported
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name if name.startswith("peaceops") else None


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(package: str) -> int:
    for i, members in enumerate(LAYERS):
        if package in members:
            return i
    return FEATURE_LAYER


def _edges() -> dict[str, set[tuple[str, int]]]:
    edges: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for module in _modules():
        for imported, line in _imports(module):
            target = _target(imported)
            if target is not None and target != module:
                edges[module].add((target, line))
    return edges


def test_packages_import_only_lower_layers() -> None:
    wrong = []
    for module, targets in _edges().items():
        src = _package(module)
        for target, line in targets:
            dst = _package(target)
            if src == dst:
                continue
            a, b = _layer(src), _layer(dst)
            if a < b or a == b == BASE_LAYER:
                continue
            wrong.append(f"{module}:{line} imports {target} ({src} may not import {dst})")
    assert wrong == []


def test_no_import_cycle_between_modules() -> None:
    edges = {m: {t for t, _line in ts} for m, ts in _edges().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(_modules()):
        if module not in index:
            visit(module)
    assert cycles == []


def _library_modules() -> list[str]:
    return [m for m in _modules() if _package(m) not in INTERFACE]


def test_library_imports_no_user_interface_framework() -> None:
    wrong = [
        f"{module}:{line} imports {imported}"
        for module in _library_modules()
        for imported, line in _imports(module)
        if imported.split(".")[0] in UI_LIBRARIES
    ]
    assert wrong == []


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring nodes (documentation may name commands; messages may not)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _cli_words() -> set[str]:
    from typer.main import get_command

    from peaceops.cli import app

    return set(get_command(app).commands)  # type: ignore[attr-defined]


def test_library_strings_name_no_cli_command_or_option() -> None:
    # A command as a message would quote it: 'peaceops events import FILE' (the demo workspace
    # is called "peaceops demo", the solver "peaceops plan solver": names, not commands).
    command = re.compile(rf"[`'\"]peaceops ({'|'.join(sorted(_cli_words()))})\b")
    option = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    wrong = []
    for module in _library_modules():
        tree = _tree(module)
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in skip:
                    continue
                if command.search(node.value) or option.search(node.value):
                    wrong.append(f"{module}:{node.lineno}: {node.value[:70]!r}")
    assert wrong == []


def test_every_feature_reference_resolves() -> None:
    seen = set()
    for feature in registry.features():
        briefs = (feature.brief,) if isinstance(feature.brief, str) else feature.brief or ()
        refs = [*feature.cli, *feature.routers, feature.headline, *briefs]
        for ref in filter(None, refs):
            assert registry.resolve(ref) is not None, (feature.key, ref)
        for path, _label in feature.nav:
            assert path not in seen, path
            seen.add(path)
    assert "/" in seen  # the home page


def _remedies_in_source() -> dict[str, str]:
    """Every literal ``remedy="..."`` keyword in the sources (f-strings: their fixed prefix)."""
    found = {}
    for module in _modules():
        for node in ast.walk(_tree(module)):
            if isinstance(node, ast.keyword) and node.arg == "remedy":
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found[value.value] = module
                elif isinstance(value, ast.JoinedStr):
                    head = value.values[0]
                    if isinstance(head, ast.Constant):
                        found[f"{head.value}*"] = module
    return found


def test_remedy_keys_are_declared_and_in_both_tables() -> None:
    from peaceops.commands.remedies import COMMANDS as CLI
    from peaceops.web.remedies import COMMANDS as WEB

    declared = registry.remedy_keys()
    assert set(CLI) == set(declared), "the CLI's table covers exactly the declared remedies"
    assert set(WEB) == set(declared), "the web's table covers exactly the declared remedies"
    for key, module in _remedies_in_source().items():
        if key.endswith("*"):
            assert any(k.startswith(key[:-1]) for k in declared), (module, key)
        else:
            assert key in declared, (module, key)


@pytest.mark.parametrize("remedy", sorted(registry.remedy_keys()))
def test_cli_turns_a_remedy_into_a_command(remedy: str) -> None:
    from peaceops.commands.remedies import describe
    from peaceops.errors import NotFoundError

    text = describe(NotFoundError("nothing here", remedy=remedy))
    assert text.startswith("nothing here; run 'peaceops ")
    assert text.split("'")[1].split()[1] in _cli_words()


def test_only_the_events_package_queries_the_events_table() -> None:
    table = re.compile(r"\b(FROM|JOIN)\s+(events|event_months)\b", re.IGNORECASE)
    wrong = []
    for module in _modules():
        if _package(module) == "events":
            continue
        for node in ast.walk(_tree(module)):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and table.search(text):
                wrong.append(f"{module}:{node.lineno}")
    assert wrong == []


def test_no_test_hook_in_the_package() -> None:
    hooks = [
        f"{module}:{node.lineno}"
        for module in _modules()
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("PEACEOPS_TEST")
    ]
    assert hooks == []


def _command_callbacks() -> list[tuple[str, Any]]:
    """(command path, function) of every command and group callback the CLI registers."""
    import typer

    from peaceops.cli import app

    found: list[tuple[str, Any]] = []

    def walk(group: typer.Typer, path: str) -> None:
        if group.registered_callback is not None and group.registered_callback.callback:
            found.append((path or "peaceops", group.registered_callback.callback))
        for command in group.registered_commands:
            assert command.callback is not None
            name = command.name or command.callback.__name__.replace("_", "-")
            found.append((f"{path} {name}".strip(), command.callback))
        for sub in group.registered_groups:
            assert sub.typer_instance is not None
            walk(sub.typer_instance, f"{path} {sub.name}".strip())

    walk(app, "")
    return found


def test_commands_are_module_level_functions_listed_in_all() -> None:
    import importlib

    callbacks = _command_callbacks()
    assert len(callbacks) > 80
    closures, unlisted = [], []
    for path, function in callbacks:
        module = function.__module__
        if "<locals>" in function.__qualname__:
            closures.append(f"{path}: {module}.{function.__qualname__}")
        elif module.startswith("peaceops.commands."):
            listed = getattr(importlib.import_module(module), "__all__", ())
            if function.__name__ not in listed:
                unlisted.append(f"{path}: {module}.{function.__name__}")
    assert closures == [], "commands must be module-level functions, not closures"
    assert unlisted == [], "command functions are listed in their module's __all__"


def test_no_module_is_over_500_lines() -> None:
    # Small modules: a file that grows past 500 lines is split by concept before it lands.
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, f"modules over 500 lines: {long}"
