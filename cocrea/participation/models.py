from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import (
    AxisBase,
    OpenWindow,
    PersonalMark,
    example_flag,
    moderation_fields,
    private_account,
)
from cocrea.core.models import Territory
from cocrea.exercises.models import Exercise
from cocrea.plans.models import ActionPlan, Commitment, Milestone

TITLE_MAX, BODY_MAX = 150, 5000


class Consultation(OpenWindow):
    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("ejercicio"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    description = models.TextField(_("descripción"), blank=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("ámbito territorial"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    places = models.TextField(
        _("lugares (colonias, localidades), uno por línea"), blank=True, max_length=20000
    )
    opens_at = models.DateTimeField(_("apertura"))
    closes_at = models.DateTimeField(_("cierre"))
    supports_per_participant = models.PositiveSmallIntegerField(
        _("apoyos por participante"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    requires_verified = models.BooleanField(_("exige cuenta con correo verificado"), default=True)
    edit_minutes = models.PositiveIntegerField(
        _("minutos para que la autoría edite su propuesta"), default=60
    )
    proposal_count = models.PositiveIntegerField(default=0, editable=False)
    reported_participants = models.PositiveIntegerField(
        _("participantes según la fuente"), null=True, blank=True
    )
    reported_proposals = models.PositiveIntegerField(
        _("propuestas según la fuente"), null=True, blank=True
    )
    reported_source = models.CharField(
        _("fuente de las cifras reportadas"), max_length=300, blank=True
    )
    history = HistoricalRecords(excluded_fields=["proposal_count"])

    class Meta:
        verbose_name = _("consulta")
        verbose_name_plural = _("consultas")
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation_detail", args=[self.exercise.slug, self.slug])


class Axis(AxisBase):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="axes")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eje")
        verbose_name_plural = _("ejes")
        ordering = ["consultation", "order"]


class Problem(models.Model):
    """An identified public problem, distilled from proposals; commitments answer it."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consulta"), on_delete=models.CASCADE, related_name="problems"
    )
    title = models.CharField(_("problemática"), max_length=300)
    description = models.TextField(_("descripción"), blank=True, max_length=10000)
    axis = models.ForeignKey(
        Axis,
        verbose_name=_("eje"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    commitments = models.ManyToManyField(
        Commitment,
        verbose_name=_("compromisos que la atienden"),
        blank=True,
        related_name="problems",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problemática identificada")
        verbose_name_plural = _("problemáticas identificadas")
        ordering = ["consultation", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        consultation = self.consultation
        return reverse(
            "participation:problem_detail",
            args=[consultation.exercise.slug, consultation.slug, self.pk],
        )


def table_minutes_upload_to(instance: "WorkingTable", filename: str) -> str:
    return f"tables/{instance.consultation_id}/{filename}"


class WorkingTable(models.Model):
    """A co-creation working table, kept as a record: when and where, who attended (by sector
    and by organization), its minutes, the problems it worked on and the commitments it produced."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consulta"), on_delete=models.CASCADE, related_name="tables"
    )
    problems = models.ManyToManyField(
        Problem, verbose_name=_("problemáticas"), blank=True, related_name="tables"
    )
    commitments = models.ManyToManyField(
        Commitment,
        verbose_name=_("compromisos que produjo"),
        blank=True,
        related_name="working_tables",
    )
    title = models.CharField(_("nombre"), max_length=200, blank=True)
    held_on = models.DateField(_("fecha"))
    place = models.CharField(_("lugar"), max_length=200, blank=True)
    government = models.PositiveIntegerField(_("participantes de gobierno"), default=0)
    civil_society = models.PositiveIntegerField(_("participantes de sociedad civil"), default=0)
    guarantor = models.PositiveIntegerField(_("participantes del órgano garante"), default=0)
    others = models.PositiveIntegerField(_("otras personas participantes"), default=0)
    minutes = models.FileField(
        _("minuta (PDF)"), upload_to=table_minutes_upload_to, blank=True, max_length=300
    )
    minutes_url = models.URLField(_("minuta (enlace)"), blank=True)
    outcome = models.TextField(_("resultado"), blank=True, max_length=10000)
    is_example = example_flag()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mesa de trabajo")
        verbose_name_plural = _("mesas de trabajo")
        ordering = ["consultation", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.title or _('Mesa de trabajo')} · {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        consultation = self.consultation
        return reverse(
            "participation:table_detail",
            args=[consultation.exercise.slug, consultation.slug, self.pk],
        )

    @property
    def attendance_total(self) -> int:
        return self.government + self.civil_society + self.guarantor + self.others


class TableAttendance(models.Model):
    """How many people of one organization attended a working table."""

    table = models.ForeignKey(WorkingTable, on_delete=models.CASCADE, related_name="attendance")
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    present = models.PositiveIntegerField(
        _("personas"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("Vacío: asistió, sin número registrado."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("asistencia a la mesa")
        verbose_name_plural = _("asistencia a las mesas")
        ordering = ["table", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "organization"],
                name="table_attendance_unique",
                violation_error_message=_("Esa organización ya está en la asistencia."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} · {self.present}"


class ProposalStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("En revisión")
    GROUPED = "grouped", _("Agrupada en una problemática")
    TAKEN = "taken", _("Incorporada a un compromiso")
    NOT_TAKEN = "not_taken", _("No incorporada")


class Proposal(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consulta"), on_delete=models.CASCADE, related_name="proposals"
    )
    author = private_account()
    title = models.CharField(_("título"), max_length=TITLE_MAX)
    body = models.TextField(_("propuesta"), max_length=BODY_MAX)
    axis = models.ForeignKey(
        Axis,
        verbose_name=_("eje"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    place = models.CharField(_("lugar"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    support_count = models.PositiveIntegerField(_("apoyos"), default=0, editable=False)
    status = models.CharField(
        _("respuesta"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.UNDER_REVIEW,
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name=_("problemática"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("compromiso"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("hito que la atiende"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    response = models.TextField(_("respuesta razonada"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("respondida"), null=True, blank=True)
    is_example = example_flag()
    is_hidden, hidden_reason = moderation_fields(_("oculta por moderación"))
    # PostgreSQL keeps a stored Spanish tsvector here (with a GIN index); SQLite leaves it empty.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["support_count", "search_vector", "author"])

    class Meta:
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        ordering = ["-support_count", "-id"]
        indexes = [
            # Visible proposals only: the public list pages by it, and a deep page's ids come
            # from this index alone (an index-only scan) before the page's rows are read.
            models.Index(
                fields=["consultation", "-support_count", "-id"],
                condition=models.Q(is_hidden=False),
                name="proposal_visible_by_support",
            ),
            models.Index(fields=["consultation", "-id"], name="proposal_recent"),
            # The few hidden ones: the public count is the stored count minus these.
            models.Index(
                fields=["consultation"], condition=models.Q(is_hidden=True), name="proposal_hidden"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        consultation = self.consultation
        return reverse(
            "participation:proposal_detail",
            args=[consultation.exercise.slug, consultation.slug, self.pk],
        )


class Participant(models.Model):
    """One person in one consultation: the row locked to keep the supports limit exact."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    supports_used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} · {self.user_id}"


class Support(PersonalMark):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="support_unique")]

    def __str__(self) -> str:
        return f"{self.proposal_id} · {self.user_id}"


class Flag(PersonalMark):
    """A participant's report of abuse, for the moderators; reviewed once they dismiss or hide."""

    reason = models.CharField(_("motivo"), max_length=300)
    reviewed_at = models.DateTimeField(_("revisado"), null=True, blank=True)
    reviewed_by = private_account()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reason


class ProposalFlag(Flag):
    """A participant's report of an abusive proposal, for the moderators."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="flags")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="flag_unique")]
        indexes = [
            models.Index(
                fields=["proposal"], condition=models.Q(reviewed_at=None), name="flag_pending"
            )
        ]


class Stance(models.TextChoices):
    FOR = "for", _("A favor")
    AGAINST = "against", _("En contra")
    NEUTRAL = "neutral", _("Neutral")


COMMENT_MAX, MAX_DEPTH = 2000, 2  # three levels: 0, 1, 2


class Comment(models.Model):
    """A comment on a proposal or on a commitment, threaded three levels deep."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author = private_account()
    stance = models.CharField(
        _("postura"), max_length=8, choices=Stance.choices, default=Stance.NEUTRAL
    )
    body = models.TextField(_("comentario"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    is_hidden, hidden_reason = moderation_fields(_("oculto por moderación"))
    history = HistoricalRecords(excluded_fields=["author"])

    class Meta:
        verbose_name = _("comentario")
        verbose_name_plural = _("comentarios")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=False, commitment__isnull=True)
                | models.Q(proposal__isnull=True, commitment__isnull=False),
                name="comment_one_target",
            )
        ]
        indexes = [
            models.Index(fields=["proposal", "depth", "created_at"], name="comment_proposal_roots"),
            models.Index(
                fields=["commitment", "depth", "created_at"], name="comment_commitment_roots"
            ),
            models.Index(fields=["root"], name="comment_thread"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class CommentFlag(Flag):
    """A participant's report of an abusive comment, for the moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="comment_flag_unique")
        ]
        indexes = [
            models.Index(
                fields=["comment"],
                condition=models.Q(reviewed_at=None),
                name="comment_flag_pending",
            )
        ]
