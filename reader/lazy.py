"""Public names of a package imported from their modules on first use (start-up)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: the name's module (``homes``: name ->
    module inside the package) is imported on first use, and the value kept in the
    package, so later uses are plain attribute reads."""

    def getattr_(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)
        return value

    getattr_.__doc__ = f"The public names of {package}, imported on first use."
    return getattr_
