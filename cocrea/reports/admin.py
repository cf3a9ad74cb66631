from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    Committee,
    Holiday,
    Inspection,
    Photo,
    PublicWork,
    Report,
    ReportedComptrollership,
    ReportEvent,
    ReportRedaction,
)


class AttributeInline(admin.TabularInline):
    model = CategoryAttribute
    extra = 0


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "group", "institution", "response_days", "is_active")
    list_filter = ("is_active", "group")
    list_select_related = ("institution",)
    search_fields = ("code", "name", "keywords")
    autocomplete_fields = ("institution",)
    inlines = [AttributeInline]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")


class EventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ("at", "from_status", "to_status", "institution", "note", "actor")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False


class RedactionInline(admin.TabularInline):
    model = ReportRedaction
    extra = 0
    can_delete = False
    fields = ("at", "actor", "reason", "original")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Changes of state go through the liaisons' queue so that each step is recorded."""

    list_display = ("pk", "category", "institution", "status", "requested_at", "expected_at")
    list_filter = ("status", "category")
    list_select_related = ("category", "institution")
    readonly_fields = ("status", "institution", "status_notes", "token", "closed_at")
    inlines = [EventInline, RedactionInline]


class CommitteeInline(admin.StackedInline):
    model = Committee
    extra = 0
    autocomplete_fields = ("recorders",)


@admin.register(Photo)
class PhotoAdmin(SimpleHistoryAdmin):
    """Hiding a photo goes through its report's page, so that the reason is public."""

    list_display = ("pk", "report", "inspection", "uploaded_at", "hidden_at")
    list_select_related = ("report", "inspection")
    readonly_fields = ("image", "report", "inspection", "width", "height", "uploaded_by")


class InspectionInline(admin.StackedInline):
    model = Inspection
    extra = 0


@admin.register(PublicWork)
class PublicWorkAdmin(SimpleHistoryAdmin):
    list_display = ("name", "institution", "budget", "progress", "starts_on")
    list_select_related = ("institution",)
    search_fields = ("name", "contractor")
    autocomplete_fields = ("institution",)
    inlines = [CommitteeInline, InspectionInline]


@admin.register(ReportedComptrollership)
class ReportedComptrollershipAdmin(admin.ModelAdmin):
    list_display = ("territory", "year", "trained_members", "complaints")
    list_select_related = ("territory",)
