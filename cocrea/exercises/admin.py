from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cocrea.core.admin import StackedInline, TabularInline
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    ExerciseMembership,
    ProgramCut,
    Secretariat,
    SecretariatMember,
    SecretariatSession,
    SessionAttendance,
    StageReached,
)


class StageInline(TabularInline[StageReached, Exercise]):
    model = StageReached


@admin.register(Exercise)
class ExerciseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "territory", "stage", "joined_on"]
    list_filter = ["stage", "territory__level"]
    search_fields = ["name", "territory__name"]
    list_select_related = ["territory"]
    raw_id_fields = ["territory"]
    inlines = [StageInline]


@admin.register(ExerciseMembership)
class ExerciseMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "exercise", "role", "sector", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "exercise__name"]
    list_select_related = ["user", "exercise"]
    raw_id_fields = ["user", "exercise"]


@admin.register(Secretariat)
class SecretariatAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "exercise", "period"]
    list_select_related = ["exercise"]
    raw_id_fields = ["exercise"]


@admin.register(SecretariatMember)
class SecretariatMemberAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "sector", "role", "secretariat", "ceased_on"]
    list_filter = ["sector", "role"]
    list_select_related = ["secretariat"]
    raw_id_fields = ["secretariat", "organization"]


class AttendanceInline(TabularInline[SessionAttendance, SecretariatSession]):
    model = SessionAttendance


class AgreementInline(StackedInline[Agreement, SecretariatSession]):
    model = Agreement


@admin.register(SecretariatSession)
class SecretariatSessionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "secretariat", "held_on"]
    list_select_related = ["secretariat"]
    raw_id_fields = ["secretariat"]
    inlines = [AttendanceInline, AgreementInline]


@admin.register(ProgramCut)
class ProgramCutAdmin(admin.ModelAdmin[ProgramCut]):
    list_display = ["label", "as_of", "participating_count", "plans"]
    filter_horizontal = ["participating", "with_plan"]
