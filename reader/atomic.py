"""Atomic file writing and the lock file for the reader: the project's one implementation
lives in :mod:`glossary.fileio` (shared with the glossary, which must not import ``reader``).
"""

from glossary.fileio import (
    LockUnavailable,
    SpecialFileError,
    file_lock,
    open_atomic,
    staged,
    write_bytes,
    write_text,
)

__all__ = ["LockUnavailable", "SpecialFileError", "file_lock", "open_atomic", "staged",
           "write_bytes", "write_text"]
