"""The glossary: the platform's words in plain Spanish, as data.

One place says what a "hito" or a "sistematización" is; the page /glosario/ lists them and the
`{% term %}` tag (templatetags/glossary.py) links a word on any page to its definition, so a page
never explains a word in its own way. A slug is the anchor of its term (/glosario/#hito): keep it
once published.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    slug: str
    name: Any  # lazy translation
    definition: Any  # lazy translation


TERMS: tuple[Term, ...] = (
    Term(
        "gobierno-abierto",
        _("Gobierno abierto"),
        _(
            "Una forma de gobernar en la que las autoridades y la sociedad deciden y trabajan "
            "juntas, con información pública y cuentas claras. Se apoya en cuatro pilares: "
            "transparencia, participación ciudadana, rendición de cuentas e innovación."
        ),
    ),
    Term(
        "secretariado-tecnico-local",
        _("Secretariado técnico local (tripartita)"),
        _(
            "El grupo que conduce un ejercicio de gobierno abierto en una entidad. Es tripartita "
            "porque lo forman tres partes con el mismo peso: el gobierno, la sociedad civil y el "
            "órgano garante de transparencia."
        ),
    ),
    Term(
        "organo-garante",
        _("Órgano garante"),
        _(
            "La institución pública que garantiza en tu entidad tu derecho a saber y la "
            "protección de tus datos personales (el instituto de transparencia). En el "
            "secretariado acompaña el proceso y da fe de él."
        ),
    ),
    Term(
        "plan-de-accion-local",
        _("Plan de acción local"),
        _(
            "El documento que reúne los compromisos que el gobierno y la sociedad acordaron "
            "cumplir en un periodo, con sus responsables, fechas e hitos."
        ),
    ),
    Term(
        "consulta-publica",
        _("Consulta pública"),
        _(
            "Un periodo abierto en el que cualquier persona puede hacer propuestas, apoyar las "
            "de otras y comentar, para decidir qué problemas atenderá el plan de acción."
        ),
    ),
    Term(
        "propuesta",
        _("Propuesta"),
        _(
            "Una idea que alguien presenta en una consulta pública: un problema que ve y cómo "
            "cree que se puede resolver. Cada propuesta recibe una respuesta razonada."
        ),
    ),
    Term(
        "apoyo",
        _("Apoyo"),
        _(
            "Tu voto a favor de una propuesta en una consulta. Cada consulta dice cuántos "
            "apoyos puede dar cada persona; puedes retirar el tuyo mientras la consulta esté "
            "abierta."
        ),
    ),
    Term(
        "sistematizacion",
        _("Sistematización"),
        _(
            "El trabajo de ordenar y resumir lo que llegó a una consulta: cuántas personas "
            "participaron, qué propuestas tuvieron más apoyos y qué problemas se repiten."
        ),
    ),
    Term(
        "problema-publico",
        _("Problema público identificado"),
        _(
            "Un problema que surge de agrupar propuestas parecidas de una consulta (en la "
            "plataforma, una «problemática»). Se discute en mesas de trabajo y puede volverse "
            "un compromiso."
        ),
    ),
    Term(
        "mesa-de-trabajo",
        _("Mesa de trabajo"),
        _(
            "Una reunión en la que gobierno, sociedad civil y órgano garante discuten un "
            "problema público y acuerdan cómo atenderlo. Se registra quién asistió y qué se "
            "acordó."
        ),
    ),
    Term(
        "compromiso",
        _("Compromiso"),
        _(
            "Una acción concreta del plan de acción para resolver un problema público: qué se "
            "hará, quién lo hará y para cuándo. Se divide en hitos."
        ),
    ),
    Term(
        "pilar",
        _("Pilar"),
        _(
            "Cada uno de los cuatro principios del gobierno abierto que un compromiso puede "
            "reforzar: transparencia, participación ciudadana, rendición de cuentas e "
            "innovación y tecnología."
        ),
    ),
    Term(
        "eje",
        _("Eje"),
        _(
            "Un tema con el que se ordenan las propuestas de una consulta y los compromisos de "
            "un plan, por ejemplo «Seguridad» o «Medio ambiente»."
        ),
    ),
    Term(
        "ods",
        _("ODS (Objetivos de Desarrollo Sostenible)"),
        _(
            "Los 17 objetivos que los países de la ONU acordaron alcanzar para 2030, como "
            "acabar con la pobreza o lograr la igualdad de género. Cada compromiso dice a "
            "cuáles contribuye."
        ),
    ),
    Term(
        "hito",
        _("Hito"),
        _(
            "Un paso verificable de un compromiso, con fecha y responsable. El avance del "
            "compromiso se calcula con el de sus hitos."
        ),
    ),
    Term(
        "evidencia",
        _("Evidencia"),
        _(
            "Un documento, enlace o foto que demuestra que un hito avanzó o se cumplió. "
            "Cualquiera puede consultarla."
        ),
    ),
    Term(
        "avance",
        _("Avance"),
        _(
            "Cuánto se ha cumplido, en porcentaje: el de un hito lo reporta la institución "
            "responsable con evidencia, y se suma hacia el compromiso, el plan y el ejercicio."
        ),
    ),
    Term(
        "contraloria-social",
        _("Contraloría social"),
        _(
            "La vigilancia que hace la ciudadanía organizada de que las obras y programas "
            "públicos se hagan como se prometió y con el dinero que se asignó."
        ),
    ),
    Term(
        "comite-de-contraloria-social",
        _("Comité de contraloría social"),
        _(
            "El grupo de personas beneficiarias que vigila una obra o programa público: revisa "
            "el avance, llena cédulas de vigilancia y presenta quejas."
        ),
    ),
    Term(
        "cedula-de-vigilancia",
        _("Cédula de vigilancia"),
        _(
            "El formato que llena un comité de contraloría social cuando revisa una obra: qué "
            "vio, cuánto avance observó y qué problemas encontró."
        ),
    ),
    Term(
        "transparencia-proactiva",
        _("Transparencia proactiva"),
        _(
            "Publicar información útil para la gente sin esperar a que alguien la pida, y más "
            "allá de lo que la ley obliga a publicar."
        ),
    ),
    Term(
        "datos-abiertos",
        _("Datos abiertos"),
        _(
            "Datos públicos que cualquiera puede descargar, usar y compartir sin pedir permiso, "
            "en formatos que se leen con cualquier programa (como CSV)."
        ),
    ),
    Term(
        "reporte-ciudadano",
        _("Reporte ciudadano"),
        _(
            "Un aviso que le das a una institución sobre un problema en tu calle o colonia, "
            "como un bache o una luminaria apagada. Recibes un número para seguir su atención "
            "en público."
        ),
    ),
    Term(
        "enlace-institucional",
        _("Enlace institucional"),
        _(
            "La persona que una institución nombra para representarla en la plataforma: "
            "reporta el avance de sus compromisos y atiende los reportes ciudadanos que le "
            "llegan."
        ),
    ),
)

BY_SLUG: dict[str, Term] = {term.slug: term for term in TERMS}


def _sort_key(term: Term) -> str:
    # "Órgano" files under O: accents do not change the alphabetical order in Spanish.
    decomposed = unicodedata.normalize("NFKD", str(term.name).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms_sorted() -> list[Term]:
    """The terms in alphabetical order in the reader's language."""
    return sorted(TERMS, key=_sort_key)
