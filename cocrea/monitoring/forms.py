from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import DateFieldsMixin, checked_evidence
from cocrea.monitoring.models import ASSESSMENT_CRITERIA, Assessment, NotificationSettings, Verdict
from cocrea.monitoring.services import ReportFile
from cocrea.plans.models import Milestone

LINKS = 3


class ReportForm(DateFieldsMixin, forms.Form):
    reported_on = forms.DateField(label=_("Fecha del reporte"))
    narrative = forms.CharField(label=_("Qué se avanzó"), widget=forms.Textarea, max_length=10000)

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.milestones = milestones
        for m in milestones:
            self.fields[f"progress_{m.pk}"] = forms.IntegerField(
                label=_("Avance del hito %(n)s: %(text)s")
                % {"n": m.number, "text": m.deliverable[:80]},
                min_value=0,
                max_value=100,
                initial=m.progress,
            )
            self.fields[f"why_not_{m.pk}"] = forms.CharField(
                label=_("Hito %s: si lo reportas al 100 %% y no está cumplido, di por qué")
                % m.number,
                help_text=_("Vacío: un hito reportado al 100 % queda cumplido."),
                max_length=300,
                required=False,
            )
        for n in range(1, LINKS + 1):
            self.fields[f"link_text_{n}"] = forms.CharField(
                label=_("Evidencia %s: descripción") % n, max_length=300, required=False
            )
            self.fields[f"link_url_{n}"] = forms.URLField(
                label=_("Evidencia %s: enlace") % n, required=False, assume_scheme="https"
            )

        self.fields["file_text"] = forms.CharField(
            label=_("Archivo de evidencia: descripción"), max_length=300, required=False
        )
        self.fields["file"] = forms.FileField(
            label=_("Archivo de evidencia"),
            required=False,
            help_text=_(
                "Los enlaces y el archivo cuentan como evidencia de cada hito con avance que "
                "reportas."
            ),
        )

    def clean_file(self) -> object:
        return checked_evidence(self, "file")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, LINKS + 1):
            if bool(data.get(f"link_text_{n}")) != bool(data.get(f"link_url_{n}")):
                self.add_error(f"link_url_{n}", _("Cada evidencia lleva descripción y enlace."))
        if bool(data.get("file_text")) != bool(data.get("file")):
            self.add_error("file", _("El archivo de evidencia lleva descripción y archivo."))
        for m in self.milestones:
            if data.get(f"why_not_{m.pk}") and data.get(f"progress_{m.pk}") != 100:
                self.add_error(
                    f"why_not_{m.pk}",
                    _("Solo se explica por qué no está cumplido un hito reportado al 100 %."),
                )
        return data

    def not_done(self) -> dict[int, str]:
        data = self.cleaned_data
        return {m.pk: data[f"why_not_{m.pk}"] for m in self.milestones if data[f"why_not_{m.pk}"]}

    def evidence_files(self) -> list[ReportFile]:
        data = self.cleaned_data
        if not data.get("file"):
            return []
        return [ReportFile(description=data["file_text"], file=data["file"])]

    def progress(self) -> dict[int, int]:
        return {m.pk: self.cleaned_data[f"progress_{m.pk}"] for m in self.milestones}

    def links(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        pairs = [
            (data.get(f"link_text_{n}"), data.get(f"link_url_{n}")) for n in range(1, LINKS + 1)
        ]
        return [(text, url) for text, url in pairs if text and url]


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Dictamen"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Nota"),
        widget=forms.Textarea,
        max_length=5000,
        required=False,
        help_text=_("Obligatoria si cuestionas el reporte."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Respuesta de la institución"), widget=forms.Textarea, max_length=5000
    )


class AssessmentForm(DateFieldsMixin, forms.ModelForm[Assessment]):
    verifiable = forms.NullBooleanField(
        label=_("Verificable (método nuevo)"), required=False, widget=forms.NullBooleanSelect
    )
    open_government_lens = forms.NullBooleanField(
        label=_("Lente de gobierno abierto (método nuevo)"),
        required=False,
        widget=forms.NullBooleanSelect,
    )

    class Meta:
        model = Assessment
        fields = [*ASSESSMENT_CRITERIA, "notes"]


class AttestationForm(forms.Form):
    url = forms.URLField(label=_("Enlace a la evidencia"), assume_scheme="https")
    note = forms.CharField(label=_("Nota"), widget=forms.Textarea, max_length=2000, required=False)


class NotificationSettingsForm(forms.ModelForm[NotificationSettings]):
    public_name = forms.CharField(
        label=_("Nombre público"),
        max_length=120,
        required=False,
        help_text=_(
            "Aparece en el historial público de tus cambios. Vacío: «Persona participante» y un "
            "código distinto en cada ejercicio, que no revela tu cuenta."
        ),
    )

    class Meta:
        model = NotificationSettings
        fields = ["public_name", "followed_changes", "weekly_digest", "liaison_alerts"]
