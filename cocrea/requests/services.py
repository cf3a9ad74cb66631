"""Placeholder interface (helper "filing" implements): filing and recording requests."""

import datetime as dt

from cocrea.core.models import Organization, User
from cocrea.plans.models import Theme
from cocrea.requests.models import Channel, InformationRequest


def request_file(
    *,
    organization: Organization,
    requester: User,
    pseudonym: str,
    title: str,
    body: str,
    topic: Theme | None = None,
    channel: Channel = Channel.PLATFORM,
    folio: str = "",
    filed_at: dt.datetime | None = None,
) -> InformationRequest:
    """Files (or records, when filed elsewhere: `channel` and `folio`) a request: its `filed`
    event, its law, its clock. Pending moderation before the text is public."""
    raise NotImplementedError
