from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.models import Organization, Territory


class Stage(models.TextChoices):
    """Stages of a local exercise, in the order they are reached."""

    JOINT_DECLARATION = "joint_declaration", _("Declaración conjunta")
    SENSITIZATION = "sensitization", _("Sensibilización")
    SECRETARIAT_INSTALLED = "secretariat_installed", _("Secretariado instalado")
    PLAN_UNDER_CONSTRUCTION = "plan_under_construction", _("Plan en construcción")
    PLAN_PUBLISHED = "plan_published", _("Plan publicado")
    IMPLEMENTATION = "implementation", _("Implementación")
    MONITORING = "monitoring", _("Seguimiento y evaluación")
    CLOSED = "closed", _("Cerrado")

    @classmethod
    def order(cls, stage: str) -> int:
        return list(cls.values).index(stage)

    @classmethod
    def at_least(cls, stage: str) -> list[str]:
        return list(cls.values)[cls.order(stage) :]


class TimeZone(models.TextChoices):
    """Mexico's official time zones (Ley de los Husos Horarios, 2022), as IANA names."""

    CENTRAL = "America/Mexico_City", _("Tiempo del centro (Ciudad de México)")
    SOUTHEAST = "America/Cancun", _("Tiempo del sureste (Quintana Roo)")
    PACIFIC = "America/Mazatlan", _("Tiempo del Pacífico (Baja California Sur, Sinaloa, Nayarit)")
    SONORA = "America/Hermosillo", _("Tiempo del Pacífico sin horario de verano (Sonora)")
    NORTHWEST = "America/Tijuana", _("Tiempo del noroeste (Baja California)")
    CHIHUAHUA = "America/Chihuahua", _("Tiempo del centro (Chihuahua)")
    BORDER = "America/Ciudad_Juarez", _("Tiempo de la frontera norte (Ciudad Juárez)")


# The zone a new exercise of each state starts with (INEGI code); the coordination can change it.
STATE_TIME_ZONES = {
    "02": TimeZone.NORTHWEST,
    "03": TimeZone.PACIFIC,
    "08": TimeZone.CHIHUAHUA,
    "18": TimeZone.PACIFIC,
    "23": TimeZone.SOUTHEAST,
    "25": TimeZone.PACIFIC,
    "26": TimeZone.SONORA,
}


def state_time_zone(inegi_code: str | None) -> ZoneInfo:
    """The time zone of the state an INEGI code (of a state or of one of its municipalities)
    belongs to; central time for the nation or when unknown."""
    return ZoneInfo(STATE_TIME_ZONES.get((inegi_code or "")[:2], TimeZone.CENTRAL))


class Exercise(models.Model):
    territory = models.ForeignKey(
        Territory, verbose_name=_("territorio"), on_delete=models.PROTECT, related_name="exercises"
    )
    name = models.CharField(_("nombre"), max_length=200)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    description = models.TextField(_("descripción"), blank=True)
    stage = models.CharField(
        _("etapa actual"), max_length=32, choices=Stage.choices, default=Stage.JOINT_DECLARATION
    )
    joined_on = models.DateField(_("fecha de incorporación"), null=True, blank=True)
    website = models.URLField(_("sitio web"), blank=True)
    progress = models.DecimalField(
        _("avance (%)"), max_digits=5, decimal_places=2, default=0, editable=False
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("días sin actualizar para considerar desactualizada la información"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
    )
    time_zone = models.CharField(
        _("zona horaria"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.CENTRAL,
        help_text=_("Las fechas y horas del ejercicio se muestran en esta zona."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["progress", "updated_at"])

    class Meta:
        verbose_name = _("ejercicio")
        verbose_name_plural = _("ejercicios")
        ordering = ["territory__inegi_code", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:exercise_detail", args=[self.slug])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class StageReached(models.Model):
    """When an exercise reached a stage. The date may be unknown for historical exercises."""

    exercise = models.ForeignKey(
        Exercise, verbose_name=_("ejercicio"), on_delete=models.CASCADE, related_name="stages"
    )
    stage = models.CharField(_("etapa"), max_length=32, choices=Stage.choices)
    reached_on = models.DateField(_("fecha"), null=True, blank=True)
    note = models.CharField(_("nota o fuente"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("etapa alcanzada")
        verbose_name_plural = _("etapas alcanzadas")
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "stage"],
                name="stage_reached_unique",
                violation_error_message=_("Esa etapa ya está registrada para este ejercicio."),
            )
        ]

    def __str__(self) -> str:
        return str(self.get_stage_display())


class ExerciseRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinación")
    SECRETARIAT = "secretariat", _("Integrante del secretariado")
    ASSESSOR = "assessor", _("Evaluación")
    MODERATOR = "moderator", _("Moderación")


class SeatSector(models.TextChoices):
    """The sectors that hold a seat in a secretariat."""

    GOVERNMENT = "government", _("Sector público")
    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    GUARANTOR = "guarantor", _("Órgano garante")
    TECHNICAL_SECRETARIAT = "technical_secretariat", _("Secretaría técnica")


class ExerciseMembership(models.Model):
    """An account's role in one exercise; this, not a global flag, is what grants editing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        on_delete=models.CASCADE,
        related_name="exercise_memberships",
    )
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("ejercicio"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=16, choices=ExerciseRole.choices)
    sector = models.CharField(_("sector"), max_length=24, choices=SeatSector.choices, blank=True)
    is_active = models.BooleanField(_("vigente"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rol en ejercicio")
        verbose_name_plural = _("roles en ejercicios")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "role"],
                name="exercise_membership_unique",
                violation_error_message=_("Esa cuenta ya tiene ese rol en este ejercicio."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.exercise} · {self.get_role_display()}"


class Secretariat(models.Model):
    """The tripartite forum of an exercise. An exercise may have several over time."""

    exercise = models.ForeignKey(
        Exercise, verbose_name=_("ejercicio"), on_delete=models.CASCADE, related_name="secretariats"
    )
    name = models.CharField(_("nombre"), max_length=200)
    acronym = models.CharField(_("siglas"), max_length=30, blank=True)
    period = models.CharField(
        _("periodo"), max_length=40, blank=True, help_text=_("Por ejemplo: 2011–2020.")
    )
    installed_on = models.DateField(_("fecha de instalación"), null=True, blank=True)
    dissolved_on = models.DateField(_("fecha de conclusión"), null=True, blank=True)
    is_active = models.BooleanField(
        _("vigente"), default=True, help_text=_("Desmarca cuando otro órgano lo sustituya.")
    )
    composition = models.TextField(_("integración"), blank=True)
    rules_url = models.URLField(_("reglas de operación (enlace)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("secretariado")
        verbose_name_plural = _("secretariados")
        ordering = ["-is_active", "-installed_on", "-id"]

    def __str__(self) -> str:
        return self.name


class SeatRole(models.TextChoices):
    PRESIDENCY = "presidency", _("Presidencia")
    TECHNICAL_SECRETARY = "technical_secretary", _("Secretaría técnica")
    MEMBER = "member", _("Integrante")
    ALTERNATE = "alternate", _("Suplente")


class SecretariatMember(models.Model):
    secretariat = models.ForeignKey(
        Secretariat,
        verbose_name=_("secretariado"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    person_name = models.CharField(
        _("persona"),
        max_length=160,
        blank=True,
        help_text=_("Nombre de la persona servidora o representante. Vacío si no se conoce."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_seats",
    )
    sector = models.CharField(_("sector"), max_length=24, choices=SeatSector.choices)
    role = models.CharField(_("cargo en el secretariado"), max_length=24, choices=SeatRole.choices)
    position = models.CharField(_("puesto"), max_length=160, blank=True)
    designated_on = models.DateField(_("designación"), null=True, blank=True)
    ceased_on = models.DateField(_("conclusión"), null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secretariat_seats",
        help_text=_("La cuenta de la persona, si la tiene. Nunca se publica."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integrante del secretariado")
        verbose_name_plural = _("integrantes del secretariado")
        ordering = ["sector", "role", "id"]

    def __str__(self) -> str:
        return self.person_name or str(self.get_sector_display())


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinaria")
    EXTRAORDINARY = "extraordinary", _("Extraordinaria")


def minutes_upload_to(instance: "SecretariatSession", filename: str) -> str:
    return f"minutes/{instance.secretariat_id}/{filename}"


class SecretariatSession(models.Model):
    secretariat = models.ForeignKey(
        Secretariat,
        verbose_name=_("secretariado"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    number = models.PositiveIntegerField(_("número"))
    kind = models.CharField(
        _("tipo"), max_length=16, choices=SessionKind.choices, default=SessionKind.ORDINARY
    )
    held_on = models.DateField(_("fecha"))
    place = models.CharField(_("lugar"), max_length=200, blank=True)
    summary = models.TextField(_("resumen"), blank=True)
    minutes = models.FileField(_("acta (PDF)"), upload_to=minutes_upload_to, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["-held_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["secretariat", "kind", "number"],
                name="session_number_unique",
                violation_error_message=_(
                    "Ya hay una sesión de ese tipo con ese número en este secretariado."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} ({self.held_on:%Y-%m-%d})"


class SessionAttendance(models.Model):
    session = models.ForeignKey(
        SecretariatSession,
        verbose_name=_("sesión"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    sector = models.CharField(_("sector"), max_length=24, choices=SeatSector.choices)
    present = models.PositiveIntegerField(_("asistentes"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("asistencia por sector")
        verbose_name_plural = _("asistencia por sector")
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sector"],
                name="attendance_unique",
                violation_error_message=_("La asistencia de ese sector ya está registrada."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.present}"


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    IN_PROGRESS = "in_progress", _("En proceso")
    FULFILLED = "fulfilled", _("Cumplido")
    CANCELLED = "cancelled", _("Cancelado")


class Agreement(models.Model):
    session = models.ForeignKey(
        SecretariatSession,
        verbose_name=_("sesión"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    number = models.CharField(_("número"), max_length=20)
    text = models.TextField(_("acuerdo"))
    responsible = models.CharField(_("responsable"), max_length=200, blank=True)
    due_on = models.DateField(_("fecha compromiso"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.PENDING
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                name="agreement_number_unique",
                violation_error_message=_("Esta sesión ya tiene un acuerdo con ese número."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.text[:60]}"


class ProgramCut(models.Model):
    """Figures published by the national programme at a date ("corte"), kept as reported.

    The platform computes its own figures from the exercises; these are shown beside them so
    that readers can compare with what the source documents said.
    """

    label = models.CharField(_("corte"), max_length=80)
    as_of = models.DateField(_("fecha del corte"))
    source = models.CharField(_("fuente"), max_length=300)
    participating = models.ManyToManyField(
        Territory, related_name="+", verbose_name=_("entidades participantes")
    )
    with_plan = models.ManyToManyField(
        Territory, related_name="+", blank=True, verbose_name=_("entidades con plan")
    )
    participating_count = models.PositiveIntegerField(_("estados participantes"))
    secretariats_installed = models.PositiveIntegerField(
        _("secretariados instalados"), null=True, blank=True
    )
    plans = models.PositiveIntegerField(_("planes de acción"), null=True, blank=True)
    commitments = models.PositiveIntegerField(_("compromisos"), null=True, blank=True)
    civil_society_orgs = models.CharField(
        _("organizaciones de la sociedad civil"), max_length=40, blank=True
    )
    authorities = models.CharField(_("autoridades"), max_length=40, blank=True)
    guarantors = models.PositiveIntegerField(_("organismos garantes"), null=True, blank=True)

    class Meta:
        verbose_name = _("corte del programa")
        verbose_name_plural = _("cortes del programa")
        ordering = ["-as_of"]

    def __str__(self) -> str:
        return self.label
