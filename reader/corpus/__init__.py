"""Corpus runs: annotate thousands of articles in one run (``reader annotate``).

- :mod:`reader.corpus.inputs` turns command-line inputs (files, directories, globs, URLs,
  ``-`` for a list on standard input, JSONL documents) into :class:`Task` objects;
- :mod:`reader.corpus.work` annotates a batch of tasks in three steps: prepare (JSONL
  documents into articles), recognise in a worker (files and URLs loaded there, URLs
  through :func:`reader.web.load_url`, with the reader's added entities), finish (cluster
  with the reader's corrections, encode the output record);
- :mod:`reader.corpus.journal` appends records to the output and finds what a killed run
  already did (resume);
- :mod:`reader.corpus.engines` runs batches in a pool of worker processes (which
  recognise while this process prepares and finishes) or on a Dask cluster
  (:mod:`reader.corpus.dask_engine`, all three steps on the workers), results in input
  order;
- :mod:`reader.corpus.glossary_pass` links the entities of the whole corpus in one pass;
- :mod:`reader.corpus.outputs` writes JSONL, spaCy ``DocBin``, CoNLL IOB or Markdown files;
- :mod:`reader.corpus.run` ties them together with progress and a summary.

Imports no Textual.
"""

from reader.corpus.documents import Bad, Task

__all__ = ["Bad", "Task"]
