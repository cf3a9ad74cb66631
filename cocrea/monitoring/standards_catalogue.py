"""What the OGP Participation and Co-Creation Standards (2022) ask, item by item, with its source.

OGP's Steering Committee approved the Standards on 24 November 2021; they apply since
1 January 2022 and replace the 2017 version. They are five standards; each lays out its
minimum requirements (which every member must meet and OGP's Independent Reporting Mechanism
assesses) and the approaches with which to go beyond them.

Sources (OGP's own published text):

- The Standards: https://www.opengovpartnership.org/ogp-participation-co-creation-standards/
  (in Spanish: https://www.opengovpartnership.org/es/ogp-participation-co-creation-standards/).
- The minimum requirements, one by one: OGP glossary, "Minimum Requirements",
  https://www.opengovpartnership.org/glossary/minimum-requirements/ , and the IRM's
  "Guidelines for the Assessment of Minimum Requirements" (2022),
  https://www.opengovpartnership.org/documents/irm-guidelines-for-the-assessment-of-minimum-requirements/
  whose numbering (1.1, 2.1, 2.2, 3.1, 3.2, 3.3, 4.1, 5.1) this module follows.
- How to apply each standard (the approaches behind the items that are not minimum
  requirements): OGP National Handbook (2022), "OGP Participation and Co-Creation Standards",
  https://www.opengovpartnership.org/national-handbook/standards/ ; "Ensuring Information
  Transparency", https://www.opengovpartnership.org/national-handbook/information-transparency/
  (minimum requirements 2.1 and 2.2); "Co-creation",
  https://www.opengovpartnership.org/national-handbook/developing-action-plans/co-creation/
  (the space for dialogue of 1.1, outreach, gathering inputs, feedback and reasoned response);
  glossary "Repository", https://www.opengovpartnership.org/glossary/repository/ , and
  "Reasoned Response", https://www.opengovpartnership.org/glossary/reasoned-response/ .

The titles below paraphrase OGP's text in Spanish; they are not a translation of record. The
codes are the platform's (the six of the first version, FORO-1 to RESP-1, are kept: minimum
requirement 1.1 is split into its three testable parts FORO-1, FORO-2 and FORO-3).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

STANDARDS_URL = "https://www.opengovpartnership.org/ogp-participation-co-creation-standards/"
STANDARDS_URL_ES = "https://www.opengovpartnership.org/es/ogp-participation-co-creation-standards/"
MINIMUM_URL = "https://www.opengovpartnership.org/glossary/minimum-requirements/"
IRM_URL = (
    "https://www.opengovpartnership.org/documents/"
    "irm-guidelines-for-the-assessment-of-minimum-requirements/"
)
HANDBOOK_URL = "https://www.opengovpartnership.org/national-handbook/standards/"
TRANSPARENCY_URL = "https://www.opengovpartnership.org/national-handbook/information-transparency/"
CO_CREATION_URL = (
    "https://www.opengovpartnership.org/national-handbook/developing-action-plans/co-creation/"
)
REPOSITORY_URL = "https://www.opengovpartnership.org/glossary/repository/"
REASONED_RESPONSE_URL = "https://www.opengovpartnership.org/glossary/reasoned-response/"


class Basis(StrEnum):
    """How the platform decides an item."""

    RECORDS = "records"  # computed from the platform's records
    PLATFORM = "platform"  # met by the platform itself (its public pages)
    ATTESTED = "attested"  # the coordination attests it with a link to the evidence
    RECORDS_OR_ATTESTED = "records_or_attested"  # computed once the records exist


@dataclass(frozen=True)
class Source:
    """A page of OGP's, and the section of the Standards the item rests on."""

    url: str
    standard: int
    requirement: str = ""  # the minimum requirement, or empty for the standard's approaches

    @property
    def section(self) -> str:
        if self.requirement:
            return gettext("Estándar %(standard)s, requisito mínimo %(number)s") % {
                "standard": self.standard,
                "number": self.requirement,
            }
        return gettext("Estándar %s: enfoques para ir más allá del mínimo") % self.standard


@dataclass(frozen=True)
class Standard:
    number: int
    name: Promise
    english: str  # OGP's own name of the standard


@dataclass(frozen=True)
class Definition:
    code: str
    standard: int
    requirement: str  # the minimum requirement's number ("1.1"); empty for the other items
    title: Promise
    asks: Promise  # what OGP's text asks, paraphrased
    basis: Basis
    how: Promise  # which records decide it, or what the coordination attests
    source: Source

    @property
    def is_minimum(self) -> bool:
        return bool(self.requirement)


STANDARDS = (
    Standard(
        1,
        _("Espacio de diálogo y colaboración permanente"),
        "Establishing a space for ongoing dialogue and collaboration between government, "
        "civil society and other non-governmental stakeholders",
    ),
    Standard(
        2,
        _("Información abierta, accesible y oportuna"),
        "Providing open, accessible and timely information about activities and progress "
        "within a member's participation in OGP",
    ),
    Standard(
        3,
        _("Oportunidades incluyentes e informadas de participación en la cocreación"),
        "Providing inclusive and informed opportunities for public participation during "
        "co-creation of the action plan",
    ),
    Standard(
        4,
        _("Respuesta razonada y diálogo continuo durante la cocreación"),
        "Providing a reasoned response and ensuring ongoing dialogue between government and "
        "civil society and other non-governmental stakeholders as appropriate during "
        "co-creation of the action plan",
    ),
    Standard(
        5,
        _("Diálogo y colaboración durante la implementación y el seguimiento"),
        "Providing inclusive and informed opportunities for ongoing dialogue and collaboration "
        "during implementation and monitoring of the action plan",
    ),
)


def _minimum(number: str, url: str = MINIMUM_URL) -> Source:
    return Source(url, int(number[0]), number)


def _approach(standard: int, url: str = HANDBOOK_URL) -> Source:
    return Source(url, standard)


RECORDS, PLATFORM, ATTESTED = Basis.RECORDS, Basis.PLATFORM, Basis.ATTESTED
EITHER = Basis.RECORDS_OR_ATTESTED

DEFINITIONS = (
    # Standard 1 ---------------------------------------------------------------------------
    Definition(
        "FORO-1",
        1,
        "1.1",
        _("Un foro multiactor con gobierno y sociedad civil"),
        _(
            "Existe un espacio de diálogo permanente en el que participan el gobierno y la "
            "sociedad civil (y otros actores no gubernamentales cuando corresponda)."
        ),
        RECORDS,
        _("Integrantes en funciones de los secretariados vigentes del ejercicio, por sector."),
        _minimum("1.1"),
    ),
    Definition(
        "FORO-2",
        1,
        "1.1",
        _("El foro se reúne al menos cada seis meses"),
        _("El espacio de diálogo se reúne con regularidad: al menos cada seis meses."),
        RECORDS,
        _(
            "Fechas de las sesiones registradas de los secretariados: ningún intervalo entre "
            "sesiones, ni desde la última hasta hoy, pasa de 183 días."
        ),
        _minimum("1.1"),
    ),
    Definition(
        "FORO-3",
        1,
        "1.1",
        _("Las reglas del foro son públicas"),
        _("Las reglas básicas de participación en el espacio de diálogo son públicas."),
        RECORDS,
        _("El enlace a las reglas de operación de un secretariado vigente."),
        _minimum("1.1"),
    ),
    Definition(
        "FORO-4",
        1,
        "",
        _("Composición equilibrada entre gobierno y actores no gubernamentales"),
        _(
            "El espacio de diálogo tiene una representación equilibrada: los actores no "
            "gubernamentales tienen al menos tantos lugares como el gobierno."
        ),
        RECORDS,
        _(
            "Integrantes en funciones por sector: los de sociedad civil son al menos tantos "
            "como los del sector público."
        ),
        _approach(1),
    ),
    Definition(
        "FORO-5",
        1,
        "",
        _("Las actas del foro se publican"),
        _("Las decisiones y minutas del espacio de diálogo se hacen públicas."),
        RECORDS,
        _("Cada sesión de los últimos 12 meses tiene su acta (PDF) publicada en la plataforma."),
        _approach(1),
    ),
    Definition(
        "FORO-6",
        1,
        "",
        _("Ambos sectores asisten a las sesiones"),
        _(
            "El diálogo es efectivo: el gobierno y la sociedad civil participan en las "
            "reuniones, no solo en la integración formal."
        ),
        RECORDS,
        _(
            "Asistencia por sector registrada en cada sesión de los últimos 12 meses: ambos "
            "sectores presentes."
        ),
        _approach(1),
    ),
    Definition(
        "FORO-7",
        1,
        "",
        _("La sociedad civil elige a sus integrantes con un proceso abierto"),
        _(
            "Los integrantes no gubernamentales se eligen mediante un proceso justo y "
            "transparente, conducido por la propia sociedad civil."
        ),
        ATTESTED,
        _("La coordinación enlaza la convocatoria y el resultado de la selección."),
        _approach(1),
    ),
    # Standard 2 ---------------------------------------------------------------------------
    Definition(
        "WEB-1",
        2,
        "2.1",
        _("Un sitio web público del proceso"),
        _("Se mantiene un sitio web público dedicado a la participación del miembro en OGP."),
        PLATFORM,
        _("La página pública del ejercicio en esta plataforma (y su sitio propio, si lo tiene)."),
        _minimum("2.1", TRANSPARENCY_URL),
    ),
    Definition(
        "REPO-1",
        2,
        "2.2",
        _("Un repositorio de documentos actualizado al menos dos veces al año"),
        _(
            "Un repositorio público reúne los documentos del proceso y la evidencia de la "
            "implementación, y se actualiza al menos dos veces al año."
        ),
        RECORDS,
        _(
            "Fechas distintas de publicación en los últimos 12 meses: actas de sesiones y "
            "documentos de los planes; hacen falta al menos dos."
        ),
        _minimum("2.2", REPOSITORY_URL),
    ),
    Definition(
        "INFO-1",
        2,
        "",
        _("Información oportuna del avance de cada compromiso"),
        _(
            "La información sobre el avance de la implementación se publica de forma oportuna "
            "y se mantiene al día."
        ),
        RECORDS,
        _(
            "Cada compromiso publicado del plan en implementación tiene un reporte de avance "
            "dentro del plazo de actualización del ejercicio."
        ),
        _approach(2, TRANSPARENCY_URL),
    ),
    Definition(
        "INFO-2",
        2,
        "",
        _("Evidencia pública de lo cumplido"),
        _(
            "El repositorio guarda la evidencia de la implementación de los compromisos, no "
            "solo los documentos del proceso."
        ),
        RECORDS,
        _(
            "Ningún hito marcado como cumplido sin evidencia (hallazgos abiertos de la regla "
            "HIT-01 en la última revisión de consistencia)."
        ),
        _approach(2, REPOSITORY_URL),
    ),
    # Standard 3 ---------------------------------------------------------------------------
    Definition(
        "AVISO-1",
        3,
        "3.1",
        _("Calendario de la cocreación publicado con dos semanas de anticipación"),
        _(
            "El calendario y las oportunidades de participar en la cocreación se publican al "
            "menos dos semanas antes de que empiece."
        ),
        EITHER,
        _(
            "Fecha en que el plan vigente tuvo públicas sus etapas con fechas (historial de "
            "la plataforma) contra el inicio de la cocreación (la primera consulta del plan o "
            "la primera etapa); sin esos registros, la coordinación lo atestigua."
        ),
        _minimum("3.1"),
    ),
    Definition(
        "DIFUS-1",
        3,
        "3.2",
        _("Actividades de difusión y sensibilización"),
        _(
            "Se realizan actividades de difusión y sensibilización con los actores pertinentes "
            "para informarles del proceso de OGP."
        ),
        ATTESTED,
        _("La coordinación enlaza la evidencia de la difusión (convocatorias, eventos)."),
        _minimum("3.2"),
    ),
    Definition(
        "APORT-1",
        3,
        "3.3",
        _("Un mecanismo abierto para recibir aportes durante un plazo suficiente"),
        _(
            "Existen mecanismos para recibir aportes de una diversidad de actores durante un "
            "periodo adecuado."
        ),
        RECORDS,
        _(
            "Una consulta pública del ejercicio ya abierta, con su periodo de apertura; la "
            "plataforma pide al menos 14 días (criterio propio: OGP no fija el número)."
        ),
        _minimum("3.3"),
    ),
    Definition(
        "PART-1",
        3,
        "",
        _("Participación informada: la consulta explica de qué trata"),
        _(
            "Se da a los participantes la información que necesitan para participar de forma "
            "informada."
        ),
        RECORDS,
        _("Cada consulta del ejercicio publica su descripción y sus ejes."),
        _approach(3, CO_CREATION_URL),
    ),
    Definition(
        "PART-2",
        3,
        "",
        _("Canales diversos: en línea y presenciales"),
        _("Se combinan canales en línea y presenciales para llegar a más personas."),
        RECORDS,
        _("Una consulta en línea y al menos una mesa de trabajo presencial registradas."),
        _approach(3, CO_CREATION_URL),
    ),
    Definition(
        "PART-3",
        3,
        "",
        _("Inclusión de grupos subrepresentados"),
        _("Se busca activamente la participación de grupos poco representados o marginados."),
        ATTESTED,
        _("La coordinación enlaza la evidencia de la convocatoria dirigida a esos grupos."),
        _approach(3, CO_CREATION_URL),
    ),
    # Standard 4 ---------------------------------------------------------------------------
    Definition(
        "RESP-1",
        4,
        "4.1",
        _("Una respuesta razonada a cada contribución"),
        _(
            "Se documenta y se publica cómo se tomaron en cuenta los aportes al elaborar el "
            "plan, con las razones de lo que no se incorporó."
        ),
        EITHER,
        _(
            "Cada propuesta visible de las consultas del ejercicio tiene su respuesta pública, "
            "y las no incorporadas dicen por qué; sin consultas en la plataforma, la "
            "coordinación lo atestigua."
        ),
        _minimum("4.1", REASONED_RESPONSE_URL),
    ),
    Definition(
        "COCR-1",
        4,
        "",
        _("Los compromisos se cocrean en mesas con gobierno y sociedad civil"),
        _("Gobierno y actores no gubernamentales dialogan y redactan juntos los compromisos."),
        RECORDS,
        _(
            "Mesas de trabajo registradas de las consultas del ejercicio: cada una con "
            "asistencia de gobierno y de sociedad civil."
        ),
        _approach(4, CO_CREATION_URL),
    ),
    Definition(
        "COCR-2",
        4,
        "",
        _("Trazabilidad de cada propuesta incorporada"),
        _(
            "Se puede seguir cada aporte hasta la decisión tomada: qué compromiso lo recoge o "
            "en qué problemática se agrupó."
        ),
        RECORDS,
        _("Las propuestas incorporadas enlazan su compromiso y las agrupadas su problemática."),
        _approach(4, REASONED_RESPONSE_URL),
    ),
    Definition(
        "COCR-3",
        4,
        "",
        _("El plan final se acuerda en el foro"),
        _("La versión final del plan se acuerda en el espacio de diálogo multiactor."),
        ATTESTED,
        _("La coordinación enlaza el acta o el acuerdo que aprobó el plan."),
        _approach(4, CO_CREATION_URL),
    ),
    # Standard 5 ---------------------------------------------------------------------------
    Definition(
        "IMPL-1",
        5,
        "5.1",
        _("Reuniones con la sociedad civil durante la implementación"),
        _(
            "Durante la implementación se realizan al menos dos reuniones con la sociedad "
            "civil para presentar los resultados y recibir sus comentarios."
        ),
        RECORDS,
        _(
            "Sesiones de los secretariados dentro del periodo del plan en implementación con "
            "asistencia de sociedad civil registrada; hacen falta al menos dos."
        ),
        _minimum("5.1"),
    ),
    Definition(
        "IMPL-2",
        5,
        "",
        _("La sociedad civil revisa los reportes de avance"),
        _(
            "Los actores no gubernamentales dan seguimiento a la implementación y pueden "
            "opinar sobre el avance reportado."
        ),
        RECORDS,
        _("Cada reporte de avance vigente tiene una validación o un cuestionamiento."),
        _approach(5),
    ),
    Definition(
        "IMPL-3",
        5,
        "",
        _("Las instituciones responden los cuestionamientos"),
        _("Las observaciones de la sociedad civil durante la implementación reciben respuesta."),
        RECORDS,
        _(
            "Ningún cuestionamiento a un reporte de avance sigue sin la respuesta de la institución."
        ),
        _approach(5),
    ),
    Definition(
        "IMPL-4",
        5,
        "",
        _("Informe de fin de periodo publicado"),
        _("Al terminar el plan se publica un informe sobre sus resultados y su proceso."),
        ATTESTED,
        _("La coordinación enlaza el informe de autoevaluación o de fin de periodo."),
        _approach(5),
    ),
)

BY_CODE = {d.code: d for d in DEFINITIONS}
