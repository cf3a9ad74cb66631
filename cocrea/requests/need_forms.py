"""The forms of an institution's needs page: propose a group of requests, accept or decline a
need, link the publication that answered it."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization
from cocrea.opendata.models import Publication
from cocrea.requests import needs

MAX_ID = 2**31


def _id(raw: Any) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise ValidationError(_("Esa solicitud no existe.")) from None
    if not 0 < number < MAX_ID:
        raise ValidationError(_("Esa solicitud no existe."))
    return number


class IdsField(forms.Field):
    """Request ids sent as repeated hidden inputs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [_id(item) for item in value][: needs.LIMIT]


class ProposeForm(forms.Form):
    topic = forms.CharField(label=_("Tema"), max_length=200)
    summary = forms.CharField(
        label=_("Qué se pide una y otra vez"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    requests = IdsField(label=_("Solicitudes"))


class NeedForm(forms.Form):
    """Names the need an action is about."""

    need = forms.IntegerField(min_value=1, max_value=MAX_ID - 1, widget=forms.HiddenInput)


class DecideForm(NeedForm):
    reason = forms.CharField(
        label=_("Razón"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublicationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Publication)
        return obj.dataset.title


class LinkForm(NeedForm):
    publication = PublicationChoice(
        label=_("Publicación proactiva que la atendió"),
        queryset=Publication.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("Esa publicación no es de un conjunto de datos de la institución.")
        },
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["publication"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = needs.publications_of(organization=organization)
