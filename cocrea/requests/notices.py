"""What the people of an information request are told of each step, queued (never sent) in the
step's own transaction; the background worker (`send_notifications`) sends the queue.

Each notice has a key unique per event and person: the same step never reaches anyone twice,
and each person gets one e-mail per step (the most specific one). Who is told, never the
person who took the step:

- the requester, of every step;
- the liaisons of the obligated body, of the filing and of every step not their own (the
  requester's, the guarantor's resolution, the platform's), with the request's reply address:
  answering that e-mail adds the answer to the request;
- the followers of the request and of the institution, of every step of a public request
  (a short notice with the link: the text is read on the page, after moderation).

People who turned these notices off are skipped: `NotificationSettings.followed_changes` for
the requester and the followers, `liaison_alerts` for the liaisons (their institution's work).
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from cocrea.core.models import OrganizationMembership, OrganizationRole, User
from cocrea.monitoring.models import NotificationSettings
from cocrea.monitoring.notifications import notices_insert
from cocrea.participation.notices import Notice
from cocrea.requests.models import (
    EventKind,
    InformationRequest,
    InstitutionFollow,
    RequestEvent,
    RequestFollow,
    Side,
    Status,
    Visibility,
)

EXCERPT = 2000


def reply_address(request: InformationRequest) -> str:
    """The request's own address: mail to it is attached to the request (the token makes a
    forged address find nothing)."""
    domain: str = getattr(settings, "REQUESTS_MAIL_DOMAIN", "solicitudes.localhost")
    return f"solicitud-{request.pk}-{request.mail_token}@{domain}"


def _site(path: str) -> str:
    site: str = settings.SITE_URL
    return site.rstrip("/") + path


def _queue(notices: Iterable[Notice], *, liaisons: set[int]) -> int:
    """Queues the notices not queued before for the active people who did not turn them off
    (liaisons by their institution alerts, everyone else by the news of what they follow);
    says how many were new."""
    notices = list(notices)
    people = {n.user_id for n in notices}
    if not people:
        return 0
    choices = NotificationSettings.objects.filter(user_id__in=people)
    skipped = {
        user_id
        for user_id, followed, alerts in choices.values_list(
            "user_id", "followed_changes", "liaison_alerts"
        )
        if not (alerts if user_id in liaisons else followed)
    }
    skipped |= set(User.objects.filter(pk__in=people, is_active=False).values_list("pk", flat=True))
    wanted = [n for n in notices if n.user_id not in skipped]
    return notices_insert(wanted)


def liaison_ids(request: InformationRequest) -> set[int]:
    """The accounts of the obligated body's liaisons."""
    memberships = OrganizationMembership.objects.filter(
        organization_id=request.organization_id, role=OrganizationRole.LIAISON
    )
    return set(memberships.values_list("user_id", flat=True))


def follower_ids(request: InformationRequest) -> set[int]:
    """Who follows the request or its institution."""
    of_request = RequestFollow.objects.filter(request=request).values_list("user_id", flat=True)
    of_body = InstitutionFollow.objects.filter(organization_id=request.organization_id)
    return set(of_request) | set(of_body.values_list("user_id", flat=True))


def _what(event: RequestEvent) -> str:
    text = _("%(step)s. Estado: %(status)s.") % {
        "step": EventKind(event.kind).label,
        "status": Status(event.to_status).label,
    }
    if event.resolution:
        text += "\n" + _("Resolución del Comité de Transparencia: %s") % event.resolution
    if event.referred_to_id and event.referred_to is not None:
        text += "\n" + _("Sujeto obligado competente: %s") % event.referred_to.name
    return text


def _excerpt(event: RequestEvent) -> str:
    if not event.body:
        return ""
    body = event.body if len(event.body) <= EXCERPT else event.body[:EXCERPT] + "…"
    return "\n\n" + body


def _requester_notice(event: RequestEvent, request: InformationRequest, url: str) -> Notice:
    assert request.requester_id is not None
    subject = _("Tu solicitud «%(title)s»: %(step)s") % {
        "title": request.title[:100],
        "step": EventKind(event.kind).label,
    }
    body = _("Hay un paso nuevo en tu solicitud a %(body)s.\n\n%(what)s%(text)s\n\n%(url)s") % {
        "body": request.organization.name,
        "what": _what(event),
        "text": _excerpt(event),
        "url": url,
    }
    key = f"req-step:{event.pk}:{request.requester_id}"
    return Notice(request.requester_id, key, subject, body)


def _liaison_notice(
    event: RequestEvent, request: InformationRequest, url: str, user_id: int
) -> Notice:
    folio = f" ({_('folio')} {request.folio})" if request.folio else ""
    if event.kind == EventKind.FILED:
        subject = _("Nueva solicitud de información: %s") % request.title[:120]
        opening = _("%(body)s recibió una solicitud de información en Cocrea%(folio)s.") % {
            "body": request.organization.name,
            "folio": folio,
        }
        text = "\n\n" + request.body
    else:
        subject = _("Solicitud «%(title)s»: %(step)s") % {
            "title": request.title[:100],
            "step": EventKind(event.kind).label,
        }
        opening = _("Hay un paso nuevo en una solicitud a %(body)s%(folio)s.") % {
            "body": request.organization.name,
            "folio": folio,
        }
        text = _excerpt(event)
    body = _(
        "%(opening)s\n\n%(what)s%(text)s\n\n"
        "Responde en la plataforma: %(url)s\n"
        "O responde por correo, con los anexos, a esta dirección (es solo de esta solicitud): "
        "%(reply)s"
    ) % {
        "opening": opening,
        "what": _what(event),
        "text": text,
        "url": url,
        "reply": reply_address(request),
    }
    return Notice(user_id, f"req-step:{event.pk}:{user_id}", subject, body)


def _follower_notice(
    event: RequestEvent, request: InformationRequest, url: str, user_id: int
) -> Notice:
    subject = _("Solicitud que sigues: %(title)s") % {"title": request.title[:120]}
    body = _("Hay un paso nuevo en «%(title)s», a %(body)s.\n\n%(what)s\n\n%(url)s") % {
        "title": request.title,
        "body": request.organization.name,
        "what": _what(event),
        "url": url,
    }
    return Notice(user_id, f"req-step:{event.pk}:{user_id}", subject, body)


def step_queue(*, event: RequestEvent) -> int:
    """Queues the e-mails of a step (the `filed` event too): see the module's docstring. Called
    inside the step's transaction; says how many were queued."""
    request = event.request
    url = _site(request.get_absolute_url())
    told: dict[int, Notice] = {}
    liaisons: set[int] = set()
    if not event.is_hidden and request.visibility == Visibility.PUBLIC:
        for user_id in follower_ids(request):
            told[user_id] = _follower_notice(event, request, url, user_id)
    if event.side != Side.INSTITUTION:
        liaisons = liaison_ids(request)
        for user_id in liaisons:
            told[user_id] = _liaison_notice(event, request, url, user_id)
    if request.requester_id is not None and event.kind != EventKind.FILED:
        told[request.requester_id] = _requester_notice(event, request, url)
        liaisons.discard(request.requester_id)
    if event.actor_id is not None:
        told.pop(event.actor_id, None)
    return _queue(told.values(), liaisons=liaisons)
