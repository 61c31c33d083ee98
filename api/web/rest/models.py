"""Response models per shape: what the REST API promises to return."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Ref(BaseModel):
    iri: str = Field(description="Stabiele IRI van de knoop")
    label: str = Field(description="Nederlandse naam")


class Bron(BaseModel):
    document: str = Field(description="Plan-id van het brondocument")
    titel: str
    sectie: str = Field(description="Sectie in het document, bv. 4.3.2 of bijlage 1")


class PlanRef(BaseModel):
    iri: str
    id: str
    titel: str


class GemeentePublic(BaseModel):
    iri: str
    code: str = Field(description="CBS-code, bv. GM0396")
    naam: str
    plannen: list[PlanRef]


class Element(Ref):
    soort: str
    onderdelen: list[Ref] = []


class Waarde(BaseModel):
    waarde: float | None = None
    relatieveVerandering: float | None = Field(default=None, description="procent t.o.v. de nulmeting")
    absoluteVerandering: float | None = None
    eenheid: str | None = None
    jaar: str | None = None
    gedrukt: str | None = Field(default=None, description="de waarde zoals het document die drukt")
    status: str | None = Field(default=None, description="waarom een waarde ontbreekt, bv. 'geen nulmeting'")
    grens: str | None = None


class Budget(BaseModel):
    iri: str
    voor: Ref
    bedrag: float | None
    jaar: str | None
    financieringsbron: str | None
    isTotaal: bool


class PlanPublic(BaseModel):
    iri: str
    id: str
    titel: str
    soort: str | None
    gemeenten: list[Ref]
    missie: str | None
    visie: str | None
    kernelementen: list[Element]
    budgetten: list[Budget]


class PartnerRol(BaseModel):
    partner: Ref
    rol: str
    plan: str


class DoelstellingSamenvatting(Ref):
    tekst: str
    nulmeting: Waarde | None
    streefwaarde: Waarde | None


class Beleidsterrein(Ref):
    wettelijkKader: Ref | None


class OpgavePublic(Ref):
    soort: str
    plan: PlanRef
    tekst: str | None
    beschrijving: str | None
    beleidsterreinen: list[Beleidsterrein]
    doelstellingen: list[DoelstellingSamenvatting]
    budgetten: list[Budget]
    partners: list[PartnerRol]
    bron: list[Bron]


class PartnerSamenvatting(Ref):
    doelen: int
    plannen: int
    gemeenten: list[str]


class Doel(Ref):
    soort: str
    rol: str
    plan: str
    gemeente: str


class PartnerPublic(Ref):
    doelen: list[Doel]


class DoelstellingPublic(Ref):
    tekst: str | None
    smart: bool | None
    onderdeelVan: Ref | None
    resultaatgebied: str | None
    beoogdeRichting: str | None
    meetinstrument: str | None
    meetfrequentie: str | None
    nulmeting: Waarde | None
    streefwaarde: Waarde | None
    partners: list[PartnerRol]
    bron: list[Bron]
