"""Forms of information requests: filing one, recording one filed elsewhere, and moderation
(publish or hide, redact a passage). What a value must also be (a folio once per body, a
passage that is in the text) is checked by the service."""

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization
from cocrea.plans.models import Theme
from cocrea.requests import selectors
from cocrea.requests.models import Channel, RequestEvent
from cocrea.requests.services import BODY_MAX, PSEUDONYM_MAX, REASON_MAX, TITLE_MAX


def suggested_pseudonym() -> str:
    """«Solicitante» and a short random tag: a name that says nothing about who asks."""
    return f"{_('Solicitante')} {secrets.token_hex(3).upper()}"


class OrganizationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        organization: Organization = obj
        return organization.name


class RequestForm(forms.Form):
    organization = OrganizationChoice(
        label=_("Sujeto obligado"),
        queryset=Organization.objects.none(),
        help_text=_("La institución a la que pides la información (en orden alfabético)."),
        empty_label=_("Elige la institución"),
    )
    title = forms.CharField(label=_("Título"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Qué información pides"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe los documentos o datos que buscas. No escribas tu nombre, teléfono ni "
            "domicilio: el texto será público después de la moderación."
        ),
    )
    topic = forms.ModelChoiceField(
        label=_("Tema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Sin tema"),
    )
    pseudonym = forms.CharField(
        label=_("Seudónimo"),
        max_length=PSEUDONYM_MAX,
        help_text=_("Lo que se muestra en lugar de tu nombre. La ley no exige identificarte."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("pseudonym", suggested_pseudonym())
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ModelChoiceField)
        organization.queryset = selectors.filing_organizations()
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ModelChoiceField)
        topic.queryset = selectors.filter_topics()


RECORDED = [(Channel.PNT.value, Channel.PNT.label), (Channel.OTHER.value, Channel.OTHER.label)]


class RecordForm(RequestForm):
    """A request filed elsewhere, recorded here to follow it: where, its folio and when."""

    channel = forms.ChoiceField(
        label=_("Dónde la presentaste"),
        choices=RECORDED,
        initial=Channel.PNT,
        widget=forms.RadioSelect,
    )
    folio = forms.CharField(
        label=_("Folio"),
        max_length=40,
        required=False,
        help_text=_("Obligatorio si la presentaste en la Plataforma Nacional de Transparencia."),
    )
    filed_on = forms.DateField(
        label=_("Fecha de presentación"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_filed_on(self) -> dt.date:
        filed_on: dt.date = self.cleaned_data["filed_on"]
        if filed_on > timezone.localdate():
            raise forms.ValidationError(_("La fecha de presentación no puede ser futura."))
        return filed_on

    def filed_at(self) -> dt.datetime:
        """The moment recorded: now for today, else noon of that day (local time)."""
        filed_on: dt.date = self.cleaned_data["filed_on"]
        if filed_on == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(dt.datetime.combine(filed_on, dt.time(12)))


def _event_label(event: RequestEvent) -> str:
    date = timezone.localtime(event.at).date().isoformat()
    return str(_("Mensaje del %(date)s: %(kind)s")) % {
        "date": date,
        "kind": event.get_kind_display(),
    }


class ModerateForm(forms.Form):
    """Publish or hide the request, or one step's message (shown again, or hidden)."""

    target = forms.ChoiceField(label=_("Qué moderas"), required=False)
    action = forms.ChoiceField(
        label=_("Qué hacer"),
        choices=[("publish", _("Publicar")), ("hide", _("Ocultar"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motivo (público si la ocultas)"),
        max_length=REASON_MAX,
        required=False,
    )

    def __init__(self, *args: Any, events: list[RequestEvent] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.events = {str(event.pk): event for event in events or []}
        choices = [("", str(_("La solicitud completa")))]
        choices += [(f"event-{key}", _event_label(e)) for key, e in self.events.items()]
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = choices

    def event(self) -> RequestEvent | None:
        target: str = self.cleaned_data.get("target") or ""
        return self.events.get(target.removeprefix("event-")) if target else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "hide" and not str(data.get("reason", "")).strip():
            self.add_error("reason", _("Escribe el motivo: queda registrado y es público."))
        return data


class RedactForm(forms.Form):
    """Which text (the title, the request's text, or a step's message), the passage to replace
    with «[testado]», and why."""

    target = forms.ChoiceField(label=_("Dónde está"))
    passage = forms.CharField(
        label=_("Pasaje a testar"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Cópialo tal como aparece; cada vez que aparezca se reemplaza."),
        strip=False,
    )
    reason = forms.CharField(label=_("Motivo"), max_length=REASON_MAX)

    def __init__(self, *args: Any, events: list[RequestEvent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.events = {str(event.pk): event for event in events if event.body}
        choices = [("title", str(_("El título"))), ("body", str(_("El texto de la solicitud")))]
        for key, event in self.events.items():
            label = _("Mensaje del %(date)s: %(kind)s")
            date = timezone.localtime(event.at).date().isoformat()
            choices.append(
                (f"event-{key}", label % {"date": date, "kind": event.get_kind_display()})
            )
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = choices

    def event(self) -> RequestEvent | None:
        target: str = self.cleaned_data["target"]
        return (
            self.events.get(target.removeprefix("event-")) if target.startswith("event-") else None
        )

    def field(self) -> str:
        target: str = self.cleaned_data["target"]
        return "body" if target.startswith("event-") else target
