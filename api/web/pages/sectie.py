"""The page of a section: what the graph says about it and, where the source texts are at hand, its passage.

"Toon bron" on every page links here; the passage itself is found by the core (api.kg.source_texts).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.errors import ParameterError
from api.kg.queries import QueryCatalog
from api.kg.source_texts import Passage, SourceTextUnavailable, quoted_lines, section_passage
from api.kg.store import GraphStore
from api.web.pages.common import render
from api.web.pages.resource import Node, describe


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse:
    folder = request.app.state.settings.source_texts_dir
    if folder is None:  # this service has no source texts: the section as the graph has it, nothing to apologise for
        return render(request, "resource.html", {"node": node}, vary=True)
    found: Passage | None = None
    problem: str | None = None
    try:
        found = section_passage(store, queries, folder, node.iri)
    except SourceTextUnavailable as error:
        problem = str(error)
    fact = _fact(request, store, queries) if found else None
    marked = None
    if found and fact:
        marked = next(
            (lines for t in [*fact.texts, *fact.descriptions] if (lines := quoted_lines(found, t.text))), None
        )
    context = {"node": node, "brontekst": found, "brontekst_probleem": problem, "feit": fact, "gemarkeerd": marked}
    return render(request, "resource.html", context, vary=True)


def _fact(request: Request, store: GraphStore, queries: QueryCatalog) -> Node | None:
    """The node whose "Toon bron" led here (?feit=IRI): the lines that print its text (or description) are marked."""
    iri = request.query_params.get("feit")
    if not iri:
        return None
    try:
        return describe(store, queries, iri)
    except ParameterError:
        return None  # not an IRI: the passage is shown unmarked
