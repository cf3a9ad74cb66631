"""Collaborative lawmaking: a bill (or the reform of a law) opened to citizens by phases, its text
by structure and by version, the contributions citizens make to it and the committee's answers.

A version's text is a list of units (exposición de motivos, títulos, capítulos, artículos,
transitorios) in order; each unit keeps a `key` ("articulo-5") that stays the same from one
version to the next, so an article has one address and two versions compare unit by unit. Version
0 is the law in force (for a reform); versions 1, 2… are the drafts: the initiative, the
committee's versions, the dictamen.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import (
    OpenWindow,
    PersonalMark,
    example_flag,
    moderation_fields,
    private_account,
)
from cocrea.core.models import Organization
from cocrea.exercises.models import Exercise
from cocrea.participation.models import Flag
from cocrea.plans.models import Milestone

BODY_MAX = 50_000  # one unit's text (the longest exposiciones de motivos run to a few pages)
CONTRIBUTION_MAX, COMMENT_MAX, ANSWER_MAX = 5000, 2000, 5000
CURRENT_LAW = 0  # the number of the version that holds the law in force


def _text(label: StrOrPromise, *, limit: int, blank: bool = False) -> "models.TextField[str, str]":
    """A text field whose limit is checked by full_clean too (Django checks a TextField's
    max_length only in its form field), so every service refuses an over-long text."""
    return models.TextField(
        label, max_length=limit, blank=blank, validators=[MaxLengthValidator(limit)]
    )


class ProcessKind(models.TextChoices):
    NEW_LAW = "new", _("Ley nueva")
    REFORM = "reform", _("Reforma a una ley vigente")


class PhaseKind(models.TextChoices):
    """In the order a process goes through them; each opens what its name says."""

    INFORMATION = "information", _("Información")
    DEBATE = "debate", _("Debate")
    CONTRIBUTIONS = "contributions", _("Aportaciones al texto")
    REVIEW = "review", _("Revisión en comisión")
    DICTAMEN = "dictamen", _("Publicación del dictamen")
    RESULT = "result", _("Resultado")


class LegislativeProcess(models.Model):
    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("ejercicio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legislative_processes",
    )
    congress = models.ForeignKey(
        Organization,
        verbose_name=_("congreso"),
        on_delete=models.PROTECT,
        related_name="legislative_processes",
    )
    title = models.CharField(_("título de la iniciativa"), max_length=250)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    kind = models.CharField(
        _("tipo"), max_length=8, choices=ProcessKind.choices, default=ProcessKind.NEW_LAW
    )
    law_name = models.CharField(_("ley que se reforma"), max_length=250, blank=True)
    summary = _text(_("de qué trata"), limit=5000, blank=True)
    promoters = models.CharField(_("quién la promueve"), max_length=500, blank=True)
    committee = models.CharField(_("comisión dictaminadora"), max_length=300, blank=True)
    requires_verified = models.BooleanField(_("exige cuenta con correo verificado"), default=True)
    highlight_supports = models.PositiveIntegerField(
        _("apoyos para destacar una aportación"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("hito del que es evidencia"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="legislative_processes",
    )
    result = _text(_("resultado"), limit=5000, blank=True)
    summary_sent_at = models.DateTimeField(_("resumen enviado"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_example = example_flag()
    history = HistoricalRecords(excluded_fields=["summary_sent_at"])

    class Meta:
        verbose_name = _("proceso legislativo")
        verbose_name_plural = _("procesos legislativos")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lawmaking:process_detail", args=[self.slug])


class Phase(OpenWindow):
    process = models.ForeignKey(LegislativeProcess, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("fase"), max_length=16, choices=PhaseKind.choices)
    opens_at = models.DateTimeField(_("inicio"))
    closes_at = models.DateTimeField(_("fin"))
    description = _text(_("qué pasa en esta fase"), limit=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fases")
        ordering = ["opens_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["process", "kind"], name="phase_unique"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="phase_closes_after_opening",
                violation_error_message=_("La fase debe terminar después de empezar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id} · {self.kind}"


class TextVersion(models.Model):
    process = models.ForeignKey(
        LegislativeProcess, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("número"))
    label = models.CharField(_("nombre de la versión"), max_length=120)
    changelog = _text(_("qué cambió"), limit=5000, blank=True)
    is_dictamen = models.BooleanField(_("es el dictamen de la comisión"), default=False)
    source_name = models.CharField(_("archivo de origen"), max_length=200, blank=True)
    # None while the editor checks the structure found in the imported file: nobody else sees it.
    published_at = models.DateTimeField(_("publicada"), null=True, blank=True)
    author = private_account()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["author"])

    class Meta:
        verbose_name = _("versión del texto")
        verbose_name_plural = _("versiones del texto")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="version_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_current_law(self) -> bool:
        return self.number == CURRENT_LAW


class UnitKind(models.TextChoices):
    PREAMBLE = "exposicion", _("Exposición de motivos")
    TITLE = "titulo", _("Título")
    CHAPTER = "capitulo", _("Capítulo")
    SECTION = "seccion", _("Sección")
    ARTICLE = "articulo", _("Artículo")
    TRANSITORY = "transitorio", _("Transitorio")


# Units citizens can contribute to (headings only group them).
CONTRIBUTABLE = (UnitKind.PREAMBLE, UnitKind.ARTICLE, UnitKind.TRANSITORY)


class TextUnit(models.Model):
    """One piece of a version's text. An article's fracciones and párrafos are its paragraphs
    (separated by a blank line), addressed by their number."""

    version = models.ForeignKey(TextVersion, on_delete=models.CASCADE, related_name="units")
    position = models.PositiveIntegerField()
    kind = models.CharField(_("tipo"), max_length=12, choices=UnitKind.choices)
    key = models.SlugField(_("clave"), max_length=60)
    heading = models.CharField(_("encabezado"), max_length=200)
    title = models.CharField(_("nombre"), max_length=300, blank=True)
    body = _text(_("texto"), limit=BODY_MAX, blank=True)

    class Meta:
        verbose_name = _("parte del texto")
        verbose_name_plural = _("partes del texto")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unit_key_unique"),
            models.UniqueConstraint(fields=["version", "position"], name="unit_position_unique"),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs_of(self.body)

    @property
    def is_contributable(self) -> bool:
        return self.kind in CONTRIBUTABLE


def paragraphs_of(body: str) -> list[str]:
    return [part.strip() for part in body.replace("\r\n", "\n").split("\n\n") if part.strip()]


class ContributionKind(models.TextChoices):
    REPLACE = "replace", _("Cambiar el texto")
    ADD = "add", _("Añadir texto")
    DELETE = "delete", _("Suprimir el texto")
    COMMENT = "comment", _("Comentar")


class AnswerStatus(models.TextChoices):
    PENDING = "pending", _("Sin respuesta")
    INCORPORATED = "incorporated", _("Incorporada")
    PARTLY = "partly", _("Incorporada en parte")
    NOT_INCORPORATED = "not_incorporated", _("No incorporada")
    ANSWERED = "answered", _("Respondida")  # a comment, which changes no text


class Contribution(models.Model):
    process = models.ForeignKey(
        LegislativeProcess, on_delete=models.CASCADE, related_name="contributions"
    )
    unit = models.ForeignKey(TextUnit, on_delete=models.CASCADE, related_name="contributions")
    # The unit's key, kept here so an article's contributions are found in every version.
    unit_key = models.SlugField(max_length=60)
    paragraph = models.PositiveSmallIntegerField(_("párrafo"), null=True, blank=True)
    kind = models.CharField(_("tipo"), max_length=8, choices=ContributionKind.choices)
    quote = _text(_("texto seleccionado"), limit=2000, blank=True)
    proposed_text = _text(_("texto propuesto"), limit=CONTRIBUTION_MAX, blank=True)
    body = _text(_("comentario o justificación"), limit=CONTRIBUTION_MAX)
    author = private_account()
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    support_count = models.PositiveIntegerField(_("apoyos"), default=0, editable=False)
    status = models.CharField(
        _("respuesta"), max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.PENDING
    )
    answer = _text(_("respuesta de la comisión"), limit=ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(_("respondida"), null=True, blank=True)
    answered_by = private_account()
    incorporated_in = models.ForeignKey(
        TextVersion,
        verbose_name=_("versión que la incorpora"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incorporated",
    )
    is_hidden, hidden_reason = moderation_fields(_("oculta por moderación"))
    is_example = example_flag()
    history = HistoricalRecords(excluded_fields=["support_count", "author", "answered_by"])

    class Meta:
        verbose_name = _("aportación")
        verbose_name_plural = _("aportaciones")
        ordering = ["-support_count", "-id"]
        indexes = [
            models.Index(
                fields=["process", "unit_key", "-support_count", "-id"],
                condition=models.Q(is_hidden=False),
                name="contribution_visible_by_unit",
            ),
            # The process-wide list, by supports (visible ones only).
            models.Index(
                fields=["process", "-support_count", "-id"],
                condition=models.Q(is_hidden=False),
                name="contribution_by_support",
            ),
            models.Index(fields=["process", "status"], name="contribution_by_status"),
            models.Index(fields=["incorporated_in"], name="contribution_incorporated"),
        ]

    def __str__(self) -> str:
        return (self.quote or self.body)[:60]

    def get_absolute_url(self) -> str:
        return reverse("lawmaking:contribution_detail", args=[self.process.slug, self.pk])


class ContributionSupport(PersonalMark):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "user"], name="lawmaking_support_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} · {self.user_id}"


class ContributionComment(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments"
    )
    author = private_account()
    body = _text(_("comentario"), limit=COMMENT_MAX)
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    is_hidden, hidden_reason = moderation_fields(_("oculto por moderación"))
    history = HistoricalRecords(excluded_fields=["author"])

    class Meta:
        verbose_name = _("comentario a una aportación")
        verbose_name_plural = _("comentarios a aportaciones")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["contribution", "created_at"], name="lawmaking_comment")]

    def __str__(self) -> str:
        return self.body[:60]


class ContributionFlag(Flag):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="flags")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "user"], name="lawmaking_contribution_flag_unique"
            )
        ]


class ContributionCommentFlag(Flag):
    comment = models.ForeignKey(ContributionComment, on_delete=models.CASCADE, related_name="flags")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="lawmaking_comment_flag_unique"
            )
        ]


class QuestionKind(models.TextChoices):
    CLOSED = "closed", _("Opción entre respuestas dadas")
    OPEN = "open", _("Respuesta abierta")


class DebateQuestion(models.Model):
    process = models.ForeignKey(
        LegislativeProcess, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("pregunta"), max_length=500)
    kind = models.CharField(_("tipo de respuesta"), max_length=8, choices=QuestionKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pregunta de debate")
        verbose_name_plural = _("preguntas de debate")
        ordering = ["process", "position", "id"]

    def __str__(self) -> str:
        return self.text


class QuestionOption(models.Model):
    question = models.ForeignKey(DebateQuestion, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("respuesta"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    answer_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["question", "position", "id"]

    def __str__(self) -> str:
        return self.text


class DebateAnswer(models.Model):
    question = models.ForeignKey(DebateQuestion, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(
        QuestionOption, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = _text(_("respuesta"), limit=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_hidden, hidden_reason = moderation_fields(_("oculta por moderación"))
    # Who hid an answer, and why, stays in its history (never who answered).
    history = HistoricalRecords(excluded_fields=["user"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="debate_answer_unique")
        ]
        indexes = [models.Index(fields=["question", "created_at"], name="debate_answer_recent")]

    def __str__(self) -> str:
        return self.text[:60]


class ProcessFollow(PersonalMark):
    process = models.ForeignKey(
        LegislativeProcess, on_delete=models.CASCADE, related_name="followers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="process_follow_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.process_id}"
