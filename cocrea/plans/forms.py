from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import DateFieldsMixin, checked_evidence, checked_pdf, limit_choices
from cocrea.core.models import Organization
from cocrea.core.uploads import validate_upload
from cocrea.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Evidence,
    Milestone,
    PlanDocument,
    PlanStage,
    SustainableDevelopmentGoal,
    Theme,
)


class PlanForm(DateFieldsMixin, forms.ModelForm[ActionPlan]):
    class Meta:
        model = ActionPlan
        fields = [
            "number",
            "name",
            "period_start",
            "period_end",
            "period_label",
            "objective",
            "description",
            "status",
        ]


class PlanStageForm(DateFieldsMixin, forms.ModelForm[PlanStage]):
    class Meta:
        model = PlanStage
        fields = ["order", "name", "description", "start_on", "end_on"]


class PlanDocumentForm(DateFieldsMixin, forms.ModelForm[PlanDocument]):
    class Meta:
        model = PlanDocument
        fields = ["title", "url", "file", "published_on"]

    def clean_file(self) -> object:
        return checked_pdf(self, "file")


class CommitmentForm(DateFieldsMixin, forms.ModelForm[Commitment]):
    RELATIONS = ("supporting_institutions", "sdgs", "axes")

    class Meta:
        model = Commitment
        fields = [
            "number",
            "title",
            "problem",
            "status_quo",
            "objective",
            "how_it_solves",
            "ambition",
            "lead_institution",
            "responsible_person",
            "responsible_position",
            "supporting_institutions",
            "pillar_transparency",
            "pillar_accountability",
            "pillar_participation",
            "pillar_innovation",
            "value_access_information",
            "value_civic_participation",
            "value_public_accountability",
            "value_technology",
            "theme",
            "sdgs",
            "axes",
            "start_on",
            "end_on",
            "is_published",
            "external_id",
        ]
        widgets = {
            "sdgs": forms.CheckboxSelectMultiple,
            "axes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: object, plan: ActionPlan, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.only("id", "name").order_by("name")
        limit_choices(self, "lead_institution", organizations)
        limit_choices(self, "supporting_institutions", organizations)
        limit_choices(self, "theme", Theme.objects.filter(is_active=True))
        limit_choices(self, "sdgs", SustainableDevelopmentGoal.objects.all())
        # Retired axes are no longer offered; a commitment that has one keeps it.
        offered = Q(is_retired=False)
        if self.instance.pk:
            offered |= Q(pk__in=self.instance.axes.values("pk"))
        limit_choices(self, "axes", plan.axes.filter(offered))

    def scalar_fields(self) -> dict[str, object]:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in self.RELATIONS and name in self.cleaned_data
        }


class StatusForm(forms.Form):
    """The coordination's fixed status and its reason, or back to the derived status."""

    status = forms.ChoiceField(label=_("Estado"), required=False)
    reason = forms.CharField(
        label=_("Razón"),
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text=_("Obligatoria para fijar un estado; queda en el historial del compromiso."),
    )

    def __init__(self, *args: Any, derived: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label = dict(CommitmentStatus.choices)[derived]
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("Derivado de los hitos (hoy: %s)") % label),
            *CommitmentStatus.choices,
        ]


class MilestoneForm(DateFieldsMixin, forms.ModelForm[Milestone]):
    class Meta:
        model = Milestone
        fields = [
            "number",
            "deliverable",
            "responsible",
            "start_on",
            "end_on",
            "status",
            "progress",
            "completed_on",
        ]


class WeightsForm(forms.Form):
    """One weight per milestone; all empty or adding up to 100."""

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.milestones = milestones
        for milestone in milestones:
            self.fields[f"weight_{milestone.pk}"] = forms.DecimalField(
                label=_("Hito %(n)s: %(text)s")
                % {"n": milestone.number, "text": milestone.deliverable[:80]},
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
                required=False,
                initial=milestone.weight,
            )

    def weights(self) -> dict[int, Decimal | None]:
        return {m.pk: self.cleaned_data.get(f"weight_{m.pk}") for m in self.milestones}


class EvidenceForm(forms.ModelForm[Evidence]):
    class Meta:
        model = Evidence
        fields = ["description", "file", "url"]

    def clean_file(self) -> object:
        return checked_evidence(self, "file")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Sube un archivo o escribe un enlace."))
        return data


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV o XLSX"),
        help_text=_("Con las columnas de la exportación de Cocrea (UTF-8 si es CSV). Hasta 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if upload.size and upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("El archivo supera 10 MB."))
        if name.endswith(".xlsx"):
            validate_upload(
                upload, max_mb=10, allowed={XLSX_MIME: "XLSX", "application/zip": "XLSX"}
            )
        elif not name.endswith(".csv") or b"\x00" in upload.read(4096):
            raise forms.ValidationError(_("Sube un archivo .csv (texto) o .xlsx."))
        upload.seek(0)
        return upload
