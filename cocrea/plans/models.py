from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import AxisBase, example_flag, private_account
from cocrea.core.models import Organization
from cocrea.exercises.models import Exercise

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Theme(models.Model):
    """Editable catalogue of themes (seeded with the 17 of the 2020 local-exercise figures)."""

    name = models.CharField(_("nombre"), max_length=120, unique=True)
    slug = models.SlugField(_("identificador"), max_length=120, unique=True)
    is_active = models.BooleanField(_("vigente"), default=True)

    class Meta:
        verbose_name = _("temática")
        verbose_name_plural = _("temáticas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("número"), unique=True)
    name = models.CharField(_("nombre"), max_length=120)

    class Meta:
        verbose_name = _("Objetivo de Desarrollo Sostenible")
        verbose_name_plural = _("Objetivos de Desarrollo Sostenible")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"ODS {self.number}: {self.name}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador (no público)")
    CO_CREATION = "co_creation", _("En cocreación")
    PUBLISHED = "published", _("Publicado")
    IMPLEMENTATION = "implementation", _("En implementación")
    CONCLUDED = "concluded", _("Concluido")


class ActionPlan(models.Model):
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("ejercicio"), on_delete=models.PROTECT, related_name="plans"
    )
    number = models.PositiveSmallIntegerField(_("número"))
    name = models.CharField(_("nombre"), max_length=200)
    period_start = models.DateField(_("inicio del periodo"), null=True, blank=True)
    period_end = models.DateField(_("fin del periodo"), null=True, blank=True)
    period_label = models.CharField(
        _("periodo (como lo dice la fuente)"), max_length=40, blank=True
    )
    objective = models.TextField(_("objetivo"), blank=True)
    description = models.TextField(_("descripción"), blank=True)
    status = models.CharField(
        _("estado"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    progress = models.DecimalField(
        _("avance (%)"), max_digits=5, decimal_places=2, default=Decimal(0), editable=False
    )
    content_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["progress", "content_version"])

    class Meta:
        verbose_name = _("plan de acción")
        verbose_name_plural = _("planes de acción")
        ordering = ["exercise", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "number"],
                name="plan_number_unique",
                violation_error_message=_("Este ejercicio ya tiene un plan con ese número."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.exercise.slug, self.number])

    @property
    def is_public(self) -> bool:
        return self.status != PlanStatus.DRAFT


class PlanStage(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="stages"
    )
    order = models.PositiveSmallIntegerField(_("orden"))
    name = models.CharField(_("nombre"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    start_on = models.DateField(_("inicio"), null=True, blank=True)
    end_on = models.DateField(_("fin"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("etapa del plan")
        verbose_name_plural = _("etapas del plan")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class PlanAxis(AxisBase):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="axes"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eje del plan")
        verbose_name_plural = _("ejes del plan")
        ordering = ["plan", "order"]


class PlanDocument(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("título"), max_length=200)
    url = models.URLField(_("enlace"), blank=True)
    file = models.FileField(_("archivo (PDF)"), upload_to="plans/", blank=True)
    published_on = models.DateField(_("fecha de publicación"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("documento del plan")
        verbose_name_plural = _("documentos del plan")
        ordering = ["plan", "-published_on", "id"]

    def __str__(self) -> str:
        return self.title


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Sin iniciar")
    IN_PROGRESS = "in_progress", _("En curso")
    COMPLETED = "completed", _("Cumplido")
    LATE = "late", _("Retrasado")
    WITHDRAWN = "withdrawn", _("Retirado")


class Commitment(models.Model):
    """One promise, in the OGP commitment template."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("número"))
    external_id = models.CharField(
        _("identificador externo"),
        max_length=80,
        blank=True,
        help_text=_("Para reimportar un archivo corregido sin duplicar."),
    )
    title = models.CharField(_("título"), max_length=400)
    problem = models.TextField(_("problema público"), blank=True)
    status_quo = models.TextField(_("situación actual"), blank=True)
    objective = models.TextField(_("objetivo"), blank=True)
    how_it_solves = models.TextField(_("cómo contribuye a resolver el problema"), blank=True)
    ambition = models.TextField(_("ambición"), blank=True)
    lead_institution = models.ForeignKey(
        Organization,
        verbose_name=_("institución responsable"),
        on_delete=models.PROTECT,
        related_name="led_commitments",
    )
    responsible_person = models.CharField(_("persona responsable"), max_length=160, blank=True)
    responsible_position = models.CharField(
        _("cargo de la persona responsable"), max_length=160, blank=True
    )
    supporting_institutions = models.ManyToManyField(
        Organization,
        verbose_name=_("instituciones que apoyan (gobierno y sociedad civil)"),
        related_name="supported_commitments",
        blank=True,
    )
    pillar_transparency = models.BooleanField(_("pilar: transparencia"), default=False)
    pillar_accountability = models.BooleanField(_("pilar: rendición de cuentas"), default=False)
    pillar_participation = models.BooleanField(_("pilar: participación ciudadana"), default=False)
    pillar_innovation = models.BooleanField(_("pilar: innovación y tecnología"), default=False)
    value_access_information = models.BooleanField(
        _("valor OGP: acceso a la información"), default=False
    )
    value_civic_participation = models.BooleanField(
        _("valor OGP: participación cívica"), default=False
    )
    value_public_accountability = models.BooleanField(
        _("valor OGP: rendición de cuentas pública"), default=False
    )
    value_technology = models.BooleanField(_("valor OGP: tecnología e innovación"), default=False)
    theme = models.ForeignKey(
        Theme, verbose_name=_("temática"), on_delete=models.PROTECT, null=True, blank=True
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal, verbose_name=_("ODS"), blank=True, related_name="+"
    )
    axes = models.ManyToManyField(
        PlanAxis, verbose_name=_("ejes del plan"), blank=True, related_name="+"
    )
    start_on = models.DateField(_("inicio"), null=True, blank=True)
    end_on = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("estado"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.NOT_STARTED,
        help_text=_(
            "Se deriva de sus hitos (sin iniciar, en curso, cumplido, retrasado) salvo que la "
            "coordinación lo fije con una razón."
        ),
    )
    status_reason = models.TextField(
        _("razón del estado fijado por la coordinación"),
        max_length=2000,
        blank=True,
        help_text=_("Vacía: el estado se deriva de los hitos."),
    )
    is_published = models.BooleanField(_("publicado"), default=False)
    is_example = example_flag()
    progress = models.DecimalField(
        _("avance (%)"), max_digits=5, decimal_places=2, default=Decimal(0), editable=False
    )
    weights_valid = models.BooleanField(default=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["progress", "weights_valid", "updated_at"])

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="commitment_number_unique",
                violation_error_message=_("Este plan ya tiene un compromiso con ese número."),
            )
        ]
        indexes = [models.Index(fields=["plan", "external_id"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        plan = self.plan
        return reverse(
            "pages:commitment_detail", args=[plan.exercise.slug, plan.number, self.number]
        )

    @property
    def status_is_overridden(self) -> bool:
        """The coordination fixed the status with a reason, instead of deriving it."""
        return bool(self.status_reason)


PILLARS = {
    "transparency": ("pillar_transparency", _("Transparencia")),
    "accountability": ("pillar_accountability", _("Rendición de cuentas")),
    "participation": ("pillar_participation", _("Participación ciudadana")),
    "innovation": ("pillar_innovation", _("Innovación y tecnología")),
}
OGP_VALUES = {
    "access_information": ("value_access_information", _("Acceso a la información")),
    "civic_participation": ("value_civic_participation", _("Participación cívica")),
    "public_accountability": ("value_public_accountability", _("Rendición de cuentas pública")),
    "technology": ("value_technology", _("Tecnología e innovación")),
}


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Sin iniciar")
    IN_PROGRESS = "in_progress", _("En curso")
    COMPLETED = "completed", _("Cumplido")
    CANCELLED = "cancelled", _("Cancelado")


class Milestone(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    number = models.PositiveSmallIntegerField(_("número"))
    deliverable = models.TextField(_("entregable verificable"))
    responsible = models.CharField(_("responsable"), max_length=200, blank=True)
    start_on = models.DateField(_("inicio"), null=True, blank=True)
    end_on = models.DateField(_("fin"), null=True, blank=True)
    weight = models.DecimalField(
        _("ponderación (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    status = models.CharField(
        _("estado"),
        max_length=16,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(_("avance (%)"), default=0, validators=PERCENT)
    completed_on = models.DateField(_("fecha de cumplimiento"), null=True, blank=True)
    is_example = example_flag()
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")
        ordering = ["commitment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"],
                name="milestone_number_unique",
                violation_error_message=_("Este compromiso ya tiene un hito con ese número."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.deliverable[:80]}"


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.milestone_id}/{filename}"


class Evidence(models.Model):
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("hito"), on_delete=models.CASCADE, related_name="evidence"
    )
    description = models.CharField(_("descripción"), max_length=300)
    file = models.FileField(_("archivo"), upload_to=evidence_upload_to, blank=True)
    url = models.URLField(_("enlace"), blank=True)
    author = private_account(_("autor"))
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    is_example = example_flag()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["milestone", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="evidence_file_or_url",
                violation_error_message=_("Sube un archivo o escribe un enlace."),
            )
        ]

    def __str__(self) -> str:
        return self.description
