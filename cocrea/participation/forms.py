from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import limit_choices
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
from cocrea.plans.models import Commitment

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


class ResponseForm(forms.Form):
    status = forms.ChoiceField(label=_("Respuesta"), choices=ProposalStatus.choices)
    response = forms.CharField(
        label=_("Respuesta razonada"), widget=forms.Textarea, max_length=5000, required=False
    )
    commitment = forms.ModelChoiceField(
        label=_("Compromiso"), queryset=Commitment.objects.none(), required=False
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "commitment", _commitments_of(consultation))


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


class WorkingTableForm(forms.ModelForm[WorkingTable]):
    class Meta:
        model = WorkingTable
        fields = [
            "held_on",
            "place",
            "government",
            "civil_society",
            "guarantor",
            "others",
            "organizations",
            "minutes_url",
            "outcome",
        ]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CommentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Tu postura"), choices=Stance.choices, initial=Stance.NEUTRAL
    )
    body = forms.CharField(
        label=_("Comentario"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT_MAX
    )
