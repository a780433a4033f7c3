"""What names an analysis besides the recogniser: the version of the embedded recogniser's
rules (part of its id) and the size of the pieces a long text is recognised in; both are
part of the analysis cache's key."""

EMBEDDED_VERSION = "0.4.1"

#: Longest piece of text given to a recogniser at once. A longer text is recognised in
#: pieces cut at paragraph boundaries (:func:`reader.analysis.chunking.chunks`), always the
#: same ones, so the app can recognise the piece on screen first and get the same result
#: (:mod:`reader.analysis.progressive`); small pieces also keep memory low.
MAX_CHUNK = 100_000
