"""The OGP Participation and Co-Creation Standards (2022) checklist of an exercise.

Computed from the platform's own records where it can be; otherwise attested by the
coordinator with a link. Every item says what it rests on.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocrea.exercises.models import Exercise, SeatSector, SecretariatSession
from cocrea.monitoring.models import StandardAttestation
from cocrea.participation.models import Proposal, ProposalStatus
from cocrea.plans.models import PlanDocument

SIX_MONTHS = 183


@dataclass
class Item:
    code: str
    title: object
    status: str  # "met", "not_met", "attested", "pending"
    evidence: list[str] = field(default_factory=list)
    attestable: bool = False
    url: str = ""


ITEMS = {
    "FORO-1": gettext_lazy("Un foro multiactor con gobierno y sociedad civil"),
    "FORO-2": gettext_lazy("El foro se reúne al menos cada seis meses"),
    "FORO-3": gettext_lazy("Las reglas del foro son públicas"),
    "WEB-1": gettext_lazy("Un sitio web público del proceso"),
    "REPO-1": gettext_lazy("Un repositorio de documentos actualizado al menos dos veces al año"),
    "RESP-1": gettext_lazy("Una respuesta razonada a cada contribución"),
}
ATTESTABLE = {"RESP-1"}


def _forum(exercise: Exercise) -> Item:
    sectors = set(
        exercise.secretariats.filter(is_active=True, members__ceased_on__isnull=True).values_list(
            "members__sector", flat=True
        )
    )
    has_both = SeatSector.GOVERNMENT in sectors and SeatSector.CIVIL_SOCIETY in sectors
    shown = sorted(str(SeatSector(s).label) for s in sectors if s)
    return Item(
        "FORO-1",
        ITEMS["FORO-1"],
        "met" if has_both else "not_met",
        [_("Sectores en funciones: %s") % (", ".join(shown) or "—")],
    )


def _meetings(exercise: Exercise, today: dt.date) -> Item:
    dates = list(
        SecretariatSession.objects.filter(secretariat__exercise=exercise)
        .order_by("held_on")
        .values_list("held_on", flat=True)
    )
    if not dates:
        return Item("FORO-2", ITEMS["FORO-2"], "not_met", [_("No hay sesiones registradas.")])
    gaps = [(b - a).days for a, b in zip(dates, [*dates[1:], today], strict=True)]
    longest = max(gaps)
    evidence = [
        _("%(n)s sesiones; la más reciente el %(last)s; el mayor intervalo, %(gap)s días.")
        % {"n": len(dates), "last": dates[-1].isoformat(), "gap": longest}
    ]
    return Item("FORO-2", ITEMS["FORO-2"], "met" if longest <= SIX_MONTHS else "not_met", evidence)


def _rules(exercise: Exercise) -> Item:
    urls = [
        u
        for u in exercise.secretariats.filter(is_active=True).values_list("rules_url", flat=True)
        if u
    ]
    return Item(
        "FORO-3",
        ITEMS["FORO-3"],
        "met" if urls else "not_met",
        urls or [_("Sin enlace a las reglas.")],
    )


def _repository(exercise: Exercise, today: dt.date) -> Item:
    since = today - dt.timedelta(days=365)
    minutes = SecretariatSession.objects.filter(
        secretariat__exercise=exercise, held_on__gte=since
    ).exclude(minutes="")
    documents = PlanDocument.objects.filter(plan__exercise=exercise, published_on__gte=since)
    published = {
        *minutes.values_list("held_on", flat=True),
        *documents.values_list("published_on", flat=True),
    }
    dates = sorted(d for d in published if d is not None)
    evidence = [
        _("Publicaciones en los últimos 12 meses: %s")
        % (", ".join(d.isoformat() for d in dates) or "—")
    ]
    return Item("REPO-1", ITEMS["REPO-1"], "met" if len(dates) >= 2 else "not_met", evidence)


def _responses(exercise: Exercise, attestations: dict[str, StandardAttestation]) -> Item:
    """Computed once the exercise has consultations: every visible proposal has its answer."""
    proposals = Proposal.objects.filter(consultation__exercise=exercise, is_hidden=False)
    total = proposals.count()
    if not total:
        return _attestable("RESP-1", attestations)
    pending = proposals.filter(status=ProposalStatus.UNDER_REVIEW).count()
    unexplained = proposals.filter(status=ProposalStatus.NOT_TAKEN, response="").count()
    evidence = [
        _("%(done)s de %(total)s propuestas con respuesta pública.")
        % {"done": total - pending, "total": total}
    ]
    if unexplained:
        evidence.append(_("%s sin incorporar no explican el motivo.") % unexplained)
    met = not pending and not unexplained
    return Item("RESP-1", ITEMS["RESP-1"], "met" if met else "not_met", evidence)


def _attestable(code: str, attestations: dict[str, StandardAttestation]) -> Item:
    found = attestations.get(code)
    if found is None:
        return Item(
            code,
            ITEMS[code],
            "pending",
            [_("La plataforma aún no lo calcula: la coordinación lo atestigua con un enlace.")],
            attestable=True,
        )
    note = [found.note] if found.note else []
    return Item(
        code,
        ITEMS[code],
        "attested",
        [_("Atestiguado el %s") % found.attested_on.isoformat(), *note],
        True,
        found.url,
    )


def checklist(exercise: Exercise, today: dt.date | None = None) -> list[Item]:
    today = today or timezone.localdate()
    attestations = {a.item: a for a in StandardAttestation.objects.filter(exercise=exercise)}
    web = Item(
        "WEB-1",
        ITEMS["WEB-1"],
        "met",
        [_("Este sitio: la página pública del ejercicio.")],
        url=exercise.website,
    )
    return [
        _forum(exercise),
        _meetings(exercise, today),
        _rules(exercise),
        web,
        _repository(exercise, today),
        _responses(exercise, attestations),
    ]
