"""Text analysis: named-entity recognisers, clustering of mentions into entities, caching.

Imports no Textual. See :mod:`reader.analysis.model` for the data types.

* :func:`analyse` — recognise, cluster and cache the entities of one article text;
* :func:`analyse_texts` — analyses and spans of many texts at once, uncached (corpus runs);
* :func:`recognise_texts` — the spans of many texts (batch API);
* :func:`get_recogniser` — the active recogniser (``.name``, ``.id``, ``.spans(texts)``).
"""

from reader.analysis.api import analyse, analyse_texts, default_cache_dir, recognise_texts
from reader.analysis.recognisers import Recogniser, describe, get_recogniser

__all__ = ["Recogniser", "analyse", "analyse_texts", "default_cache_dir", "describe",
           "get_recogniser", "recognise_texts"]
