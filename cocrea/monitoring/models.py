from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import private_account
from cocrea.core.models import Organization
from cocrea.plans.models import PERCENT, Commitment, Milestone


class ProgressReport(models.Model):
    """A dated report of progress by the lead institution. Never edited once filed: a correction
    is a new report that points to the one it corrects, so that any dispute stays visible."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="reports"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("institución"), on_delete=models.PROTECT, related_name="+"
    )
    author = private_account(_("autor"))
    reported_on = models.DateField(_("fecha del reporte"))
    narrative = models.TextField(_("narrativa"), max_length=10000)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrige al reporte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_at = models.DateTimeField(_("registrado"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporte de avance")
        verbose_name_plural = _("reportes de avance")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.reported_on:%Y-%m-%d} · {self.commitment_id}"


class ReportedProgress(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="items")
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("hito"), on_delete=models.CASCADE, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(_("avance (%)"), validators=PERCENT)
    not_done_reason = models.CharField(
        _("por qué no está cumplido"),
        max_length=300,
        blank=True,
        help_text=_(
            "Un hito reportado al 100 % queda cumplido salvo que el reporte diga por qué no."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "milestone"], name="reported_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id}: {self.progress}"


class ReportLink(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="links")
    description = models.CharField(_("descripción"), max_length=300)
    url = models.URLField(_("enlace"))

    def __str__(self) -> str:
        return self.description


class Verdict(models.TextChoices):
    VALIDATED = "validated", _("Validado")
    DISPUTED = "disputed", _("Cuestionado")


class ReportReview(models.Model):
    """Civil society's validation or dispute of a report, and the institution's answer."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verdict = models.CharField(_("dictamen"), max_length=12, choices=Verdict.choices)
    # Required to dispute (the service says so); a validation may go without one.
    note = models.TextField(_("nota"), max_length=5000, blank=True)
    answer = models.TextField(_("respuesta de la institución"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(_("respondido"), null=True, blank=True)
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("validación de reporte")
        verbose_name_plural = _("validaciones de reportes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} · {self.report_id}"


class Finding(models.Model):
    """An inconsistency a rule found; open while the rule still finds it."""

    rule = models.CharField(_("regla"), max_length=8, db_index=True)
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="findings"
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("hito"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="findings",
    )
    detail = models.CharField(_("detalle"), max_length=300, blank=True)
    key = models.CharField(max_length=40, editable=False)  # rule:commitment:milestone
    first_seen = models.DateTimeField(_("detectado"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resuelto"), null=True, blank=True)

    class Meta:
        verbose_name = _("inconsistencia")
        verbose_name_plural = _("inconsistencias")
        ordering = ["rule", "milestone_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(resolved_at__isnull=True),
                name="finding_open_unique",
            )
        ]
        indexes = [models.Index(fields=["commitment", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.rule} · {self.commitment_id}"


class Specificity(models.TextChoices):
    NONE = "none", _("Ninguna")
    LOW = "low", _("Baja")
    MEDIUM = "medium", _("Media")
    HIGH = "high", _("Alta")


class Impact(models.TextChoices):
    NONE = "none", _("Ninguno")
    MINOR = "minor", _("Menor")
    MODERATE = "moderate", _("Moderado")
    TRANSFORMATIVE = "transformative", _("Transformador")


class Completion(models.TextChoices):
    NOT_STARTED = "not_started", _("No iniciado")
    LIMITED = "limited", _("Limitado")
    SUBSTANTIAL = "substantial", _("Sustancial")
    COMPLETE = "complete", _("Completo")
    WITHDRAWN = "withdrawn", _("Retirado")


class OpenedGovernment(models.TextChoices):
    WORSENED = "worsened", _("Empeoró")
    DID_NOT_CHANGE = "did_not_change", _("No cambió")
    MARGINAL = "marginal", _("Marginalmente")
    MAJOR = "major", _("Significativamente")
    OUTSTANDING = "outstanding", _("Excepcionalmente")


class ResultsPotential(models.TextChoices):
    UNCLEAR = "unclear", _("Poco claro")
    MODEST = "modest", _("Modesto")
    SUBSTANTIAL = "substantial", _("Sustancial")


class Assessment(models.Model):
    """An IRM-style assessment of one commitment, kept with its history (both IRM methods)."""

    commitment = models.OneToOneField(
        Commitment,
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="assessment",
    )
    assessed_on = models.DateField(_("fecha de la evaluación"))
    specificity = models.CharField(_("especificidad"), max_length=8, choices=Specificity.choices)
    relevance_access_information = models.BooleanField(
        _("relevante: acceso a la información"), default=False
    )
    relevance_civic_participation = models.BooleanField(
        _("relevante: participación cívica"), default=False
    )
    relevance_public_accountability = models.BooleanField(
        _("relevante: rendición de cuentas pública"), default=False
    )
    relevance_technology = models.BooleanField(
        _("relevante: tecnología e innovación"), default=False
    )
    potential_impact = models.CharField(
        _("impacto potencial"), max_length=16, choices=Impact.choices
    )
    completion = models.CharField(_("cumplimiento"), max_length=12, choices=Completion.choices)
    opened_government = models.CharField(
        _("¿contribuyó a abrir el gobierno?"),
        max_length=16,
        choices=OpenedGovernment.choices,
        blank=True,
    )
    verifiable = models.BooleanField(_("verificable (método nuevo)"), null=True, blank=True)
    open_government_lens = models.BooleanField(
        _("lente de gobierno abierto (método nuevo)"), null=True, blank=True
    )
    results_potential = models.CharField(
        _("potencial de resultados (método nuevo)"),
        max_length=12,
        choices=ResultsPotential.choices,
        blank=True,
    )
    notes = models.TextField(_("notas"), blank=True, max_length=10000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")

    def __str__(self) -> str:
        return f"{self.commitment_id} · {self.assessed_on:%Y-%m-%d}"

    @property
    def starred(self) -> bool:
        """The 2014 IRM rule: specific, relevant, ambitious and substantially done."""
        return (
            self.specificity in (Specificity.MEDIUM, Specificity.HIGH)
            and (
                self.relevance_access_information
                or self.relevance_civic_participation
                or self.relevance_public_accountability
            )
            and self.potential_impact in (Impact.MODERATE, Impact.TRANSFORMATIVE)
            and self.completion in (Completion.SUBSTANTIAL, Completion.COMPLETE)
        )

    @property
    def reviewable(self) -> bool:
        """New method: a commitment that is not verifiable is not reviewable."""
        return self.verifiable is not False


# What an assessment records about its commitment: its date and every criterion of both methods.
ASSESSMENT_CRITERIA = (
    "assessed_on",
    "specificity",
    "relevance_access_information",
    "relevance_civic_participation",
    "relevance_public_accountability",
    "relevance_technology",
    "potential_impact",
    "completion",
    "opened_government",
    "verifiable",
    "open_government_lens",
    "results_potential",
)


class StandardAttestation(models.Model):
    """The coordinator's attestation, with a link, of a co-creation standard the platform cannot
    compute from its own records."""

    exercise = models.ForeignKey(
        "exercises.Exercise", on_delete=models.CASCADE, related_name="attestations"
    )
    item = models.CharField(_("requisito"), max_length=16)
    url = models.URLField(_("enlace a la evidencia"))
    note = models.TextField(_("nota"), blank=True, max_length=2000)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    attested_on = models.DateField(_("fecha"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("atestación de estándar")
        verbose_name_plural = _("atestaciones de estándares")
        constraints = [
            models.UniqueConstraint(fields=["exercise", "item"], name="attestation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id} · {self.item}"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "commitment"], name="follow_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.commitment_id}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    followed_changes = models.BooleanField(
        _("Avisarme cuando cambie un compromiso que sigo"), default=True
    )
    weekly_digest = models.BooleanField(_("Enviarme un resumen semanal"), default=True)
    liaison_alerts = models.BooleanField(
        _("Avisarme de hitos vencidos e información desactualizada de mi institución"), default=True
    )

    def __str__(self) -> str:
        return str(self.user_id)


class Notification(models.Model):
    """An e-mail waiting to be sent by the background worker (never sent during a request)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120, unique=True)  # one notice per event and person
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.subject
