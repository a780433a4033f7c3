"""Atomic file writing for the reader: the project's one writer lives in
:mod:`glossary.fileio` (shared with the glossary, which must not import ``reader``)."""

from glossary.fileio import LockUnavailable, file_lock, open_atomic, write_bytes, write_text

__all__ = ["LockUnavailable", "file_lock", "open_atomic", "write_bytes", "write_text"]
