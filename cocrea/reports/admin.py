from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from cocrea.core.admin import TabularInline
from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    Holiday,
    Photo,
    Report,
    ReportEvent,
    ReportRedaction,
)


class AttributeInline(TabularInline[CategoryAttribute, Category]):
    model = CategoryAttribute


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    """The coordination of each exercise and the institutions' liaisons manage categories at
    /reportes/categorias/; this is the platform administration's view of all of them."""

    list_display = (
        "code",
        "name",
        "territory",
        "group",
        "institution",
        "response_days",
        "is_active",
    )
    list_filter = ("is_active", "territory", "group")
    list_select_related = ("institution", "territory")
    search_fields = ("code", "name", "keywords")
    autocomplete_fields = ("institution",)
    inlines = [AttributeInline]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ("date", "name", "territory")
    list_filter = ("territory",)
    list_select_related = ("territory",)


class EventInline(TabularInline[ReportEvent, Report]):
    model = ReportEvent
    can_delete = False
    fields = ("at", "from_status", "to_status", "institution", "note", "actor")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False


class RedactionInline(TabularInline[ReportRedaction, Report]):
    model = ReportRedaction
    can_delete = False
    fields = ("at", "actor", "reason", "original")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    """Changes of state go through the liaisons' queue so that each step is recorded."""

    list_display = ("pk", "category", "institution", "status", "requested_at", "expected_at")
    list_filter = ("status", "category")
    list_select_related = ("category", "institution")
    readonly_fields = ("status", "institution", "status_notes", "token", "closed_at")
    inlines = [EventInline, RedactionInline]


@admin.register(Photo)
class PhotoAdmin(SimpleHistoryAdmin):
    """Hiding a photo goes through its report's page, so that the reason is public."""

    list_display = ("pk", "report", "inspection", "uploaded_at", "hidden_at")
    list_select_related = ("report", "inspection")
    readonly_fields = ("image", "report", "inspection", "width", "height", "uploaded_by")
