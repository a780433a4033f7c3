"""Helpers to read an exported Markdown file back with a real CommonMark parser.

Used by the export tests (``from test_export_helpers import ...``); the tests at the end
check the helpers themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

from glossary.models import GlossaryEntry, Status
from reader.analysis.model import Analysis, Entity, Mention
from reader.article import PARAGRAPH_SEPARATOR, Article, Paragraph


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    """Obsidian ``[[target|alias]]`` as a ``wikilink`` token (a test-only parser rule)."""
    if not state.src.startswith("[[", state.pos):
        return False
    end = state.src.find("]]", state.pos + 2)
    inner = state.src[state.pos + 2 : end]
    if end < 0 or "\n" in inner or "[" in inner or not inner:
        return False
    if not silent:
        target, _, alias = inner.partition("|")
        token = state.push("wikilink", "", 0)
        token.meta = {"target": target}
        token.content = alias or target
    state.pos = end + 2
    return True


def parser(*, wikilinks: bool = False, autolinks: bool = False) -> MarkdownIt:
    """CommonMark with footnotes; optionally wikilinks and GFM/linkify autolinking."""
    md = MarkdownIt("commonmark").use(footnote_plugin)
    if wikilinks:
        md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    if autolinks:
        md.use(gfm_autolink_plugin)
        md.enable("linkify")
        md.options["linkify"] = True
    return md


def split_front_matter(document: str) -> tuple[dict[str, Any], str]:
    """The parsed YAML front matter and the Markdown after it."""
    match = re.match(r"---\n(.*?\n)---\n", document, re.DOTALL)
    assert match, "no front matter"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data, document[match.end() :]


@dataclass
class Parsed:
    """An exported document read back."""

    front: dict[str, Any]
    tokens: list[Token]
    env: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> list[Token]:
        """Block tokens of the article body: everything before the first thematic break."""
        index = next(i for i, t in enumerate(self.tokens) if t.type == "hr")
        return self.tokens[:index]

    @property
    def after_body(self) -> list[Token]:
        """Block tokens from the thematic break on (glossary and footnotes)."""
        index = next(i for i, t in enumerate(self.tokens) if t.type == "hr")
        return self.tokens[index:]

    def footnote_definitions(self) -> dict[int, str]:
        """Footnote id -> plain text of its definition."""
        result: dict[int, str] = {}
        current: int | None = None
        parts: list[str] = []
        for token in self.tokens:
            if token.type == "footnote_open":
                current, parts = token.meta["id"], []
            elif token.type == "inline" and current is not None:
                parts.append(inline_text(token.children or []))
            elif token.type == "footnote_close" and current is not None:
                result[current] = " ".join(parts)
                current = None
        return result


def parse(document: str, **options: bool) -> Parsed:
    """Split off and parse the front matter, then parse the Markdown."""
    front, rest = split_front_matter(document)
    env: dict[str, Any] = {}
    return Parsed(front, parser(**options).parse(rest, env), env)


def inline_text(children: Iterable[Token]) -> str:
    """The plain text an inline token renders to (footnote marks are not text)."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "text_special", "wikilink", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(inline_text(child.children or []))
        elif child.type in ("link_open", "link_close", "em_open", "em_close", "strong_open",
                            "strong_close", "footnote_ref", "s_open", "s_close"):
            continue
        else:
            raise AssertionError(f"unexpected inline token {child.type}")
    return "".join(out)


def plain_text(blocks: list[Token]) -> str:
    """Plain text of block tokens: paragraphs and headings separated by a blank line."""
    return PARAGRAPH_SEPARATOR.join(
        inline_text(t.children or []) for t in blocks if t.type == "inline")


def inline_tokens(blocks: list[Token]) -> list[Token]:
    """All inline children of the given blocks, in order."""
    return [c for t in blocks if t.type == "inline" for c in (t.children or [])]


def block_kinds(blocks: list[Token]) -> list[str]:
    """The opening block tokens' types (to check that only paragraphs/headings appear)."""
    return [t.type for t in blocks if t.nesting == 1]


def links(blocks: list[Token]) -> list[tuple[str, str, str]]:
    """(href, title, text) of every link in the blocks."""
    result: list[tuple[str, str, str]] = []
    for token in blocks:
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "link_open":
                close = next(i for i in range(index, len(children))
                             if children[i].type == "link_close")
                text = inline_text(children[index + 1 : close])
                result.append((str(child.attrGet("href")), str(child.attrGet("title") or ""),
                               text))
    return result


# ---- building articles, analyses and entries by hand -------------------------------------


def make_article(paragraphs: list[str], kinds: list[str] | None = None,
                 title: str = "Titel", date: dt.date | None = None) -> Article:
    """An article with exactly these paragraphs (no loader heuristics)."""
    kinds = kinds or ["paragraph"] * len(paragraphs)
    spans: list[Paragraph] = []
    offset = 0
    for text, kind in zip(paragraphs, kinds, strict=True):
        spans.append(Paragraph(offset, offset + len(text), kind))
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    return Article(text=PARAGRAPH_SEPARATOR.join(paragraphs), title=title,
                   paragraphs=tuple(spans), date=date, source="artikel.txt")


def entity(text: str, name: str, label: str, surface: Iterable[str] = ()) -> Entity:
    """An entity whose mentions are every whole-word occurrence of ``name`` or ``surface``."""
    forms = sorted({name, *surface}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")
    mentions = [Mention(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    return Entity(key=f"{label}:{name}", name=name, label=label,
                  aliases=[f for f in forms if f != name], mentions=mentions)


def found(name: str, title: str | None = None, description: str = "",
          intro: str = "", wikidata: str = "") -> GlossaryEntry:
    """A found glossary entry with a de.wikipedia.org URL."""
    title = title or name
    return GlossaryEntry(query=name, lang="de", status=Status.FOUND, title=title,
                         description=description, intro=intro,
                         url="https://de.wikipedia.org/wiki/" + title.replace(" ", "_"),
                         wikidata_id=wikidata, fetched_at=1_757_000_000.0)


def analysis_of(*entities: Entity) -> Analysis:
    """An analysis made of the given entities."""
    return Analysis(entities=list(entities), recogniser="hand-made 1.0")


# ---- tests of the helpers -----------------------------------------------------------------


def test_plain_text_ignores_markup_and_footnote_marks() -> None:
    doc = ("---\ntitle: \"x\"\n---\n\n*a* [b](https://e.de \"t\") `c` d[^1] \\*\n\n"
           "## H\n\n---\n\n[^1]: note\n")
    parsed = parse(doc)
    assert plain_text(parsed.body) == "a b c d *\n\nH"
    assert links(parsed.body) == [("https://e.de", "t", "b")]
    assert parsed.footnote_definitions() == {0: "note"}


def test_wikilink_rule_reads_target_and_alias_but_not_escaped_brackets() -> None:
    parsed = parse("---\na: 1\n---\n[[Seite|Text]] und \\[\\[kein|Link\\]\\]\n\n---\n",
                   wikilinks=True)
    kids = inline_tokens(parsed.body)
    wl = [t for t in kids if t.type == "wikilink"]
    assert [(t.meta["target"], t.content) for t in wl] == [("Seite", "Text")]
    assert plain_text(parsed.body) == "Text und [[kein|Link]]"


def test_entity_helper_finds_whole_words() -> None:
    text = "Peskow sagte, Peskows Sprecher"
    ent = entity(text, "Peskow", "PER")
    assert [(m.start, m.end) for m in ent.mentions] == [(0, 6)]
