"""JSON API of citizens' reports: public fields only, never the reporter or the exact place."""

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from cocrea.reports import comptrollership, selectors
from cocrea.reports.models import OPEN_STATUSES, Committee, PublicWork, Report

router = Router(tags=["reportes ciudadanos"])


class ReportOut(Schema):
    id: int
    service_code: str
    service_name: str
    institution: str
    status: str
    is_open: bool
    status_notes: str
    description: str
    lat: Decimal | None
    long: Decimal | None
    requested_at: dt.datetime
    updated_at: dt.datetime
    expected_at: dt.datetime | None

    @staticmethod
    def resolve_service_code(obj: Report) -> str:
        return obj.category.code

    @staticmethod
    def resolve_service_name(obj: Report) -> str:
        return obj.category.name

    @staticmethod
    def resolve_institution(obj: Report) -> str:
        return obj.institution.name

    @staticmethod
    def resolve_is_open(obj: Report) -> bool:
        return obj.status in OPEN_STATUSES


@router.get("/reports", response=list[ReportOut], summary="Reportes ciudadanos")
@paginate
def reports(request: HttpRequest, service_code: str = "", status: str = "") -> object:
    return selectors.report_public_list(category=service_code, status=status)


@router.get("/reports/{report_id}", response=ReportOut, summary="Un reporte ciudadano")
def report(request: HttpRequest, report_id: int) -> Report:
    found = selectors.report_get(report_id=report_id)
    if found is None:
        raise Http404
    return found


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


@router.get("/public-works", response=list[PublicWorkOut], summary="Obras públicas vigiladas")
@paginate
def public_works(request: HttpRequest) -> object:
    return comptrollership.work_list().order_by("-starts_on", "pk")


@router.get("/public-works/{work_id}", response=PublicWorkDetailOut, summary="Una obra pública")
def public_work(request: HttpRequest, work_id: int) -> PublicWork:
    found = comptrollership.work_get(work_id=work_id)
    if found is None:
        raise Http404
    return found
