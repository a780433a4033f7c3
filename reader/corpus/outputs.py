"""The outputs of a corpus run: JSONL, spaCy ``DocBin``, CoNLL IOB, Markdown files.

Records are first appended to a journal (:mod:`reader.corpus.journal`). For JSONL without
``--glossary`` the journal *is* the output; every other output is rendered from the
journal when recognition (and the glossary pass) is done, and written atomically: a
``.spacy`` file (entities as ``doc.ents``, the record id in ``doc.user_data["id"]``), a
CoNLL file (``# id = ...``, then ``token<TAB>tag`` in IOB2, a blank line after each
paragraph), or a directory with one annotated Markdown file per document (the export of
``reader export``). The journal (``OUT.journal.jsonl``, or ``.journal.jsonl`` inside the
directory) is kept, so a re-run skips the documents already done.

The spans of the spaCy, CoNLL and ``spans`` outputs are the recogniser's own (each with
its label), exactly what :func:`reader.analysis.recognise_texts` gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.corpus.journal import encode, records
from reader.corpus.records import analysis_of_record, article_of_record
from reader.errors import ReaderError

if TYPE_CHECKING:
    from glossary.models import GlossaryEntry
    from reader.config import Config
    from reader.corrections import Corrections

#: Output formats, and the file name endings that choose them.
FORMATS: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".ndjson"),
    "spacy": (".spacy",),
    "conll": (".conll", ".iob", ".bio"),
    "md": (),
}
#: Characters that must not reach a terminal or a Markdown file, replaced one for one.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def format_for(out: str, fmt: str | None) -> str:
    """The output format: ``fmt`` if given, else from the name (a directory, or a name
    without a suffix: Markdown files in that directory)."""
    if fmt:
        return fmt
    lower = out.lower()
    for name, endings in FORMATS.items():
        if lower.endswith(endings):
            return name
    if out.endswith(("/", "\\")) or Path(out).is_dir() or not Path(out).suffix:
        return "md"
    raise ReaderError(f"cannot tell the output format from {out!r}: end it in .jsonl, "
                      ".spacy or .conll, name a directory for Markdown, or use --format")


def journal_path(out: Path, fmt: str, glossary: bool) -> Path:
    """Where the records of a run are appended (the output itself for plain JSONL)."""
    if fmt == "md":
        return out / ".journal.jsonl"
    if fmt == "jsonl" and not glossary:
        return out
    return out.with_name(out.name + ".journal.jsonl")


def prepare(out: Path, fmt: str) -> None:
    """Check (and for Markdown create) the output location; one-line errors."""
    if fmt == "md":
        if out.exists() and not out.is_dir():
            raise ReaderError(f"{out} is a file; Markdown output needs a directory")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReaderError(f"cannot create {out}: {exc.strerror or exc}") from None
        return
    if out.is_dir():
        raise ReaderError(f"{out} is a directory; give a file name with -o")
    if not out.parent.is_dir():
        raise ReaderError(f"cannot write {out}: directory {out.parent} does not exist")


def finish(fmt: str, out: Path, journal: Path, entries: Mapping[str, GlossaryEntry] | None,
           *, config: Config, corrections: Corrections, style: str = "links") -> None:
    """Render the output from the journal (nothing to do for plain JSONL)."""
    from reader import atomic

    try:
        if fmt == "jsonl":
            if entries is not None:
                with atomic.open_atomic(out) as stream:
                    for record in records(journal):
                        stream.write(encode(with_glossary(record, entries)))
        elif fmt == "spacy":
            atomic.write_bytes(out, docbin_bytes(records(journal)))
        elif fmt == "conll":
            with atomic.open_atomic(out) as stream:
                for record in records(journal):
                    stream.write(conll_text(record).encode("utf-8", "replace"))
        else:
            write_markdown(out, records(journal), entries or {}, style, config, corrections)
    except OSError as exc:
        raise ReaderError(f"cannot write {out}: {exc.strerror or exc}") from None


def with_glossary(record: dict[str, Any],
                  entries: Mapping[str, GlossaryEntry]) -> dict[str, Any]:
    """The record with each entity's glossary entry (the JSON export's form, or null)."""
    from reader.export.annotate import clean_entry
    from reader.export.jsondoc import entry_json

    def linked(entity: dict[str, Any]) -> dict[str, Any]:
        entry = entries.get(entity["name"])
        return {**entity, "glossary": entry_json(clean_entry(entry)) if entry else None}

    return {**record, "entities": [linked(e) for e in record["entities"]]}


def _tokenizer() -> Any:
    import spacy

    return spacy.blank("de")


def _doc(nlp: Any, record: dict[str, Any]) -> Any:
    from spacy.util import filter_spans

    doc = nlp.make_doc(record["text"])
    spans = [doc.char_span(s, e, label=label, alignment_mode="expand")
             for s, e, label in record["spans"]]
    doc.ents = filter_spans([span for span in spans if span is not None])
    doc.user_data["id"] = record["id"]
    return doc


def docbin_bytes(items: Iterator[dict[str, Any]]) -> bytes:
    """A spaCy ``DocBin`` of the records (entities as ``doc.ents``)."""
    from spacy.tokens import DocBin

    nlp = _tokenizer()
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    for record in items:
        docbin.add(_doc(nlp, record))
    data: bytes = docbin.to_bytes()
    return data


_NLP: list[Any] = []


def conll_text(record: dict[str, Any]) -> str:
    """One record in CoNLL IOB2: ``# id = ...``, ``token<TAB>tag`` lines, a blank line
    after each paragraph."""
    if not _NLP:
        _NLP.append(_tokenizer())
    doc = _doc(_NLP[0], record)
    ident = " ".join(_UNSAFE.sub("\ufffd", str(record["id"])).split())
    lines = [f"# id = {ident}"]
    ends = [end for _, end, _ in record["paragraphs"]]
    paragraph = 0
    for token in doc:
        while paragraph < len(ends) - 1 and token.idx >= ends[paragraph]:
            if lines[-1]:
                lines.append("")
            paragraph += 1
        if token.is_space or not token.text.strip():
            continue
        tag = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O"
        lines.append(f"{_UNSAFE.sub(chr(0xFFFD), token.text)}\t{tag}")
    return "\n".join(lines).rstrip("\n") + "\n\n"


def markdown_name(ident: str) -> str:
    """A file name for a document id: its readable part and a short hash (unique)."""
    stem = re.sub(r"[^\w.-]+", "_", ident.rsplit("/", 1)[-1]).strip("._")[:60] or "doc"
    stem = re.sub(r"\.(?:txt|md|markdown|html?)$", "", stem, flags=re.IGNORECASE)
    return f"{stem}-{hashlib.sha256(ident.encode('utf-8', 'replace')).hexdigest()[:8]}.md"


def write_markdown(out: Path, items: Iterator[dict[str, Any]],
                   entries: Mapping[str, GlossaryEntry], style: str, config: Config,
                   corrections: Corrections) -> None:
    """One annotated Markdown file per record in ``out`` (each written atomically), made
    as ``reader export`` makes it: a session's export bundle with the reader's notes."""
    from dataclasses import replace

    from reader import atomic
    from reader.corrections import store_for
    from reader.session import Analysed, Session

    store = store_for(config)
    exported_at = dt.datetime.now(dt.UTC).astimezone()
    for record in items:
        article = article_of_record(record)
        if _UNSAFE.search(article.text):  # a JSONL text as given: made safe, same offsets
            article = replace(article, text=_UNSAFE.sub("\ufffd", article.text))
        analysis = analysis_of_record(record)
        session = Session(article, config, store=store)
        session.adopt(Analysed(analysis, corrections))
        session.entries = {e.key: entry for e in analysis.entities
                           if (entry := entries.get(e.name)) is not None}
        text = session.bundle().render("md", style=style, exported_at=exported_at)
        atomic.write_text(out / markdown_name(str(record["id"])), text)
