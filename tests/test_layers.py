"""The import contract: domain ← store ← services ← gui, read from the source (every import,
also those inside functions and under TYPE_CHECKING).

- domain, documents (PDF making) and exchange (Excel files) import only the base modules and
  the domain: they know nothing of the database or the window;
- store (SQLite, migrations, backups) knows nothing of services or the window;
- services know nothing of the window; they are the only way the window reaches the store;
- the window (gui) imports nothing from store, sqlmodel or sqlalchemy, and only it imports Qt.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dangjian_desktop"

BASE = {"__init__", "errors", "clock", "paths", "winmutex"}
"""Small modules everything may use (no database, no Qt)."""
ENTRY_POINTS = {
    "__main__",
    "cli",
    "cli_county",
    "cli_documents",
    "cli_exchange",
    "cli_output",
    "bench",
    "county_bench",
    "selftest",
}
"""Command line, benchmark and self-test: they put the layers together and may use them all."""
BENCH_PARTS = {"dangjian_desktop.gui.bench_window", "dangjian_desktop.gui.bench_script"}
"""The benchmark's measurements of the window (it compares the pages with plain sqlite3) and its
scripted day of work (it starts the program as the command line does and edits a stored row)."""

ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "domain": {"base", "domain"},
    "documents": {"base", "domain", "documents"},
    "exchange": {"base", "domain", "exchange"},
    "store": {"base", "domain", "store"},
    "services": {"base", "domain", "documents", "exchange", "store", "services"},
    "gui": {"base", "domain", "documents", "exchange", "services", "gui"},
}
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {
    "base": {"PySide6", "sqlmodel", "sqlalchemy", "alembic"},
    "domain": {"PySide6", "sqlmodel", "sqlalchemy", "alembic"},
    "documents": {"PySide6", "sqlmodel", "sqlalchemy", "alembic"},
    "exchange": {"PySide6", "sqlmodel", "sqlalchemy", "alembic"},
    "store": {"PySide6"},
    "services": {"PySide6"},
    "gui": {"sqlmodel", "sqlalchemy", "alembic"},
}

STILL_ALLOWED: dict[tuple[str, str], str] = {}
"""Imports the contract still lets through, each with the reason; the list only shrinks."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> str | None:
    """The layer of one of the program's modules; None for an entry point."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    if top in ENTRY_POINTS:
        return None
    if top in BASE:
        return "base"
    if top in ALLOWED:
        return top
    raise AssertionError(f"{module}: a new top-level module; give it a layer in tests/test_layers")


def _from_target(node: ast.ImportFrom, package: str) -> str:
    """The module a `from … import` reads from, a relative one made absolute from `package`."""
    if not node.level:
        return node.module or ""
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports(path: Path) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in the file, relative ones made absolute."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = _from_target(node, package)
            yield target, node.lineno
            for alias in node.names:  # `from dangjian_desktop import store` names a module too
                if target == "dangjian_desktop" and alias.name.islower() and alias.name[0] != "_":
                    yield f"{target}.{alias.name}", node.lineno


def program_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(
            part == "forms" or part.endswith("migrations")  # generated; Alembic's scripts
            for part in path.relative_to(PACKAGE).parts[:-1]
        )
    ]


def violations() -> list[str]:
    found = []
    for path in program_files():
        source = module_name(path)
        source_layer = layer(source)
        if source_layer is None or source in BENCH_PARTS:
            continue
        for target, line in imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            top = target.split(".")[0]
            if top in FORBIDDEN_LIBRARIES[source_layer]:
                found.append(f"{where}: {source_layer} imports {target}")
            if top != "dangjian_desktop" or target == "dangjian_desktop":
                continue
            target_layer = layer(target)
            wrong = target_layer is None or target_layer not in ALLOWED[source_layer]
            if wrong and (source, target) not in STILL_ALLOWED:
                found.append(f"{where}: {source_layer} imports {target}")
    return found


def test_the_layers_import_only_downwards() -> None:
    assert violations() == []


def test_the_exceptions_are_still_needed() -> None:
    """An exception whose import is gone is struck from the list."""
    used = {
        (module_name(path), target) for path in program_files() for target, _line in imports(path)
    }
    assert [pair for pair in STILL_ALLOWED if pair not in used] == []


@pytest.mark.parametrize(
    ("module", "text", "problem"),
    [
        ("gui/pages/x.py", "from sqlmodel import Session\n", "gui imports sqlmodel"),
        (
            "gui/x.py",
            "def f():\n    from dangjian_desktop.store.db import open_database\n",
            "gui imports dangjian_desktop.store.db",
        ),
        ("services/x.py", "from PySide6.QtCore import QObject\n", "services imports PySide6"),
        ("domain/x.py", "from ..services import common\n", "domain imports dangjian_desktop"),
        ("store/x.py", "from dangjian_desktop import services\n", "store imports dangjian"),
    ],
)
def test_a_wrong_import_is_found(
    module: str, text: str, problem: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check itself: a copy of the package with one bad import added fails it."""
    fake = tmp_path / "dangjian_desktop"
    target = fake / module
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    found = violations()
    assert len(found) == 1 and problem in found[0], found


LIGHT_PATH = (
    "dangjian_desktop.cli",
    "dangjian_desktop.gui.app",
    "dangjian_desktop.gui.main_window",
    "dangjian_desktop.gui.pages.workbench",
    "dangjian_desktop.services.first_view",
    "dangjian_desktop.store.plain_read",
)
"""What runs before the 工作台 is first on screen (services.first_view): the window, the page and
the light read. They must not load the ORM, which costs a second of the start."""
ORM_LIBRARIES = {"sqlalchemy", "sqlmodel", "alembic"}


def _file_of(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    for path in (PACKAGE / relative.with_suffix(".py"), PACKAGE / relative / "__init__.py"):
        if path.is_file():
            return path
    return None


def _loaded_imports(path: Path) -> Iterator[str]:
    """Imports that run when the module is imported: its top-level statements (not those in
    functions, nor those under `if TYPE_CHECKING:`), with the packages above each module."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            body.extend(node.orelse)
        elif isinstance(node, ast.Try):
            body.extend([*node.body, *node.orelse, *node.finalbody])
        else:
            body.append(node)
    for node in body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _from_target(node, package)
            yield target
            for alias in node.names:
                if _file_of(f"{target}.{alias.name}") is not None:
                    yield f"{target}.{alias.name}"


def orm_on_import(start: str) -> list[str]:
    """The chains of imports from `start` that reach an ORM library as the module loads."""
    found: list[str] = []
    seen: set[str] = set()
    todo: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
    while todo:
        module, chain = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")
        for depth in range(2, len(parts)):  # a package's __init__ runs first
            todo.append((".".join(parts[:depth]), chain))
        path = _file_of(module)
        if path is None:
            continue
        for target in _loaded_imports(path):
            if target.split(".")[0] in ORM_LIBRARIES:
                found.append(" → ".join([*chain, target]))
            elif target.startswith("dangjian_desktop."):
                todo.append((target, (*chain, target)))
    return found


@pytest.mark.parametrize("module", LIGHT_PATH)
def test_the_first_paint_does_not_load_the_orm(module: str) -> None:
    assert orm_on_import(module) == []


def test_an_orm_import_on_the_light_path_is_found() -> None:
    """The check itself: the services the page reads with do load the ORM."""
    assert orm_on_import("dangjian_desktop.services.status")
