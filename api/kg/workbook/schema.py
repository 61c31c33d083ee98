"""What the plan workbook holds: its sheets, their Dutch columns, and the RDF each column stands for.

One declaration serves export, import, the Toelichting sheet and the dropdowns, so the four cannot drift apart.
A node goes to the first sheet one of whose classes it has; what no column holds goes to "Overige gegevens",
so that every triple of a plan survives the round trip through Excel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rdflib import DCTERMS, RDFS, SKOS, Namespace, URIRef

BG = Namespace("https://beleidsgraaf.nl/def/")
PROV = Namespace("http://www.w3.org/ns/prov#")

Kind = Literal["id", "types", "text", "ref", "section", "decimal", "integer", "year", "boolean", "date", "period"]
Graph = Literal["plan", "bron"]


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    predicate: URIRef | None = None
    lang: str | None = None
    multi: bool = False
    lists: str | None = None  # the dropdown's source: a list on the sheet "Lijsten" or "blad:<Sheet>" for its ids
    help: str = ""
    graph: Graph = "plan"
    required: bool = False
    new_organisation: bool = False  # an unknown name here is a new organisation, not a mistake

    @property
    def literal(self) -> bool:
        return self.kind in ("text", "decimal", "integer", "year", "boolean", "date")


@dataclass(frozen=True)
class Sheet:
    name: str
    classes: tuple[str, ...]  # bg: local names; the first is the default for a row without Soort
    columns: tuple[Column, ...]
    prefix: str  # id of a new row: prefix + a slug of its name
    help: str

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)


def _text(header: str, predicate: URIRef, help: str, lang: str | None = "nl", *, multi: bool = False) -> Column:
    return Column(header, "text", predicate, lang=lang, multi=multi, help=help)


def _ref(header: str, predicate: URIRef, lists: str, help: str, *, organisation: bool = False) -> Column:
    return Column(header, "ref", predicate, multi=True, lists=lists, help=help, new_organisation=organisation)


ID = Column(
    "Id",
    "id",
    help="Vaste sleutel van de rij (bijv. actie/mantelzorgwaardering). Leeg laten bij een nieuwe "
    "rij: dan wordt hij gemaakt uit de naam. Verander hem niet: andere rijen en links verwijzen ernaar.",
)
SOORT = Column(
    "Soort",
    "types",
    RDFS.Class,
    multi=True,
    lists="soort",
    help="Wat voor element het is; kies uit de lijst. Meer soorten: één per regel in de cel.",
)
NAAM = Column("Naam", "text", SKOS.prefLabel, lang="nl", help="De naam zoals het document hem geeft.")
NAAM_EN = _text("Naam (Engels)", SKOS.prefLabel, "Engelse vertaling van de naam (mag leeg).", lang="en")
ANDERE_NAMEN = _text("Andere namen", SKOS.altLabel, "Andere schrijfwijzen in het document, één per regel.", multi=True)
NUMMER = Column("Nummer", "text", SKOS.notation, help="Het nummer of de letter zoals gedrukt (bijv. 2.1 of B).")
VOLGNUMMER = Column("Volgnummer", "integer", BG.volgnummer, help="Plaats in de opsomming van het document (1, 2, …).")
TEKST = _text("Tekst", BG.tekst, "De tekst zoals het document hem geeft, letterlijk.")
BESCHRIJVING = _text("Beschrijving", DCTERMS.description, "Een langere toelichting uit het document.")
ONDERDEEL_VAN = _ref(
    "Onderdeel van",
    BG.onderdeelVan,
    "blad:Kernelementen",
    "Id van het element waar deze rij onder valt (een opgave, thema, ambitie …).",
)
SECTIE = Column(
    "§",
    "section",
    PROV.wasDerivedFrom,
    multi=True,
    lists="blad:Secties",
    help="De paragraaf of paragrafen waar het staat: het nummer uit blad Secties (bijv. 4.3.4), één per "
    "regel. Elk feit heeft een bron.",
)
HERHALING = _ref(
    "Herhaald in",
    BG.herhaling,
    "blad:Herhalingen",
    "Id's van plaatsen waar het document hetzelfde nog eens zegt (blad Herhalingen of een rij elders).",
)
DOELGROEPEN = _ref("Doelgroepen", BG.doelgroep, "doelgroepen", "Voor wie het is; kies uit de lijst, één per regel.")
ONTWIKKELINGEN = _ref(
    "Ontwikkelingen", BG.ontwikkeling, "programmas", "Programma's, akkoorden en ontwikkelingen waar het mee samenhangt."
)
GEBIED = _ref("Gebied", BG.gebied, "gebieden", "De gemeente of wijk waar het over gaat.")
INDICATOREN = _ref("Indicatoren", BG.indicator, "blad:Indicatoren", "Indicatoren die erbij horen.")
PARTNERS = _ref(
    "Samenwerkingspartners",
    BG.samenwerkingspartner,
    "partners",
    "Organisaties die meewerken; kies uit de lijst of typ een nieuwe naam (wordt een nieuwe organisatie).",
    organisation=True,
)
VOORZIENINGEN = _ref("Voorzieningen", BG.voorziening, "voorzieningen", "Voorzieningen waar het over gaat.")
DRAAGT_BIJ = _ref("Draagt bij aan", BG.draagtBijAan, "blad:Kernelementen", "Elementen waaraan dit bijdraagt.")
PERIODE = Column(
    "Periode", "period", BG.periode, help="De periode zoals gedrukt (bijv. 2025-2028); met de jaren in Van en Tot."
)
VAN = Column("Van", "period", help="Eerste jaar van de periode.")
TOT = Column("Tot", "period", help="Laatste jaar van de periode.")
JAAR = Column("Jaar", "year", BG.jaar, multi=True, help="Jaar of jaren (één per regel), bijv. 2025.")
OPMERKING = _text(
    "Opmerking",
    RDFS.comment,
    "Opmerking van wie het plan invoerde (geen tekst uit het document).",
    lang=None,
    multi=True,
)
OPMERKING_NL = _text("Opmerking (nl)", RDFS.comment, "Opmerking in het Nederlands, als taal aangegeven.", multi=True)
OPMERKING_EN = _text("Opmerking (Engels)", RDFS.comment, "Opmerking in het Engels.", lang="en", multi=True)

COMMON = (ID, SOORT, NAAM, NAAM_EN, ANDERE_NAMEN, NUMMER, VOLGNUMMER, TEKST, BESCHRIJVING, ONDERDEEL_VAN)
TAIL = (SECTIE, HERHALING, OPMERKING, OPMERKING_NL, OPMERKING_EN)

FIGURE = (
    Column(
        "Zoals gedrukt", "text", BG.ruweTekst, help="Het getal of de waarde precies zoals gedrukt, ook '-' of 'zes'."
    ),
    Column("Waarde", "decimal", BG.waarde, help="Het getal, als het er een is (anders leeg laten)."),
    _ref("Eenheid", BG.eenheid, "eenheid", "Procent, aantal, euro, …"),
    _ref("Status waarde", BG.waardeStatus, "waardestatus", "Waarom er geen getal is (bijv. geen nulmeting)."),
    JAAR,
    Column("Peildatum", "date", BG.peildatum, help="Datum waarop de waarde geldt (JJJJ-MM-DD)."),
    GEBIED,
    _ref("Populatie", BG.populatie, "doelgroepen", "Over wie het getal gaat."),
    Column("Bron", "text", BG.bron, lang="nl", help="De bron zoals het document die noemt."),
    _ref("Bronorganisatie", BG.bronOrganisatie, "partners", "De organisatie die het getal levert.", organisation=True),
    INDICATOREN,
    _ref("Deelwaarde van", BG.deelwaardeVan, "blad:Cijfers", "Het totaal waar dit getal een deel van is."),
    _ref("Optelling van", BG.somdeelVan, "blad:Cijfers", "Het totaal waarvan dit een optelterm is."),
    Column("Prognose", "boolean", BG.isPrognose, help="ja als het een verwachting is, geen gemeten waarde."),
    _ref("Segment", BG.segment, "woningtypen", "Het segment (bijv. sociale huur)."),
    _ref("Teller", BG.teller, "blad:Cijfers", "Het aantal dat het document naast dit aandeel drukt (zelfde rij)."),
    _ref("Noemer", BG.noemer, "blad:Cijfers", "Het totaal waarvan dit aandeel berekend is (als gedrukt)."),
    Column(
        "Gemiddelde van de delen",
        "boolean",
        BG.gemiddeldeVanDelen,
        help="ja als het document dit het gemiddelde van zijn deelwaarden noemt (bijv. 'Gemiddeld Heiloo').",
    ),
    Column(
        "Deelwaarden volledig",
        "boolean",
        BG.deelwaardenVolledig,
        help="ja als de delen samen het hele totaal zijn (dan moeten ze optellen).",
    ),
    PERIODE,
    VAN,
    TOT,
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Plan",
        (),
        (
            Column("Id", "id", help="Korte naam van het plan in kleine letters en streepjes, bijv. velsen-wmo-2026."),
            Column(
                "Titel", "text", DCTERMS.title, lang="nl", graph="bron", required=True, help="De titel op het document."
            ),
            Column(
                "Naam",
                "text",
                SKOS.prefLabel,
                lang="nl",
                graph="bron",
                required=True,
                help="De naam waaronder het plan in Beleidsgraaf staat.",
            ),
            Column("Naam (Engels)", "text", SKOS.prefLabel, lang="en", graph="bron", help="Engelse naam (mag leeg)."),
            Column(
                "Documentsoort",
                "ref",
                BG.documentsoort,
                lists="documentsoort",
                graph="bron",
                required=True,
                help="Beleidsplan, gebiedsplan, woonzorgvisie, …",
            ),
            Column(
                "Gemeenten",
                "ref",
                BG.gemeente,
                multi=True,
                lists="gemeenten",
                graph="bron",
                required=True,
                help="De gemeente (of gemeenten, één per regel) van het plan, met CBS-code.",
            ),
            Column("Bronbestand", "text", BG.bronbestand, graph="bron", help="Naam van de tekst van het document."),
            Column("SHA-256", "text", BG.sha256, graph="bron", help="Controlegetal van dat bestand."),
            BESCHRIJVING,
            _ref("Missie", BG.missie, "blad:Missie en visie", "Id van de missie (blad Missie en visie)."),
            _ref("Visie", BG.visie, "blad:Missie en visie", "Id van de visie."),
            _ref("Uitgangspunten", BG.uitgangspunt, "blad:Missie en visie", "Id's van de uitgangspunten."),
            _ref("Opgaven", BG.opgave, "blad:Kernelementen", "Id's van de maatschappelijke opgaven."),
            _ref("Beleidsterreinen", BG.beleidsterrein, "blad:Beleidsterreinen", "Id's van de beleidsterreinen."),
            _ref("Randvoorwaarden", BG.randvoorwaarde, "blad:Missie en visie", "Id's van de randvoorwaarden."),
            _ref("Onderdelen", BG.onderdeel, "blad:Kernelementen", "Id's van de beleidsonderdelen."),
            INDICATOREN,
            DOELGROEPEN,
            _ref("Uitgesloten doelgroepen", BG.uitgeslotenDoelgroep, "doelgroepen", "Voor wie het plan niet is."),
            ONTWIKKELINGEN,
            VOORZIENINGEN,
            PARTNERS,
            _ref(
                "Regionale samenwerking",
                BG.regionaleSamenwerking,
                "partners",
                "Samenwerkingsverbanden.",
                organisation=True,
            ),
            _ref("Ondertekenaars", BG.ondertekenaar, "partners", "Wie het plan ondertekende.", organisation=True),
            _ref("Noemt", BG.noemt, "wetten", "Wetten, programma's en documenten die het plan noemt."),
            _ref("Samenhang met", BG.samenhangMet, "programmas", "Beleid waarmee het plan samenhangt."),
            PERIODE,
            VAN,
            TOT,
            SECTIE,
            OPMERKING,
            OPMERKING_NL,
            OPMERKING_EN,
        ),
        "",
        "Eén rij: het plan zelf, zijn titel, gemeente(n) en wat er direct onder valt.",
    ),
    Sheet(
        "Secties",
        ("Sectie",),
        (
            ID,
            Column(
                "Nummer",
                "text",
                BG.sectienummer,
                required=True,
                help="Het paragraafnummer zoals gedrukt, bijv. 4.3.4 of bijlage-1.",
            ),
            Column("Titel", "text", DCTERMS.title, lang="nl", help="De kop van de paragraaf."),
            Column("Naam", "text", SKOS.prefLabel, lang="nl", help="Naam, als die anders is dan de kop."),
            BESCHRIJVING,
            _ref("Deel van", DCTERMS.isPartOf, "blad:Plan", "Het document (het plan-id)."),
            OPMERKING,
        ),
        "sectie/",
        "De paragrafen van het document, waar elk feit naar verwijst (kolom §).",
    ),
    Sheet(
        "Missie en visie",
        ("Missie", "Visie", "Uitgangspunt", "Randvoorwaarde"),
        (
            *COMMON,
            DOELGROEPEN,
            ONTWIKKELINGEN,
            PERIODE,
            VAN,
            TOT,
            *TAIL,
        ),
        "visie/",
        "Missie, visie, uitgangspunten en randvoorwaarden, met hun tekst zoals gedrukt.",
    ),
    Sheet(
        "Kernelementen",
        (
            "MaatschappelijkeOpgave",
            "Thema",
            "Ambitie",
            "Focuspunt",
            "Beleidsonderdeel",
            "Actielijn",
            "Accent",
            "Behoefte",
        ),
        (
            *COMMON,
            DOELGROEPEN,
            INDICATOREN,
            ONTWIKKELINGEN,
            DRAAGT_BIJ,
            PARTNERS,
            VOORZIENINGEN,
            _ref("Zie ook", RDFS.seeAlso, "wetten", "Wetten en bronnen waar het document naar verwijst."),
            _ref("Wettelijke grondslag", BG.wettelijkeGrondslag, "wetten", "De wet waarop het rust."),
            PERIODE,
            VAN,
            TOT,
            *TAIL,
        ),
        "opgave/",
        "Opgaven, thema's, ambities en wat het plan verder als bouwsteen heeft, met wat eronder valt.",
    ),
    Sheet(
        "Beleidsterreinen",
        ("Beleidsterrein",),
        (
            *COMMON,
            _ref("Wettelijk kader", BG.wettelijkKader, "wetten", "De wet die het terrein regelt (met BWB-id)."),
            _ref(
                "Zwaartepunt bij opgave",
                BG.zwaartepuntOpgave,
                "blad:Kernelementen",
                "De opgave waar het zwaartepunt van dit terrein ligt.",
            ),
            _ref(
                "Regionale samenwerking",
                BG.regionaleSamenwerking,
                "partners",
                "Samenwerkingsverbanden.",
                organisation=True,
            ),
            _ref("Zie ook", RDFS.seeAlso, "wetten", "Andere wetten en bronnen."),
            *TAIL,
        ),
        "beleidsterrein/",
        "Beleidsterreinen met de wet die ze regelt en de opgave waar hun zwaartepunt ligt.",
    ),
    Sheet(
        "Doelstellingen",
        ("Doelstelling",),
        (
            *COMMON,
            Column("SMART", "boolean", BG.smart, help="ja als het document de doelstelling SMART noemt."),
            Column("Resultaatgebied", "text", BG.resultaatgebied, lang="nl", help="Het resultaatgebied zoals gedrukt."),
            _ref("Nulmeting", BG.nulmeting, "blad:Nulmetingen en streefwaarden", "Id van de nulmeting."),
            _ref("Streefwaarde", BG.streefwaarde, "blad:Nulmetingen en streefwaarden", "Id van de streefwaarde."),
            _ref("Richting", BG.beoogdeRichting, "richting", "Toename, afname of stabiel."),
            Column("Meetinstrument", "text", BG.meetinstrument, lang="nl", help="Hoe er gemeten wordt."),
            Column("Meetfrequentie", "text", BG.meetfrequentie, lang="nl", help="Hoe vaak, zoals gedrukt."),
            Column("Metingen per jaar", "decimal", BG.metingenPerJaar, help="Hoe vaak per jaar, als getal."),
            DOELGROEPEN,
            ONTWIKKELINGEN,
            VOORZIENINGEN,
            PARTNERS,
            _ref("Bronorganisatie", BG.bronOrganisatie, "partners", "Wie de cijfers levert.", organisation=True),
            *TAIL,
        ),
        "doelstelling/",
        "SMART-doelstellingen met nulmeting, streefwaarde, meetinstrument en frequentie.",
    ),
    Sheet(
        "Nulmetingen en streefwaarden",
        ("Nulmeting", "Streefwaarde"),
        (
            *COMMON[:4],
            *FIGURE,
            _ref("Grens", BG.grens, "grens", "Minimaal, maximaal of gelijk aan."),
            Column("Relatieve verandering", "integer", BG.relatieveVerandering, help="Bijv. 10 voor '+10%'."),
            *TAIL,
        ),
        "streefwaarde/",
        "De nulmeting en streefwaarde van elke doelstelling: zoals gedrukt en als getal.",
    ),
    Sheet(
        "Indicatoren",
        ("Indicator",),
        (
            *COMMON,
            Column("Eenheid (omschrijving)", "text", BG.eenheidOmschrijving, lang="nl", help="De eenheid in woorden."),
            _ref("Eenheid", BG.eenheid, "eenheid", "Procent, aantal, euro, …"),
            Column("Bron", "text", BG.bron, lang="nl", help="De bron zoals het document die noemt."),
            _ref("Bronorganisatie", BG.bronOrganisatie, "partners", "Wie de indicator meet.", organisation=True),
            Column("BBV-verplicht", "boolean", BG.bbvVerplicht, help="ja voor een verplichte BBV-indicator."),
            _ref("Taakveld", BG.taakveld, "taakveld", "Het BBV-taakveld."),
            Column("Definitie", "text", SKOS.definition, lang="nl", help="De definitie zoals gedrukt."),
            _ref("Zie ook", RDFS.seeAlso, "wetten", "Waar de indicator vandaan komt (bijv. waarstaatjegemeente.nl)."),
            *TAIL,
        ),
        "indicator/",
        "Indicatoren (ook de verplichte BBV-indicatoren) die het plan noemt.",
    ),
    Sheet(
        "Cijfers",
        ("Meting", "Huisvestingsopgave"),
        (
            *COMMON,
            *FIGURE,
            DOELGROEPEN,
            _ref("Woningtype", BG.woningtype, "woningtypen", "Het soort woning (huisvestingsopgaven)."),
            _ref("Gemeente", BG.gemeente, "gemeenten", "De gemeente waar het getal over gaat."),
            ONTWIKKELINGEN,
            *TAIL,
        ),
        "meting/",
        "Elk getal dat het document geeft: zoals gedrukt, als getal, met eenheid, jaar, gebied en bron.",
    ),
    Sheet(
        "Budgetten",
        ("Budget",),
        (
            *COMMON,
            _ref("Budget voor", BG.budgetVoor, "blad:Kernelementen", "Het element waar het geld voor is."),
            Column("Zoals gedrukt", "text", BG.ruweTekst, help="Het bedrag zoals gedrukt."),
            Column("Bedrag", "decimal", BG.waarde, help="Het bedrag als getal."),
            _ref("Eenheid", BG.eenheid, "eenheid", "Meestal euro."),
            JAAR,
            Column("Financieringsbron", "text", BG.financieringsbron, lang="nl", help="Waar het geld vandaan komt."),
            _ref("Optelling van", BG.somdeelVan, "blad:Budgetten", "Het totaalbudget waar dit een deel van is."),
            *TAIL,
        ),
        "budget/",
        "Budgetten: bedrag zoals gedrukt en als getal, jaar en financieringsbron.",
    ),
    Sheet(
        "Acties",
        ("Actie", "Herhaling"),
        (
            *COMMON,
            _ref("Status", BG.actiestatus, "actiestatus", "Lopend, voorgenomen of afgerond."),
            _ref("Soort actie", BG.actiesoort, "actiesoort", "Voortzetten, uitbreiden, nieuw, pilot, …"),
            _ref(
                "Uitvoerder",
                BG.uitvoerder,
                "partners",
                "Wie de actie uitvoert (ook de gemeente zelf).",
                organisation=True,
            ),
            PARTNERS,
            _ref("Trekker", BG.trekker, "partners", "Wie de actie trekt.", organisation=True),
            DOELGROEPEN,
            VOORZIENINGEN,
            ONTWIKKELINGEN,
            DRAAGT_BIJ,
            GEBIED,
            INDICATOREN,
            JAAR,
            Column(
                "Jaren gepland", "integer", BG.aantalJarenGepland, help="In hoeveel jaren van de agenda de actie staat."
            ),
            Column("Zoals gedrukt", "text", BG.ruweTekst, help="De regel uit de uitvoeringsagenda zoals gedrukt."),
            PERIODE,
            VAN,
            TOT,
            *TAIL,
        ),
        "actie/",
        "Acties met uitvoerder, partners, doelgroepen, jaren en status.",
    ),
    Sheet(
        "Herhalingen",
        ("Herhaling",),
        (
            *COMMON,
            *FIGURE,
            *TAIL,
        ),
        "herhaling/",
        "Plaatsen waar het document iets nog eens zegt (een samenvatting, een tabel).",
    ),
    Sheet(
        "Ontwikkelingen",
        ("Ontwikkeling",),
        (
            *COMMON,
            _ref("Niveau", BG.niveau, "niveau", "Landelijk, regionaal, lokaal."),
            _ref("Regio", BG.regio, "partners", "De regio of het samenwerkingsverband.", organisation=True),
            _ref("Gemeente", BG.gemeente, "gemeenten", "De gemeente."),
            GEBIED,
            *TAIL,
        ),
        "ontwikkeling/",
        "Ontwikkelingen die het plan noemt (landelijk, regionaal, lokaal).",
    ),
    Sheet(
        "Correcties",
        ("Correctie",),
        (
            *COMMON[:4],
            _ref("Corrigeert", BG.corrigeert, "blad:Cijfers", "Het element met de fout (het origineel blijft staan)."),
            Column("Eigenschap", "text", BG.betreftEigenschap, help="Welke eigenschap (bijv. bg:waarde)."),
            *TAIL,
        ),
        "correctie/",
        "Verbeteringen naast het origineel: wat er fout staat en wat het moet zijn.",
    ),
)

EXTRA = "Overige gegevens"
EXTRA_HEADERS = ("Onderwerp", "Eigenschap", "Waarde", "Soort waarde")
EXTRA_HELP = (
    "Wat geen kolom heeft: elke rij één feit over het element in kolom Onderwerp (een id). Soort waarde is "
    "'verwijzing' (een id), 'tekst', 'tekst@nl', 'tekst@en' of een datatype als xsd:decimal. Laat dit blad staan: "
    "zo blijft alles van het plan bewaard."
)
LISTS_SHEET = "Lijsten"
INTRO = "Toelichting"

SHEET_BY_NAME = {sheet.name: sheet for sheet in SHEETS}


def sheet_for(types: set[str]) -> Sheet | None:
    """The first sheet (in workbook order) one of whose classes the node has."""
    return next((sheet for sheet in SHEETS[1:] if types & set(sheet.classes)), None)
