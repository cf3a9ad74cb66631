from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cocrea.core.tests.toy.models import Gadget


def gadget_list(request: HttpRequest) -> HttpResponse:
    return render(request, "toy/gadgets.html", {"gadgets": Gadget.objects.order_by("pk")})
