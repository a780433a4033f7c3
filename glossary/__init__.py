"""Short background on named entities from Wikipedia (MediaWiki action API), cached.

Imports neither Textual nor ``reader``. The pieces:

- :mod:`glossary.models` - ``EntityQuery``, ``GlossaryEntry``, ``Status``, ``Candidate``;
- :mod:`glossary.settings` - ``GlossarySettings`` and default paths;
- :mod:`glossary.client` - batched action-API calls on wikipedia-api's HTTP client;
- :mod:`glossary.resolve` - choosing among candidate pages with the article's context;
- :mod:`glossary.cache` - the SQLite cache;
- :mod:`glossary.service` - ``Glossary``: cache first, then the network; offline mode.
"""

import logging as _logging

# A library logs; the application decides where logs go (nothing reaches stderr by default).
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
