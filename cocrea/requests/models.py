"""Access to information: requests to obligated bodies, their correspondence and clocks, the legal
timeline they follow (configuration, each term citing its article), days off and suspensions."""

import secrets
from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import PersonalMark, example_flag, private_account
from cocrea.core.models import Organization, Territory
from cocrea.opendata.models import Publication
from cocrea.plans.models import Theme


def _text(label: Any, limit: int, **options: Any) -> "models.TextField[str, str]":
    return models.TextField(label, validators=[MaxLengthValidator(limit)], **options)


def mail_token() -> str:
    """The secret part of a request's reply address: unguessable, so a forged address finds
    nothing."""
    return secrets.token_hex(12)


class LegalProfile(models.Model):
    """The deadlines of one law: the Ley General (no territory) or a state's law, which lists
    only the terms where it differs."""

    territory = models.OneToOneField(
        Territory,
        verbose_name=_("entidad"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vacío: la ley general, que rige donde una entidad no dice otra cosa."),
    )
    law_name = models.CharField(_("ley"), max_length=250)
    law_url = models.URLField(_("texto oficial (enlace)"), blank=True)
    in_force_since = models.DateField(_("vigente desde"), null=True, blank=True)
    notes = _text(_("en qué difiere o qué falta verificar"), 4000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perfil legal")
        verbose_name_plural = _("perfiles legales")
        ordering = [models.F("territory").asc(nulls_first=True)]

    def __str__(self) -> str:
        return self.law_name


class Step(models.TextChoices):
    RESPONSE = "response", _("Respuesta")
    EXTENSION = "extension", _("Ampliación del plazo de respuesta")
    CLARIFICATION_ASK = "clarification_ask", _("Prevención (requerir aclaración)")
    CLARIFICATION_ANSWER = "clarification_answer", _("Desahogo de la prevención")
    INCOMPETENCE = "incompetence", _("Aviso de notoria incompetencia")
    AVAILABILITY = "availability", _("Información a disposición tras la respuesta")
    APPEAL = "appeal", _("Interponer el recurso de revisión")
    APPEAL_RESOLUTION = "appeal_resolution", _("Resolver el recurso de revisión")
    COMPLIANCE = "compliance", _("Cumplir la resolución")
    LONG_OVERDUE = "long_overdue", _("Muy retrasada (regla de la plataforma)")


class LegalTerm(models.Model):
    """One deadline of a law, in working days, with the article it comes from."""

    profile = models.ForeignKey(LegalProfile, on_delete=models.CASCADE, related_name="terms")
    step = models.CharField(_("paso"), max_length=24, choices=Step.choices)
    working_days = models.PositiveSmallIntegerField(_("días hábiles"))
    article = models.CharField(_("artículo"), max_length=120, blank=True)
    quote = _text(_("lo que dice"), 2000, blank=True)
    is_verified = models.BooleanField(
        _("verificado contra el texto oficial"),
        default=False,
        help_text=_("Desmarcado, la página lo dice: el plazo está por confirmar."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plazo legal")
        verbose_name_plural = _("plazos legales")
        ordering = ["profile", "step"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "step"], name="legal_term_unique_step")
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.working_days}"


class TransparencyUnit(models.Model):
    """How an obligated body receives requests: its transparency unit's public contact."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="transparency_unit"
    )
    email = models.EmailField(_("correo de la unidad de transparencia"), blank=True)
    address = models.CharField(_("domicilio de la oficina"), max_length=300, blank=True)
    phone = models.CharField(_("teléfono"), max_length=40, blank=True)
    hours = models.CharField(_("horario de atención"), max_length=120, blank=True)
    profile = models.ForeignKey(
        LegalProfile,
        verbose_name=_("ley que aplica"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vacío: la de su entidad, o la ley general."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unidad de transparencia")
        verbose_name_plural = _("unidades de transparencia")

    def __str__(self) -> str:
        return str(self.organization)


class InstitutionDayOff(models.Model):
    """A day an institution does not work (its own calendar), beyond the country's and state's."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="days_off"
    )
    date = models.DateField(_("fecha"))
    name = models.CharField(_("motivo"), max_length=120)

    class Meta:
        verbose_name = _("día inhábil de la institución")
        verbose_name_plural = _("días inhábiles de la institución")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="day_off_once")
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class Suspension(models.Model):
    """Days a guarantor declared that no deadline runs (a date range that stops every clock in
    its scope): one body, a state's bodies, the federation's (the national territory) or all."""

    declared_by = models.ForeignKey(
        Organization,
        verbose_name=_("autoridad garante que la declaró"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("ámbito"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("La entidad (o la federación) cuyos sujetos obligados suspende; vacío: todos."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("solo este sujeto obligado"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("desde"))
    ends_on = models.DateField(_("hasta (inclusive)"))
    reason = models.CharField(_("motivo"), max_length=300)
    document_url = models.URLField(_("acuerdo publicado (enlace)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suspensión de plazos")
        verbose_name_plural = _("suspensiones de plazos")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="suspension_ends_after_start",
                violation_error_message=_("La suspensión termina antes de empezar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}: {self.reason}"


class Status(models.TextChoices):
    WAITING = "waiting", _("En espera de respuesta")
    CLARIFICATION = "clarification", _("Prevención: se pidió aclarar")
    EXTENDED = "extended", _("Plazo ampliado")
    ANSWERED = "answered", _("Respondida, por calificar")
    ANSWERED_FULL = "answered_full", _("Respondida: información entregada")
    ANSWERED_PARTIAL = "answered_partial", _("Respondida en parte")
    NOT_HELD = "not_held", _("Información inexistente")
    CLASSIFIED = "classified", _("Negada o clasificada")
    NOT_COMPETENT = "not_competent", _("Incompetencia: orientada a otro sujeto obligado")
    WITHDRAWN = "withdrawn", _("Retirada")
    UNDER_APPEAL = "under_appeal", _("En recurso de revisión")
    APPEAL_RESOLVED = "appeal_resolved", _("Recurso resuelto")
    COMPLIED = "complied", _("Resolución cumplida")


# The clock of the response runs in these; the others wait for someone else or are over.
RUNNING = (Status.WAITING, Status.EXTENDED)


class Channel(models.TextChoices):
    PLATFORM = "platform", _("En esta plataforma")
    PNT = "pnt", _("Plataforma Nacional de Transparencia")
    OTHER = "other", _("Otro medio (escrito, correo, en persona)")


class Visibility(models.TextChoices):
    PENDING = "pending", _("Por moderar")
    PUBLIC = "public", _("Pública")
    HIDDEN = "hidden", _("Oculta por moderación")


class InformationRequest(models.Model):
    """A request to an obligated body. Who asked is private; the pseudonym is what pages show."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("sujeto obligado"),
        on_delete=models.PROTECT,
        related_name="information_requests",
    )
    requester = private_account(_("solicitante (privado)"))
    pseudonym = models.CharField(
        _("seudónimo"),
        max_length=80,
        help_text=_("Lo que se muestra en lugar de tu nombre. La ley no exige identificarte."),
    )
    title = models.CharField(_("título"), max_length=200)
    body = _text(_("qué información pides"), 8000)
    topic = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.SET_NULL, null=True, blank=True
    )
    channel = models.CharField(
        _("presentada"), max_length=12, choices=Channel.choices, default=Channel.PLATFORM
    )
    folio = models.CharField(_("folio"), max_length=40, blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    visibility = models.CharField(
        _("visibilidad"), max_length=10, choices=Visibility.choices, default=Visibility.PENDING
    )
    hidden_reason = models.CharField(_("motivo de moderación"), max_length=300, blank=True)
    profile = models.ForeignKey(
        LegalProfile, verbose_name=_("ley que aplica"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("presentada el"), db_index=True)
    # The clock, computed by `clock.py` from the events, days off and suspensions, and stored so
    # lists filter and sort by it.
    due_on = models.DateField(_("vence el"), null=True, blank=True)
    long_overdue_on = models.DateField(_("muy retrasada después del"), null=True, blank=True)
    clarification_due_on = models.DateField(_("aclarar a más tardar"), null=True, blank=True)
    appeal_due_on = models.DateField(_("recurrir a más tardar"), null=True, blank=True)
    answered_at = models.DateTimeField(_("respondida el"), null=True, blank=True)
    updated_at = models.DateTimeField(_("actualizada"))
    mail_token = models.CharField(max_length=32, unique=True, default=mail_token, editable=False)
    is_example = example_flag()

    class Meta:
        verbose_name = _("solicitud de información")
        verbose_name_plural = _("solicitudes de información")
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "status"], name="request_org_status"),
            models.Index(fields=["status", "due_on"], name="request_status_due"),
            models.Index(fields=["visibility", "-filed_at"], name="request_public_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "folio"],
                condition=~models.Q(folio=""),
                name="request_folio_once",
                violation_error_message=_("Ese folio ya está registrado para esta institución."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("requests:request_detail", args=[self.pk])


class EventKind(models.TextChoices):
    FILED = "filed", _("Presentada")
    CLARIFICATION_REQUESTED = "clarification_requested", _("Prevención: aclaración solicitada")
    CLARIFICATION_ANSWERED = "clarification_answered", _("Aclaración enviada")
    EXTENDED = "extended", _("Ampliación del plazo")
    ANSWERED = "answered", _("Respuesta")
    NOT_COMPETENT = "not_competent", _("Notoria incompetencia")
    NOT_HELD = "not_held", _("Declaración de inexistencia")
    CLASSIFIED = "classified", _("Clasificación (reserva o confidencialidad)")
    RATED = "rated", _("Calificación de la respuesta")
    WITHDRAWN = "withdrawn", _("Retiro")
    APPEALED = "appealed", _("Recurso de revisión")
    APPEAL_RESOLVED = "appeal_resolved", _("Resolución del recurso")
    COMPLIED = "complied", _("Cumplimiento")
    MESSAGE = "message", _("Mensaje")


class Side(models.TextChoices):
    REQUESTER = "requester", _("Solicitante")
    INSTITUTION = "institution", _("Sujeto obligado")
    GUARANTOR = "guarantor", _("Autoridad garante")
    PLATFORM = "platform", _("Plataforma")


class RequestEvent(models.Model):
    """One step of a request: a message of either side and what it does to the status and the
    clock. Public, but for who wrote it (the side and, for institutions, their name)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("paso"), max_length=24, choices=EventKind.choices)
    side = models.CharField(_("de parte de"), max_length=12, choices=Side.choices)
    at = models.DateTimeField(_("fecha"))
    actor = private_account()
    body = _text(_("mensaje"), 20000, blank=True)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    # What some steps carry: the Comité's resolution, the reason for an extension, the body it
    # was oriented to, the delivery's format and cost.
    resolution = models.CharField(
        _("resolución del Comité de Transparencia"), max_length=200, blank=True
    )
    referred_to = models.ForeignKey(
        Organization,
        verbose_name=_("sujeto obligado competente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    delivery_format = models.CharField(_("formato de entrega"), max_length=120, blank=True)
    cost = models.DecimalField(
        _("costo (pesos)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    via_email = models.BooleanField(_("llegó por correo"), default=False)
    is_hidden = models.BooleanField(_("oculto"), default=False)
    hidden_reason = models.CharField(_("motivo de moderación"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("paso de la solicitud")
        verbose_name_plural = _("pasos de la solicitud")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["request", "at"], name="request_event_order")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


def attachment_upload_to(attachment: "RequestAttachment", filename: str) -> str:
    return f"solicitudes/{attachment.event.request_id}/{secrets.token_hex(8)}-{filename[-80:]}"


class RequestAttachment(models.Model):
    """A file of a step (an answer's documents), checked by its content like every upload."""

    event = models.ForeignKey(RequestEvent, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("archivo"), upload_to=attachment_upload_to)
    name = models.CharField(_("nombre"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anexo")
        verbose_name_plural = _("anexos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class RequestRedaction(models.Model):
    """Personal data a moderator removed from the public text: the original kept private."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="redactions"
    )
    event = models.ForeignKey(
        RequestEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="redactions"
    )
    at = models.DateTimeField(_("fecha"))
    actor = private_account()
    reason = models.CharField(_("motivo"), max_length=300)
    original = models.TextField(_("texto original (privado)"))

    class Meta:
        verbose_name = _("testado")
        verbose_name_plural = _("testados")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.reason


class RequestFollow(PersonalMark):
    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="follows"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "request"], name="request_follow_once")
        ]


class InstitutionFollow(PersonalMark):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="institution_follow_once")
        ]


class InboundStatus(models.TextChoices):
    ATTACHED = "attached", _("Agregado a su solicitud")
    QUARANTINED = "quarantined", _("En cuarentena")
    RELEASED = "released", _("Revisado y agregado")
    DISCARDED = "discarded", _("Revisado y descartado")


class InboundMessage(models.Model):
    """An e-mail the platform received: attached to its request, or quarantined (not for any
    request, a forged address, a malformed message) so that nothing is lost. Private."""

    received_at = models.DateTimeField(_("recibido"), db_index=True)
    mail_from = models.CharField(_("remitente"), max_length=320, blank=True)
    rcpt_to = models.CharField(_("destinatario"), max_length=320)
    subject = models.CharField(_("asunto"), max_length=300, blank=True)
    raw = models.FileField(_("mensaje original"), upload_to="correo/")
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=InboundStatus.choices)
    reason = models.CharField(_("motivo"), max_length=300, blank=True)
    request = models.ForeignKey(
        InformationRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        RequestEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("correo recibido")
        verbose_name_plural = _("correos recibidos")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.subject or self.rcpt_to


class NeedStatus(models.TextChoices):
    PROPOSED = "proposed", _("Propuesta a la institución")
    ACCEPTED = "accepted", _("Aceptada: se publicará")
    DECLINED = "declined", _("No aceptada")
    PUBLISHED = "published", _("Publicada")


class ProactiveNeed(models.Model):
    """A topic people keep asking an institution about, proposed to it as information to
    publish proactively; it shows the requests it came from and the dataset that answered it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="proactive_needs"
    )
    topic = models.CharField(_("tema"), max_length=200)
    summary = _text(_("qué se pide una y otra vez"), 2000, blank=True)
    requests = models.ManyToManyField(InformationRequest, related_name="needs")
    status = models.CharField(
        _("estado"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.PROPOSED
    )
    reason = models.CharField(_("razón de la institución"), max_length=500, blank=True)
    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publicación que la atendió"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("propuesta el"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("necesidad de publicación proactiva")
        verbose_name_plural = _("necesidades de publicación proactiva")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.topic
