from typing import Any

from django.core.management.base import BaseCommand

from cocrea.core.tests.toy.models import Gadget


class Command(BaseCommand):
    help = "A toy job: adds a gadget."

    def handle(self, *args: Any, **options: Any) -> None:
        Gadget.objects.create(name="tick")
