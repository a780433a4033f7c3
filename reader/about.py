"""What ``reader --version [--verbose]`` prints: the version, the licence and the data's
attributions (``reader/NOTICE.md``, shipped inside the package)."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import platform

from reader import DISTRIBUTION, __version__

#: Libraries whose versions the verbose output lists (the direct dependencies).
LIBRARIES = ("textual", "rich", "spacy", "wikipedia-api", "httpx", "platformdirs",
             "markdown-it-py", "filelock", "pyyaml")


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
    libraries = ", ".join(f"{name} {_installed(name)}" for name in LIBRARIES)
    return "\n".join([
        line,
        f"Python {platform.python_version()}; {libraries}",
        "Licence: MIT. Glossary text: Wikipedia (or the configured MediaWiki), CC BY-SA 4.0.",
        "",
        notice().rstrip(),
    ])
