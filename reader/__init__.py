"""reader: a terminal reader for news articles with named entities and background."""

from importlib.metadata import PackageNotFoundError, version

#: The name reader is installed under ("reader" on PyPI is another project).
DISTRIBUTION = "reader-glossary"

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = ["DISTRIBUTION", "__version__"]
