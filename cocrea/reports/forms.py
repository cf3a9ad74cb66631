"""The web filing form: the category's own questions become fields of the form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization
from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    Datatype,
    PublicWork,
    ReportStatus,
)
from cocrea.reports.services import Filing

PRIVATE = _("No se publica.")


def _attribute_field(attribute: CategoryAttribute) -> forms.Field:
    common: dict[str, Any] = {
        "label": attribute.description,
        "required": attribute.required,
        "help_text": attribute.datatype_description,
    }
    choices = [(str(v.get("key")), v.get("name")) for v in attribute.values]
    if attribute.datatype == Datatype.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if attribute.datatype == Datatype.MULTI:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if attribute.datatype == Datatype.NUMBER:
        return forms.DecimalField(**common)
    if attribute.datatype == Datatype.DATETIME:
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"})
        return forms.DateTimeField(widget=widget, **common)
    if attribute.datatype == Datatype.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)
    return forms.CharField(max_length=300, **common)


class ReportForm(forms.Form):
    description = forms.CharField(
        label=_("¿Qué pasa?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    address = forms.CharField(
        label=_("¿Dónde? Calle y número, o una referencia"),
        max_length=250,
        help_text=_("Se usa para atender el reporte; en público solo se muestra la zona."),
    )
    lat = forms.DecimalField(label=_("Latitud (opcional)"), required=False, max_digits=9)
    long = forms.DecimalField(label=_("Longitud (opcional)"), required=False, max_digits=10)
    first_name = forms.CharField(label=_("Tu nombre (opcional)"), required=False, max_length=80)
    email = forms.EmailField(
        label=_("Correo para avisarte del avance (opcional)"), required=False, help_text=PRIVATE
    )
    phone = forms.CharField(
        label=_("Teléfono (opcional)"), required=False, max_length=30, help_text=PRIVATE
    )

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        for attribute in category.attributes.all():
            self.fields[f"attribute_{attribute.code}"] = _attribute_field(attribute)

    def filing(self, *, public_work: PublicWork | None = None) -> Filing:
        data = self.cleaned_data
        answers: dict[str, list[str]] = {}
        for attribute in self.category.attributes.all():
            value = data.get(f"attribute_{attribute.code}")
            values = value if isinstance(value, list) else [value]
            answers[attribute.code] = [self._text(v) for v in values if v not in (None, "")]
        return Filing(
            category=self.category,
            description=data["description"],
            address=data["address"],
            lat="" if data["lat"] is None else str(data["lat"]),
            long="" if data["long"] is None else str(data["long"]),
            attributes=answers,
            first_name=data["first_name"],
            email=data["email"],
            phone=data["phone"],
            public_work=public_work,
        )

    @staticmethod
    def _text(value: Any) -> str:
        return value.isoformat() if hasattr(value, "isoformat") else str(value)


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("Nuevo estado"), choices=ReportStatus.choices)
    note = forms.CharField(
        label=_("Nota pública"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoria al cerrar o turnar; la ve quien reportó y el público."),
    )
    institution = forms.ModelChoiceField(
        label=_("Turnar a otra institución (opcional)"),
        queryset=Organization.objects.only("name").order_by("name"),
        required=False,
    )


class RedactionForm(forms.Form):
    description = forms.CharField(
        label=_("Descripción pública corregida"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(label=_("Motivo de la edición"), max_length=300)
