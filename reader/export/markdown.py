"""The Markdown export: front matter, the annotated article, and a glossary section.

Layout of the document:

1. YAML front matter (see :func:`front_matter_data`).
2. The body: each block of the article as one Markdown block, headings as ``##``
   headings, list items as ``-`` items, quotes as ``>`` quotes, other blocks (paragraphs,
   table rows) as paragraphs; the text is escaped (:mod:`reader.export.escape`) so that it
   renders exactly as the article text, and mentions are annotated according to the style:

   * ``links``: ``[mention](url "description")``, the first mention of each entity in each
     paragraph;
   * ``footnotes``: ``mention[^n]`` after the first mention of each entity in the article,
     the footnote holding the short background (title, description, intro, link);
   * ``wikilinks``: Obsidian ``[[Page title|mention]]``, the first mention of each entity in
     each paragraph (mentions containing Markdown-special characters are not wrapped).

   Only entities with background found on Wikipedia are annotated.
3. A thematic break (``---``) and a ``## Glossary`` section listing every entity (with or
   without background) with label, mention count, description, intro, link, attribution
   and the reader's personal note.
4. Footnote definitions (``footnotes`` style).
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping

from glossary.models import GlossaryEntry, Status
from reader.analysis.model import LABEL_NAMES, Analysis, Entity
from reader.article import Article
from reader.export.annotate import (
    Annotation,
    Scope,
    choose,
    clean_texts,
    entry_for,
    glossary_order,
    web_url,
)
from reader.export.escape import escape_line, escape_text, escape_title, escapes
from reader.export.frontmatter import Value, front_matter

#: Annotation styles of the Markdown export.
STYLES: tuple[str, ...] = ("links", "footnotes", "wikilinks")

#: Heading of the glossary section.
GLOSSARY_HEADING = "Glossary"

#: Links to the licences that glossary texts come under.
LICENCE_URLS: dict[str, str] = {
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
}

_STATUS_TEXT: dict[Status, str] = {
    Status.NOT_FOUND: "No Wikipedia page found.",
    Status.NOT_CACHED: "No background in the cache (exported offline).",
    Status.AMBIGUOUS: "Several Wikipedia pages could be meant.",
    Status.ERROR: "The lookup failed.",
}

# Characters Obsidian does not allow in note names (the target of a wikilink).
_NOTE_NAME_FORBIDDEN = re.compile(r'[*"\\/<>:|?#^\[\]\n\r\t]+')
# Characters of a wikilink alias that would be read as Markdown by other renderers.
_ALIAS_FORBIDDEN = frozenset("[]|#^\\`*_<>$~&%=\n")


def one_line(text: str) -> str:
    """``text`` with every run of white space (including newlines) made one space."""
    return " ".join(text.split())


def link_destination(url: str) -> str:
    """``url`` percent-encoded so that it is a valid bare CommonMark link destination."""
    return urllib.parse.quote(url.strip(), safe="!#$%&'*+,/:;=?@~-._")


def wikilink_target(title: str) -> str:
    """A Wikipedia page title as an Obsidian note name (forbidden characters become spaces)."""
    return one_line(_NOTE_NAME_FORBIDDEN.sub(" ", title))


def _link(text_md: str, url: str, title: str = "") -> str:
    suffix = f' "{escape_title(title)}"' if title.strip() else ""
    return f"[{text_md}]({link_destination(url)}{suffix})"


def _wikilink_ok(text: str, entry: GlossaryEntry) -> bool:
    alias = text
    return (bool(wikilink_target(entry.title or "")) and alias == alias.strip()
            and not any(ch in _ALIAS_FORBIDDEN for ch in alias)
            and escapes("|" + alias).keys() <= {0})


def _wikilink(alias: str, entry: GlossaryEntry) -> str:
    target = wikilink_target(entry.title)
    return f"[[{target}]]" if target == alias else f"[[{target}|{alias}]]"


def _render_block(line: str, offset: int, anns: list[Annotation], style: str,
                  footnote_ids: dict[str, int], *, line_start: bool = True) -> str:
    """One paragraph's Markdown: escaped text with the annotations inserted."""
    table = escapes(line, line_start=line_start)
    for ann in anns:
        start, end = ann.start - offset, ann.end - offset
        if start > 0 and line[start - 1] == "!":
            table[start - 1] = "\\!"  # "![" would make an image or an embed
        if style != "links" and line[end : end + 1] == "(":
            table[end] = "\\("  # "[^1](x)" or "[[a|b]](x)" would be read as a link

    def seg(a: int, b: int) -> str:
        return "".join(table.get(i, line[i]) for i in range(a, b))

    out: list[str] = []
    pos = 0
    for ann in anns:
        start, end = ann.start - offset, ann.end - offset
        out.append(seg(pos, start))
        if style == "links":
            out.append(_link(seg(start, end), web_url(ann.entry), ann.entry.description))
        elif style == "footnotes":
            number = footnote_ids.setdefault(ann.entity.key, len(footnote_ids) + 1)
            out.append(f"{seg(start, end)}[^{number}]")
        else:
            out.append(_wikilink(line[start:end], ann.entry))
        pos = end
    out.append(seg(pos, len(line)))
    return "".join(out)


def _body(article: Article, analysis: Analysis, entries: Mapping[str, GlossaryEntry],
          style: str) -> tuple[list[str], list[str]]:
    """The body blocks and the footnote definitions."""
    def accept(start: int, end: int, entity: Entity, entry: GlossaryEntry) -> bool:
        return style != "wikilinks" or _wikilink_ok(article.text[start:end], entry)

    scope: Scope = "article" if style == "footnotes" else "paragraph"
    chosen = choose(article, analysis, entries, scope=scope, accept=accept)
    by_paragraph: dict[int, list[Annotation]] = {}
    for ann in chosen:
        by_paragraph.setdefault(article.paragraph_at(ann.start), []).append(ann)
    footnote_ids: dict[str, int] = {}
    footnote_entries: dict[str, GlossaryEntry] = {}
    blocks: list[str] = []
    for index, paragraph in enumerate(article.paragraphs):
        line = article.paragraph_text(paragraph)
        anns = by_paragraph.get(index, [])
        for ann in anns:
            footnote_entries.setdefault(ann.entity.key, ann.entry)
        parts = [_render_block(piece, paragraph.start + shift, [
            a for a in anns if shift <= a.start - paragraph.start < shift + len(piece)
        ], style, footnote_ids, line_start=paragraph.kind != "heading" or shift > 0)
            for piece, shift in _lines_with_offsets(line)]
        blocks.append(_mark_block(paragraph.kind, parts))
    notes = [f"[^{number}]: {_footnote_text(footnote_entries[key])}"
             for key, number in sorted(footnote_ids.items(), key=lambda kv: kv[1])]
    return blocks, notes


#: Markdown that starts a block of each kind (a table row is a plain paragraph).
_BLOCK_MARKS = {"heading": "## ", "list_item": "- ", "quote": "> "}


def _mark_block(kind: str, lines: list[str]) -> str:
    """One rendered block: its lines joined by hard breaks, with the kind's Markdown mark."""
    mark = _BLOCK_MARKS.get(kind, "")
    follow = "> " if kind == "quote" else "  " if kind == "list_item" else ""
    return mark + ("\\\n" + follow).join(lines)


def _lines_with_offsets(text: str) -> list[tuple[str, int]]:
    """Lines of a block with their offsets (paragraphs normally have exactly one line)."""
    result: list[tuple[str, int]] = []
    shift = 0
    for piece in text.split("\n"):
        result.append((piece, shift))
        shift += len(piece) + 1
    return result


def _footnote_text(entry: GlossaryEntry) -> str:
    head = one_line(entry.title)
    if entry.description.strip():
        head = f"{head} – {one_line(entry.description)}" if head else one_line(entry.description)
    parts = [escape_line(head.rstrip(".") + ".")] if head else []
    if entry.intro.strip():
        parts.append(escape_line(one_line(entry.intro), line_start=False))
    parts.append(_link("Wikipedia", web_url(entry)))
    return " ".join(parts)


def _mentions_text(count: int) -> str:
    return f"{count} mention" if count == 1 else f"{count} mentions"


def _attribution(entry: GlossaryEntry) -> str:
    source = escape_line(one_line(entry.source or "Wikipedia"), line_start=False)
    page = _link(escape_line(one_line(entry.title) or "page", line_start=False), web_url(entry))
    licence_name = one_line(entry.licence)
    licence = escape_line(licence_name, line_start=False)
    if licence_name in LICENCE_URLS:
        licence = _link(licence, LICENCE_URLS[licence_name])
    text = f"Source: {source}, {page}"
    if licence_name:
        text += f", licence {licence}"
    if entry.fetched_at > 0:
        day = dt.datetime.fromtimestamp(entry.fetched_at, dt.UTC).date().isoformat()
        text += f", retrieved {day}"
    return text + "."


def _glossary_item(entity: Entity, entry: GlossaryEntry | None, note: str | None) -> list[str]:
    label = LABEL_NAMES.get(entity.label, entity.label)
    summary = f"{label} ({entity.label}) · {_mentions_text(entity.count)}"
    blocks = [f"### {escape_line(one_line(entity.name), line_start=False)}",
              f"*{escape_line(summary, line_start=False)}*"]
    url = web_url(entry)
    if entry is not None and url:
        if entry.description.strip():
            blocks.append(f"**{escape_line(one_line(entry.description), line_start=False)}**")
        if entry.intro.strip():
            blocks.append(escape_text(entry.intro.strip()))
        blocks.append(_attribution(entry))
    else:
        status = entry.status if entry is not None else None
        message = _STATUS_TEXT.get(status, "Not looked up.") if status else "Not looked up."
        if entry is not None and entry.ok and not url:
            message = "Background found, but without a web link."
        if entry is not None and status is Status.ERROR and entry.error.strip():
            message = f"The lookup failed: {one_line(entry.error)}"
        blocks.append(f"*{escape_line(message, line_start=False)}*")
        if entry is not None and entry.ok and entry.description.strip():
            blocks.append(escape_line(one_line(entry.description)))
        if entry is not None and status is Status.AMBIGUOUS and entry.candidates:
            items = []
            for candidate in entry.candidates:
                name = escape_line(one_line(candidate.title))
                if candidate.url.lower().startswith(("https://", "http://")):
                    name = _link(name, candidate.url)
                desc = one_line(candidate.description)
                if desc:
                    name += ": " + escape_line(desc, line_start=False)
                items.append(f"- {name}")
            blocks.append("\n".join(items))
    if note and note.strip():
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", note.strip()) if p.strip()]
        quoted = [escape_text(p).replace("\n", "\n> ") for p in paragraphs]
        blocks.append("> **Note:** " + "\n>\n> ".join(quoted))
    return blocks


def note_for(entity: Entity, notes: Mapping[str, str] | None) -> str | None:
    """The reader's note on ``entity``: ``notes`` are keyed by entity key (or entity name)."""
    if not notes:
        return None
    return notes.get(entity.key) or notes.get(entity.name)


def front_matter_data(article: Article, analysis: Analysis,
                      entries: Mapping[str, GlossaryEntry], *, recogniser: str,
                      exported_at: dt.datetime, style: str) -> dict[str, Value]:
    """The front matter fields (also the head of the JSON export)."""
    entities: list[Value] = []
    for entity in glossary_order(analysis):
        entry = entry_for(entity, entries)
        url = web_url(entry)
        wikidata = entry.wikidata_id if entry is not None and entry.ok else ""
        entities.append({
            "name": entity.name,
            "label": entity.label,
            "url": url or None,
            "wikidata": wikidata or None,
        })
    page: dict[str, Value] = {name: value for name, value in (
        ("url", article.url), ("site", article.site), ("author", article.author)) if value}
    return {
        "title": article.title,
        "date": article.date,
        "source": article.source,
        **page,  # web pages and HTML files: canonical URL, site name, author
        "exported_at": exported_at,
        "recogniser": recogniser,
        "style": style,
        "entities": entities,
    }


def to_markdown(article: Article, analysis: Analysis, entries: Mapping[str, GlossaryEntry],
                *, style: str = "links", recogniser: str | None = None,
                exported_at: dt.datetime, notes: Mapping[str, str] | None = None) -> str:
    """The annotated Markdown copy of ``article`` (see the module docstring for the layout).

    ``entries`` maps entity keys (or names) to glossary entries; entities without an entry
    are listed as not looked up. ``notes`` maps entity keys (or names) to the reader's
    notes. ``recogniser`` defaults to ``analysis.recogniser``. Pure: no I/O.
    """
    if style not in STYLES:
        raise ValueError(f"unknown export style {style!r}; choose from {', '.join(STYLES)}")
    entries, notes = clean_texts(entries, notes)
    head = front_matter(front_matter_data(
        article, analysis, entries, recogniser=recogniser or analysis.recogniser,
        exported_at=exported_at, style=style))
    blocks, footnotes = _body(article, analysis, entries, style)
    blocks += ["---", f"## {GLOSSARY_HEADING}"]
    ordered = glossary_order(analysis)
    if not ordered:
        blocks.append("*No people, organisations or places were recognised.*")
    for entity in ordered:
        blocks += _glossary_item(entity, entry_for(entity, entries), note_for(entity, notes))
    if footnotes:
        blocks.extend(footnotes)
    return head + "\n" + "\n\n".join(blocks) + "\n"
