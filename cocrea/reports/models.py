"""Citizens' reports (Open311 service requests), their categories and their public lifecycle.

A complaint about a public work is a report (`public_work`), and an inspection sheet's photos are
photos here (`inspection`): both point at the comptrollership app by name, never by import.

A report's reporter (name, e-mail, phone, address, IP) is private; the public sees the category,
the description, the state, the history and a location rounded to about a hundred metres.
"""

import uuid
from typing import Any, Protocol

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import example_flag, private_account
from cocrea.core.models import Organization, Territory, User


class Datatype(models.TextChoices):
    STRING = "string", _("texto corto")
    NUMBER = "number", _("número")
    DATETIME = "datetime", _("fecha y hora")
    TEXT = "text", _("texto largo")
    SINGLE = "singlevaluelist", _("una opción de una lista")
    MULTI = "multivaluelist", _("varias opciones de una lista")


class Category(models.Model):
    """An Open311 service: what can be reported, and which institution answers it.

    Each category belongs to one state's list (or the national one, `territory`): the state's
    days off count for its deadline, and the coordination of that state's exercise manages it,
    along with the liaisons of its institution (`rules.py`).
    """

    code = models.SlugField(_("código"), max_length=40, unique=True)
    name = models.CharField(_("nombre"), max_length=120)
    description = models.TextField(_("descripción"), blank=True)
    group = models.CharField(_("grupo"), max_length=80, blank=True)
    keywords = models.CharField(_("palabras clave"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Organization,
        verbose_name=_("institución responsable"),
        on_delete=models.PROTECT,
        related_name="report_categories",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("entidad"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "La entidad federativa (o el país) cuya lista de categorías la incluye: sus días "
            "inhábiles cuentan para el plazo de respuesta."
        ),
    )
    response_days = models.PositiveSmallIntegerField(_("días hábiles para responder"), default=10)
    is_active = models.BooleanField(_("vigente"), default=True)
    is_example = example_flag()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "name"]
        indexes = [models.Index(fields=["territory", "is_active"], name="category_territory")]
        verbose_name = _("categoría de reporte")
        verbose_name_plural = _("categorías de reporte")

    def __str__(self) -> str:
        return self.name


class CategoryAttribute(models.Model):
    """A typed question of an Open311 service definition."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="attributes", verbose_name=_("categoría")
    )
    code = models.SlugField(_("código"), max_length=40)
    datatype = models.CharField(_("tipo"), max_length=16, choices=Datatype.choices)
    required = models.BooleanField(_("obligatorio"), default=False)
    description = models.CharField(_("pregunta"), max_length=200)
    datatype_description = models.CharField(_("indicaciones"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=1)
    values = models.JSONField(
        _("opciones"),
        default=list,
        blank=True,
        help_text=_('Para listas: [{"key": "a", "name": "Opción A"}, …]'),
    )
    is_public = models.BooleanField(
        _("respuesta pública"),
        default=False,
        help_text=_(
            "Si se marca, la respuesta se muestra en la página pública del reporte; si no, solo "
            "la ve quien lo atiende."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="unique_attribute_code")
        ]
        verbose_name = _("pregunta de la categoría")
        verbose_name_plural = _("preguntas de la categoría")

    def __str__(self) -> str:
        return self.code

    @property
    def keys(self) -> set[str]:
        return {str(item.get("key")) for item in self.values if isinstance(item, dict)}


class Holiday(models.Model):
    """A day off besides the official ones: a state's own (`territory`), or the whole
    country's when `territory` is empty (e.g. an office closure decreed for every state)."""

    date = models.DateField(_("fecha"))
    name = models.CharField(_("motivo"), max_length=120)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("entidad"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vacío: día inhábil en todo el país."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "date"],
                name="holiday_unique_in_territory",
                violation_error_message=_("Ese día ya es inhábil en esa entidad."),
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(territory__isnull=True),
                name="holiday_unique_national",
                violation_error_message=_("Ese día ya es inhábil en todo el país."),
            ),
        ]
        verbose_name = _("día inhábil")
        verbose_name_plural = _("días inhábiles")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("recibido")
    ROUTED = "routed", _("turnado")
    IN_PROGRESS = "in_progress", _("en atención")
    SCHEDULED = "scheduled", _("programado")
    RESOLVED = "resolved", _("resuelto")
    NO_ACTION = "no_action", _("cerrado sin acción")
    NOT_OURS = "not_ours", _("no es de nuestra competencia")
    DUPLICATE = "duplicate", _("duplicado")
    REJECTED = "rejected", _("rechazado")


OPEN_STATUSES = frozenset(
    {ReportStatus.RECEIVED, ReportStatus.ROUTED, ReportStatus.IN_PROGRESS, ReportStatus.SCHEDULED}
)


class ComplaintSubject(Protocol):
    """What a complaint needs of the public work it is about: a comptrollership `PublicWork`,
    which reports reaches through `Report.public_work` and never imports."""

    @property
    def pk(self) -> Any: ...

    @property
    def name(self) -> str: ...

    @property
    def institution(self) -> Organization: ...

    @property
    def municipality(self) -> Territory | None: ...


class Report(models.Model):
    """A citizen's report; `pk` is the Open311 service_request_id."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="reports", verbose_name=_("categoría")
    )
    institution = models.ForeignKey(
        Organization,
        verbose_name=_("institución que atiende"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("estado"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    status_notes = models.CharField(_("nota pública del estado"), max_length=1000, blank=True)
    description = models.TextField(_("descripción"), max_length=4000, blank=True)
    attributes = models.JSONField(_("respuestas"), default=dict, blank=True)
    municipality = models.ForeignKey(
        Territory,
        verbose_name=_("municipio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Public location, rounded; the exact one below is private.
    lat = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    long = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    exact_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    exact_long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("domicilio (privado)"), max_length=250, blank=True)
    address_id = models.CharField(max_length=60, blank=True)
    zipcode = models.CharField(_("código postal"), max_length=10, blank=True)
    # The reporter: never published.
    reporter = private_account()
    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    # A photo elsewhere (Open311 media_url): shown only to whoever handles the report, since we
    # cannot strip its metadata.
    media_link = models.URLField(_("foto enlazada (privada)"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    public_work = models.ForeignKey(
        "comptrollership.PublicWork",
        verbose_name=_("obra pública (queja)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    submitted_by = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("recibido"), db_index=True)
    updated_at = models.DateTimeField(_("actualizado"))
    expected_at = models.DateTimeField(_("fecha esperada de respuesta"), null=True, blank=True)
    closed_at = models.DateTimeField(_("cerrado"), null=True, blank=True)
    is_example = example_flag()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["category", "-requested_at"], name="report_category_recent"),
            models.Index(fields=["status", "-requested_at"], name="report_status_recent"),
            models.Index(fields=["institution", "expected_at"], name="report_queue"),
        ]
        verbose_name = _("reporte ciudadano")
        verbose_name_plural = _("reportes ciudadanos")

    def __str__(self) -> str:
        return f"#{self.pk} {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ReportEntry(models.Model):
    """A dated entry in a report's record, and the account that made it (kept, never shown)."""

    at = models.DateTimeField(_("fecha"))
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class ReportEvent(ReportEntry):
    """One step of a report's public history: who moved it, when, to what, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    actor_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReportStatus.choices)
    institution = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("turnado a")
    )
    note = models.CharField(_("nota"), max_length=1000, blank=True)

    class Meta(ReportEntry.Meta):
        verbose_name = _("paso del reporte")
        verbose_name_plural = _("pasos del reporte")

    def __str__(self) -> str:
        return f"{self.report_id} → {self.to_status}"


class ReportRedaction(ReportEntry):
    """A moderator's edit of a report's public text; the original stays here, private."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="redactions")
    reason = models.CharField(_("motivo"), max_length=300)
    original = models.TextField(_("texto original (privado)"))

    class Meta(ReportEntry.Meta):
        verbose_name = _("edición de moderación")
        verbose_name_plural = _("ediciones de moderación")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.reason}"


def photo_upload_to(instance: "Photo", filename: str) -> str:
    # Our own name: the uploader's file name may carry personal data. Uploads waiting to be
    # cleaned live apart and are never served.
    if not instance.cleaned:
        return f"cuarentena/{uuid.uuid4().hex}"
    return f"fotos/{uuid.uuid4().hex}.jpg"


class Photo(models.Model):
    """A photo of a report or an inspection sheet, re-encoded without any metadata (no GPS).

    Moderation hides a photo with a public reason; the file stays, private, for the record.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    inspection = models.ForeignKey(
        "comptrollership.Inspection",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    image = models.FileField(_("foto"), upload_to=photo_upload_to)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(_("subida"))
    uploaded_by = private_account()
    hidden_at = models.DateTimeField(_("ocultada"), null=True, blank=True)
    hidden_reason = models.CharField(_("motivo de moderación"), max_length=300, blank=True)
    # False while an upload received by the API waits for the worker to strip it (`clean_photos`).
    cleaned = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, inspection__isnull=True)
                | models.Q(report__isnull=True, inspection__isnull=False),
                name="photo_of_one_thing",
            )
        ]
        verbose_name = _("foto")
        verbose_name_plural = _("fotos")

    def __str__(self) -> str:
        return f"foto {self.pk}"

    @property
    def url(self) -> str:
        return reverse("reports:photo_file", args=[self.pk])
