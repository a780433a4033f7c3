"""Feeds, pages and an OPML file served by ``tests/feed_server.py`` (all written for these
tests; the towns, people and events are made up or generic).

``{base}`` in a text is replaced by the server's base URL (``http://127.0.0.1:PORT``).
"""

from __future__ import annotations

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Stadtbote Neustadt</title>
  <link>{base}/</link>
  <description>Nachrichten aus Neustadt am Fluss</description>
  <item>
    <title><![CDATA[Rathaus & Bürger: Haushalt für 2027 beschlossen]]></title>
    <link>{base}/artikel/haushalt</link>
    <guid>stadtbote-haushalt</guid>
    <pubDate>Tue, 01 Dec 2026 08:30:00 +0000</pubDate>
    <description>Der Stadtrat hat nach langer Debatte den Haushalt verabschiedet.</description>
    <content:encoded><![CDATA[<p>Der Stadtrat von Neustadt hat am Montagabend den Haushalt
für das kommende Jahr beschlossen. Bürgermeisterin Carla Wendt sprach von einem
soliden Plan.</p><p>Die Opposition kritisierte die Kürzungen bei den Bibliotheken in
Hamburg und Bremen, mit denen die Stadt Partnerschaften pflegt.</p>]]></content:encoded>
  </item>
  <item>
    <title>Bahn &amp; Bus: Fahrplanwechsel im Dezember</title>
    <link>/artikel/fahrplan</link>
    <guid isPermaLink="false">stadtbote-fahrplan</guid>
    <pubDate>Mon, 30 Nov 2026 17:00:00 +0000</pubDate>
    <description>&lt;p&gt;Ab Mitte Dezember fahren die Busse
      &lt;b&gt;häufiger&lt;/b&gt;.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Ab Mitte Dezember fahren die Busse der Linie 4 alle zehn
Minuten. Die Verkehrsbetriebe Neustadt rechnen mit mehr Fahrgästen.</p><p>Auch der
Regionalzug nach Frankfurt hält künftig stündlich am Südbahnhof.</p>]]></content:encoded>
  </item>
  <item>
    <title>Hafenfest lockt Tausende ans Ufer</title>
    <link>{base}/artikel/verschwunden</link>
    <guid>stadtbote-hafenfest</guid>
    <pubDate>Sun, 29 Nov 2026 12:00:00 +0000</pubDate>
    <description>Drei Tage Musik und Marktstände am alten Hafen.</description>
    <content:encoded><![CDATA[<p>Das Hafenfest in Neustadt hat an drei Tagen viele Gäste an
das Ufer gelockt. Der Verein Hafenfreunde zog eine zufriedene Bilanz.</p>
<p>Kapitän Jonas Reimer führte Besucher über das alte Feuerschiff.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/blog/">
  <title type="html">Landblick &amp;lt;Region&amp;gt;</title>
  <link rel="alternate" href="{base}/blog/"/>
  <link rel="self" href="{base}/atom.xml"/>
  <id>urn:landblick:feed</id>
  <updated>2026-12-01T10:00:00Z</updated>
  <entry>
    <title type="html">Wahl in &lt;em&gt;Kleinstadt&lt;/em&gt; entschieden</title>
    <link rel="related" href="https://example.org/verwandt"/>
    <link rel="alternate" type="text/html" href="wahl"/>
    <id>urn:landblick:wahl</id>
    <published>2026-12-01T09:00:00Z</published>
    <updated>2026-12-01T09:00:00Z</updated>
    <summary>Die Stichwahl brachte ein knappes Ergebnis.</summary>
    <content type="html">&lt;p&gt;In Kleinstadt gewann Tobias Brandt die Stichwahl mit
    knappem Vorsprung. Er will das Rathaus in Kassel besuchen.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Neue <b>Brücke</b> über
    die Lahn eröffnet</div></title>
    <link href="bruecke"/>
    <id>urn:landblick:bruecke</id>
    <updated>2026-11-28T15:00:00Z</updated>
    <summary type="html">Nach zwei Jahren Bauzeit &lt;i&gt;endlich&lt;/i&gt; frei.</summary>
  </entry>
  <entry>
    <title>Leserbriefe der Woche</title>
    <link rel="alternate" href="leserbriefe"/>
    <id>urn:landblick:leserbriefe</id>
    <summary>Was unsere Leserinnen und Leser bewegt.</summary>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="{base}/rdf.xml">
    <title>Kreisblatt</title>
    <link>{base}/kreis/</link>
    <description>Meldungen aus dem Kreis</description>
  </channel>
  <item rdf:about="{base}/kreis/schule">
    <title>Schule bekommt neue Turnhalle</title>
    <link>{base}/kreis/schule</link>
    <dc:date>2026-11-27T07:00:00Z</dc:date>
  </item>
</rdf:RDF>
"""

RSS091 = """<?xml version="1.0"?>
<rss version="0.91">
  <channel>
    <title>Dorfnachrichten</title>
    <link>{base}/dorf/</link>
    <description>Alte Technik, neue Meldungen</description>
    <item>
      <title>Backhaus wieder in Betrieb</title>
      <link>{base}/dorf/backhaus</link>
      <description>Das Backhaus am Anger ist renoviert.</description>
    </item>
  </channel>
</rss>
"""

TRUNCATED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Abgebrochen</title>
  <link>{base}/</link>
  <item>
    <title>Erste Meldung bleibt</title>
    <link>{base}/kurz/eins</link>
    <guid>kurz-eins</guid>
  </item>
  <item>
    <title>Zweite Meldung bleibt auch</title>
    <link>{base}/kurz/zwei</link>
    <guid>kurz-zwei</guid>
  </item>
  <item>
    <title>Dritte Meldung bricht ab"""

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Meine Abos</title></head>
  <body>
    <outline text="Lokales" title="Lokales">
      <outline type="rss" text="Stadtbote Neustadt" xmlUrl="{base}/rss.xml"
               htmlUrl="{base}/"/>
      <outline type="rss" text="Landblick" xmlUrl="{base}/atom.xml"/>
    </outline>
    <outline type="rss" text="Eingestellt" xmlUrl="{base}/eingestellt.xml"/>
  </body>
</opml>
"""

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{title} | Stadtbote</title>
<link rel="alternate" type="application/rss+xml" title="Stadtbote" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Landblick" href="/atom.xml"></head>
<body><nav>Startseite Lokales Sport</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Die Redaktion des Stadtboten in Neustadt berichtet weiter über das Thema.</p>
</article></body></html>
"""

#: Article pages: path -> (title, body).
PAGES: dict[str, tuple[str, str]] = {
    "/artikel/haushalt": (
        "Haushalt für 2027 beschlossen",
        "Der Stadtrat von Neustadt hat den Haushalt beschlossen. Bürgermeisterin Carla "
        "Wendt lobte den Kompromiss, Kämmerer Paul Ostrowski warnte vor steigenden Zinsen. "
        "Partnerstädte wie Hamburg und Bremen schickten Glückwünsche."),
    "/artikel/fahrplan": (
        "Fahrplanwechsel im Dezember",
        "Die Verkehrsbetriebe Neustadt fahren ab Dezember häufiger. Der Regionalzug nach "
        "Frankfurt hält stündlich am Südbahnhof."),
    "/blog/wahl": (
        "Wahl in Kleinstadt entschieden",
        "Tobias Brandt gewann die Stichwahl in Kleinstadt. Er kündigte einen Besuch in "
        "Kassel an."),
}

#: Feeds: path -> body template.
FEEDS: dict[str, str] = {
    "/rss.xml": RSS,
    "/atom.xml": ATOM,
    "/rdf.xml": RDF,
    "/rss091.xml": RSS091,
    "/truncated.xml": TRUNCATED,
}


def big_feed(count: int = 300) -> str:
    """An RSS 2.0 feed with ``count`` generated entries (for trying long lists)."""
    topics = ("Gemeinderat", "Wochenmarkt", "Radweg", "Stadtwerke", "Feuerwehr", "Museum")
    items = []
    for number in range(count):
        topic = topics[number % len(topics)]
        day, hour = 30 - number // 24 % 28, number % 24
        items.append(
            f"<item><title>{topic}: Meldung Nummer {number + 1}</title>"
            f"<link>{{base}}/viele/{number + 1}</link><guid>viele-{number + 1}</guid>"
            f"<pubDate>{'Mon' if number % 2 else 'Tue'}, {day:02d} Nov 2026 {hour:02d}:00:00"
            f" +0000</pubDate><description>Kurzmeldung {number + 1} über {topic}."
            f"</description><content:encoded><![CDATA[<p>Die Meldung {number + 1} berichtet"
            f" über {topic} in Neustadt.</p>]]></content:encoded></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Viele Meldungen</title><link>{{base}}/viele/</link>"
            f"{''.join(items)}</channel></rss>")
