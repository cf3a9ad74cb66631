from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cocrea.core.admin import TabularInline
from cocrea.plans.models import (
    ActionPlan,
    Commitment,
    Evidence,
    Milestone,
    PlanAxis,
    PlanDocument,
    PlanStage,
    SustainableDevelopmentGoal,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SustainableDevelopmentGoal)
class GoalAdmin(admin.ModelAdmin[SustainableDevelopmentGoal]):
    list_display = ["number", "name"]


class StageInline(TabularInline[PlanStage, ActionPlan]):
    model = PlanStage


class AxisInline(TabularInline[PlanAxis, ActionPlan]):
    model = PlanAxis


class DocumentInline(TabularInline[PlanDocument, ActionPlan]):
    model = PlanDocument


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "exercise", "number", "status", "progress"]
    list_filter = ["status"]
    list_select_related = ["exercise"]
    raw_id_fields = ["exercise"]
    inlines = [StageInline, AxisInline, DocumentInline]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "lead_institution", "status", "progress", "is_published"]
    list_filter = ["status", "is_published", "is_example"]
    search_fields = ["title", "external_id"]
    list_select_related = ["plan", "lead_institution"]
    raw_id_fields = ["plan", "lead_institution", "supporting_institutions", "theme"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "commitment", "status", "progress", "weight"]
    list_filter = ["status", "is_example"]
    list_select_related = ["commitment"]
    raw_id_fields = ["commitment"]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["description", "milestone", "created_at"]
    list_select_related = ["milestone"]
    raw_id_fields = ["milestone", "author"]
