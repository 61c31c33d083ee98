"""The mandatory BBV indicators per opgave as 001 §4.3 prints them, for the answer tests that need them."""

from __future__ import annotations

# 001 "Verplichte indicatoren <opgave> ... conform het besluit begroting en verantwoording (BBV)" tables;
# §4.3.5 ontmoeten en omzien naar elkaar prints "Geen" (l.1635-1643).
BBV_PER_OPGAVE: dict[str, set[str]] = {
    "opgave/vitaal-en-weerbaar": {"Niet-sporters"},  # l.830-843
    "opgave/zorg-en-wonen": {"Cliënten met een maatwerkvoorziening Wmo"},  # l.1032-1046
    "opgave/opgroeien-en-zelfontplooiing": {  # l.1229-1279
        "Absoluut verzuim",
        "Relatief verzuim",
        "Vroegtijdig schoolverlaters zonder startkwalificatie",
        "Jongeren met een delict voor de rechter",
        "Jongeren met jeugdhulp",
        "Jongeren met jeugdbescherming",
        "Jongeren met jeugdreclassering",
    },
    "opgave/financieel-fit": {  # l.1455-1502
        "Banen",
        "Kinderen in uitkeringsgezin",
        "Netto arbeidsparticipatie",
        "Werkloze jongeren",
        "Personen met een bijstandsuitkering",
        "Lopende re-integratievoorzieningen",
    },
}
BBV_INDICATOREN: set[str] = set().union(*BBV_PER_OPGAVE.values())
