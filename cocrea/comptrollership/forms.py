"""Forms of social comptrollership: a work, a committee with its private recorders, and an
inspection sheet with photos (reports' `PhotosField`: checked and stripped of metadata)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.comptrollership.models import Committee, Inspection, PublicWork
from cocrea.core.forms import limit_choices
from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.reports.forms import PhotosField


class MunicipalityField(forms.ModelChoiceField[Territory]):
    def label_from_instance(self, obj: Territory) -> str:
        # The parent comes with the municipality (select_related): no query here.
        return f"{obj.name}, {obj.parent.name}" if obj.parent else str(obj.name)


class WorkForm(forms.ModelForm[PublicWork]):
    class Meta:
        model = PublicWork
        fields = [
            "name",
            "description",
            "institution",
            "municipality",
            "location",
            "latitude",
            "longitude",
            "budget",
            "contractor",
            "starts_on",
            "ends_on",
            "progress",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, institutions: "QuerySet[Organization]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "institution", institutions.only("id", "name").order_by("name"))
        self.fields["municipality"] = MunicipalityField(
            label=_("Municipio"),
            required=False,
            queryset=(
                Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY)
                .select_related("parent")
                .only("id", "name", "parent__name")
                .order_by("parent__name", "name")
            ),
        )


class CommitteeForm(forms.ModelForm[Committee]):
    recorder_emails = forms.CharField(
        label=_("Correos de quienes capturan las cédulas (privado)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Uno por renglón. Cada persona debe tener ya su cuenta en la plataforma; "
            "los correos nunca se publican."
        ),
    )

    class Meta:
        model = Committee
        fields = [
            "name",
            "members",
            "trained_on",
            "commitment_letter_signed",
            "is_observatory",
            "citizen_comptrollers",
        ]
        widgets = {"trained_on": forms.DateInput(attrs={"type": "date"})}

    def emails(self) -> list[str]:
        raw = self.cleaned_data.get("recorder_emails", "")
        return [
            line.strip().lower() for line in raw.replace(",", "\n").splitlines() if line.strip()
        ]


class InspectionForm(forms.ModelForm[Inspection]):
    photos = PhotosField(label=_("Fotos (opcional)"), limit=5)

    class Meta:
        model = Inspection
        fields = ["committee", "held_on", "findings", "progress_observed"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, committees: "QuerySet[Committee]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = limit_choices(self, "committee", committees.only("id", "name"))
        field.required = True
        field.label = _("Comité que inspeccionó")
