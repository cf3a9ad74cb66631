"""Dashboard figures for the nation, an exercise, a plan or an institution, as charts.

Each chart is one aggregate query over the commitments in scope.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.charts import Chart
from cocrea.core.models import Organization, Sector
from cocrea.exercises.models import SecretariatMember
from cocrea.exercises.selectors import national_picture
from cocrea.monitoring.selectors import with_flags
from cocrea.plans.models import ActionPlan, Commitment, Milestone, PlanStatus
from cocrea.plans.statistics import commitment_statistics

BUCKETS = [
    ("0 %", Q(progress=0)),
    ("1–25 %", Q(progress__gt=0, progress__lte=25)),
    ("26–50 %", Q(progress__gt=25, progress__lte=50)),
    ("51–75 %", Q(progress__gt=50, progress__lte=75)),
    ("76–99 %", Q(progress__gt=75, progress__lt=100)),
    ("100 %", Q(progress=100)),
]


def _late() -> Exists:
    return Exists(
        Milestone.objects.filter(
            commitment=OuterRef("pk"), end_on__lt=timezone.localdate()
        ).exclude(status__in=["completed", "cancelled"])
    )


def _counts(commitments: QuerySet[Commitment]) -> dict[str, int]:
    flagged = with_flags(commitments).annotate(is_late=_late())
    return flagged.aggregate(
        total=Count("id"),
        late=Count("id", filter=Q(is_late=True)),
        stale=Count("id", filter=Q(is_stale=True)),
        inconsistent=Count("id", filter=Q(is_inconsistent=True)),
        **{f"b{i}": Count("id", filter=q) for i, (_label, q) in enumerate(BUCKETS)},
    )


def commitment_charts(commitments: QuerySet[Commitment]) -> list[Chart]:
    counts = _counts(commitments)
    stats = commitment_statistics(commitments)
    total, late, stale = counts["total"], counts["late"], counts["stale"]
    situation = _("Situación")
    return [
        _counted(
            "avance",
            _("Distribución del avance"),
            [(label, counts[f"b{i}"]) for i, (label, _q) in enumerate(BUCKETS)],
            _("Avance"),
        ),
        _counted(
            "a-tiempo",
            _("A tiempo y con retraso"),
            [(_("A tiempo"), total - late), (_("Con algún hito vencido"), late)],
            situation,
        ),
        _counted(
            "informacion",
            _("Información e inconsistencias"),
            [
                (_("Información actualizada"), total - stale),
                (_("Desactualizada"), stale),
                (_("Con inconsistencias"), counts["inconsistent"]),
            ],
            situation,
        ),
        _counted(
            "pilares",
            _("Por pilar"),
            [(s.label, s.count) for s in stats.by_pillar],
            _("Pilar"),
            note=_(
                "Un compromiso cuenta en cada pilar que atiende: los totales pueden sumar más que el número de compromisos."
            ),
        ),
        _counted(
            "tematicas",
            _("Por temática"),
            [(s.label, s.count) for s in stats.by_theme][:20],
            _("Temática"),
        ),
    ]


def _counted(
    key: str, title: str, rows: list[tuple[str, int]], dimension: str, note: str = ""
) -> Chart:
    """A chart that counts commitments along one `dimension`."""
    return Chart(key, title, rows, note=note, columns=(dimension, _("Compromisos")))


@dataclass(frozen=True)
class NationalFigures:
    states_with_exercise: int
    secretariats_installed: int
    plans: int
    commitments: int
    civil_society_orgs: int
    authorities: int
    guarantors: int


def _taking_part(sector_filter: Q) -> int:
    """Organizations of these sectors that sit in a secretariat or lead or support a commitment."""
    seated = SecretariatMember.objects.filter(organization=OuterRef("pk"))
    leading = Commitment.objects.filter(lead_institution=OuterRef("pk"), is_published=True)
    supporting = Commitment.supporting_institutions.through.objects.filter(
        organization=OuterRef("pk")
    )
    return (
        Organization.objects.filter(sector_filter)
        .filter(Exists(seated) | Exists(leading) | Exists(supporting))
        .count()
    )


def national_figures() -> NationalFigures:
    """The figures of the programme's 2020 cut, computed from the platform's own records."""
    picture = national_picture()
    return NationalFigures(
        states_with_exercise=picture.with_exercise,
        secretariats_installed=picture.with_secretariat,
        plans=ActionPlan.objects.exclude(status=PlanStatus.DRAFT).count(),
        commitments=Commitment.objects.filter(is_published=True)
        .exclude(plan__status=PlanStatus.DRAFT)
        .count(),
        civil_society_orgs=_taking_part(Q(sector=Sector.CIVIL_SOCIETY)),
        authorities=_taking_part(Q(sector__in=Sector.government())),
        guarantors=_taking_part(Q(sector=Sector.GUARANTOR)),
    )
