"""JSON API of citizens' reports: public fields only, never the reporter or the exact place."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from cocrea.core.api_errors import LIST, ONE
from cocrea.core.queries import or_404
from cocrea.reports import selectors
from cocrea.reports.models import OPEN_STATUSES, Report

router = Router(tags=["reportes ciudadanos"])


class CitizenReportOut(Schema):
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


@router.get(
    "/reports", response={200: list[CitizenReportOut], **LIST}, summary="Reportes ciudadanos"
)
@paginate
def reports(request: HttpRequest, service_code: str = "", status: str = "") -> object:
    return selectors.report_public_list(category=service_code, status=status)


@router.get(
    "/reports/{report_id}", response={200: CitizenReportOut, **ONE}, summary="Un reporte ciudadano"
)
def report(request: HttpRequest, report_id: int) -> Report:
    return or_404(selectors.report_get(report_id=report_id))
