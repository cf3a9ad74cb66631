"""Placeholder interface (helper "steps" implements): the steps of a request."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile

from cocrea.core.models import Organization, User
from cocrea.requests.models import EventKind, InformationRequest, RequestEvent, Side, Status


def step_add(
    *,
    request: InformationRequest,
    kind: EventKind,
    side: Side,
    actor: User | None,
    body: str = "",
    resolution: str = "",
    referred_to: Organization | None = None,
    delivery_format: str = "",
    cost: Decimal | None = None,
    rating: Status | None = None,
    files: Sequence[UploadedFile] = (),
    via_email: bool = False,
    at: dt.datetime | None = None,
) -> RequestEvent:
    """Adds a step allowed by `states.TRANSITIONS` (a ValidationError saying what to fix
    otherwise), moves the status, recomputes the clock and queues the notices."""
    raise NotImplementedError
