from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from cocrea.core.models import Organization, OrganizationMembership, Territory, User


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
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
class CocreaUserAdmin(UserAdmin):
    list_display = ["email", "public_name", "is_active", "is_superuser", "date_joined"]
    search_fields = ["email", "public_name"]
    ordering = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "username", "password", "public_name")}),
        ("Permisos", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Fechas", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
