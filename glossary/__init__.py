"""Short background on named entities from Wikipedia (MediaWiki action API), cached.

Imports neither Textual nor ``reader``.
"""
