"""Core: territories, organizations, accounts and memberships, and the site's own pages."""

from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import Capability, Job, NavLink, register

register(
    Capability(
        label="core",
        urls="cocrea.core.urls",
        api_router="cocrea.core.api.router",
        main_nav=(
            NavLink("core:organization_list", _("Organizaciones"), 70),
            NavLink("core:territory_list", _("Territorios"), 80),
            NavLink("api-v1:openapi-view", _("API"), 90),
        ),
        demo="cocrea.core.demo.load",
        jobs=(
            Job("send_mail", "interval", {"minutes": 1}, "correos en cola (invitaciones)"),
            Job("retry_deferred", "cron", {"minute": 30}, "reintentar correos diferidos"),
        ),
        audit_pages=(
            "/organizaciones/",
            "/territorios/",
            "/cuentas/login/",
            "/cuentas/signup/",
            "/no-existe/",
            "/glosario/",
        ),
        audit_editor_pages=("/territorios/importar-municipios/",),
    )
)
