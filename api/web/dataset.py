"""The dataset as a whole: VoID + DCAT description and downloadable dumps, per document and whole."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from api.errors import NotFound
from api.kg.describe import dataset_description, serialize_triples
from api.web.deps import CatalogDep, SettingsDep, StoreDep
from api.web.error_pages import wants_html
from api.web.negotiation import choose
from api.web.pages.common import render
from api.web.sparql import DESCRIPTION_TYPES, GRAPH_ALIASES, graph_infos

router = APIRouter(tags=["dataset"])

DUMP_TYPES = {"nq": "application/n-quads", "trig": "application/trig", "ttl": "text/turtle"}


@router.get("/dataset", summary="VoID- en DCAT-beschrijving van de dataset")
@router.get("/.well-known/void", include_in_schema=False)
def dataset(request: Request, store: StoreDep, queries: CatalogDep, settings: SettingsDep) -> Response:
    if wants_html(request):  # a person in a browser: the same description as a page, not an RDF download
        graphs = sorted(graph_infos(store, queries), key=lambda info: info.stem)
        context = {"graphs": graphs, "triples": sum(info.triples for info in graphs), "formats": DUMP_TYPES}
        return render(request, "dataset.html", context, vary=True)
    media_type = choose(request.headers.get("accept"), DESCRIPTION_TYPES, GRAPH_ALIASES)
    if media_type is None:
        return PlainTextResponse(f"Beschikbaar als: {', '.join(DESCRIPTION_TYPES)}", status_code=406)
    base = str(request.base_url)
    triples = dataset_description(base, base + "sparql", graph_infos(store, queries), settings.base_iri)
    return Response(serialize_triples(triples, media_type), media_type=media_type, headers={"Vary": "Accept"})


@router.get("/downloads/{name}.{extension}", summary="Download: de hele dataset of één named graph")
def download(name: str, extension: str, request: Request, store: StoreDep, queries: CatalogDep) -> Response:
    media_type = DUMP_TYPES.get(extension)
    if media_type is None:
        raise NotFound(f"onbekend formaat '.{extension}'; beschikbaar: {', '.join(DUMP_TYPES)}")
    cache: dict[tuple[str, str], bytes] = request.app.state.__dict__.setdefault("dumps", {})
    if (name, extension) not in cache:
        if name == "beleidsgraaf":
            if extension == "ttl":
                raise NotFound("de hele dataset bestaat uit named graphs: download .nq of .trig")
            cache[(name, extension)] = store.dump(media_type)
        else:
            graphs = {info.stem: info.iri for info in graph_infos(store, queries)}
            if name not in graphs:
                raise NotFound(f"geen named graph '{name}'; beschikbaar: {', '.join(sorted(graphs))}")
            cache[(name, extension)] = store.dump(media_type, graphs[name])
    return Response(
        cache[(name, extension)],
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"'},
    )
