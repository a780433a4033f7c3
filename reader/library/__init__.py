"""The library: subscribed feeds and their entries, read state, reading positions and the
recently read articles, kept in one SQLite file in the data directory. Imports no Textual.

- :mod:`reader.library.store` — the SQLite store (transactions; a damaged file is moved
  aside with one warning, never emptied silently);
- :mod:`reader.library.feeds` — parsing RSS 0.9x/1.0/2.0 and Atom with feedparser;
- :mod:`reader.library.fetch` — conditional GET of feeds with httpx, and refreshing;
- :mod:`reader.library.opml` — OPML 2.0 import and export;
- :mod:`reader.library.entries` — opening an entry as an article (page, else feed text);
- :mod:`reader.library.history` — back / forward through jumps inside an article.
"""
