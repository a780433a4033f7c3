"""What ``reader --version [--verbose]`` prints: the version, the licence and the data's
attributions (``reader/NOTICE.md``, shipped inside the package)."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import platform
import re

from reader import DISTRIBUTION, __version__

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def libraries() -> list[str]:
    """The direct dependencies, as installed (none when running from a source tree)."""
    try:
        requires = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    names = [m.group(0) for r in requires if "extra ==" not in r and (m := _NAME.match(r))]
    return list(dict.fromkeys(names))


def notice() -> str:
    """The attributions of the shipped data (the text of ``reader/NOTICE.md``)."""
    return importlib.resources.files("reader").joinpath("NOTICE.md").read_text(encoding="utf-8")


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def version_text(verbose: bool = False) -> str:
    """One line, or with ``verbose`` the licence, library versions and data attributions."""
    line = f"reader {__version__} ({DISTRIBUTION})"
    if not verbose:
        return line
    versions = ", ".join(f"{name} {_installed(name)}" for name in libraries())
    return "\n".join([
        line,
        f"Python {platform.python_version()}; {versions}",
        "Licence: MIT. Glossary text: Wikipedia (or the configured MediaWiki), CC BY-SA 4.0.",
        "",
        notice().rstrip(),
    ])
