"""Short background on named entities from Wikipedia (MediaWiki action API), cached.

Imports neither Textual nor ``reader``. The pieces:

- :mod:`glossary.models` - queries and entries; pages and redirects; typed lookup outcomes;
- :mod:`glossary.settings` - ``GlossarySettings``, default paths, the User-Agent;
- :mod:`glossary.errors` - the client's typed errors and one line for each;
- :mod:`glossary.client` - batched action-API calls on wikipedia-api's HTTP client;
- :mod:`glossary.fetch` - the network stages of a lookup, as named methods;
- :mod:`glossary.resolve` - choosing among candidate pages with the article's context;
- :mod:`glossary.entries` - entries from outcomes (intros cut to whole sentences);
- :mod:`glossary.text` - the intro cap and a German sentence splitter;
- :mod:`glossary.network` - online, offline or rate-limited, and what failures mean;
- :mod:`glossary.choices` - the user's chosen pages;
- :mod:`glossary.cache` - the SQLite cache (keyed by endpoint);
- :mod:`glossary.fileio` - the project's atomic writer and file lock (``reader`` uses them);
- :mod:`glossary.service` - ``Glossary``: cache first, then the network; offline mode.
"""

import logging as _logging

# A library logs; the application decides where logs go (nothing reaches stderr by default).
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
