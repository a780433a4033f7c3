"""Article texts of the local news test site (tests/news_server.py), written for the tests.

Every event, person and quote here is invented. Each article is a headline, a date, an
author and its blocks in reading order as ``(kind, text)`` with the kinds of
:data:`reader.article.BLOCK_KINDS`: that list is the gold standard an extraction must find.
"""

from __future__ import annotations

from dataclasses import dataclass

Block = tuple[str, str]


@dataclass(frozen=True)
class Story:
    """One invented news article."""

    title: str
    date: str
    author: str
    blocks: tuple[Block, ...]


def _p(*texts: str) -> tuple[Block, ...]:
    return tuple(("paragraph", text) for text in texts)


FERRY = Story(
    "Neue Elektrofähre verbindet beide Ufer der Unterelbe",
    "2025-03-04",
    "Hanna Lindqvist",
    (*_p(
        "Seit Montag pendelt zwischen Glückstadt und Wischhafen eine Fähre, die ohne Diesel "
        "auskommt. Die Reederei rechnet mit deutlich geringeren Betriebskosten.",
        "Das Schiff lädt seine Batterien an beiden Anlegern jeweils während der zwölf Minuten, "
        "in denen Autos und Lastwagen an und von Bord fahren. Eine Überfahrt dauert knapp "
        "eine halbe Stunde.",
        "Kapitän Ole Brandt zeigte sich nach der ersten Woche zufrieden. Bei Westwind und "
        "Ebbe habe die Fähre zwar mehr Strom gebraucht als berechnet, die Reserve sei aber "
        "nie knapp geworden.",
    ), ("heading", "Warteschlangen sollen kürzer werden"), *_p(
        "Im Sommer stauen sich an den Anlegern regelmäßig mehrere hundert Fahrzeuge. Mit "
        "dem neuen Schiff soll der Takt in der Hauptreisezeit auf zwanzig Minuten sinken.",
        "Der Landkreis beteiligt sich mit einem Zuschuss an den Kosten der Ladestationen. "
        "Die alte Dieselfähre bleibt vorerst als Reserve im Hafen liegen.",
    )),
)

LIBRARY = Story(
    "Stadtbücherei öffnet künftig auch am Sonntag",
    "2025-01-18",
    "Jonas Weidemann",
    _p(
        "Die Stadtbücherei in der Altstadt bleibt ab Februar auch sonntags geöffnet. Der "
        "Kulturausschuss stimmte dem Vorschlag der Verwaltung am Donnerstagabend einstimmig zu.",
        "Möglich wird das durch eine neue Technik am Eingang: Wer einen Leseausweis besitzt, "
        "kann die Räume zwischen elf und siebzehn Uhr mit seiner Karte betreten, auch wenn "
        "kein Personal im Haus ist.",
        "Leiterin Sabine Oltmanns erwartet vor allem Familien und Studierende. In anderen "
        "Städten hätten sich die offenen Sonntage schnell zu den besucherstärksten Tagen "
        "der Woche entwickelt.",
        "Kritik kam von der Gewerkschaft, die eine schleichende Verdrängung der Beschäftigten "
        "befürchtet. Die Stadt versicherte, dass keine Stelle gestrichen werde.",
        "Zunächst gilt die Regelung als Versuch für ein Jahr. Danach will der Ausschuss anhand "
        "der Besucherzahlen über eine Verlängerung entscheiden.",
    ),
)

ORCHARD = Story(
    "Obstbauern im Alten Land fürchten späten Frost",
    "2025-04-09",
    "Merle Achterberg",
    _p(
        "Nach einem ungewöhnlich warmen März stehen die Apfelbäume im Alten Land bereits in "
        "voller Blüte. Für die kommenden Nächte sagt der Wetterdienst jedoch Temperaturen "
        "unter dem Gefrierpunkt voraus.",
        "Viele Betriebe bereiten deshalb ihre Frostschutzberegnung vor. Dabei werden die "
        "Blüten die ganze Nacht mit Wasser besprüht, damit sich eine schützende Eisschicht "
        "bildet.",
        "„Wenn die Pumpen einmal laufen, darf nichts ausfallen“, sagt Obstbauer Hinrich "
        "Quast. Er und seine Nachbarn wechseln sich bei der Wache an den Anlagen ab.",
        "Schon ein einziger Frost kann einen großen Teil der Ernte vernichten. Die "
        "Versicherungen zahlen nach Angaben des Obstbauverbands nur einen Teil der Schäden.",
    ),
)

STORM = Story(
    "Liveblog: Sturmtief „Wiebke“ zieht über Norddeutschland",
    "2025-02-11",
    "Redaktion Nord",
    (("paragraph", "Das Sturmtief bringt Orkanböen an die Küste und Regen ins Binnenland. "
                   "Wir berichten laufend über die Folgen."),
     ("heading", "Fähren zu den Inseln fallen aus"),
     ("paragraph", "Die Reedereien haben alle Verbindungen zu den Ostfriesischen Inseln für "
                   "den Nachmittag gestrichen. Wann der Betrieb wieder aufgenommen wird, "
                   "ist noch offen."),
     ("heading", "Bahn sperrt Strecke zwischen Bremen und Oldenburg"),
     ("paragraph", "Ein umgestürzter Baum liegt auf den Gleisen bei Hude. Reisende sollen "
                   "auf Busse ausweichen, die im Stundentakt fahren."),
     ("heading", "Schulen schicken Kinder früher nach Hause"),
     ("paragraph", "In mehreren Landkreisen endet der Unterricht heute bereits nach der "
                   "vierten Stunde. Eltern wurden am Morgen per Nachricht informiert."),
     ("heading", "Feuerwehr meldet bisher über hundert Einsätze"),
     ("paragraph", "Meist ging es um lose Dachziegel und abgeknickte Äste. Verletzt wurde "
                   "nach bisherigen Erkenntnissen niemand.")),
)

BUDGET = Story(
    "Was der neue Haushalt für Familien bedeutet",
    "2025-05-20",
    "Carla Memmert",
    (("paragraph", "Der Landtag hat den Doppelhaushalt beschlossen. Für Familien ändert sich "
                   "dabei mehr, als die trockenen Zahlen vermuten lassen."),
     ("heading", "Die wichtigsten Änderungen"),
     ("list_item", "Das Kita-Essen wird ab August landesweit bezuschusst."),
     ("list_item", "Schulbusse fahren für Kinder unter zehn Jahren kostenlos."),
     ("list_item", "Der Zuschuss für Klassenfahrten steigt auf hundert Euro im Jahr."),
     ("heading", "Stimmen aus dem Landtag"),
     ("quote", "Wir entlasten die Familien dort, wo jeden Monat Geld fehlt."),
     ("paragraph", "Die Opposition hält die Entlastungen für zu gering und verweist auf "
                   "gestiegene Mieten."),
     ("heading", "Ausgaben im Überblick"),
     ("table_row", "Bereich | 2025 | 2026"),
     ("table_row", "Kitas | 410 Mio. Euro | 455 Mio. Euro"),
     ("table_row", "Schulen | 1,2 Mrd. Euro | 1,3 Mrd. Euro"),
     ("paragraph", "Der Haushalt tritt nach der Unterschrift der Ministerpräsidentin in "
                   "Kraft. Mit Klagen gegen einzelne Posten rechnet niemand.")),
)

BRIDGE = Story(
    "Marode Brücke: Umleitung kostet Pendler täglich zwanzig Minuten",
    "2025-06-02",
    "Tobias Reinke",
    _p(
        "Seit die Brücke über den Kanal für Fahrzeuge über 3,5 Tonnen gesperrt ist, "
        "quälen sich Lastwagen durch die Wohnstraßen des Nachbarorts.",
        "Ein Gutachten hatte im Frühjahr Risse in mehreren Trägern festgestellt. Ein "
        "Neubau ist frühestens in vier Jahren fertig, schätzt das Straßenbauamt.",
        "Anwohner sammeln inzwischen Unterschriften für eine Tempo-30-Zone. Der Ortsrat "
        "will das Thema in seiner nächsten Sitzung beraten.",
        "Die Busse der Linie 12 fahren während der Sperrung einen Umweg über das "
        "Gewerbegebiet. Der Fahrplan wurde entsprechend angepasst.",
    ),
)

MARKET = Story(
    "Wochenmarkt zieht auf den Rathausplatz um",
    "2025-07-15",
    "Elif Schürmann",
    _p(
        "Nach fast vierzig Jahren verlässt der Wochenmarkt den Parkplatz am Bahnhof. Ab "
        "September stehen die Stände dienstags und freitags vor dem Rathaus.",
        "Die Händler hatten sich lange gegen den Umzug gewehrt, weil sie weniger "
        "Laufkundschaft befürchteten. Ein Probemarkt im Mai stimmte viele um.",
        "„So viele Erdbeeren wie an diesem Tag verkaufe ich sonst in einer ganzen Woche“, "
        "erzählte ein Obsthändler. Der Platz sei schattiger und einladender.",
        "Für die Marktbeschicker entstehen neue Stromanschlüsse im Pflaster. Die Kosten "
        "von rund 80.000 € trägt die Stadt, die Standgebühren bleiben unverändert.",
    ),
)

TRAIN = Story(
    "Regionalbahn fährt wieder nach Plan – fast",
    "2025-08-21",
    "Paul Degenhardt",
    _p(
        "Nach monatelangen Ausfällen auf der Strecke ins Umland meldet der Betreiber "
        "erstmals wieder eine Pünktlichkeit von über neunzig Prozent.",
        "Grund für die Besserung sind neue Triebwagen, die seit Juli im Einsatz sind. "
        "Die alten Fahrzeuge waren zuletzt fast täglich mit Türstörungen liegen geblieben.",
        "Fahrgastverbände begrüßen die Entwicklung, mahnen aber an, dass an den Wochenenden "
        "noch immer einzelne Züge ohne Ankündigung ausfallen.",
        "Der Verkehrsverbund will die Entschädigungen für Zeitkarteninhaber trotzdem wie "
        "versprochen bis Jahresende auszahlen.",
    ),
)

HARBOUR = Story(
    "Hafenfest erwartet Rekordbesuch",
    "2025-05-08",
    "Greta Hollmann",
    _p(
        "Zum dreißigsten Hafenfest rechnen die Veranstalter mit mehr als 200.000 Gästen. "
        "Erstmals legen auch drei Traditionssegler aus Dänemark an.",
        "Die Polizei kündigte verstärkte Kontrollen an den Zufahrten an. Besucher sollen "
        "möglichst mit Bus und Bahn anreisen, Parkplätze gibt es kaum.",
        "Höhepunkt ist am Samstagabend ein Feuerwerk über dem Wasser. Es dauert wegen der "
        "Rücksicht auf brütende Vögel in diesem Jahr nur zehn Minuten.",
        "Der Eintritt bleibt frei. Wer die Segler besichtigen möchte, zahlt an Bord 5 € "
        "für die Pflege der alten Schiffe.",
    ),
)

CLINIC = Story(
    "Landarztpraxis findet nach zwei Jahren eine Nachfolgerin",
    "2025-09-03",
    "Martin Ahlers",
    _p(
        "Die einzige Hausarztpraxis im Ort war seit dem Ruhestand von Doktor Feldmann "
        "verwaist. Jetzt übernimmt eine junge Ärztin aus Kiel die Räume.",
        "Die Gemeinde hatte die Praxis renoviert und bietet der Medizinerin die Miete in "
        "den ersten drei Jahren zu einem symbolischen Preis an.",
        "Viele ältere Patienten mussten bisher bis in die Kreisstadt fahren. Für einige "
        "bedeutete das eine Tagesreise mit dem Bus.",
        "Die Praxis öffnet am ersten Oktober. Termine können schon jetzt telefonisch "
        "vereinbart werden.",
    ),
)

THEATRE = Story(
    "Stadttheater zeigt Oper in plattdeutscher Fassung",
    "2025-10-12",
    "Inke Lorenzen",
    _p(
        "Ein Ensemble aus Laien und Profis bringt eine bekannte Oper erstmals in "
        "plattdeutscher Sprache auf die Bühne. Die Premiere war binnen Stunden ausverkauft.",
        "Die Übersetzung stammt von einem pensionierten Lehrer, der zwei Jahre an den "
        "Liedtexten gefeilt hat. Reime und Rhythmus sollten erhalten bleiben.",
        "Für Zuschauer ohne Plattdeutschkenntnisse läuft über der Bühne eine "
        "hochdeutsche Übertitelung.",
    ),
)

WINDPARK = Story(
    "Bürgerwindpark zahlt erstmals Gewinn aus",
    "2025-11-27",
    "Sönke Petersen",
    _p(
        "Die rund 400 Mitglieder der Energiegenossenschaft erhalten für das vergangene Jahr "
        "eine Ausschüttung von vier Prozent auf ihre Einlage.",
        "Der windreiche Herbst habe die schwachen Sommermonate mehr als ausgeglichen, "
        "berichtete der Vorstand auf der Generalversammlung im Gemeindehaus.",
        "Ein Teil des Überschusses fließt in einen Fonds, aus dem Vereine im Dorf Zuschüsse "
        "beantragen können. Als erstes profitiert die Jugendfeuerwehr.",
        "Über eine Erweiterung um zwei weitere Anlagen soll im kommenden Frühjahr "
        "abgestimmt werden.",
    ),
)
