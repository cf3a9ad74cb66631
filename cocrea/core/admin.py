from typing import Any, TypeVar

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from cocrea.core.models import ApiKey, Organization, OrganizationMembership, Territory, User
from cocrea.core.services import api_key_create, api_key_revoke

_C = TypeVar("_C", bound=Model)
_P = TypeVar("_P", bound=Model)


class TabularInline(admin.TabularInline[_C, _P]):
    """Rows of a record shown in its page, with no blank forms added below them."""

    extra = 0


class StackedInline(admin.StackedInline[_C, _P]):
    """Records shown stacked in their parent's page, with no blank forms added below them."""

    extra = 0


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin[Territory]):
    list_display = ["name", "level", "inegi_code", "iso_code", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "inegi_code", "iso_code"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "sector", "territory"]
    list_filter = ["sector"]
    search_fields = ["name", "acronym"]
    list_select_related = ["territory"]
    raw_id_fields = ["territory"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OrganizationMembership)
class OrganizationMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "organization__name"]
    list_select_related = ["user", "organization"]
    raw_id_fields = ["user", "organization"]


@admin.register(User)
class CocreaUserAdmin(UserAdmin[User]):
    list_display = ["email", "public_name", "is_active", "is_superuser", "date_joined"]
    search_fields = ["email", "public_name"]
    ordering = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "username", "password", "public_name")}),
        ("Permisos", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Fechas", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    """Keys are created here or with `create_api_key`; the key is shown once, then only a digest."""

    list_display = ["organization", "name", "prefix", "created_at", "revoked_at"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization"]
    fields = ["organization", "name"]
    actions = ["revoke"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        key, raw = api_key_create(organization=obj.organization, name=obj.name)
        obj.__dict__.update({k: v for k, v in key.__dict__.items() if not k.startswith("_")})
        messages.warning(request, f"Llave de API: {raw} (cópiala ahora: no se mostrará otra vez).")

    @admin.action(description="Revocar las llaves seleccionadas")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(key=key)
