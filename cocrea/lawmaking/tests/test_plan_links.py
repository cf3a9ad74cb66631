"""A commitment's legislative processes with their figures, in one query however many."""

import datetime as dt

import pytest
from django.utils import timezone

from cocrea.lawmaking.models import AnswerStatus, PhaseKind
from cocrea.lawmaking.plan_links import by_milestone, processes_for_commitment
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    PhaseFactory,
    ProcessFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _answered(unit, status, **fields):
    return ContributionFactory(unit=unit, status=status, answer="Respuesta", **fields)


def test_each_process_of_the_commitment_comes_with_its_phase_and_figures():
    milestone = MilestoneFactory(number=2)
    process, first = process_with_text(articles=2, milestone=milestone, title="Ley del agua")
    VersionFactory(process=process, number=0, label="Texto vigente")  # not a version of the bill
    second = VersionFactory(process=process, number=2)
    VersionFactory(process=process, number=3, published_at=None)  # still being reviewed
    unit = first.units.get(key="articulo-1")
    ContributionFactory(unit=unit)
    _answered(unit, AnswerStatus.INCORPORATED, incorporated_in=second)
    _answered(unit, AnswerStatus.PARTLY, incorporated_in=second)
    _answered(unit, AnswerStatus.NOT_INCORPORATED)
    _answered(unit, AnswerStatus.ANSWERED, kind="comment")
    _answered(unit, AnswerStatus.INCORPORATED, is_hidden=True)  # moderated: not counted
    [row] = processes_for_commitment(commitment=milestone.commitment)
    assert (row.title, row.url, row.milestone_number) == (
        "Ley del agua",
        f"/leyes/{process.slug}/",
        2,
    )
    assert row.phase == "Aportaciones al texto"
    assert (row.contributions, row.answered, row.incorporated, row.partly) == (5, 4, 1, 1)
    assert row.versions == 2
    assert by_milestone([row]) == {milestone.pk: [row]}


def test_the_phase_is_the_latest_open_one_or_none():
    milestone = MilestoneFactory()
    process = ProcessFactory(milestone=milestone)
    now = timezone.now()
    PhaseFactory(process=process, kind=PhaseKind.DEBATE, opens_at=now - dt.timedelta(days=5))
    PhaseFactory(
        process=process, kind=PhaseKind.CONTRIBUTIONS, opens_at=now - dt.timedelta(hours=1)
    )
    assert (
        processes_for_commitment(commitment=milestone.commitment)[0].phase
        == "Aportaciones al texto"
    )
    closed = ProcessFactory(milestone=MilestoneFactory())
    PhaseFactory(
        process=closed,
        kind=PhaseKind.RESULT,
        opens_at=now - dt.timedelta(days=9),
        closes_at=now - dt.timedelta(days=1),
    )
    [row] = processes_for_commitment(commitment=closed.milestone.commitment)
    assert row.phase == "" and (row.contributions, row.versions) == (0, 0)


def test_only_the_commitments_processes_in_the_order_of_their_milestones():
    commitment = CommitmentFactory()
    late, early = (
        MilestoneFactory(commitment=commitment, number=5),
        MilestoneFactory(commitment=commitment, number=1),
    )
    ProcessFactory(milestone=late, title="B")
    ProcessFactory(milestone=early, title="A")
    ProcessFactory(milestone=MilestoneFactory(), title="Otro compromiso")
    ProcessFactory(title="Sin hito")
    rows = processes_for_commitment(commitment=commitment)
    assert [(r.title, r.milestone_number) for r in rows] == [("A", 1), ("B", 5)]
    assert processes_for_commitment(commitment=CommitmentFactory()) == []


@pytest.mark.parametrize("n", [1, 6])
def test_one_query_however_many_processes(django_assert_num_queries, n):
    commitment = CommitmentFactory()
    for i in range(n):
        _process, version = process_with_text(
            articles=1, milestone=MilestoneFactory(commitment=commitment)
        )
        ContributionFactory(unit=UnitFactory(version=version, position=10 + i))
    with django_assert_num_queries(1):
        rows = processes_for_commitment(commitment=commitment)
    assert len(rows) == n and all(r.contributions == 1 and r.versions == 1 for r in rows)
