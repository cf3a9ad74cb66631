from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization, OrganizationRole, Territory
from cocrea.core.uploads import DOCUMENTS_AND_IMAGES, validate_pdf, validate_upload

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateFieldsMixin:
    """Native date pickers, with ISO dates that every browser and screen reader accept."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET
                field.input_formats = ["%Y-%m-%d"]


def model_fields(form: forms.ModelForm[Any]) -> dict[str, Any]:
    """The cleaned values of the model fields a form edits, for a service to assign."""
    values: dict[str, Any] = {}
    for name in form._meta.fields or []:
        if name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        if isinstance(form.fields[name], forms.FileField):
            if value is None:
                continue  # nothing uploaded: keep the current file
            value = value or ""  # False means "clear"
        values[name] = value
    return values


def checked_upload(
    form: forms.BaseForm, name: str, check: Callable[[UploadedFile[bytes]], None]
) -> object:
    """The form's file `name`, with `check` run on a file just uploaded (not on one it keeps)."""
    upload = form.cleaned_data.get(name)
    if isinstance(upload, UploadedFile):
        check(upload)
    return upload


def checked_pdf(form: forms.BaseForm, name: str) -> object:
    """The form's PDF `name`, checked when one was just uploaded (as large as minutes may be)."""
    return checked_upload(
        form, name, lambda upload: validate_pdf(upload, max_mb=settings.MINUTES_MAX_UPLOAD_MB)
    )


def checked_evidence(form: forms.BaseForm, name: str) -> object:
    """The form's evidence file `name` (a document or an image), checked when just uploaded."""
    return checked_upload(
        form,
        name,
        lambda upload: validate_upload(
            upload, max_mb=settings.EVIDENCE_MAX_UPLOAD_MB, allowed=DOCUMENTS_AND_IMAGES
        ),
    )


class MunicipalityImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "Columnas CVE_ENT, CVE_MUN y NOM_MUN (como el catálogo de INEGI), en UTF-8 o "
            "Windows-1252. Hasta 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class OrganizationForm(forms.ModelForm[Organization]):
    territory = forms.ModelChoiceField(
        label=_("Territorio"), queryset=Territory.objects.only("id", "name", "inegi_code")
    )

    class Meta:
        model = Organization
        fields = ["name", "acronym", "sector", "territory", "website", "description"]


def limit_choices(
    form: forms.BaseForm, name: str, queryset: QuerySet[Any]
) -> forms.ModelChoiceField[Any]:
    """Offers only `queryset` in the form's choice field `name`; returns the field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


class AxisNameForm(forms.Form):
    """The name of an axis (of a consultation or a plan)."""

    name = forms.CharField(
        label=_("Nombre del eje"),
        max_length=200,
        error_messages={"required": _("Escribe el nombre del eje.")},
    )


class AxisMoveForm(forms.Form):
    """Where an axis goes in its list: its new place, counting from 1."""

    position = forms.IntegerField(
        label=_("Nuevo lugar"),
        min_value=1,
        max_value=1000,
        error_messages={"required": _("Escribe el lugar, desde 1, al que va el eje.")},
    )


class AxisRetireForm(forms.Form):
    """Retire an axis, or restore it."""

    accion = forms.ChoiceField(
        label=_("Acción"),
        choices=[("retirar", _("Retirar")), ("restaurar", _("Restaurar"))],
    )

    def retired(self) -> bool:
        return bool(self.cleaned_data["accion"] == "retirar")


class LiaisonForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo de la cuenta"),
        help_text=_("La persona debe tener una cuenta con ese correo verificado."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[
            (OrganizationRole.LIAISON.value, OrganizationRole.LIAISON.label),
            (OrganizationRole.ADMIN.value, OrganizationRole.ADMIN.label),
        ],
        initial=OrganizationRole.LIAISON,
        required=False,
        help_text=_(
            "La administración de la institución nombra a sus enlaces y lleva sus categorías "
            "de reporte; la nombran la administración de la plataforma y la coordinación."
        ),
    )

    def __init__(self, *args: Any, may_name_admins: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.may_name_admins = may_name_admins
        if not may_name_admins:
            self.fields["role"].choices = self.fields["role"].choices[:1]  # type: ignore[attr-defined]

    def clean_role(self) -> str:
        """Left out, the person is named liaison."""
        role = str(self.cleaned_data.get("role") or OrganizationRole.LIAISON)
        if role == OrganizationRole.ADMIN and not self.may_name_admins:
            raise forms.ValidationError(NOT_AN_ADMIN_NAMER)
        return role


NOT_AN_ADMIN_NAMER = _(
    "Solo la administración de la plataforma y la coordinación nombran a la administración "
    "de la institución."
)
