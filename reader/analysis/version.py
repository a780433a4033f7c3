"""Version of the embedded recogniser's rules; part of its id and so of the cache key."""

EMBEDDED_VERSION = "0.4.1"
