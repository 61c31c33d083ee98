"""REST for the main questions: JSON with stable IRIs and Dutch labels, one router per resource."""

from fastapi import APIRouter

from api.web.rest import doelstellingen, gemeenten, opgaven, partners, plannen

router = APIRouter()
for module in (gemeenten, plannen, opgaven, partners, doelstellingen):
    router.include_router(module.router)
