"""The web filing steps' forms (one question per page; the category's own questions become
fields of the first), in plain Spanish errors; `PhotosField` is also the inspection sheet's. The
forms that manage categories, their questions and the days off."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
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
from cocrea.reports.photos import MAX_MB, CleanPhoto, RawPhoto, photo_clean
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
        error_messages={"invalid_choice": _("Elige un municipio de la lista, o déjalo vacío.")},
    )


def _too_long_now(what: Any) -> str:
    return _("Escribe hasta %%(limit_value)d caracteres en «%(what)s»; llevas %%(show_value)d.") % {
        "what": what
    }


# Class-level messages are read in the language of each request, not the one at import time.
_too_long = lazy(_too_long_now, str)


def _attribute_errors(attribute: CategoryAttribute) -> dict[str, str]:
    """Plain-Spanish errors that name the question (the defaults say «this field»)."""
    question = attribute.description
    named = {"question": question}
    errors = {
        "required": _("Responde «%(question)s».") % named,
        "invalid_choice": _("Elige una de las opciones de «%(question)s».") % named,
        "invalid_list": _("Elige una o varias de las opciones de «%(question)s».") % named,
        "max_length": _too_long_now(question),
    }
    if attribute.datatype == Datatype.NUMBER:
        errors["invalid"] = _("Escribe solo un número en «%(question)s», como 3 o 2.5.") % named
        for code in ("max_digits", "max_decimal_places", "max_whole_digits"):
            errors[code] = _("Escribe un número más corto en «%(question)s».") % named
    elif attribute.datatype == Datatype.DATETIME:
        errors["invalid"] = (
            _("Escribe la fecha y la hora de «%(question)s», como 20/11/2026 08:15.") % named
        )
    return errors


def _attribute_field(attribute: CategoryAttribute) -> forms.Field:
    # Whoever answers knows whether the answer is published with the report.
    privacy = "" if attribute.is_public else str(_("Solo la ve quien atiende el reporte."))
    common: dict[str, Any] = {
        "label": attribute.description,
        "required": attribute.required,
        "help_text": " ".join(part for part in (attribute.datatype_description, privacy) if part),
        "error_messages": _attribute_errors(attribute),
    }
    choices = [(str(v.get("key")), v.get("name")) for v in attribute.values]
    if attribute.datatype == Datatype.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if attribute.datatype == Datatype.MULTI:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if attribute.datatype == Datatype.NUMBER:
        return forms.DecimalField(max_digits=20, **common)
    if attribute.datatype == Datatype.DATETIME:
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"})
        return forms.DateTimeField(widget=widget, **common)
    if attribute.datatype == Datatype.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)
    return forms.CharField(max_length=300, **common)


def answer_text(value: Any) -> str:
    """An answer as the service and Open311 keep it: dates in ISO 8601, the rest as text."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# Filing on the web, one question per page (`filing.py` keeps the answers between pages)


class WhatForm(forms.Form):
    """Step 1: what happens, in the reporter's words."""

    description = forms.CharField(
        label=_("¿Qué pasa?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Cuéntalo con tus palabras: qué ves y desde cuándo. Se publica."),
        error_messages={
            "required": _("Escribe qué pasa, con tus palabras."),
            "max_length": _too_long(_("¿Qué pasa?")),
        },
    )


class QuestionsForm(forms.Form):
    """The category's own questions, on their own page after «¿Qué pasa?»."""

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attributes = list(category.attributes.all())
        for attribute in self.attributes:
            self.fields[f"attribute_{attribute.code}"] = _attribute_field(attribute)

    def answers(self) -> dict[str, list[str]]:
        """The answers as the service takes them: every question's values, as text."""
        answers: dict[str, list[str]] = {}
        for attribute in self.attributes:
            value = self.cleaned_data.get(f"attribute_{attribute.code}")
            values = value if isinstance(value, list) else [value]
            answers[attribute.code] = [answer_text(v) for v in values if v not in (None, "")]
        return answers


def _coordinate_invalid(name: Any) -> str:
    hint = _("si no la sabes, deja el campo vacío y escribe la dirección.")
    return _("La %(name)s debe ser un número, como 20.6767; %(hint)s") % {
        "name": name,
        "hint": hint,
    }


def _coordinate_errors(name: Any) -> dict[str, Any]:
    invalid = lazy(_coordinate_invalid, str)(name)
    return {"invalid": invalid, "max_digits": invalid}


class WhereForm(forms.Form):
    """Step 2: where. An address or a reference is enough; the coordinates are optional (the
    place picker fills them, and the address, when JavaScript runs)."""

    address = forms.CharField(
        label=_("Dirección o referencia del lugar"),
        max_length=250,
        required=False,
        help_text=_(
            "Calle y número, o una referencia como «frente a la escuela Hidalgo». Solo la ve "
            "quien atiende el reporte; en público se muestra la zona, no la dirección."
        ),
        error_messages={"max_length": _too_long(_("Dirección o referencia del lugar"))},
    )
    lat = forms.DecimalField(
        label=_("Latitud (opcional)"),
        required=False,
        max_digits=20,
        error_messages=_coordinate_errors(_("latitud")),
    )
    long = forms.DecimalField(
        label=_("Longitud (opcional)"),
        required=False,
        max_digits=20,
        error_messages=_coordinate_errors(_("longitud")),
    )

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = municipality_choices(category)
        if municipality is not None:
            self.fields["municipality"] = municipality
        self.order_fields(["address", "municipality", "lat", "long"])

    def clean_lat(self) -> Decimal | None:
        return self._within("lat", 90, _("La latitud debe estar entre -90 y 90"))

    def clean_long(self) -> Decimal | None:
        return self._within("long", 180, _("La longitud debe estar entre -180 y 180"))

    def _within(self, name: str, bound: int, message: Any) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get(name)
        if value is not None and abs(value) > bound:
            hint = _("si no la sabes, deja el campo vacío y escribe la dirección.")
            raise forms.ValidationError(f"{message}; {hint}", code="out_of_range")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, long = data.get("lat"), data.get("long")
        if "lat" in data and "long" in data and (lat is None) != (long is None):
            missing = "long" if long is None else "lat"
            self.add_error(
                missing,
                _("Escribe la longitud también, o deja vacías las dos.")
                if missing == "long"
                else _("Escribe la latitud también, o deja vacías las dos."),
            )
        located = lat is not None or long is not None or "lat" not in data or "long" not in data
        if not located and not data.get("address", "").strip() and not self.has_error("address"):
            self.add_error(
                "address",
                _("Escribe la dirección o una referencia del lugar, o márcalo en el mapa."),
            )
        return data


PHOTO_LIMIT = 3


class FilingPhotosField(PhotosField):
    """The reports' photos field, its errors restated for the citizen with the file's name."""

    PLAIN = {
        "too_large": _("«%(name)s» pesa más de %(mb)d MB; elige una foto más ligera."),
        "wrong_type": _("«%(name)s» no es una foto JPEG, PNG o WebP; elige otra."),
        "broken": _("No pudimos abrir «%(name)s»: el archivo está dañado o incompleto."),
        "too_many_pixels": _(
            "«%(name)s» tiene demasiados píxeles (más de 60 megapíxeles); elige una más pequeña."
        ),
    }

    def clean(self, data: Any, initial: Any = None) -> list[CleanPhoto]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > self.limit:
            raise forms.ValidationError(
                _("Puedes subir hasta %(n)d fotos; elige menos.") % {"n": self.limit}
            )
        photos = []
        for upload in uploads:
            try:
                photos.extend(super().clean([upload], initial))
            except forms.ValidationError as problem:
                plain = self.PLAIN.get(str(getattr(problem, "code", "")))
                if plain is None:
                    raise
                name = str(getattr(upload, "name", ""))[:80]
                raise forms.ValidationError(plain % {"name": name, "mb": MAX_MB}) from None
        return photos


class PhotosForm(forms.Form):
    """Step 3: photos, optional. Photos already chosen stay unless new ones replace them."""

    photos = FilingPhotosField(
        label=_("Fotos (opcional)"),
        limit=PHOTO_LIMIT,
        error_messages={
            "empty": _("El archivo que elegiste está vacío; elige otra foto."),
            "invalid": _("No recibimos la foto; vuelve a elegirla."),
        },
    )

    def __init__(self, *args: Any, kept: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kept:
            self.fields["remove"] = forms.BooleanField(
                label=_("Quitar las fotos que ya elegiste (%s)") % ", ".join(kept),
                required=False,
            )
            self.fields["photos"].help_text = _(
                "Si eliges otras, reemplazan a las que ya elegiste."
            )


class ContactForm(forms.Form):
    """Step 4: contact data, optional and never published."""

    first_name = forms.CharField(
        label=_("Tu nombre (opcional)"),
        required=False,
        max_length=80,
        help_text=PRIVATE,
        error_messages={"max_length": _too_long(_("Tu nombre"))},
    )
    email = forms.EmailField(
        label=_("Correo para avisarte del avance (opcional)"),
        required=False,
        help_text=_("Te escribimos cuando el reporte cambie de estado. No se publica."),
        error_messages={
            "invalid": _("Escribe un correo como nombre@ejemplo.com, o deja el campo vacío."),
            "max_length": _too_long(_("Correo")),
        },
    )
    phone = forms.CharField(
        label=_("Teléfono (opcional)"),
        required=False,
        max_length=30,
        help_text=PRIVATE,
        error_messages={"max_length": _too_long(_("Teléfono"))},
    )


class ReviewForm(forms.Form):
    """Step 5: the answers, checked; sending takes no field."""


def filing_from(
    *,
    category: Category,
    what: WhatForm,
    questions: QuestionsForm | None,
    where: WhereForm,
    contact: ContactForm,
    photos: list[CleanPhoto | RawPhoto],
    public_work: ComplaintSubject | None,
) -> Filing:
    """The steps' answers, as the service takes them."""
    place, person = where.cleaned_data, contact.cleaned_data
    return Filing(
        category=category,
        description=what.cleaned_data["description"],
        address=place["address"],
        lat="" if place["lat"] is None else str(place["lat"]),
        long="" if place["long"] is None else str(place["long"]),
        attributes=questions.answers() if questions is not None else {},
        first_name=person["first_name"],
        email=person["email"],
        phone=person["phone"],
        municipality=place.get("municipality"),
        public_work=public_work,
        photos=photos,
    )


class CategoryChoiceForm(forms.Form):
    """Before the steps: what to report, among the categories offered."""

    categoria = forms.ChoiceField(
        label=_("¿Qué quieres reportar?"),
        error_messages={
            "required": _("Elige qué quieres reportar."),
            "invalid_choice": _("Elige una de las categorías de la lista."),
        },
    )

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categoria"].choices = [(code, code) for code in codes]  # type: ignore[attr-defined]


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
