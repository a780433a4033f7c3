"""Print pip constraints pinning every direct runtime dependency to its declared floor.

``.ci/run`` installs the project with these constraints into a second environment and runs
a smoke subset of the tests there, so that a floor in ``pyproject.toml`` cannot claim more
than the tests show. Every dependency must have a ``>=`` floor (an error otherwise).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")
_FLOOR = re.compile(r">=\s*([0-9][A-Za-z0-9.]*)")


def floors(pyproject: Path) -> list[str]:
    """``name==floor`` for every entry of ``[project] dependencies``."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    out: list[str] = []
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement.split(";")[0])
        floor = _FLOOR.search(match.group(2)) if match else None
        if match is None or floor is None:
            raise SystemExit(f"lowest_constraints: no '>=' floor in {requirement!r}")
        out.append(f"{match.group(1)}=={floor.group(1)}")
    return out


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    print("\n".join(floors(root / "pyproject.toml")))
