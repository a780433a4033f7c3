"""The Markdown export, read back with markdown-it-py (CommonMark + footnotes) and PyYAML."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_helpers import (
    analysis_of,
    block_kinds,
    entity,
    found,
    inline_tokens,
    links,
    make_article,
    parse,
    plain_text,
)

from glossary.models import Candidate, GlossaryEntry, Status
from reader.article import Article, load
from reader.export import STYLES, suggested_path, to_markdown
from reader.export.escape import escape_line
from reader.export.frontmatter import quote

WHEN = dt.datetime(2025, 9, 6, 8, 30, tzinfo=dt.UTC)

TRICKY = [
    "Kreml: Peskow *warnt* vor _Truppen_ in [Kiew] und <b>Paris</b> – `code` & mehr",
    "# Keine Überschrift, sondern Peskow mit #Hashtag und C# ## ",
    "1. Absatz beginnt wie eine Liste; 2) auch, sagt Peskow",
    "- Strich, + Plus, > Zitat, | Tabelle | und \\ Rückstrich in Paris",
    "Links: https://www.zdf.de/nachrichten?a=1&b=2, www.tagesschau.de und info@example.org",
    "Entitäten &amp; &#35; &lt;br&gt; ~~durch~~ ==hell== %%weg%% $x$ ^fn !Peskow [^1]: x",
    "Peskow(Kreml) sagte: Paris! ![Bild](x.png) [[Wiki|Link]] <https://x.de> ***",
]


def tricky_article() -> Article:
    kinds = ["heading"] + ["paragraph"] * (len(TRICKY) - 1)
    return make_article(TRICKY, kinds, title="Kreml: *Titel* \"zitiert\"",
                        date=dt.date(2025, 9, 5))


def tricky_analysis(article: Article) -> tuple[object, dict[str, GlossaryEntry]]:
    peskow = entity(article.text, "Peskow", "PER")
    paris = entity(article.text, "Paris", "LOC")
    kiew = entity(article.text, "Kiew", "LOC")
    kreml = entity(article.text, "Kreml", "ORG")
    entries = {
        "Peskow": found("Peskow", "Dmitri Peskow", "russischer Sprecher \"des\" Kreml",
                        "Er ist *seit* 2012 Sprecher.\nZweite Zeile mit [Klammern].",
                        wikidata="Q1"),
        "Paris": found("Paris", "Paris (Frankreich)", "Hauptstadt Frankreichs",
                       "Paris liegt an der Seine.", wikidata="Q90"),
        "Kiew": GlossaryEntry("Kiew", "de", Status.NOT_CACHED),
        "Kreml": GlossaryEntry("Kreml", "de", Status.AMBIGUOUS, candidates=(
            Candidate("Moskauer Kreml", "Festung", "https://de.wikipedia.org/wiki/Moskauer_Kreml"),
            Candidate("Kreml (Begriff)", "", ""))),
    }
    return analysis_of(peskow, paris, kiew, kreml), entries


def export(style: str, notes: dict[str, str] | None = None) -> tuple[Article, str]:
    article = tricky_article()
    analysis, entries = tricky_analysis(article)
    return article, to_markdown(article, analysis, entries, style=style,  # type: ignore[arg-type]
                                exported_at=WHEN, notes=notes)


def norm(url: str) -> str:
    return urllib.parse.unquote(url)


@pytest.mark.parametrize("style", STYLES)
def test_body_renders_exactly_the_article_text(style: str) -> None:
    article, doc = export(style)
    parsed = parse(doc, wikilinks=style == "wikilinks")
    assert plain_text(parsed.body) == article.text
    kinds = block_kinds(parsed.body)
    assert kinds == ["heading_open"] + ["paragraph_open"] * (len(TRICKY) - 1)
    # Not even a renderer that autolinks URLs finds a link the export did not make.
    autolinked = parse(doc, wikilinks=style == "wikilinks", autolinks=True)
    assert plain_text(autolinked.body) == article.text
    assert links(autolinked.body) == links(parsed.body)
    assert not [t for t in inline_tokens(parsed.body) if t.type == "html_inline"]


@pytest.mark.parametrize("style", STYLES)
def test_front_matter_parses_as_yaml(style: str) -> None:
    _, doc = export(style)
    front = parse(doc).front
    assert front["title"] == "Kreml: *Titel* \"zitiert\""
    assert front["date"] == dt.date(2025, 9, 5)
    assert front["source"] == "artikel.txt"
    assert front["exported_at"] == WHEN
    assert front["recogniser"] == "hand-made 1.0"
    assert front["style"] == style
    by_name = {e["name"]: e for e in front["entities"]}
    assert by_name["Peskow"] == {"name": "Peskow", "label": "PER", "wikidata": "Q1",
                                 "url": "https://de.wikipedia.org/wiki/Dmitri_Peskow"}
    assert by_name["Kiew"] == {"name": "Kiew", "label": "LOC", "url": None, "wikidata": None}
    assert [e["label"] for e in front["entities"]] == ["PER", "ORG", "LOC", "LOC"]


def test_links_resolve_and_mark_the_first_mention_per_paragraph() -> None:
    _, doc = export("links")
    parsed = parse(doc)
    body_links = links(parsed.body)
    expected = {"Peskow": "https://de.wikipedia.org/wiki/Dmitri_Peskow",
                "Paris": "https://de.wikipedia.org/wiki/Paris_(Frankreich)"}
    for href, title, text in body_links:
        assert norm(href) == expected[text]
        assert title == {"Peskow": "russischer Sprecher \"des\" Kreml",
                         "Paris": "Hauptstadt Frankreichs"}[text]
    # One link per entity and paragraph, in every paragraph that mentions it.
    per_paragraph = [sorted(text for _, _, text in links([t])) for t in parsed.body
                     if t.type == "inline"]
    wanted = [sorted(name for name in expected
                     if entity(p, name, "X").mentions) for p in TRICKY]
    assert per_paragraph == wanted
    # Entities without a web page are never linked.
    assert all(text in expected for _, _, text in body_links)


def test_footnotes_resolve_once_per_entity_with_the_background() -> None:
    _, doc = export("footnotes")
    parsed = parse(doc)
    refs = [t for t in inline_tokens(parsed.body) if t.type == "footnote_ref"]
    definitions = parsed.footnote_definitions()
    assert len(refs) == 2
    assert {r.meta["id"] for r in refs} == set(definitions)
    assert not links(parsed.body)
    texts = sorted(definitions.values())
    assert texts[0].startswith("Dmitri Peskow – russischer Sprecher \"des\" Kreml. "
                               "Er ist *seit* 2012 Sprecher. Zweite Zeile mit [Klammern].")
    assert texts[1].startswith("Paris (Frankreich) – Hauptstadt Frankreichs.")
    notes_links = [norm(h) for h, _, _ in links(parsed.after_body)]
    assert "https://de.wikipedia.org/wiki/Dmitri_Peskow" in notes_links


def test_wikilinks_name_the_page_and_keep_the_mention_text() -> None:
    _, doc = export("wikilinks")
    parsed = parse(doc, wikilinks=True)
    wikilinks = [t for t in inline_tokens(parsed.body) if t.type == "wikilink"]
    pairs = {(t.meta["target"], t.content) for t in wikilinks}
    assert pairs == {("Dmitri Peskow", "Peskow"), ("Paris (Frankreich)", "Paris")}
    assert not links(parsed.body)


def test_glossary_lists_every_entity_with_background_or_status() -> None:
    _, doc = export("links", notes={"Paris": "Mein *Besuch* 2019\n\nZweiter Gedanke"})
    parsed = parse(doc)
    text = plain_text(parsed.after_body)
    for name in ("Peskow", "Paris", "Kiew", "Kreml"):
        assert f"\n\n{name}\n\n" in text
    assert "person (PER) · 5 mentions" in text
    assert "russischer Sprecher \"des\" Kreml" in text
    assert "Er ist *seit* 2012 Sprecher.\nZweite Zeile mit [Klammern]." in text
    assert "Source: Wikipedia, Dmitri Peskow, licence CC BY-SA 4.0, retrieved 2025-09-04." in text
    assert "No background in the cache (exported offline)." in text
    assert "Several Wikipedia pages could be meant." in text
    assert "Moskauer Kreml: Festung" in text
    assert "Note: Mein *Besuch* 2019\n\nZweiter Gedanke" in text
    hrefs = {norm(h) for h, _, _ in links(parsed.after_body)}
    assert hrefs == {"https://de.wikipedia.org/wiki/Dmitri_Peskow",
                     "https://de.wikipedia.org/wiki/Paris_(Frankreich)",
                     "https://de.wikipedia.org/wiki/Moskauer_Kreml",
                     "https://creativecommons.org/licenses/by-sa/4.0/"}


def test_no_entries_at_all_still_lists_entities() -> None:
    article = tricky_article()
    analysis, _ = tricky_analysis(article)
    doc = to_markdown(article, analysis, {}, style="footnotes",  # type: ignore[arg-type]
                      exported_at=WHEN)
    parsed = parse(doc)
    assert plain_text(parsed.body) == article.text
    assert plain_text(parsed.after_body).count("Not looked up.") == 4
    assert not parsed.footnote_definitions()


def test_unknown_style_is_refused() -> None:
    article = tricky_article()
    with pytest.raises(ValueError, match="unknown export style"):
        to_markdown(article, analysis_of(), {}, style="html", exported_at=WHEN)


def test_hostile_url_is_never_a_link() -> None:
    article = make_article(["Peskow spricht."])
    bad = GlossaryEntry("Peskow", "de", Status.FOUND, title="P", url="javascript:alert(1)")
    doc = to_markdown(article, analysis_of(entity(article.text, "Peskow", "PER")),
                      {"Peskow": bad}, exported_at=WHEN)
    parsed = parse(doc)
    assert links(parsed.body) == []
    assert "javascript" not in "".join(h for h, _, _ in links(parsed.tokens))


def test_seed_article_in_every_style(seed_path: object) -> None:
    article = load(str(seed_path))
    peskow = entity(article.text, "Dmitri Peskow", "PER", ["Peskow"])
    ukraine = entity(article.text, "Ukraine", "LOC")
    analysis = analysis_of(peskow, ukraine)
    entries = {"Dmitri Peskow": found("Dmitri Peskow", description="Kremlsprecher")}
    for style in STYLES:
        doc = to_markdown(article, analysis, entries, style=style, exported_at=WHEN)
        parsed = parse(doc, wikilinks=style == "wikilinks")
        assert plain_text(parsed.body) == article.text


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("text", [
    "Peskow(Kreml) sagt", "!Peskow", "Peskow[x](y)", "Peskow: ja", "1. Peskow", "# Peskow",
    "Peskow", "x!Peskow(y)", "Peskow()", "Peskow]]",
])
def test_annotation_next_to_special_characters(style: str, text: str) -> None:
    article = make_article([text])
    entries = {"Peskow": found("Peskow", "Dmitri Peskow", "Sprecher")}
    doc = to_markdown(article, analysis_of(entity(text, "Peskow", "PER")), entries,
                      style=style, exported_at=WHEN)
    parsed = parse(doc, wikilinks=style == "wikilinks")
    assert plain_text(parsed.body) == text
    kids = inline_tokens(parsed.body)
    marks = {"links": "link_open", "footnotes": "footnote_ref", "wikilinks": "wikilink"}
    assert [t.type for t in kids if t.type in marks.values()] == [marks[style]]
    assert [norm(h) for h, _, _ in links(parsed.body)] == (
        [entries["Peskow"].url] if style == "links" else [])


# ---- escaping ---------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    *TRICKY, "  eingerückt  ", "\u00a0geschützt\u00a0", "    Code?", "```", "~~~", "***",
    "---", "===", "1)", "12345. x", "<!-- c -->", "[x]: https://e.de", "[^x]: y", "\\",
    "a  \\", "&", "&;", "&nbsp", "&copy;", "Ende #", "foo ##", "\t#", ">>", "| a | b |",
])
def test_escaped_line_renders_as_itself(line: str) -> None:
    md = escape_line(line)
    for autolinks in (False, True):
        parsed = parse(f"---\na: 1\n---\n{md}\n\n---\n", autolinks=autolinks)
        assert plain_text(parsed.body) == line
        assert links(parsed.body) == []


_PIECES = ["*", "_", "[", "]", "#", "<", ">", "`", "|", "\\", "&amp;", "&#35;", "1. ",
           "2) ", "- ", "+ ", "=", "~", "$", "^", "!", "(", ")", ":", "%", "https://x.de/a_b",
           "www.zdf.de", "a@b.de", " ", "  ", "Peskow", "Paris", "Wort", "ä", "7", ".", "\"",
           "[^1]", "<b>", "**", "__", "```"]


@st.composite
def articles(draw: st.DrawFn) -> Article:
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        text = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14)))
        text = text.strip()
        paragraphs.append(text or "Wort")
    kinds = draw(st.lists(st.sampled_from(["paragraph", "heading"]),
                          min_size=len(paragraphs), max_size=len(paragraphs)))
    return make_article(paragraphs, kinds)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from(STYLES))
def test_any_text_survives_every_style(article: Article, style: str) -> None:
    peskow = entity(article.text, "Peskow", "PER")
    paris = entity(article.text, "Paris", "LOC")
    entries = {"Peskow": found("Peskow", "Dmitri Peskow", "Sprecher [x] *y*", "Intro `z`."),
               "Paris": found("Paris", "Paris (Frankreich)", "Stadt")}
    doc = to_markdown(article, analysis_of(peskow, paris), entries, style=style,
                      exported_at=WHEN)
    parsed = parse(doc, wikilinks=style == "wikilinks")
    assert plain_text(parsed.body) == article.text
    assert set(block_kinds(parsed.body)) <= {"paragraph_open", "heading_open"}
    for href, _, text in links(parsed.body):
        assert text in ("Peskow", "Paris")
        assert norm(href) == entries[text].url
    refs = {t.meta["id"] for t in inline_tokens(parsed.body) if t.type == "footnote_ref"}
    assert refs == set(parsed.footnote_definitions())
    if style == "wikilinks":
        targets = {t.meta["target"] for t in inline_tokens(parsed.body) if t.type == "wikilink"}
        assert targets <= {"Dmitri Peskow", "Paris (Frankreich)"}


@given(st.text(min_size=0, max_size=60))
def test_front_matter_strings_round_trip(text: str) -> None:
    import yaml

    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return
    assert yaml.safe_load(f"key: {quote(text)}\n") == {"key": text}


def test_suggested_path_is_beside_the_article() -> None:
    assert str(suggested_path("news/a.txt")) == "news/a.annotated.md"
    assert str(suggested_path("news/a.md", "json")) == "news/a.annotated.json"
    assert str(suggested_path("<stdin>", "md", "Kreml: Putin & Trump!")) == (
        "kreml-putin-trump.annotated.md")


_FIELD = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map(
    lambda parts: " ".join("".join(parts).split()) or "Wort")


@settings(max_examples=100, deadline=None)
@given(name=_FIELD, title=_FIELD, description=_FIELD, intro=_FIELD, note=_FIELD,
       candidate=_FIELD, status=st.sampled_from([Status.FOUND, Status.AMBIGUOUS]))
def test_glossary_texts_survive(name: str, title: str, description: str, intro: str,
                                note: str, candidate: str, status: Status) -> None:
    article = make_article(["Ein Satz."])
    ent = entity(article.text, name, "MISC")
    entry = GlossaryEntry(name, "de", status, title=title, description=description,
                          intro=intro, url="https://de.wikipedia.org/wiki/X",
                          candidates=(Candidate(candidate, description),))
    for style in STYLES:
        doc = to_markdown(article, analysis_of(ent), {name: entry}, style=style,
                          exported_at=WHEN, notes={name: note})
        parsed = parse(doc)
        assert plain_text(parsed.body) == article.text
        text = plain_text(parsed.after_body)
        assert text.startswith(f"Glossary\n\n{name}\n\nother (MISC) · 0 mentions\n\n")
        if status is Status.FOUND:
            assert f"\n\n{description}\n\n{intro}\n\nSource: Wikipedia, {title}, " in text
        else:
            assert f"\n\n{candidate}: {description}\n\n" in text
        assert text.endswith(f"\n\nNote: {note}")
        assert set(block_kinds(parsed.after_body)) <= {
            "heading_open", "paragraph_open", "bullet_list_open", "list_item_open",
            "blockquote_open", "footnote_block_open", "footnote_open"}
