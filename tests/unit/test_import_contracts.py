"""Import contracts over every module of ``reader/`` and ``glossary/`` (walked, not listed,
so modules added later are covered too). Imports inside functions count as well.

- ``glossary`` imports neither ``reader`` nor Textual;
- only ``reader.app`` imports Textual, and only the command that opens the app
  (``reader.commands.open``) imports ``reader.app``: the session, analysis, article loading,
  export, the other commands and every backend module stay headless.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Modules that may import ``reader.app`` (which is where Textual lives).
OPENS_THE_APP = {"reader.commands.open", "reader.commands.library"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> list[tuple[str, Path]]:
    found = [(module_name(p), p) for package in ("reader", "glossary")
             for p in sorted((ROOT / package).rglob("*.py"))]
    assert len(found) > 40  # the walk found the packages
    return found


def imported(name: str, path: Path) -> Iterator[str]:
    """Every module ``path`` imports (absolute names; relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def within(target: str, package: str) -> bool:
    return target == package or target.startswith(package + ".")


MODULES = modules()


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_import_contracts(name: str, path: Path) -> None:
    targets = set(imported(name, path))
    if within(name, "glossary"):
        assert not {t for t in targets if within(t, "reader") or within(t, "textual")}
    elif not within(name, "reader.app"):
        assert not {t for t in targets if within(t, "textual")}
        if name not in OPENS_THE_APP:
            assert not {t for t in targets if within(t, "reader.app")}


def test_the_contracts_catch_a_violation(tmp_path: Path) -> None:
    """The checker sees imports inside functions and relative imports."""
    source = tmp_path / "probe.py"
    source.write_text("def f():\n    from textual.app import App\n"
                      "from ..app import app\n", encoding="utf-8")
    targets = set(imported("reader.session.probe", source))
    assert "textual.app" in targets and "reader.app" in targets
