"""Forms of contributions: the contribution on a passage, a comment, the committee's answer,
a report and a moderation. What the text must still say is checked by the service."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cocrea.lawmaking.models import (
    ANSWER_MAX,
    COMMENT_MAX,
    CONTRIBUTION_MAX,
    AnswerStatus,
    ContributionKind,
    TextUnit,
    TextVersion,
)

QUOTE_MAX = 2000
REASON_MAX = 300


def paragraph_choices(unit: TextUnit) -> list[tuple[Any, str]]:
    """«Todo el artículo», then each paragraph by its number and first words."""
    choices: list[tuple[Any, str]] = [("", str(_("Todo el artículo")))]
    for number, text in enumerate(unit.paragraphs, start=1):
        label = str(_("Párrafo %(n)s: %(words)s"))
        choices.append((number, label % {"n": number, "words": Truncator(text).words(8)}))
    return choices


class ContributionForm(forms.Form):
    # The version the form was drawn from: a form older than the current text is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    paragraph = forms.TypedChoiceField(
        label=_("Parte del artículo"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"data-paragraph-field": ""}),
    )
    kind = forms.ChoiceField(
        label=_("Qué propones"),
        choices=ContributionKind.choices,
        initial=ContributionKind.REPLACE,
        widget=forms.RadioSelect,
    )
    quote = forms.CharField(
        label=_("Pasaje del texto"),
        help_text=_(
            "Copia aquí las palabras del artículo a las que te refieres (o selecciónalas en el "
            "texto). Para añadir texto, el pasaje después del cual va lo nuevo. Déjalo vacío "
            "para referirte a todo el párrafo o artículo."
        ),
        max_length=QUOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-quote-field": ""}),
    )
    proposed_text = forms.CharField(
        label=_("Texto que propones"),
        help_text=_("Obligatorio para cambiar o añadir texto."),
        max_length=CONTRIBUTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    body = forms.CharField(
        label=_("Justificación o comentario"),
        max_length=CONTRIBUTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, unit: TextUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["paragraph"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = paragraph_choices(unit)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comentario"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VersionChoiceField(forms.ModelChoiceField[TextVersion]):
    def label_from_instance(self, obj: TextVersion) -> str:
        return obj.label


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Respuesta"),
        choices=[(s.value, s.label) for s in AnswerStatus if s != AnswerStatus.PENDING],
    )
    answer = forms.CharField(
        label=_("Respuesta razonada de la comisión"),
        help_text=_("Se publica y se envía a quien hizo la aportación y a quienes la apoyan."),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    incorporated_in = VersionChoiceField(
        label=_("Versión que la incorpora"),
        help_text=_("Para una aportación incorporada, del todo o en parte."),
        queryset=TextVersion.objects.none(),
        required=False,
        empty_label=_("— Ninguna —"),
    )

    def __init__(self, *args: Any, versions: QuerySet[TextVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["incorporated_in"]
        assert isinstance(field, VersionChoiceField)
        field.queryset = versions


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Qué hacer"),
        choices=[
            ("ocultar", _("Ocultar, con un motivo público")),
            ("restaurar", _("Restaurar")),
            ("descartar", _("Descartar los reportes y dejarlo visible")),
        ],
    )
    reason = forms.CharField(label=_("Motivo"), max_length=REASON_MAX)
