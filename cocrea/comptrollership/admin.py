from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cocrea.comptrollership.models import (
    Committee,
    Inspection,
    PublicWork,
    ReportedComptrollership,
)
from cocrea.core.admin import StackedInline


class CommitteeInline(StackedInline[Committee, PublicWork]):
    model = Committee
    autocomplete_fields = ("recorders",)


class InspectionInline(StackedInline[Inspection, PublicWork]):
    model = Inspection


@admin.register(PublicWork)
class PublicWorkAdmin(SimpleHistoryAdmin):
    list_display = ("name", "institution", "budget", "progress", "starts_on")
    list_select_related = ("institution",)
    search_fields = ("name", "contractor")
    autocomplete_fields = ("institution",)
    inlines = [CommitteeInline, InspectionInline]


@admin.register(ReportedComptrollership)
class ReportedComptrollershipAdmin(admin.ModelAdmin[ReportedComptrollership]):
    list_display = ("territory", "year", "trained_members", "complaints")
    list_select_related = ("territory",)
