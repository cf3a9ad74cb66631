"""Open tables of collaborative lawmaking: the processes, their published versions and text, and
the contributions citizens made (visible ones only, never who made them).

`capability.py` passes `OPEN_TABLES` to the registry, so each table appears in the bulk package,
`datapackage.json`, the README's data dictionary, CKAN and DCAT without naming this app there.
The querysets here are also what the API and the summary export read: what is public of a
process is decided in one place.
"""

from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import EXAMPLE_FLAG, PLATFORM_ID, Column, OpenTable
from cocrea.core.queries import related_count
from cocrea.lawmaking.models import (
    CURRENT_LAW,
    AnswerStatus,
    Contribution,
    LegislativeProcess,
    TextUnit,
    TextVersion,
)

PUBLISHED = Q(published_at__isnull=False)
THEME = "participacion"


def visible(status: str = "") -> dict[str, object]:
    """The filters of a process's public contributions (for `related_count`)."""
    found: dict[str, object] = {"is_hidden": False, "unit__version__published_at__isnull": False}
    return {**found, "status": status} if status else found


def _process_column(path: str) -> Column:
    """The process a row belongs to, by its slug; `path` leads there from the table's model."""
    description = _("Identificador del proceso legislativo (ver «procesos-legislativos»).")
    return Column("proceso", "string", description, path)


def public_processes() -> QuerySet[LegislativeProcess]:
    """Every process is public (a process has no draft state; its unpublished versions are)."""
    return LegislativeProcess.objects.select_related("congress", "exercise").annotate(
        contribution_total=related_count(Contribution, "process", **visible()),
        version_total=related_count(TextVersion, "process", published_at__isnull=False),
    )


def public_versions() -> QuerySet[TextVersion]:
    return TextVersion.objects.filter(PUBLISHED).annotate(
        incorporated_total=related_count(Contribution, "incorporated_in", is_hidden=False),
        is_law_in_force=ExpressionWrapper(Q(number=CURRENT_LAW), output_field=BooleanField()),
    )


def public_units() -> QuerySet[TextUnit]:
    return TextUnit.objects.filter(version__published_at__isnull=False)


def public_contributions() -> QuerySet[Contribution]:
    """Visible contributions on published text, with the two figures worked out from others:
    whether it is «destacada» and the number of the (published) version that took it in."""
    highlighted = Q(support_count__gte=F("process__highlight_supports"))
    incorporated = When(
        incorporated_in__published_at__isnull=False, then=F("incorporated_in__number")
    )
    return Contribution.objects.filter(**visible()).annotate(
        is_highlighted=ExpressionWrapper(highlighted, output_field=BooleanField()),
        incorporated_version=Case(incorporated, default=None),
    )


PROCESSES = OpenTable(
    "procesos-legislativos",
    _("Procesos legislativos abiertos a la ciudadanía"),
    _("Las iniciativas de ley y reformas que un congreso abrió a aportaciones ciudadanas, con sus cifras de participación y respuesta."),
    (
        PLATFORM_ID,
        Column("identificador", "string", _("Identificador del proceso en sus direcciones."), "slug"),
        Column("titulo", "string", _("Título de la iniciativa."), "title"),
        Column("tipo", "string", _("new (ley nueva) o reform (reforma a una ley vigente)."), "kind"),
        Column("ley_que_reforma", "string", _("La ley vigente que se reforma, si es una reforma."), "law_name"),
        Column("congreso", "string", _("Congreso que abrió el proceso."), "congress__name"),
        Column("comision", "string", _("Comisión dictaminadora."), "committee"),
        Column("promoventes", "string", _("Quién promueve la iniciativa."), "promoters"),
        Column("ejercicio", "string", _("Identificador del ejercicio de gobierno abierto, si pertenece a uno."), "exercise__slug"),
        Column("apoyos_para_destacar", "integer", _("Apoyos con los que una aportación se marca como destacada."), "highlight_supports"),
        Column("versiones_publicadas", "integer", _("Versiones del texto publicadas (la ley vigente cuenta como una)."), "version_total"),
        Column("aportaciones", "integer", _("Aportaciones visibles (las ocultas por moderación no cuentan)."), "contribution_total"),
        Column("incorporadas", "integer", _("Aportaciones incorporadas al texto."), "incorporated_total"),
        Column("incorporadas_en_parte", "integer", _("Aportaciones incorporadas en parte."), "partly_total"),
        Column("no_incorporadas", "integer", _("Aportaciones no incorporadas, con su razón."), "rejected_total"),
        Column("sin_respuesta", "integer", _("Aportaciones que aún esperan la respuesta de la comisión."), "pending_total"),
        EXAMPLE_FLAG,
    ),
    lambda: public_processes()
    .annotate(
        incorporated_total=related_count(Contribution, "process", **visible(AnswerStatus.INCORPORATED)),
        partly_total=related_count(Contribution, "process", **visible(AnswerStatus.PARTLY)),
        rejected_total=related_count(Contribution, "process", **visible(AnswerStatus.NOT_INCORPORATED)),
        pending_total=related_count(Contribution, "process", **visible(AnswerStatus.PENDING)),
    )
    .order_by("slug"),
    theme=THEME,
)  # fmt: skip

VERSIONS = OpenTable(
    "versiones-de-iniciativas",
    _("Versiones de las iniciativas"),
    _("Las versiones publicadas del texto de cada proceso legislativo: la ley vigente (número 0), la iniciativa y las versiones de la comisión hasta el dictamen."),
    (
        PLATFORM_ID,
        _process_column("process__slug"),
        Column("numero", "integer", _("Número de la versión en el proceso (0 es la ley vigente)."), "number"),
        Column("nombre", "string", _("Nombre de la versión."), "label"),
        Column("es_ley_vigente", "boolean", _("«true» si es el texto de la ley vigente."), "is_law_in_force"),
        Column("es_dictamen", "boolean", _("«true» si es el dictamen de la comisión."), "is_dictamen"),
        Column("que_cambio", "string", _("Qué cambió respecto de la versión anterior."), "changelog"),
        Column("publicada", "datetime", _("Fecha y hora de publicación."), "published_at"),
        Column("aportaciones_incorporadas", "integer", _("Aportaciones visibles que esta versión incorporó, completas o en parte."), "incorporated_total"),
    ),
    lambda: public_versions().order_by("process__slug", "number"),
    theme=THEME,
)  # fmt: skip

UNITS = OpenTable(
    "articulos-de-iniciativas",
    _("Texto de las iniciativas, artículo por artículo"),
    _("Cada parte del texto de las versiones publicadas: exposición de motivos, títulos, capítulos, artículos y transitorios, en su orden."),
    (
        PLATFORM_ID,
        _process_column("version__process__slug"),
        Column("version", "integer", _("Número de la versión (ver «versiones-de-iniciativas»)."), "version__number"),
        Column("posicion", "integer", _("Orden de la parte en el texto de la versión."), "position"),
        Column("clave", "string", _("Clave estable de la parte: la misma en todas las versiones (p. ej. articulo-5)."), "key"),
        Column("tipo", "string", _("exposicion, titulo, capitulo, seccion, articulo o transitorio."), "kind"),
        Column("encabezado", "string", _("Encabezado (p. ej. «Artículo 5»)."), "heading"),
        Column("nombre", "string", _("Nombre de la parte, si lo tiene."), "title"),
        Column("texto", "string", _("Texto; los párrafos y fracciones van separados por una línea en blanco."), "body"),
    ),
    lambda: public_units().order_by("version__process__slug", "version__number", "position"),
    theme=THEME,
)  # fmt: skip

CONTRIBUTIONS = OpenTable(
    "aportaciones-a-iniciativas",
    _("Aportaciones ciudadanas a las iniciativas"),
    _("Las aportaciones visibles al texto de cada iniciativa y la respuesta de la comisión; sin datos de quien aportó o apoyó."),
    (
        PLATFORM_ID,
        _process_column("process__slug"),
        Column("clave", "string", _("Clave de la parte del texto (ver «articulos-de-iniciativas»)."), "unit_key"),
        Column("version", "integer", _("Número de la versión sobre la que se hizo."), "unit__version__number"),
        Column("parrafo", "integer", _("Número del párrafo o fracción, si se hizo sobre uno."), "paragraph"),
        Column("tipo", "string", _("replace (cambiar), add (añadir), delete (suprimir) o comment (comentar)."), "kind"),
        Column("texto_seleccionado", "string", _("El pasaje del texto sobre el que se hizo."), "quote"),
        Column("texto_propuesto", "string", _("El texto que propone."), "proposed_text"),
        Column("justificacion", "string", _("Comentario o justificación."), "body"),
        Column("apoyos", "integer", _("Personas que la apoyan."), "support_count"),
        Column("destacada", "boolean", _("«true» si alcanzó los apoyos para destacarla que fijó el proceso."), "is_highlighted"),
        Column("respuesta", "string", _("pending, incorporated, partly, not_incorporated o answered (un comentario respondido)."), "status"),
        Column("respuesta_de_la_comision", "string", _("La respuesta razonada de la comisión."), "answer"),
        Column("incorporada_en_version", "integer", _("Número de la versión que la incorporó."), "incorporated_version"),
        Column("aportada_el", "date", _("Fecha en que se hizo."), "created_at__date"),
        EXAMPLE_FLAG,
    ),
    lambda: public_contributions().order_by("pk"),
    theme=THEME,
)  # fmt: skip

OPEN_TABLES: tuple[OpenTable, ...] = (PROCESSES, VERSIONS, UNITS, CONTRIBUTIONS)
