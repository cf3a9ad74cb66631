from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cocrea.monitoring.models import (
    Assessment,
    Finding,
    Notification,
    ProgressReport,
    ReportReview,
    StandardAttestation,
)


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "organization", "reported_on", "corrects"]
    list_select_related = ["organization", "corrects"]
    raw_id_fields = ["commitment", "organization", "author", "corrects"]


@admin.register(ReportReview)
class ReportReviewAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "verdict", "created_at", "answered_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["report", "reviewer", "organization"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin[Finding]):
    list_display = ["rule", "commitment", "milestone", "first_seen", "resolved_at"]
    list_filter = ["rule"]
    list_select_related = ["commitment", "milestone"]
    raw_id_fields = ["commitment", "milestone"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "specificity", "potential_impact", "completion"]
    raw_id_fields = ["commitment"]


@admin.register(StandardAttestation)
class StandardAttestationAdmin(SimpleHistoryAdmin):
    list_display = ["exercise", "item", "attested_on"]
    raw_id_fields = ["exercise", "attested_by"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["subject", "user", "created_at", "sent_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
