"""The form of each step of a request (the fields its kind carries) and what the step means
legally, in plain Spanish, with its term in working days where the law's timeline has it."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrPromise

from cocrea.core.models import Organization
from cocrea.requests import profiles, states
from cocrea.requests.models import EventKind, InformationRequest, LegalTerm, Status, Step
from cocrea.requests.steps import ATTACHMENT_KINDS, MAX_FILES, NEEDS_BODY, max_mb

WITHOUT_FILES = (EventKind.RATED, EventKind.WITHDRAWN)
ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.docx,.odt,.xlsx,.ods,.csv"

BODY_LABELS: dict[EventKind, StrPromise] = {
    EventKind.CLARIFICATION_REQUESTED: gettext_lazy("Qué debe aclarar o completar la persona"),
    EventKind.CLARIFICATION_ANSWERED: gettext_lazy("Tu aclaración"),
    EventKind.EXTENDED: gettext_lazy("Razones de la ampliación"),
    EventKind.ANSWERED: gettext_lazy("Respuesta"),
    EventKind.NOT_COMPETENT: gettext_lazy("Por qué no es competente y cómo orienta"),
    EventKind.NOT_HELD: gettext_lazy("Razones de la inexistencia"),
    EventKind.CLASSIFIED: gettext_lazy("Razones de la clasificación y prueba de daño"),
    EventKind.RATED: gettext_lazy("Comentario (opcional)"),
    EventKind.WITHDRAWN: gettext_lazy("Motivo (opcional)"),
    EventKind.APPEALED: gettext_lazy("Por qué recurres: qué te causa agravio"),
    EventKind.APPEAL_RESOLVED: gettext_lazy("Sentido de la resolución y lo que ordena"),
    EventKind.COMPLIED: gettext_lazy("Cómo se cumplió la resolución"),
    EventKind.MESSAGE: gettext_lazy("Mensaje"),
}

# What each step means, and which term of the law's timeline it starts (shown in days).
MEANINGS: dict[EventKind, tuple[StrPromise, Step | None]] = {
    EventKind.CLARIFICATION_REQUESTED: (
        gettext_lazy(
            "La prevención pide a quien solicita aclarar, precisar o completar su solicitud "
            "cuando no basta para localizar la información. Se hace una sola vez y suspende el "
            "plazo de respuesta hasta que llegue la aclaración; si no llega a tiempo, la "
            "solicitud se tiene por no presentada en lo que no se aclaró."
        ),
        Step.CLARIFICATION_ANSWER,
    ),
    EventKind.CLARIFICATION_ANSWERED: (
        gettext_lazy(
            "Desahogas la prevención: aclaras o completas tu solicitud. Con tu aclaración, el "
            "plazo de respuesta vuelve a correr."
        ),
        Step.CLARIFICATION_ANSWER,
    ),
    EventKind.EXTENDED: (
        gettext_lazy(
            "La ampliación del plazo de respuesta procede solo una vez, por razones fundadas y "
            "motivadas que apruebe el Comité de Transparencia, y debe notificarse antes de que "
            "venza el plazo original."
        ),
        Step.EXTENSION,
    ),
    EventKind.ANSWERED: (
        gettext_lazy(
            "La respuesta entrega la información o indica dónde consultarla, en el formato "
            "pedido cuando sea posible. Si la entrega tiene costo (reproducción o envío), dilo: "
            "la información en sí es gratuita."
        ),
        Step.RESPONSE,
    ),
    EventKind.NOT_COMPETENT: (
        gettext_lazy(
            "La notoria incompetencia se declara cuando la información no corresponde a este "
            "sujeto obligado por sus atribuciones; se avisa a quien solicita y se le orienta al "
            "sujeto obligado competente."
        ),
        Step.INCOMPETENCE,
    ),
    EventKind.NOT_HELD: (
        gettext_lazy(
            "La inexistencia la confirma el Comité de Transparencia con una resolución que "
            "explica la búsqueda exhaustiva hecha y, cuando procede, ordena generar o reponer "
            "la información."
        ),
        None,
    ),
    EventKind.CLASSIFIED: (
        gettext_lazy(
            "La negativa por información reservada o confidencial la confirma el Comité de "
            "Transparencia, con la prueba de daño en el caso de la reserva. Cuando se puede, se "
            "entrega una versión pública."
        ),
        None,
    ),
    EventKind.RATED: (
        gettext_lazy(
            "Calificas la respuesta: si entregó lo que pediste, solo en parte, dijo que no "
            "existe o la negó. Tu calificación es la que cuentan las estadísticas."
        ),
        None,
    ),
    EventKind.WITHDRAWN: (
        gettext_lazy("Retiras la solicitud: deja de correr el plazo y no se espera respuesta."),
        None,
    ),
    EventKind.APPEALED: (
        gettext_lazy(
            "El recurso de revisión se presenta ante la autoridad garante contra la respuesta, "
            "la negativa, la inexistencia, la incompetencia o la falta de respuesta en plazo. "
            "Aquí lo registras; preséntalo también ante la autoridad garante si no lo recibe por "
            "esta vía."
        ),
        Step.APPEAL,
    ),
    EventKind.APPEAL_RESOLVED: (
        gettext_lazy(
            "La autoridad garante resuelve el recurso: lo desecha o sobresee, confirma la "
            "respuesta, o la revoca o modifica y ordena entregar la información."
        ),
        Step.COMPLIANCE,
    ),
    EventKind.COMPLIED: (
        gettext_lazy(
            "El sujeto obligado informa cómo cumplió lo que ordenó la resolución del recurso."
        ),
        None,
    ),
    EventKind.MESSAGE: (
        gettext_lazy(
            "Un mensaje en la correspondencia pública de la solicitud: no cambia su estado ni "
            "sus plazos."
        ),
        None,
    ),
}


def term_sentence(request: InformationRequest, step: Step | None) -> str:
    """The term of `step` in the request's law, in words ('' while the timeline lacks it)."""
    if step is None:
        return ""
    try:
        term = profiles.term_for(request.profile, step)
    except (NotImplementedError, LegalTerm.DoesNotExist):
        return ""
    sentence = _("Plazo: %(days)d días hábiles (%(step)s; %(article)s).") % {
        "days": term.working_days,
        "step": Step(term.step).label,
        "article": term.article or _("artículo por precisar"),
    }
    if not term.is_verified:
        sentence += " " + _("Este plazo aún no se verifica contra el texto oficial de la ley.")
    return sentence


def meaning(kind: EventKind, request: InformationRequest) -> list[str]:
    """The paragraphs that explain the step."""
    text, step = MEANINGS[kind]
    return [str(text), *filter(None, [term_sentence(request, step)])]


class FilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input; `steps.step_add` checks each by its content."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kinds = ", ".join([*ATTACHMENT_KINDS.values(), "CSV"])
        kwargs.setdefault(
            "help_text",
            gettext_lazy("Hasta %(n)d archivos (%(kinds)s) de hasta %(mb)d MB cada uno.")
            % {"n": MAX_FILES, "kinds": kinds, "mb": max_mb()},
        )
        super().__init__(widget=FilesInput(attrs={"accept": ACCEPT}), **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        single = super().clean
        return [single(upload, initial) for upload in uploads]


class StepForm(forms.Form):
    """The fields of one kind of step; the service checks what depends on the request."""

    def __init__(self, *args: Any, kind: EventKind, request: InformationRequest, **kw: Any):
        super().__init__(*args, **kw)
        self.kind = kind
        self.fields["body"] = forms.CharField(
            label=BODY_LABELS[kind],
            required=kind in NEEDS_BODY,
            max_length=20000,
            widget=forms.Textarea(attrs={"rows": 8}),
            error_messages={"required": _("Escribe el mensaje o las razones de este paso.")},
        )
        if kind in states.NEEDS_RESOLUTION:
            self.fields["resolution"] = forms.CharField(
                label=_("Resolución del Comité de Transparencia"),
                max_length=200,
                help_text=_("Número y fecha, por ejemplo: CT/012/2025 del 3 de marzo de 2025."),
                error_messages={
                    "required": _(
                        "Escribe el número y la fecha de la resolución del Comité de Transparencia."
                    )
                },
            )
        if kind == EventKind.NOT_COMPETENT:
            self.fields["referred_to"] = forms.ModelChoiceField(
                label=_("Sujeto obligado competente"),
                queryset=Organization.objects.exclude(pk=request.organization_id)
                .only("id", "name")
                .order_by("name"),
                error_messages={
                    "required": _("Elige el sujeto obligado competente al que se orienta."),
                    "invalid_choice": _("Elige un sujeto obligado de la lista."),
                },
            )
        if kind == EventKind.ANSWERED:
            self.fields["delivery_format"] = forms.CharField(
                label=_("Formato de entrega"),
                max_length=120,
                required=False,
                help_text=_(
                    "Por ejemplo: archivo electrónico, copia simple, copia certificada, "
                    "consulta directa."
                ),
            )
            self.fields["cost"] = forms.DecimalField(
                label=_("Costo de reproducción o envío, en pesos (opcional)"),
                required=False,
                min_value=Decimal(0),
                max_digits=9,
                decimal_places=2,
                error_messages={"min_value": _("El costo no puede ser negativo.")},
            )
        if kind == EventKind.RATED:
            self.fields["rating"] = forms.TypedChoiceField(
                label=_("Qué fue la respuesta"),
                choices=[(status.value, status.label) for status in states.RATINGS],
                coerce=Status,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Elige qué fue la respuesta."),
                    "invalid_choice": _(
                        "Elige qué fue la respuesta: entregada, en parte, inexistente o negada."
                    ),
                },
            )
        if kind not in WITHOUT_FILES:
            self.fields["files"] = FilesField(label=_("Archivos adjuntos"))

    def step_values(self) -> dict[str, Any]:
        """The cleaned values, as `steps.step_add` takes them."""
        data = self.cleaned_data
        return {
            "body": data.get("body", ""),
            "resolution": data.get("resolution", ""),
            "referred_to": data.get("referred_to"),
            "delivery_format": data.get("delivery_format", ""),
            "cost": data.get("cost"),
            "rating": data.get("rating"),
            "files": data.get("files") or [],
        }
