"""Django's `createsuperuser`, with the new administrator's e-mail already verified.

Sign-in asks for a verified address (ACCOUNT_EMAIL_VERIFICATION = "mandatory") and an account
made from the console has none, so the administrator's first sign-in would wait for a link
printed to the console. This command runs Django's own and then records the address of the
account it made as verified and primary.

Django looks for a command in the apps of INSTALLED_APPS in order and the first one found wins,
so `cocrea.core` is listed before `django.contrib.auth` in the settings.
"""

from typing import Any

from django.contrib.auth.management.commands import createsuperuser

from cocrea.core.models import User
from cocrea.core.services import superuser_email_verify


class Command(createsuperuser.Command):
    help = (
        "Crea una cuenta de administración de la plataforma con el correo ya verificado "
        "(sin enlace de verificación)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Django's handle() does not return the account it creates: the ones made while it ran
        # are those past the highest id that existed before.
        superusers = User.objects.db_manager(options["database"]).filter(is_superuser=True)
        last = User.objects.db_manager(options["database"]).order_by("-pk").first()
        super().handle(*args, **options)
        for user in superusers.filter(pk__gt=last.pk if last else 0):
            superuser_email_verify(user=user)
