from django.http import HttpResponse
from django.test import RequestFactory

from cocrea.core.middleware import ServerTimingMiddleware
from cocrea.core.views import floor


def test_server_timing_header_says_how_long_django_took():
    middleware = ServerTimingMiddleware(lambda request: HttpResponse("hola"))
    response = middleware(RequestFactory().get("/"))
    name, duration = response["Server-Timing"].split(";dur=")
    assert name == "app" and float(duration) >= 0


def test_the_floor_view_does_nothing_but_answer():
    response = floor(RequestFactory().get("/_piso"))
    assert response.status_code == 200 and response.content == b"ok"
