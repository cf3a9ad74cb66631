"""The debate's forms: a question (the committee's) and an answer to one (a citizen's)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cocrea.lawmaking.debate_services import OPEN_ANSWER_MAX, OPTION_MAX, OPTIONS_MAX
from cocrea.lawmaking.models import DebateQuestion, QuestionKind


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Pregunta"), max_length=500)
    kind = forms.ChoiceField(
        label=_("Tipo de respuesta"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        initial=QuestionKind.CLOSED,
    )
    options = forms.CharField(
        label=_("Respuestas para elegir"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=OPTIONS_MAX * (OPTION_MAX + 2),
        help_text=_(
            "Solo para una pregunta cerrada: entre 2 y 20 respuestas, una por renglón, "
            "de hasta 200 caracteres cada una."
        ),
    )
    position = forms.IntegerField(
        label=_("Orden"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Las preguntas se muestran de menor a mayor."),
    )

    def __init__(self, *args: Any, question: DebateQuestion, **kwargs: Any) -> None:
        if question.pk:
            kwargs["initial"] = {
                "text": question.text,
                "kind": question.kind,
                "position": question.position,
                "options": "\n".join(o.text for o in question.options.order_by("position", "id")),
            }
        super().__init__(*args, **kwargs)

    def clean_options(self) -> list[str]:
        """One answer per line; the service checks how many and how long."""
        raw: str = self.cleaned_data["options"]
        return [line.strip() for line in raw.splitlines() if line.strip()]


class AnswerForm(forms.Form):
    """The answer to `question`: one of its own options (read from the question's prefetched
    options, so an option of another question or a malformed id is no choice), or a text."""

    def __init__(self, *args: Any, question: DebateQuestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        self.choices = {str(o.pk): o for o in question.options.all()}
        if question.kind == QuestionKind.CLOSED:
            self.fields["option"] = forms.ChoiceField(
                label=question.text,
                choices=[(key, o.text) for key, o in self.choices.items()],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Elige una de las respuestas."),
                    "invalid_choice": _("Elige una de las respuestas de esta pregunta."),
                },
            )
        else:
            self.fields["text"] = forms.CharField(
                label=_("Tu respuesta"),
                max_length=OPEN_ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": _("Escribe tu respuesta.")},
            )

    def answer(self) -> dict[str, Any]:
        """The service's arguments, once valid."""
        if self.question.kind == QuestionKind.CLOSED:
            return {"option": self.choices[self.cleaned_data["option"]]}
        return {"text": self.cleaned_data["text"]}


class ModerateAnswerForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=300, required=False)
