"""The pages for people: server-rendered, Dutch first, on the same IRIs as the linked data.

    /                    municipalities and their plans, search box     home.py
    /zoeken              search over all names (api.web.search)         home.py
    /id/..., /def/...    plan, opgave, doelstelling, partner, generic   entity.py (via linked_data.describe_html)
    /partners.html       every partner                                  partner.py
    /matrix, .csv        who serves which goal, per plan or gemeente    matrix.py
    /vergelijk, .csv     municipalities or plans side by side            compare.py (api.kg.compare)
    /wetten, /wetten/BWB… every law; what the plans do under one       wet.py (+ linked_data)
    /monitor/...         objectives against their targets, PDF report   monitor.py (api.kg.monitoring)
    /samenhang           the coherence report                           samenhang.py
    /query               YASGUI on /sparql with the named queries       query.py
    /docs                Swagger UI on /openapi.json, served locally    docs.py
    /static/...          CSS, scripts, vendored YASGUI                  static.py

`router` includes them all; the application includes `router`.
"""

from fastapi import APIRouter

from api.web.pages import compare, docs, home, matrix, monitor, partner, query, samenhang, static, wet

router = APIRouter()
for module in (home, partner, matrix, compare, wet, monitor, samenhang, query, docs, static):
    router.include_router(module.router)
