"""Text analysis: named-entity recognisers, clustering of mentions into entities, caching.

Imports no Textual. See :mod:`reader.analysis.model` for the data types.
"""
