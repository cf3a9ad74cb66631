from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cocrea.api import api
from cocrea.core import views as core_views
from cocrea.core.capabilities import registry

urlpatterns = [
    *(path(c.url_prefix, include(c.urls)) for c in registry if c.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("cuentas/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.SERVER_TIMING:
    # The framework's floor for the load test: routing, middleware and a response, nothing else.
    urlpatterns.append(path("_piso", core_views.floor, name="floor"))

handler404 = "cocrea.core.views.not_found"
handler403 = "cocrea.core.views.forbidden"
handler400 = "cocrea.core.views.bad_request"
handler500 = "cocrea.core.views.server_error"
