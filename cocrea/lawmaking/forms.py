"""Forms of a legislative process: the process itself, a phase's dates, its closing."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import limit_choices
from cocrea.core.models import Organization, Sector, User
from cocrea.core.selectors import organizations_to_publish_for
from cocrea.exercises.models import Exercise
from cocrea.lawmaking import selectors
from cocrea.lawmaking.models import LegislativeProcess, Phase
from cocrea.plans.models import Milestone

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _congresses_for(user: User, process: LegislativeProcess) -> QuerySet[Organization]:
    """The institutions the person may open a process for: theirs as liaison (every one for an
    admin); an exercise's editors also name a legislature; the current one stays offered."""
    offered = Q(pk__in=organizations_to_publish_for(user=user).values("pk"))
    if selectors.editable_exercise_ids(user=user):
        offered |= Q(sector=Sector.LEGISLATURE)
    if process.congress_id:
        offered |= Q(pk=process.congress_id)
    return Organization.objects.filter(offered).only("name").order_by("name")


def _exercises_for(user: User, process: LegislativeProcess) -> QuerySet[Exercise]:
    offered = Q() if user.is_superuser else Q(pk__in=selectors.editable_exercise_ids(user=user))
    if process.exercise_id:
        offered |= Q(pk=process.exercise_id)
    return Exercise.objects.filter(offered).only("name").order_by("name")


def _milestones_for(process: LegislativeProcess) -> QuerySet[Milestone]:
    """Milestones of the commitments the congress leads or of the process's exercise."""
    of_process = Q(commitment__lead_institution_id=process.congress_id)
    if process.exercise_id:
        of_process |= Q(commitment__plan__exercise_id=process.exercise_id)
    return (
        Milestone.objects.filter(of_process)
        .select_related("commitment")
        .only("number", "deliverable", "commitment__number", "commitment__title")
        .order_by("commitment__plan_id", "commitment__number", "number")
    )


class MilestoneChoice(forms.ModelChoiceField[Milestone]):
    def label_from_instance(self, obj: Milestone) -> str:
        return f"{obj.commitment.number}.{obj.number} · {obj.deliverable[:120]}"


class ProcessForm(forms.ModelForm[LegislativeProcess]):
    milestone = MilestoneChoice(
        queryset=Milestone.objects.none(),
        required=False,
        label=_("Hito del que es evidencia"),
        help_text=_("Si el proceso cumple un hito de un compromiso, su página lo mostrará."),
    )

    class Meta:
        model = LegislativeProcess
        fields = [
            "title",
            "slug",
            "congress",
            "exercise",
            "kind",
            "law_name",
            "summary",
            "promoters",
            "committee",
            "requires_verified",
            "highlight_supports",
            "milestone",
        ]
        help_texts = {
            "slug": _("Letras minúsculas, números y guiones; forma la dirección del proceso."),
            "highlight_supports": _("Una aportación con al menos estos apoyos se marca destacada."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        process = self.instance
        limit_choices(self, "congress", _congresses_for(user, process))
        limit_choices(self, "exercise", _exercises_for(user, process))
        if process.pk:
            limit_choices(self, "milestone", _milestones_for(process))
        else:
            del self.fields["milestone"]


class PhaseForm(forms.ModelForm[Phase]):
    class Meta:
        model = Phase
        fields = ["opens_at", "closes_at", "description"]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    result = forms.CharField(
        label=_("Resultado del proceso"),
        widget=forms.Textarea,
        max_length=5000,
        help_text=_(
            "Qué pasó con la iniciativa (aprobada, con qué decreto; en comisión; desechada). "
            "Se publica en la página y va en el resumen que reciben quienes participaron."
        ),
        error_messages={"required": _("Escribe el resultado del proceso.")},
    )
