"""Invitations to sign up, for the people a coordination names before they have an account.

The e-mail goes through the queue (django-mailer's table, sent by the worker's `send_mail` job),
never inside the request. At most one invitation a day reaches an address, and an account sends
at most `DAILY_LIMIT` a day, so the pages that name people cannot be used to send spam.
"""

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import mailer
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import Invitation, User

DAILY_LIMIT = 20
T = TypeVar("T")


def has_account(*, email: str) -> bool:
    """Whether anybody signed up with `email`, verified or not."""
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


@transaction.atomic
def invitation_send(*, actor: User | None, email: str, purpose: str) -> Invitation | None:
    """Queues an invitation to sign up (or returns the one sent in the last day); None when the
    address already has an account or `actor` reached the day's limit."""
    since = timezone.now() - dt.timedelta(days=1)
    if has_account(email=email):
        return None
    recent = Invitation.objects.filter(email__iexact=email, created_at__gte=since).first()
    if recent:
        return recent
    if actor and Invitation.objects.filter(invited_by=actor, created_at__gte=since).count() >= (
        DAILY_LIMIT
    ):
        return None
    invitation = Invitation.objects.create(email=email, invited_by=actor, purpose=purpose)
    mailer.send_mail(_("Te invitan a Cocrea"), _body(purpose), None, [email])
    return invitation


def _body(purpose: str) -> str:
    signup = f"{settings.SITE_URL}{reverse('account_signup')}"
    return "\n\n".join(
        [
            _("Hola:"),
            _("Te invitan a participar en Cocrea como %(purpose)s.") % {"purpose": purpose},
            _("Crea tu cuenta con este mismo correo y confírmalo: %(url)s") % {"url": signup},
            _(
                "Cuando tu correo esté confirmado, quien te invitó podrá darte el rol. "
                "Si no esperabas este mensaje, ignóralo: no se creó ninguna cuenta."
            ),
        ]
    )


def not_found_message(*, email: str, invited: bool) -> str:
    if invited:
        return _(
            "No hay una cuenta activa con el correo %(email)s verificado. Le enviamos una "
            "invitación para registrarse; cuando confirme su correo, nómbrala de nuevo."
        ) % {"email": email}
    return _(
        "No hay una cuenta activa con el correo %(email)s verificado. Pide que se registre "
        "o que confirme su correo."
    ) % {"email": email}


def named_or_invited(
    *, actor: User | None, email: str, purpose: str, name: Callable[[], T], field: str = "email"
) -> T:
    """Runs `name` (a service naming the account of `email`). Without an account, the refusal
    names the address and an invitation goes out first, in its own transaction, so that the
    refusal does not take it back."""
    invitation = invitation_send(actor=actor, email=email, purpose=purpose)
    try:
        return name()
    except ValidationError:
        if has_account(email=email):
            raise
        message = not_found_message(email=email, invited=invitation is not None)
        raise ValidationError({field: message}) from None
