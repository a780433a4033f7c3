"""Pages of the local news test site, built like real German news sites (own templates).

Each :class:`Page` has its HTML (or other body), how it is served (content type, charset
of the bytes, header), and its gold standard: headline, date, the article's blocks and
clutter strings (navigation, teasers, comments, ads, consent texts) that must not appear
in the extracted text. ``PAGES`` maps a URL path to its page; the pages with ``error`` set
must be refused with that kind of error (see tests/news_server.py for the fault URLs).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from news_texts import (
    BRIDGE,
    FERRY,
    HARBOUR,
    LIBRARY,
    MARKET,
    ORCHARD,
    TRAIN,
    Story,
)

esc = html.escape
RESSORTS = ("Politik", "Wirtschaft", "Sport", "Kultur", "Wissen", "Panorama", "Regional",
            "Meinung", "Reise", "Auto")
NAV_CLUTTER = ["Zum Inhalt springen", "Barrierefreiheit", "Impressum", "Datenschutzhinweise"]


@dataclass(frozen=True)
class Page:
    """A page of the test site and what an extraction must (not) find on it."""

    path: str
    html: str
    story: Story | None = None
    clutter: tuple[str, ...] = ()
    content_type: str = "text/html; charset=utf-8"
    encoding: str = "utf-8"
    error: str = ""  # "consent" or "noarticle": the page must be refused
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> bytes:
        """The bytes served."""
        return self.html.encode(self.encoding)


def _blocks_html(story: Story, para: str = "<p>{}</p>") -> str:
    """The article blocks as HTML: lists and tables grouped, quotes as blockquotes."""
    out: list[str] = []
    kinds = [kind for kind, _ in story.blocks]
    for index, (kind, text) in enumerate(story.blocks):
        before = kinds[index - 1] if index else ""
        after = kinds[index + 1] if index + 1 < len(kinds) else ""
        if kind == "heading":
            out.append(f"<h2>{esc(text)}</h2>")
        elif kind == "list_item":
            out.append(("<ul>" if before != kind else "") + f"<li>{esc(text)}</li>"
                       + ("</ul>" if after != kind else ""))
        elif kind == "quote":
            out.append(f"<blockquote><p>{esc(text)}</p></blockquote>")
        elif kind == "table_row":
            cells = "".join(f"<td>{esc(cell)}</td>" for cell in text.split(" | "))
            out.append(("<table><tbody>" if before != kind else "") + f"<tr>{cells}</tr>"
                       + ("</tbody></table>" if after != kind else ""))
        else:
            out.append(para.format(esc(text)))
    return "\n".join(out)


def _head(title: str, story: Story, extra: str = "") -> str:
    return (f'<head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta property="article:published_time" content="{story.date}T07:30:00+01:00">'
            f'<meta name="author" content="{esc(story.author)}">{extra}'
            '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({"pageType":'
            '"article","paywall":false});</script></head>')


def _menu(items: list[str]) -> str:
    return "<ul>" + "".join(f'<li><a href="/{i}">{esc(i)}</a></li>' for i in items) + "</ul>"


def broadcaster() -> Page:
    """A public broadcaster: <article><header> with topline, headline and lead."""
    s = FERRY
    lead, rest = s.blocks[0][1], Story(s.title, s.date, s.author, s.blocks[1:])
    body = _blocks_html(rest, '<p class="textabsatz">{}</p>')
    middle = body.index("<h2>")
    related = ('<div class="teaser-xs"><span class="teaser-xs__topline">Mehr zum Thema</span>'
               '<a href="/k">Küstenschutz: Deiche werden erhöht</a></div>'
               '<div class="sharing"><button aria-label="Teilen"><svg aria-hidden="true">'
               '<path d="M0 0h8v8z"/></svg><span aria-hidden="true">Teilen</span></button>'
               '<span class="audio" aria-hidden="true">Artikel anhören</span></div>')
    page = (
        f'<!DOCTYPE html><html lang="de">{_head(s.title + " | nordfunk.example", s)}<body>'
        '<a class="skip" href="#inhalt">Zum Inhalt springen</a>'
        '<header class="seitenkopf"><a class="logo" href="/">Nordfunk Nachrichten</a><nav>'
        + _menu(["Startseite", "Inland", "Ausland", "Wirtschaft", "Wetter", "Faktenprüfer"])
        + '</nav><form role="search"><input placeholder="Suchbegriff eingeben">'
        '<button>Suchen</button></form></header><main id="inhalt">'
        '<article class="beitrag"><header class="beitrag__kopf">'
        '<span class="topline">Verkehr an der Küste</span>'
        f'<h1 class="seitenkopf__headline">{esc(s.title)}</h1>'
        '<p class="metatextline">Stand: 04.03.2025 07:30 Uhr</p>'
        f'<p class="einleitung"><strong>{esc(lead)}</strong></p></header>'
        + body[:middle] + related + body[middle:]
        + f'<p class="autorenzeile">Von {esc(s.author)}, Nordfunk</p></article>'
        '<aside class="weitere"><h2>Weitere Meldungen</h2>'
        + _menu(["Sturmflut: Warnung aufgehoben", "Hafen meldet Rekordumschlag"])
        + '</aside></main><footer>' + _menu(["Impressum", "Datenschutzhinweise",
                                              "Barrierefreiheit", "Kontakt"])
        + '<p>© Nordfunk 2025</p></footer></body></html>')
    return Page("/kueste/faehre-elektro-100.html", page, s, (
        *NAV_CLUTTER, "Verkehr an der Küste", "Stand: 04.03.2025", "Küstenschutz: Deiche",
        "Teilen", "Artikel anhören", "Weitere Meldungen", "Sturmflut: Warnung",
        "Suchbegriff", "Faktenprüfer"))


def _teaser(n: int) -> tuple[str, str]:
    places = ("Buxtehude", "Stade", "Cuxhaven", "Verden", "Rotenburg", "Zeven", "Achim")
    things = ("Kreisel an der Bundesstraße fertig", "Schützenfest mit neuem Programm",
              "Handballer gewinnen Derby knapp", "Kita-Neubau verzögert sich erneut",
              "Feuerwehr bekommt neues Löschfahrzeug")
    title = f"{places[n % len(places)]}: {things[n % len(things)]} ({n + 1})"
    text = (f"Teaser {n + 1}: Was sich in {places[(n + 3) % len(places)]} gerade tut und "
            f"warum die Nachbarn darüber diskutieren.")
    return title, text


def _teasers(start: int, count: int) -> str:
    out = []
    for n in range(start, start + count):
        title, text = _teaser(n)
        out.append(f'<div class="teaser"><div class="teaser-kicker">{RESSORTS[n % 10]}</div>'
                   f'<div class="teaser-title"><a href="/t/{n}">{esc(title)}</a></div>'
                   f'<div class="teaser-text">{esc(text)}</div></div>')
    return "".join(out)


def nested_divs() -> Page:
    """A regional paper's CMS: divs only, no semantic tags, dozens of teasers around."""
    s = LIBRARY
    paragraphs = "".join(f'<div class="text-block"><div class="txt">{esc(t)}</div></div>'
                         for _k, t in s.blocks)
    page = (
        f'<!DOCTYPE html><html>{_head(s.title + " - Kreisbote Online", s)}<body>'
        '<div id="wrap"><div class="hdr"><div class="logo">Kreisbote Online</div>'
        '<div class="menu">' + "".join(f'<div class="mi"><a href="/{r}">{r}</a></div>'
                                       for r in RESSORTS) + '</div></div>'
        '<div class="cols"><div class="col-left">' + _teasers(0, 12) + '</div>'
        '<div class="col-main"><div class="art"><div class="art-kicker">Kultur vor Ort</div>'
        f'<div class="art-head"><span class="headline">{esc(s.title)}</span></div>'
        f'<div class="art-date">18.01.2025</div><div class="art-body">{paragraphs}</div>'
        '<div class="art-tools"><a href="/print">Drucken</a> <a href="/mail">Versenden</a>'
        '</div></div><div class="more">' + _teasers(12, 12) + '</div></div>'
        '<div class="col-right">' + _teasers(24, 12) + '</div></div>'
        '<div class="ftr">Impressum | Datenschutzhinweise | Mediadaten | AGB</div>'
        '</div></body></html>')
    clutter = [t for n in (0, 5, 13, 20, 30, 35) for t in _teaser(n)]
    return Page("/lokales/buecherei-sonntag-art-4711", page, s,
                (*clutter, "Kultur vor Ort", "Mediadaten", "Versenden"))


def jsonld_only() -> Page:
    """A subscription page: the visible body is a teaser, the full text is in JSON-LD."""
    s = ORCHARD
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.title,
            "datePublished": f"{s.date}T05:00:00+02:00", "isAccessibleForFree": False,
            "author": [{"@type": "Person", "name": s.author}],
            "publisher": {"@type": "Organization", "name": "Elbe-Kurier"},
            "articleBody": "\n\n".join(t for _k, t in s.blocks)}
    teaser = s.blocks[0][1]
    page = (
        f'<!DOCTYPE html><html lang="de">{_head(s.title + " | Elbe-Kurier", s)}'
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
        '<body><nav>' + _menu(list(RESSORTS)) + '</nav><main><article>'
        f'<h1>{esc(s.title)}</h1><p class="intro">{esc(teaser)}</p>'
        '<div class="paywall"><h3>Weiterlesen mit K+</h3><p>Testen Sie einen Monat lang '
        'alle Artikel für nur 0,99 Euro. Danach jederzeit kündbar.</p>'
        '<button>Jetzt testen</button><a href="/login">Bereits Abonnent? Anmelden</a></div>'
        '</article></main><footer>Impressum · Datenschutzhinweise</footer></body></html>')
    return Page("/region/altes-land-frost-a1234", page, s,
                ("Weiterlesen mit K+", "0,99 Euro", "Jetzt testen", "Bereits Abonnent",
                 *RESSORTS[:3]))


def amp() -> Page:
    """An AMP page: ⚡ html, amp-img, amp-ad, amp-sidebar menu, amp-analytics."""
    s = BRIDGE
    amp_head = ('<script async src="/v0.js"></script><style amp-custom>body{font:16px '
                'serif}</style><link rel="canonical" href="https://nordblatt.example/'
                'verkehr/bruecke-123.html">')
    page = (
        f'<!doctype html><html ⚡ lang="de">{_head(s.title + " – Nordblatt", s, amp_head)}'
        '<body><amp-sidebar id="menu" layout="nodisplay" side="left">'
        + _menu([f"{r} im Norden" for r in RESSORTS]) + '</amp-sidebar>'
        '<header class="amp-top"><button on="tap:menu.toggle">Menü öffnen</button>'
        '<a href="/">Nordblatt</a></header><article>'
        f'<h1>{esc(s.title)}</h1><time datetime="{s.date}T09:15:00+02:00">02.06.2025'
        '</time><amp-img src="/bruecke.jpg" width="800" height="450" layout="responsive" '
        'alt="Die gesperrte Brücke"></amp-img>'
        + _blocks_html(Story(s.title, s.date, s.author, s.blocks[:2]))
        + '<amp-ad width="300" height="250" type="adsense"><div fallback>Anzeige: '
        'Jetzt Kredit vergleichen</div></amp-ad>'
        + _blocks_html(Story(s.title, s.date, s.author, s.blocks[2:]))
        + '<amp-social-share type="email">Per E-Mail teilen</amp-social-share></article>'
        '<amp-analytics type="gtag"><script type="application/json">{"vars":'
        '{"gtag_id":"X-1"}}</script></amp-analytics>'
        '<footer>Nordblatt Verlag · Impressum</footer></body></html>')
    return Page("/amp/verkehr/bruecke-123.html", page, s,
                ("Menü öffnen", "Jetzt Kredit vergleichen", "Per E-Mail teilen",
                 "Politik im Norden", "Nordblatt Verlag", "gtag_id"))


def _simple(story: Story, site: str, clutter: list[str]) -> str:
    """A plain regional site: nav, article with h1 and time, 'Auch interessant', footer."""
    return (
        f'<html><head><title>{esc(story.title)} - {site}</title>'
        '{{meta}}</head><body><div id="top"><nav>'
        + _menu(clutter[:3]) + f'</nav></div><div id="content"><article><h1>'
        f'{esc(story.title)}</h1><p class="byline">Von {esc(story.author)} | '
        f'<time datetime="{story.date}">{story.date}</time></p>'
        + _blocks_html(story) + '</article><div class="auch"><h3>Auch interessant</h3>'
        + _menu(clutter[3:]) + '</div></div><div id="bottom">Alle Rechte vorbehalten'
        '</div></body></html>')


def legacy_charsets() -> list[Page]:
    """Windows-1252 named in http-equiv, ISO-8859-15 in an XML prolog (XHTML), and
    ISO-8859-1 named only in the HTTP header."""
    clutter = ["Lokalsport", "Anzeigenmarkt", "Trauerportal", "Schützenkönig gekrönt",
               "Neue Ampel am Markt"]
    cp = _simple(MARKET, "Heide-Echo", clutter).replace(
        "{{meta}}", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    xhtml = ('<?xml version="1.0" encoding="ISO-8859-15"?>\n<!DOCTYPE html PUBLIC '
             '"-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/'
             'xhtml1-strict.dtd">\n' + _simple(HARBOUR, "Hafenbote", clutter).replace(
                 "<html>", '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de">'
             ).replace("{{meta}}", ""))
    header_only = _simple(TRAIN, "Bahnkurier", clutter).replace("{{meta}}", "")
    return [
        Page("/markt.html", cp, MARKET, tuple(clutter), "text/html", "cp1252"),
        Page("/hafenfest.xhtml", xhtml, HARBOUR, tuple(clutter), "application/xhtml+xml",
             "iso8859-15"),
        # Windows-1252 bytes labelled ISO-8859-1, as many servers send them.
        Page("/regionalbahn.html", header_only, TRAIN, tuple(clutter),
             "text/html; charset=ISO-8859-1", "cp1252"),
    ]
