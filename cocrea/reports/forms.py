"""The web filing form: the category's own questions become fields of the form; `PhotosField`
is also the inspection sheet's. The forms that manage categories, their questions and the days
off."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    ComplaintSubject,
    Datatype,
    Holiday,
    ReportStatus,
)
from cocrea.reports.photos import MAX_MB, CleanPhoto, photo_clean
from cocrea.reports.services import Filing

PRIVATE = _("No se publica.")


class PhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; each is checked and re-encoded without metadata."""

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        attrs = {"accept": "image/jpeg,image/png,image/webp"}
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "Hasta %(n)d fotos JPEG, PNG o WebP de hasta %(mb)d MB cada una. Se publican sin "
                "los datos de ubicación ni del teléfono que las tomó."
            )
            % {"n": limit, "mb": MAX_MB},
        )
        super().__init__(widget=PhotoInput(attrs=attrs), **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CleanPhoto]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if self.required and not uploads:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > self.limit:
            raise forms.ValidationError(_("Se admiten hasta %d fotos.") % self.limit)
        single = super().clean
        return [photo_clean(single(upload, initial)) for upload in uploads]


def municipality_choices(category: Category) -> "forms.ModelChoiceField[Territory] | None":
    """Where a state or national agency's report happened; a municipal one already knows."""
    territory = category.institution.territory
    if territory.level == TerritoryLevel.MUNICIPALITY:
        return None
    places = Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY)
    if territory.level == TerritoryLevel.STATE:
        places = places.filter(parent=territory)
    return forms.ModelChoiceField(
        label=_("Municipio (opcional)"),
        queryset=places.only("id", "name").order_by("name"),
        required=False,
        help_text=_("Sirve para las estadísticas por municipio."),
    )


def _attribute_field(attribute: CategoryAttribute) -> forms.Field:
    # Whoever answers knows whether the answer is published with the report.
    privacy = "" if attribute.is_public else str(_("Solo la ve quien atiende el reporte."))
    common: dict[str, Any] = {
        "label": attribute.description,
        "required": attribute.required,
        "help_text": " ".join(part for part in (attribute.datatype_description, privacy) if part),
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

    photos = PhotosField(label=_("Fotos (opcional)"), limit=3)

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        municipality = municipality_choices(category)
        if municipality is not None:
            self.fields["municipality"] = municipality
        questions = []
        for attribute in category.attributes.all():
            questions.append(f"attribute_{attribute.code}")
            self.fields[questions[-1]] = _attribute_field(attribute)
        self.order_fields(["description", *questions, "address", "municipality", "lat", "long"])

    def filing(self, *, public_work: ComplaintSubject | None = None) -> Filing:
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
            municipality=data.get("municipality"),
            public_work=public_work,
            photos=data["photos"],
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


class CategoryForm(forms.ModelForm[Category]):
    """A category: what is reported, in which state's list, who answers and in how many days."""

    class Meta:
        model = Category
        fields = (
            "name",
            "code",
            "territory",
            "institution",
            "response_days",
            "group",
            "description",
            "keywords",
            "is_active",
        )
        labels = {"code": _("Código (service_code de Open311)")}
        help_texts = {
            "code": _("Vacío: se forma con la entidad y el nombre. No cambia una vez creado."),
            "response_days": _(
                "Días hábiles: sin sábados, domingos, días festivos oficiales ni los días "
                "inhábiles del país y de la entidad. Los reportes ya recibidos conservan su fecha."
            ),
            "is_active": _("Una categoría que ya no está vigente deja de recibir reportes."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Organization],
        territories: QuerySet[Territory],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["territory"].queryset = territories  # type: ignore[attr-defined]
        self.fields["code"].required = False
        if self.instance.pk:
            self.fields["code"].disabled = True


class AttributeForm(forms.ModelForm[CategoryAttribute]):
    """A question of a category; list questions take their options one per line."""

    options = forms.CharField(
        label=_("Opciones (para listas)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Una por renglón: «Nombre», o «clave | Nombre» para fijar la clave."),
    )

    class Meta:
        model = CategoryAttribute
        fields = (
            "description",
            "datatype",
            "required",
            "is_public",
            "datatype_description",
            "order",
            "code",
        )
        help_texts = {
            "code": _("Vacío: se forma con la pregunta. Es el nombre en Open311 (attribute[…])."),
            "order": _("Las preguntas se muestran de menor a mayor."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        if self.instance.pk:
            self.fields["options"].initial = "\n".join(
                f"{v.get('key')} | {v.get('name')}"
                for v in self.instance.values
                if isinstance(v, dict)
            )


class HolidayForm(forms.ModelForm[Holiday]):
    class Meta:
        model = Holiday
        fields = ("date", "name")
        labels = {"date": _("Fecha"), "name": _("Motivo (público)")}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
