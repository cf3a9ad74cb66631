"""The open-data catalogue: datasets, their resources and themes, and proactive transparency.

Datasets follow the datos.gob.mx / DCAT-AP metadata; CKAN's API and DCAT are views of these rows.
"""

import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocrea.core.models import Organization, Territory, User
from cocrea.exercises.models import Exercise
from cocrea.opendata.licenses import (
    DEFAULT_LICENSE,
    FORMAT_CHOICES,
    FREQUENCY_CHOICES,
    LICENSE_CHOICES,
)


class Group(models.Model):
    """A theme that groups datasets (CKAN group, DCAT theme)."""

    name = models.SlugField(_("identificador"), max_length=100, unique=True)
    title = models.CharField(_("título"), max_length=120)
    description = models.TextField(_("descripción"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("tema")
        verbose_name_plural = _("temas")

    def __str__(self) -> str:
        return self.title


class Tag(models.Model):
    name = models.CharField(_("palabra clave"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("palabra clave")
        verbose_name_plural = _("palabras clave")

    def __str__(self) -> str:
        return self.name


class Dataset(models.Model):
    """A dataset; `source` names the platform's own data it publishes, if it is one of those."""

    identifier = models.UUIDField(_("identificador"), default=uuid.uuid4, unique=True)
    name = models.SlugField(
        _("nombre en la dirección"),
        max_length=100,
        unique=True,
        help_text=_("Minúsculas, números y guiones; aparece en la dirección del conjunto."),
    )
    title = models.CharField(_("título"), max_length=200)
    description = models.TextField(_("descripción"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("institución que publica"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="datasets",
    )
    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("ejercicio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="datasets",
    )
    keywords = models.ManyToManyField(Tag, blank=True, related_name="datasets")
    groups = models.ManyToManyField(
        Group, blank=True, related_name="datasets", verbose_name=_("temas")
    )
    contact_name = models.CharField(_("punto de contacto"), max_length=200)
    contact_email = models.EmailField(_("correo de contacto"))
    temporal_start = models.DateField(_("cobertura temporal: desde"), null=True, blank=True)
    temporal_end = models.DateField(_("cobertura temporal: hasta"), null=True, blank=True)
    spatial = models.ForeignKey(
        Territory,
        verbose_name=_("cobertura geográfica"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    landing_page = models.URLField(_("página de referencia"), blank=True)
    frequency = models.CharField(
        _("frecuencia de actualización"), max_length=12, choices=FREQUENCY_CHOICES
    )
    license_id = models.CharField(
        _("licencia"), max_length=20, choices=LICENSE_CHOICES, default=DEFAULT_LICENSE
    )
    source = models.CharField(max_length=40, blank=True, editable=False)
    is_published = models.BooleanField(_("publicado"), default=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modificado"), auto_now=True, db_index=True)
    # PostgreSQL keeps a stored Spanish tsvector here (GIN index); SQLite searches the text.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-modified_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=~models.Q(source=""), name="dataset_source_unique"
            )
        ]
        verbose_name = _("conjunto de datos")
        verbose_name_plural = _("conjuntos de datos")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opendata:dataset_detail", args=[self.name])


def resource_upload_to(instance: "Resource", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"datos/{uuid.uuid4().hex}.{extension}"


class Resource(models.Model):
    """A file or a link of a dataset; tabular ones carry a Frictionless Table Schema."""

    identifier = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nombre"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    file = models.FileField(_("archivo"), upload_to=resource_upload_to, blank=True)
    format = models.CharField(_("formato"), max_length=10, choices=FORMAT_CHOICES)
    media_type = models.CharField(_("tipo de medio"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("tamaño (bytes)"), null=True, blank=True)
    checksum = models.CharField(_("suma SHA-256"), max_length=64, blank=True)
    table_schema = models.JSONField(_("esquema de la tabla"), null=True, blank=True)
    download_count = models.PositiveBigIntegerField(_("descargas"), default=0)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modificado"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["download_count"])

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("recurso")
        verbose_name_plural = _("recursos")

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """Proactive transparency: the need a dataset answers, then its publication, dissemination
    and the evaluation of its usefulness."""

    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, related_name="publication")
    need = models.TextField(_("necesidad de información que atiende"))
    audience = models.CharField(_("público al que se dirige"), max_length=300)
    identified_on = models.DateField(_("necesidad identificada el"))
    published_on = models.DateField(_("publicada el"), null=True, blank=True)
    dissemination = models.TextField(_("cómo se difundió"), blank=True)
    disseminated_on = models.DateField(_("difundida el"), null=True, blank=True)
    evaluation = models.TextField(_("evaluación de su utilidad"), blank=True)
    evaluated_on = models.DateField(_("evaluada el"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publicación proactiva")
        verbose_name_plural = _("publicaciones proactivas")

    def __str__(self) -> str:
        return str(self.dataset)


class Rating(models.Model):
    """How useful a person found a publication (1–5); one per person, changeable."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("utilidad"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publication", "user"], name="one_rating_per_person")
        ]
        verbose_name = _("calificación")
        verbose_name_plural = _("calificaciones")

    def __str__(self) -> str:
        return f"{self.publication_id}: {self.score}"
