"""The OGP Participation and Co-Creation Standards (2022) checklist of an exercise.

Every minimum requirement and the other items of the five standards (`standards_catalogue`, with
the OGP text each one rests on). Each is computed from the platform's own records where it can
be (`standards_records` reads them, in a fixed number of queries whatever the exercise's size);
otherwise the coordination attests it with a link to the evidence (`StandardAttestation`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocrea.exercises.models import Exercise, SeatSector
from cocrea.monitoring.models import StandardAttestation
from cocrea.monitoring.standards_catalogue import (
    BY_CODE,
    DEFINITIONS,
    IRM_URL,
    STANDARDS,
    STANDARDS_URL,
    STANDARDS_URL_ES,
    Basis,
    Definition,
    Source,
    Standard,
)
from cocrea.monitoring.standards_records import Records, records_of

SIX_MONTHS = 183  # "at least every six months" (minimum requirement 1.1)
NOTICE_DAYS = 14  # "at least two weeks" before co-creation starts (minimum requirement 3.1)
OPEN_DAYS = 14  # the platform's reading of "an appropriate period" (minimum requirement 3.3)
MEETINGS_DURING_IMPLEMENTATION = 2  # minimum requirement 5.1

MET, NOT_MET, ATTESTED, PENDING, NOT_YET = "met", "not_met", "attested", "pending", "not_yet"
STATUS_LABELS = {
    MET: gettext_lazy("Cumple"),
    NOT_MET: gettext_lazy("No cumple"),
    ATTESTED: gettext_lazy("Atestiguado"),
    PENDING: gettext_lazy("Pendiente de atestiguar"),
    NOT_YET: gettext_lazy("Aún no corresponde"),
}
PAGE_SOURCES = {"standards": STANDARDS_URL, "standards_es": STANDARDS_URL_ES, "irm": IRM_URL}
ITEMS = {d.code: d.title for d in DEFINITIONS}
ATTESTABLE = {d.code for d in DEFINITIONS if d.basis in (Basis.ATTESTED, Basis.RECORDS_OR_ATTESTED)}


@dataclass
class Item:
    code: str
    title: object
    status: str  # met, not_met, attested, pending (to attest) or not_yet (its stage not reached)
    evidence: list[str] = field(default_factory=list)
    attestable: bool = False
    url: str = ""

    @property
    def definition(self) -> Definition:
        return BY_CODE[self.code]

    @property
    def requirement(self) -> str:
        return self.definition.requirement

    @property
    def source(self) -> Source:
        return self.definition.source

    @property
    def is_ok(self) -> bool:
        return self.status in (MET, ATTESTED)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def basis_label(self) -> str:
        basis = self.definition.basis
        if basis == Basis.ATTESTED:
            return _("Lo atestigua la coordinación con evidencia")
        if basis == Basis.PLATFORM:
            return _("Lo cumple la plataforma")
        if basis == Basis.RECORDS_OR_ATTESTED:
            return _("Se calcula con los registros; sin ellos, lo atestigua la coordinación")
        return _("Se calcula con los registros de la plataforma")


@dataclass(frozen=True)
class Part:
    heading: Promise
    items: list[Item]


@dataclass(frozen=True)
class Group:
    """One standard on the page: its minimum requirements, then its other items."""

    standard: Standard
    minimum: list[Item]
    others: list[Item]

    @property
    def parts(self) -> list[Part]:
        parts = [
            Part(gettext_lazy("Requisitos mínimos"), self.minimum),
            Part(gettext_lazy("Otras prácticas del estándar (más allá del mínimo)"), self.others),
        ]
        return [p for p in parts if p.items]


@dataclass(frozen=True)
class Requirement:
    number: str
    met: bool


def _item(code: str, status: str, evidence: list[str], url: str = "") -> Item:
    return Item(code, ITEMS[code], status, evidence, code in ATTESTABLE, url)


def _met(ok: bool) -> str:
    return MET if ok else NOT_MET


def _dates(values: list[dt.date]) -> str:
    return ", ".join(d.isoformat() for d in values) or "—"


# Standard 1 -------------------------------------------------------------------------------


def _forum(r: Records) -> Item:
    sectors = {s for s, n in r.members_by_sector.items() if n}
    has_both = SeatSector.GOVERNMENT in sectors and SeatSector.CIVIL_SOCIETY in sectors
    shown = sorted(str(SeatSector(s).label) for s in sectors)
    evidence = [_("Sectores en funciones: %s") % (", ".join(shown) or "—")]
    return _item("FORO-1", _met(has_both), evidence)


def _meetings(r: Records) -> Item:
    dates = sorted(s.held_on for s in r.sessions)
    if not dates:
        return _item("FORO-2", NOT_MET, [_("No hay sesiones registradas.")])
    gaps = [(b - a).days for a, b in zip(dates, [*dates[1:], r.today], strict=True)]
    longest = max(gaps)
    evidence = [
        ngettext(
            "%(n)s sesión; la más reciente el %(last)s; el mayor intervalo, %(gap)s días.",
            "%(n)s sesiones; la más reciente el %(last)s; el mayor intervalo, %(gap)s días.",
            len(dates),
        )
        % {"n": len(dates), "last": dates[-1].isoformat(), "gap": longest}
    ]
    return _item("FORO-2", _met(longest <= SIX_MONTHS), evidence)


def _rules(r: Records) -> Item:
    """The first link is the item's; more than one secretariat may publish its rules."""
    urls = r.rules_urls
    if not urls:
        return _item("FORO-3", NOT_MET, [_("Sin enlace a las reglas.")])
    evidence = [_("Reglas de operación publicadas por %s secretariado(s).") % len(urls)]
    return _item("FORO-3", MET, evidence, url=urls[0])


def _balance(r: Records) -> Item:
    government = r.members_by_sector.get(SeatSector.GOVERNMENT, 0)
    civil = r.members_by_sector.get(SeatSector.CIVIL_SOCIETY, 0)
    evidence = [
        _("Sector público: %(gov)s; sociedad civil: %(civil)s.")
        % {"gov": government, "civil": civil}
    ]
    return _item("FORO-4", _met(civil > 0 and civil >= government), evidence)


def _recent_sessions(r: Records) -> list[int]:
    since = r.today - dt.timedelta(days=365)
    return [s.id for s in r.sessions if s.held_on >= since]


def _minutes(r: Records) -> Item:
    recent = _recent_sessions(r)
    if not recent:
        return _item("FORO-5", NOT_MET, [_("No hay sesiones en los últimos 12 meses.")])
    ids = set(recent)
    with_minutes = sum(1 for s in r.sessions if s.id in ids and s.has_minutes)
    evidence = [
        ngettext(
            "%(done)s de %(total)s sesión de los últimos 12 meses con acta publicada.",
            "%(done)s de %(total)s sesiones de los últimos 12 meses con acta publicada.",
            len(recent),
        )
        % {"done": with_minutes, "total": len(recent)}
    ]
    return _item("FORO-5", _met(with_minutes == len(recent)), evidence)


def _attendance(r: Records) -> Item:
    recent = _recent_sessions(r)
    if not recent:
        return _item("FORO-6", NOT_MET, [_("No hay sesiones en los últimos 12 meses.")])
    both = {SeatSector.GOVERNMENT, SeatSector.CIVIL_SOCIETY}
    with_both = sum(1 for s in recent if both <= r.attendance.get(s, set()))
    evidence = [
        ngettext(
            "%(done)s de %(total)s sesión de los últimos 12 meses con ambos sectores presentes.",
            "%(done)s de %(total)s sesiones de los últimos 12 meses con ambos sectores presentes.",
            len(recent),
        )
        % {"done": with_both, "total": len(recent)}
    ]
    return _item("FORO-6", _met(with_both == len(recent)), evidence)


# Standard 2 -------------------------------------------------------------------------------


def _website(exercise: Exercise) -> Item:
    return _item(
        "WEB-1", MET, [_("Este sitio: la página pública del ejercicio.")], url=exercise.website
    )


def _repository(r: Records) -> Item:
    since = r.today - dt.timedelta(days=365)
    published = {s.held_on for s in r.sessions if s.has_minutes and s.held_on >= since}
    published |= {d for d in r.document_dates if d >= since}
    dates = sorted(published)
    evidence = [_("Publicaciones en los últimos 12 meses: %s") % _dates(dates)]
    return _item("REPO-1", _met(len(dates) >= 2), evidence)


def _not_implementing(code: str) -> Item:
    return _item(code, NOT_YET, [_("Aún no hay un plan en implementación.")])


def _timely(r: Records, stale_after: int) -> Item:
    if r.implementing is None:
        return _not_implementing("INFO-1")
    lasts = r.last_report_by_commitment
    if not lasts:
        return _item(
            "INFO-1", NOT_MET, [_("El plan en implementación no tiene compromisos publicados.")]
        )
    fresh = sum(1 for last in lasts if last and (r.today - last).days <= stale_after)
    evidence = [
        ngettext(
            "%(fresh)s de %(total)s compromiso con un reporte de avance en los últimos %(days)s días (%(plan)s).",
            "%(fresh)s de %(total)s compromisos con un reporte de avance en los últimos %(days)s días (%(plan)s).",
            len(lasts),
        )
        % {"fresh": fresh, "total": len(lasts), "days": stale_after, "plan": r.implementing.name}
    ]
    return _item("INFO-1", _met(fresh == len(lasts)), evidence)


def _evidence(r: Records) -> Item:
    if r.implementing is None:
        return _not_implementing("INFO-2")
    evidence = [
        _("Hitos cumplidos sin evidencia (HIT-01) en la última revisión: %s.")
        % r.done_without_evidence
    ]
    return _item("INFO-2", _met(r.done_without_evidence == 0), evidence)


# Standard 3 -------------------------------------------------------------------------------


def _attestable(code: str, attestations: dict[str, StandardAttestation], lead: str = "") -> Item:
    found = attestations.get(code)
    before = [lead] if lead else []
    if found is None:
        return _item(
            code,
            PENDING,
            [
                *before,
                _("La plataforma no lo calcula: la coordinación lo atestigua con un enlace."),
            ],
        )
    note = [found.note] if found.note else []
    return _item(
        code,
        ATTESTED,
        [*before, _("Atestiguado el %s") % found.attested_on.isoformat(), *note],
        found.url,
    )


def _notice(r: Records, attestations: dict[str, StandardAttestation]) -> Item:
    """Computed once the current plan's timeline and the co-creation's start are on record."""
    notice = r.notice
    if notice is None or notice.published_on is None or notice.starts_on is None:
        return _attestable(
            "AVISO-1",
            attestations,
            _("Sin calendario con fechas ni inicio de la cocreación registrados en la plataforma."),
        )
    days = (notice.starts_on - notice.published_on).days
    evidence = [
        ngettext(
            "%(plan)s: calendario público desde el %(published)s; la cocreación empezó el "
            "%(start)s (%(days)s día de anticipación).",
            "%(plan)s: calendario público desde el %(published)s; la cocreación empezó el "
            "%(start)s (%(days)s días de anticipación).",
            days,
        )
        % {
            "plan": notice.plan,
            "published": notice.published_on.isoformat(),
            "start": notice.starts_on.isoformat(),
            "days": days,
        }
    ]
    return _item("AVISO-1", _met(days >= NOTICE_DAYS), evidence)


def _inputs(r: Records) -> Item:
    opened = [c for c in r.consultations if c.opens_on <= r.today]
    if not opened:
        return _item("APORT-1", NOT_MET, [_("Ninguna consulta pública ha abierto todavía.")])
    longest = max(opened, key=lambda c: c.days_open)
    evidence = [
        ngettext(
            "«%(title)s»: abierta del %(opens)s al %(closes)s (%(days)s días); %(n)s propuesta visible en el ejercicio.",
            "«%(title)s»: abierta del %(opens)s al %(closes)s (%(days)s días); %(n)s propuestas visibles en el ejercicio.",
            r.proposals.total,
        )
        % {
            "title": longest.title,
            "opens": longest.opens_on.isoformat(),
            "closes": longest.closes_on.isoformat(),
            "days": longest.days_open,
            "n": r.proposals.total,
        }
    ]
    return _item("APORT-1", _met(longest.days_open >= OPEN_DAYS), evidence)


def _informed(r: Records) -> Item:
    if not r.consultations:
        return _item("PART-1", NOT_MET, [_("No hay consultas registradas.")])
    bare = [c.title for c in r.consultations if not c.has_description or not c.axes]
    evidence = [
        _("%(done)s de %(total)s consultas con descripción y ejes.")
        % {"done": len(r.consultations) - len(bare), "total": len(r.consultations)}
    ]
    if bare:
        evidence.append(_("Sin descripción o sin ejes: %s") % ", ".join(bare))
    return _item("PART-1", _met(not bare), evidence)


def _channels(r: Records) -> Item:
    evidence = [
        _("Consultas en línea: %(online)s; mesas de trabajo presenciales: %(tables)s.")
        % {"online": len(r.consultations), "tables": r.tables.total}
    ]
    return _item("PART-2", _met(bool(r.consultations) and r.tables.total > 0), evidence)


# Standard 4 -------------------------------------------------------------------------------


def _responses(r: Records, attestations: dict[str, StandardAttestation]) -> Item:
    """Computed once the exercise has proposals: every visible proposal has its answer."""
    p = r.proposals
    if not p.total:
        return _attestable("RESP-1", attestations)
    evidence = [
        ngettext(
            "%(done)s de %(total)s propuesta con respuesta pública.",
            "%(done)s de %(total)s propuestas con respuesta pública.",
            p.total,
        )
        % {"done": p.total - p.pending, "total": p.total}
    ]
    if p.unexplained:
        evidence.append(_("%s sin incorporar no explican el motivo.") % p.unexplained)
    return _item("RESP-1", _met(not p.pending and not p.unexplained), evidence)


def _tables(r: Records) -> Item:
    t = r.tables
    if not t.total:
        return _item("COCR-1", NOT_MET, [_("No hay mesas de trabajo registradas.")])
    evidence = [
        ngettext(
            "%(both)s de %(total)s mesa de trabajo con gobierno y sociedad civil.",
            "%(both)s de %(total)s mesas de trabajo con gobierno y sociedad civil.",
            t.total,
        )
        % {"both": t.with_both, "total": t.total}
    ]
    return _item("COCR-1", _met(t.with_both == t.total), evidence)


def _traceability(r: Records) -> Item:
    p = r.proposals
    answered = p.taken + p.grouped
    if not answered:
        return _item("COCR-2", NOT_MET, [_("Ninguna propuesta incorporada ni agrupada todavía.")])
    loose = p.taken_unlinked + p.grouped_unlinked
    evidence = [
        ngettext(
            "%(linked)s de %(total)s propuesta incorporada o agrupada enlaza su compromiso o problemática.",
            "%(linked)s de %(total)s propuestas incorporadas o agrupadas enlazan su compromiso o problemática.",
            answered,
        )
        % {"linked": answered - loose, "total": answered}
    ]
    return _item("COCR-2", _met(not loose), evidence)


# Standard 5 -------------------------------------------------------------------------------


def _open_implementation(r: Records) -> Item:
    plan = r.implementing
    if plan is None:
        return _not_implementing("IMPL-1")
    if plan.period_start is None:
        return _item(
            "IMPL-1", NOT_MET, [_("%s no tiene registrado el inicio de su periodo.") % plan.name]
        )
    end = min(plan.period_end or r.today, r.today)
    during = [s for s in r.sessions if plan.period_start <= s.held_on <= end]
    with_civil = [
        s.held_on for s in during if SeatSector.CIVIL_SOCIETY in r.attendance.get(s.id, set())
    ]
    evidence = [
        ngettext(
            "%(plan)s (desde el %(start)s): %(n)s sesión, %(civil)s con sociedad civil "
            "presente: %(dates)s.",
            "%(plan)s (desde el %(start)s): %(n)s sesiones, %(civil)s con sociedad civil "
            "presente: %(dates)s.",
            len(during),
        )
        % {
            "plan": plan.name,
            "start": plan.period_start.isoformat(),
            "n": len(during),
            "civil": len(with_civil),
            "dates": _dates(sorted(with_civil)),
        }
    ]
    return _item("IMPL-1", _met(len(with_civil) >= MEETINGS_DURING_IMPLEMENTATION), evidence)


def _reviewed(r: Records) -> Item:
    if r.implementing is None and not r.reviews.reports:
        return _not_implementing("IMPL-2")
    rv = r.reviews
    if not rv.reports:
        return _item("IMPL-2", NOT_MET, [_("Aún no hay reportes de avance.")])
    evidence = [
        ngettext(
            "%(done)s de %(total)s reporte de avance vigente revisado por la sociedad civil.",
            "%(done)s de %(total)s reportes de avance vigentes revisados por la sociedad civil.",
            rv.reports,
        )
        % {"done": rv.reviewed, "total": rv.reports}
    ]
    return _item("IMPL-2", _met(rv.reviewed == rv.reports), evidence)


def _answered(r: Records) -> Item:
    rv = r.reviews
    if r.implementing is None and not rv.reports:
        return _not_implementing("IMPL-3")
    evidence = [
        _("%(open)s de %(total)s cuestionamientos sin respuesta de la institución.")
        % {"open": rv.unanswered, "total": rv.disputes}
    ]
    return _item("IMPL-3", _met(rv.unanswered == 0), evidence)


def checklist(exercise: Exercise, today: dt.date | None = None) -> list[Item]:
    """Every item of the five standards, in the catalogue's order."""
    today = today or timezone.localdate(timezone=exercise.zone)
    attestations = {a.item: a for a in StandardAttestation.objects.filter(exercise=exercise)}
    r = records_of(exercise, today)
    computed = {
        "FORO-1": _forum(r),
        "FORO-2": _meetings(r),
        "FORO-3": _rules(r),
        "FORO-4": _balance(r),
        "FORO-5": _minutes(r),
        "FORO-6": _attendance(r),
        "WEB-1": _website(exercise),
        "REPO-1": _repository(r),
        "INFO-1": _timely(r, exercise.stale_after_days),
        "INFO-2": _evidence(r),
        "AVISO-1": _notice(r, attestations),
        "APORT-1": _inputs(r),
        "PART-1": _informed(r),
        "PART-2": _channels(r),
        "RESP-1": _responses(r, attestations),
        "COCR-1": _tables(r),
        "COCR-2": _traceability(r),
        "IMPL-1": _open_implementation(r),
        "IMPL-2": _reviewed(r),
        "IMPL-3": _answered(r),
    }
    return [computed.get(d.code) or _attestable(d.code, attestations) for d in DEFINITIONS]


def grouped(items: list[Item]) -> list[Group]:
    """The items by standard, minimum requirements first."""
    return [
        Group(
            standard,
            [i for i in items if i.definition.standard == standard.number and i.requirement],
            [i for i in items if i.definition.standard == standard.number and not i.requirement],
        )
        for standard in STANDARDS
    ]


def requirements(items: list[Item]) -> list[Requirement]:
    """Each minimum requirement once: met when every item it is split into is met or attested."""
    numbers = list(dict.fromkeys(i.requirement for i in items if i.requirement))
    return [Requirement(n, all(i.is_ok for i in items if i.requirement == n)) for n in numbers]
