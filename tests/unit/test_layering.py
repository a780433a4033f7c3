"""Layering: only reader.app imports Textual; glossary imports neither reader nor Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "reader.article",
    "reader.cli",
    "reader.config",
    "reader.analysis",
    "reader.analysis.model",
    "reader.export",
    "reader.lookup",
    "glossary",
    "glossary.models",
    "glossary.service",
]


def imports_of(module: str) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 and "ModuleNotFoundError" in result.stderr and module.split(".")[
        -1
    ] in result.stderr:
        pytest.skip(f"{module} does not exist yet")
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_imports_no_textual(module: str) -> None:
    assert "textual" not in imports_of(module)


@pytest.mark.parametrize("module", [m for m in CORE_MODULES if m.startswith("glossary")])
def test_glossary_does_not_import_reader(module: str) -> None:
    assert not {m for m in imports_of(module) if m == "reader" or m.startswith("reader.")}
