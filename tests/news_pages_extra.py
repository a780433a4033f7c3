"""More pages of the local news test site: live blog, structure, comments, a 300 KB page,
a print version, a consent wall and a page without an article (see tests/news_pages.py)."""

from __future__ import annotations

import html
import json

from news_pages import RESSORTS, Page, _blocks_html, _head, _menu, _teasers
from news_texts import BUDGET, CLINIC, STORM, THEATRE, WINDPARK

esc = html.escape


def liveblog() -> Page:
    """A live blog: timestamped entries, a pinned summary, 'load more' and share buttons."""
    s = STORM
    data = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": s.title,
            "datePublished": f"{s.date}T06:00:00+01:00",
            "coverageStartTime": f"{s.date}T06:00:00+01:00"}
    entries = []
    times = ("15:42", "14:10", "12:55", "11:20")
    pairs = [(s.blocks[i][1], s.blocks[i + 1][1]) for i in range(1, len(s.blocks), 2)]
    for when, (head, text) in zip(times, pairs, strict=True):
        entries.append(f'<div class="lb-entry"><div class="lb-time">{when} Uhr</div>'
                       f'<h3>{esc(head)}</h3><p>{esc(text)}</p><div class="lb-share">'
                       '<button>Eintrag teilen</button></div></div>')
    page = (
        f'<!DOCTYPE html><html lang="de">{_head(s.title + " | Küstenpost", s)}'
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
        '<body><nav>' + _menu(list(RESSORTS)) + '</nav><main><article class="liveblog">'
        f'<h1>{esc(s.title)}</h1><p class="summary">{esc(s.blocks[0][1])}</p>'
        '<div class="lb-controls"><button>Neue Einträge laden</button>'
        '<label><input type="checkbox"> Automatisch aktualisieren</label></div>'
        + "".join(entries) + '<button class="more">Ältere Einträge anzeigen</button>'
        '</article></main><footer>Küstenpost Digital · Impressum</footer></body></html>')
    return Page("/liveblog/sturm-wiebke", page, s,
                ("Neue Einträge laden", "Automatisch aktualisieren", "Eintrag teilen",
                 "Ältere Einträge anzeigen", "Küstenpost Digital"))


def structured() -> Page:
    """Subheadings, a list, a quote and a table inside the article."""
    s = BUDGET
    page = (
        f'<!DOCTYPE html><html lang="de">{_head(s.title + " | Landeszeitung", s)}<body>'
        '<header><nav>' + _menu(["Land", "Kommunen", "Bildung", "Newsletter"]) + '</nav>'
        '</header><main><article><h1>' + esc(s.title) + '</h1>'
        f'<div class="byline">Von {esc(s.author)}</div>' + _blocks_html(s)
        + '<div class="newsletter-box"><h4>Der Landespolitik-Newsletter</h4><p>Jeden '
        'Freitag alles Wichtige aus dem Landtag in Ihrem Postfach.</p><form><input '
        'type="email" placeholder="Ihre E-Mail-Adresse"><button>Abonnieren</button></form>'
        '</div></article></main><footer>Landeszeitung · Impressum</footer></body></html>')
    return Page("/land/haushalt-familien", page, s,
                ("Der Landespolitik-Newsletter", "Jeden Freitag", "Ihre E-Mail-Adresse",
                 "Abonnieren", "Kommunen"))


_COMMENTS = (
    ("Deichgraf62", "Endlich tut sich mal was bei uns auf dem Land, das wurde auch Zeit."),
    ("moin_moin", "Hoffentlich bleibt sie länger als ihr Vorgänger in der Nachbargemeinde."),
    ("Kritischer Bürger", "Warum bekommt eine Praxis Geld von der Gemeinde und unser "
                          "Bäcker nicht? Das verstehe ich nicht."),
    ("Heike S.", "Wir freuen uns sehr und werden bestimmt Patienten."),
)


def comments() -> Page:
    """An article followed by a comment section with a form and reader comments."""
    s = CLINIC
    thread = "".join(
        f'<li class="comment"><div class="comment-author">{esc(user)}</div>'
        f'<div class="comment-date">vor {n + 2} Stunden</div><p>{esc(text)}</p>'
        '<a class="reply" href="#">Antworten</a> <a href="#">Melden</a></li>'
        for n, (user, text) in enumerate(_COMMENTS))
    page = (
        f'<!DOCTYPE html><html lang="de">{_head(s.title + " | Geest-Zeitung", s)}<body>'
        '<nav>' + _menu(list(RESSORTS[:6])) + '</nav><main><article><h1>' + esc(s.title)
        + '</h1>' + _blocks_html(s) + '</article><section id="comments" class="comments">'
        f'<h2>Kommentare ({len(_COMMENTS)})</h2><form class="comment-form"><textarea '
        'placeholder="Schreiben Sie einen Kommentar"></textarea><button>Absenden</button>'
        f'</form><ol class="comment-list">{thread}</ol></section></main>'
        '<footer>Geest-Zeitung · Impressum</footer></body></html>')
    clutter = [text for _user, text in _COMMENTS] + [user for user, _ in _COMMENTS]
    return Page("/gesundheit/landarzt-nachfolge", page, s,
                (*clutter, "Kommentare (4)", "Schreiben Sie einen Kommentar", "Antworten",
                 "Melden", "vor 2 Stunden"))


def _mega_menu() -> str:
    regions = ("Nord", "Süd", "Ost", "West", "Mitte", "Küste", "Heide", "Marsch", "Geest")
    items = []
    for r in RESSORTS:
        sub = "".join(f'<li><a href="/{r}/{g}/{n}">{r} {g} Übersicht {n}</a></li>'
                      for g in regions for n in range(18))
        items.append(f'<li class="mm"><a href="/{r}">{r}</a><ul class="mm-sub">{sub}</ul></li>')
    return '<nav class="megamenu"><ul>' + "".join(items) + "</ul></nav>"


def _inline_scripts() -> str:
    config = {"slots": [{"id": f"ad-{n}", "sizes": [[300, 250], [728, 90]],
                         "targeting": {"ressort": RESSORTS[n % 10], "pos": n}}
                        for n in range(800)]}
    return ("<script>window.adConfig=" + json.dumps(config) + ";</script>"
            "<script>(function(){var q=[];for(var i=0;i<50;i++){q.push('slot'+i);}"
            "window.__queue=q;})();</script>")


def huge() -> Page:
    """A 300 KB page: a mega menu of 800 links, 400 ad slots in inline scripts, teasers."""
    s = WINDPARK
    page = (
        f'<!DOCTYPE html><html lang="de">{_head(s.title + " | Marschbote", s)}<body>'
        + _inline_scripts() + _mega_menu() + '<main><article><h1>' + esc(s.title) + '</h1>'
        + _blocks_html(s) + '</article><section class="teasers">' + _teasers(0, 36)
        + '</section></main>' + _inline_scripts().replace("adConfig", "adConfig2")
        + '<footer>Marschbote · Impressum</footer></body></html>')
    return Page("/wirtschaft/buergerwindpark-gewinn", page, s,
                ("Übersicht", "Buxtehude: Kreisel", "adConfig", "slot", "Marschbote ·"))


def print_version() -> Page:
    """A print version: no <p>, paragraphs separated by <br><br>, print links around."""
    s = THEATRE
    body = "<br><br>\n".join(esc(t) for _k, t in s.blocks)
    page = (
        f'<html><head><title>Druckversion: {esc(s.title)}</title>'
        f'<meta name="date" content="{s.date}"></head><body onload="window.print()">'
        '<div class="printhead">Ostfriesen-Anzeiger · Druckversion<br>'
        '<a href="javascript:window.print()">Seite drucken</a> | '
        '<a href="javascript:window.close()">Fenster schließen</a></div><hr>'
        f'<div class="printbody"><h1>{esc(s.title)}</h1><br>{body}<br><br></div><hr>'
        '<div class="printfoot">© Ostfriesen-Anzeiger. Vervielfältigung nur mit '
        'Genehmigung.</div></body></html>')
    return Page("/druck/oper-platt.html", page, s,
                ("Druckversion", "Seite drucken", "Fenster schließen", "Vervielfältigung"))


def consent_wall() -> Page:
    """What some sites answer without a consent cookie: the consent dialog, no article."""
    page = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ihre Zustimmung '
        '| Weserblick</title></head><body><div class="consent"><h1>Willkommen beim '
        'Weserblick</h1><p>Wir und unsere 143 Partner speichern Cookies und greifen auf '
        'Informationen auf Ihrem Gerät zu, um Inhalte und Werbung zu personalisieren und '
        'die Nutzung zu messen. Mit Ihrer Zustimmung verarbeiten wir dafür auch Ihre '
        'Daten, teils in Ländern ohne gleichwertigen Datenschutz.</p><p>Sie können Ihre '
        'Einwilligung jederzeit in den Datenschutz-Einstellungen am Seitenende widerrufen. '
        'Ohne Tracking lesen Sie mit unserem Pur-Abo werbefrei für 2,99 Euro im Monat.</p>'
        '<button>Alle akzeptieren</button><button>Einstellungen</button>'
        '<a href="/pur">Zum Pur-Abo</a></div></body></html>')
    return Page("/politik/consent-gate", page, error="consent")


def no_article() -> Page:
    """A script-only app shell: nothing to read without JavaScript."""
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Weserblick</title>'
            '<script src="/app.js" defer></script></head><body><div id="root"></div>'
            '<noscript>Bitte aktivieren Sie JavaScript, um diese Seite zu nutzen.</noscript>'
            '</body></html>')
    return Page("/app/start", page, error="noarticle")


def all_pages() -> list[Page]:
    """Every page of the test site."""
    from news_pages import amp, broadcaster, jsonld_only, legacy_charsets, nested_divs

    return [broadcaster(), nested_divs(), jsonld_only(), amp(), *legacy_charsets(),
            liveblog(), structured(), comments(), huge(), print_version(), consent_wall(),
            no_article()]


