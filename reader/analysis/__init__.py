"""Text analysis: named-entity recognisers, clustering of mentions into entities, caching.

Imports no Textual. See :mod:`reader.analysis.model` for the data types.

* :func:`analyse` — recognise, cluster and cache the entities of one article text;
* :func:`analyse_texts` — analyses and spans of many texts at once, uncached (corpus runs);
* :func:`recognise_texts` — the spans of many texts (batch API);
* :func:`get_recogniser` — the active recogniser (``.name``, ``.id``, ``.spans(texts)``).

The names are imported on first use: importing :mod:`reader.analysis.model` (the data
types, needed when the app starts) does not load the recognisers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names

if TYPE_CHECKING:
    from reader.analysis.api import analyse, analyse_texts, default_cache_dir, recognise_texts
    from reader.analysis.recognisers import Recogniser, describe, get_recogniser

__all__ = ["Recogniser", "analyse", "analyse_texts", "default_cache_dir", "describe",
           "get_recogniser", "recognise_texts"]

_HOMES = {"analyse": "api", "analyse_texts": "api", "default_cache_dir": "api",
          "recognise_texts": "api", "Recogniser": "recognisers", "describe": "recognisers",
          "get_recogniser": "recognisers"}


__getattr__ = lazy_names(__name__, _HOMES)
