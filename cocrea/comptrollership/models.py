"""Social comptrollership: public works, the citizens' committees that watch them, their
inspection sheets, and the figures sources report.

The tables were created by the reports app and keep their names (`reports_publicwork`…): the
models moved, the data did not (migrations 0001 here and reports' 0006).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.model_bases import example_flag
from cocrea.core.models import Organization, Territory, User


class PublicWork(models.Model):
    """A public work that citizens' committees watch (social comptrollership)."""

    name = models.CharField(_("nombre"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    institution = models.ForeignKey(
        Organization,
        verbose_name=_("institución responsable"),
        on_delete=models.PROTECT,
        related_name="public_works",
    )
    municipality = models.ForeignKey(
        Territory,
        verbose_name=_("municipio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.CharField(_("ubicación"), max_length=250, blank=True)
    # Where the work is, for the map; a public work's place is public, so it is kept exact.
    latitude = models.DecimalField(
        _("latitud"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("En grados decimales, por ejemplo 20.676667. Opcional."),
    )
    longitude = models.DecimalField(
        _("longitud"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("En grados decimales, por ejemplo -103.347500 (al oeste, negativa). Opcional."),
    )
    budget = models.DecimalField(
        _("presupuesto (MXN)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    contractor = models.CharField(_("contratista"), max_length=200, blank=True)
    starts_on = models.DateField(_("inicio"), null=True, blank=True)
    ends_on = models.DateField(_("término"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("avance físico (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    is_example = example_flag()
    history = HistoricalRecords(table_name="reports_historicalpublicwork")

    class Meta:
        db_table = "reports_publicwork"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="publicwork_place_whole",
                violation_error_message=_("Escribe la latitud y la longitud, o ninguna."),
            )
        ]
        verbose_name = _("obra pública")
        verbose_name_plural = _("obras públicas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("comptrollership:work_detail", args=[self.pk])


class Committee(models.Model):
    """A social-comptrollership committee; members are counted, not named in public."""

    public_work = models.ForeignKey(
        PublicWork, on_delete=models.CASCADE, related_name="committees", verbose_name=_("obra")
    )
    name = models.CharField(_("nombre"), max_length=200)
    members = models.PositiveSmallIntegerField(_("integrantes"), default=0)
    trained_on = models.DateField(_("fecha de capacitación"), null=True, blank=True)
    commitment_letter_signed = models.BooleanField(_("firmó carta compromiso"), default=False)
    is_observatory = models.BooleanField(_("observatorio ciudadano"), default=False)
    citizen_comptrollers = models.PositiveSmallIntegerField(
        _("contralores ciudadanos designados"), default=0
    )
    # Accounts of members who file the committee's inspection sheets; never published.
    recorders = models.ManyToManyField(
        User,
        blank=True,
        related_name="comptrollership_committees",
        verbose_name=_("capturistas"),
        db_table="reports_committee_recorders",
    )
    history = HistoricalRecords(
        excluded_fields=["recorders"], table_name="reports_historicalcommittee"
    )

    class Meta:
        db_table = "reports_committee"
        ordering = ["name"]
        verbose_name = _("comité de contraloría social")
        verbose_name_plural = _("comités de contraloría social")

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    """An inspection sheet of a committee's visit to a work; its photos are reports' `Photo`."""

    public_work = models.ForeignKey(
        PublicWork, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("obra")
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.SET_NULL, null=True, blank=True, related_name="inspections"
    )
    held_on = models.DateField(_("fecha"))
    findings = models.TextField(_("hallazgos"), max_length=4000)
    progress_observed = models.PositiveSmallIntegerField(
        _("avance observado (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    history = HistoricalRecords(table_name="reports_historicalinspection")

    class Meta:
        db_table = "reports_inspection"
        ordering = ["-held_on", "-pk"]
        verbose_name = _("cédula de inspección")
        verbose_name_plural = _("cédulas de inspección")

    def __str__(self) -> str:
        return f"{self.public_work} {self.held_on}"


class ReportedComptrollership(models.Model):
    """Figures of social comptrollership as a source reports them (e.g. Durango, 2014)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("año"))
    trained_members = models.PositiveIntegerField(_("integrantes de comités capacitados"))
    commitment_letters = models.PositiveIntegerField(_("cartas compromiso firmadas"))
    complaints = models.PositiveIntegerField(_("quejas por irregularidades en obra"))
    observatories = models.PositiveIntegerField(_("observatorios ciudadanos"))
    citizen_comptrollers = models.PositiveIntegerField(_("contralores ciudadanos"))
    source = models.CharField(_("fuente"), max_length=300)

    class Meta:
        db_table = "reports_reportedcomptrollership"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="unique_reported_cs")
        ]
        verbose_name = _("cifras reportadas de contraloría social")
        verbose_name_plural = _("cifras reportadas de contraloría social")

    def __str__(self) -> str:
        return f"{self.territory} {self.year}"
