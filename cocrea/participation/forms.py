from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import DateFieldsMixin, checked_pdf, limit_choices
from cocrea.core.models import Organization
from cocrea.participation.models import (
    BODY_MAX,
    COMMENT_MAX,
    TITLE_MAX,
    Consultation,
    Problem,
    Proposal,
    ProposalStatus,
    Stance,
    WorkingTable,
)
from cocrea.participation.selectors import offered_axes
from cocrea.plans.models import Commitment, Milestone

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _commitments_of(consultation: Consultation) -> QuerySet[Commitment]:
    """The commitments of the consultation's exercise, as choices."""
    return Commitment.objects.filter(plan__exercise_id=consultation.exercise_id).only(
        "id", "number", "title"
    )


class ConsultationForm(forms.ModelForm[Consultation]):
    class Meta:
        model = Consultation
        fields = [
            "title",
            "slug",
            "description",
            "plan",
            "territory",
            "places",
            "opens_at",
            "closes_at",
            "supports_per_participant",
            "requires_verified",
            "edit_minutes",
        ]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}

    def __init__(self, *args: Any, exercise: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "plan", exercise.plans.all())
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]


class ProposalForm(forms.ModelForm[Proposal]):
    title = forms.CharField(label=_("Título"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Tu propuesta o el problema que ves"),
        widget=forms.Textarea,
        max_length=BODY_MAX,
        help_text=_("Hasta 5,000 caracteres. Se publica como texto: sin HTML."),
    )

    class Meta:
        model = Proposal
        fields = ["title", "body", "axis", "place", "latitude", "longitude"]

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self, "axis", offered_axes(consultation=consultation, keep=self.instance.axis_id)
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=300)


class QueueActionForm(forms.Form):
    """A reported item handled from the moderation queue: hidden with a public reason, or its
    reports dismissed."""

    action = forms.ChoiceField(
        label=_("Qué hacer"),
        choices=[
            ("ocultar", _("Ocultar, con un motivo público")),
            ("descartar", _("Descartar los reportes y dejarlo visible")),
        ],
    )
    reason = forms.CharField(label=_("Motivo público"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "ocultar" and not data.get("reason", "").strip():
            self.add_error("reason", _("La moderación siempre lleva un motivo."))
        return data


class MilestoneChoiceField(forms.ModelChoiceField[Milestone]):
    """Milestones named with their commitment: «Compromiso 3 · hito 2: …»."""

    def label_from_instance(self, obj: Milestone) -> str:
        return _("Compromiso %(c)s · hito %(n)s: %(text)s") % {
            "c": obj.commitment.number,
            "n": obj.number,
            "text": obj.deliverable[:80],
        }


class ResponseForm(forms.Form):
    """The reasoned answer: incorporated into a commitment (and the milestone that answers it),
    grouped into a problem of the consultation, or not incorporated, with its reason."""

    status = forms.ChoiceField(label=_("Respuesta"), choices=ProposalStatus.choices)
    response = forms.CharField(
        label=_("Respuesta razonada"),
        widget=forms.Textarea,
        max_length=5000,
        required=False,
        help_text=_("Obligatoria si no se incorpora: explica por qué."),
    )
    problem = forms.ModelChoiceField(
        label=_("Problemática (si se agrupa)"), queryset=Problem.objects.none(), required=False
    )
    commitment = forms.ModelChoiceField(
        label=_("Compromiso (si se incorpora)"),
        queryset=Commitment.objects.none(),
        required=False,
    )
    milestone = MilestoneChoiceField(
        label=_("Hito que la atiende (opcional)"),
        queryset=Milestone.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "problem", consultation.problems.only("id", "title").order_by("id"))
        limit_choices(self, "commitment", _commitments_of(consultation))
        limit_choices(
            self,
            "milestone",
            Milestone.objects.filter(commitment__plan__exercise_id=consultation.exercise_id)
            .select_related("commitment")
            .only("id", "number", "deliverable", "commitment__number", "commitment__title")
            .order_by("commitment__plan_id", "commitment__number", "number"),
        )


class ProblemForm(forms.ModelForm[Problem]):
    class Meta:
        model = Problem
        fields = ["title", "description", "axis", "commitments"]
        widgets = {"commitments": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self, "axis", offered_axes(consultation=consultation, keep=self.instance.axis_id)
        )
        limit_choices(self, "commitments", _commitments_of(consultation))


class GroupForm(forms.Form):
    proposals = forms.CharField(
        label=_("Números de las propuestas"),
        help_text=_("Separados por comas, por ejemplo: 12, 15, 31."),
        max_length=5000,
    )

    def clean_proposals(self) -> list[int]:
        parts = [
            p.strip()
            for p in self.cleaned_data["proposals"].replace(";", ",").split(",")
            if p.strip()
        ]
        if not parts or not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Escribe números de propuesta separados por comas."))
        return sorted({int(p) for p in parts})


ATTENDANCE_ROWS_EXTRA = 3


class WorkingTableForm(DateFieldsMixin, forms.ModelForm[WorkingTable]):
    """A working table: its record, the problems it worked on, the commitments it produced, its
    minutes (a PDF checked by content and size) and its attendance by sector and by organization
    (one pair of fields per organization: the rows it has, and three more)."""

    class Meta:
        model = WorkingTable
        fields = [
            "title",
            "held_on",
            "place",
            "problems",
            "commitments",
            "government",
            "civil_society",
            "guarantor",
            "others",
            "minutes",
            "minutes_url",
            "outcome",
        ]
        widgets = {
            "problems": forms.CheckboxSelectMultiple,
            "commitments": forms.CheckboxSelectMultiple,
            "minutes": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "problems", consultation.problems.only("id", "title").order_by("id"))
        limit_choices(self, "commitments", _commitments_of(consultation))
        self.fields["minutes"].help_text = _("PDF de hasta %(mb)s MB.") % {
            "mb": settings.MINUTES_MAX_UPLOAD_MB
        }
        rows = (
            list(self.instance.attendance.select_related("organization"))
            if self.instance.pk
            else []
        )
        organizations = Organization.objects.only("id", "name").order_by("name")
        for index in range(len(rows) + ATTENDANCE_ROWS_EXTRA):
            row = rows[index] if index < len(rows) else None
            self.fields[f"organization_{index}"] = forms.ModelChoiceField(
                label=_("Organización %(n)s") % {"n": index + 1},
                queryset=organizations,
                required=False,
                initial=row.organization_id if row else None,
            )
            self.fields[f"present_{index}"] = forms.IntegerField(
                label=_("Personas de la organización %(n)s") % {"n": index + 1},
                min_value=1,
                max_value=10000,
                required=False,
                initial=row.present if row else None,
            )
        self.rows = len(rows) + ATTENDANCE_ROWS_EXTRA

    def clean_minutes(self) -> object:
        return checked_pdf(self, "minutes")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: set[int] = set()
        for index in range(self.rows):
            organization = data.get(f"organization_{index}")
            if organization is None:
                if data.get(f"present_{index}"):
                    self.add_error(f"organization_{index}", _("Elige la organización."))
                continue
            if organization.pk in seen:
                self.add_error(
                    f"organization_{index}", _("Esa organización ya está en la asistencia.")
                )
            seen.add(organization.pk)
        return data

    def attendance(self) -> list[tuple[Organization, int | None]]:
        """The organizations that attended, with how many people (None: not recorded)."""
        pairs = []
        for index in range(self.rows):
            organization = self.cleaned_data.get(f"organization_{index}")
            if organization is not None:
                pairs.append((organization, self.cleaned_data.get(f"present_{index}")))
        return pairs


class CommentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Tu postura"), choices=Stance.choices, initial=Stance.NEUTRAL
    )
    body = forms.CharField(
        label=_("Comentario"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT_MAX
    )
