"""Exceptions that carry a one-line message for the user."""


class ReaderError(Exception):
    """An error caused by the user's input or environment, shown as one line.

    The command line prints ``reader: error: <message>`` and exits with code 2.
    """


class ArticleError(ReaderError):
    """The input could not be read as an article (missing, binary, empty, too large...)."""
