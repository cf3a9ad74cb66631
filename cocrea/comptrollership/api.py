"""JSON API of social comptrollership: the watched public works and their committees, whose
members are counted, never named."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from cocrea.comptrollership import selectors
from cocrea.comptrollership.models import Committee, PublicWork
from cocrea.core.api_errors import LIST, ONE
from cocrea.core.queries import or_404

router = Router(tags=["contraloría social"])


class CommitteeOut(Schema):
    name: str
    members: int
    trained_on: dt.date | None
    commitment_letter_signed: bool
    is_observatory: bool
    citizen_comptrollers: int


class PublicWorkOut(Schema):
    id: int
    name: str
    description: str
    institution: str
    municipality: str | None
    location: str
    budget: Decimal | None
    contractor: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    progress: int
    committee_count: int
    inspection_count: int
    complaint_count: int
    is_example: bool

    @staticmethod
    def resolve_institution(obj: PublicWork) -> str:
        return obj.institution.name

    @staticmethod
    def resolve_municipality(obj: PublicWork) -> str | None:
        return obj.municipality.name if obj.municipality else None


class PublicWorkDetailOut(PublicWorkOut):
    committees: list[CommitteeOut]

    @staticmethod
    def resolve_committees(obj: PublicWork) -> list[Committee]:
        return list(obj.committees.all()[:100])


# The operation ids are the ones these endpoints had under reports, so clients generated from
# the OpenAPI document keep their method names.
@router.get(
    "/public-works",
    response={200: list[PublicWorkOut], **LIST},
    summary="Obras públicas vigiladas",
    operation_id="cocrea_reports_api_public_works",
)
@paginate
def public_works(request: HttpRequest) -> object:
    return selectors.work_list().order_by("-starts_on", "pk")


@router.get(
    "/public-works/{work_id}",
    response={200: PublicWorkDetailOut, **ONE},
    summary="Una obra pública",
    operation_id="cocrea_reports_api_public_work",
)
def public_work(request: HttpRequest, work_id: int) -> PublicWork:
    return or_404(selectors.work_get(work_id=work_id))
