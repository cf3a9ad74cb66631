"""The demo's example process: the Congreso del Estado de Jalisco's, the evidence of the first
commitment of Jalisco's 2nd local plan, labelled as example data, and loaded twice the same.

One test loads the demo (the lower loaders take a few seconds) and checks it all."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client

from cocrea.core import demo as core_demo
from cocrea.exercises import demo as exercises_demo
from cocrea.lawmaking import demo
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    LegislativeProcess,
    QuestionKind,
    TextUnit,
    paragraphs_of,
)
from cocrea.lawmaking.plan_links import processes_for_commitment
from cocrea.plans import demo as plans_demo
from cocrea.plans.models import ActionPlan, Milestone

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, object]:
    """Every lawmaking table's rows and history, the example milestone's and the plan's
    version (a change would throw away the plan's cached pages)."""
    counts: dict[str, object] = {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("lawmaking").get_models()
    }
    counts["milestone history"] = Milestone.history.count()
    counts["plan version"] = ActionPlan.objects.get(exercise__slug="jalisco").content_version
    counts["supports"] = list(Contribution.objects.order_by("pk").values_list("support_count"))
    return counts


def _check_process(process: LegislativeProcess) -> None:
    assert process.is_example and process.exercise is not None
    assert process.exercise.slug == "jalisco"
    assert process.congress.name == "Congreso del Estado de Jalisco"
    assert process.title.startswith("Iniciativa de ejemplo")
    assert process.kind == "reform" and process.law_name
    assert "dato de ejemplo" in process.committee
    assert list(process.phases.values_list("kind", flat=True)) == [
        "information",
        "debate",
        "contributions",
        "review",
        "dictamen",
        "result",
    ]


def _check_text(process: LegislativeProcess) -> None:
    law, initiative, second = process.versions.order_by("number")
    assert (law.number, law.label) == (0, "Texto vigente") and law.units.count() == 4
    kinds = list(initiative.units.values_list("kind", flat=True))
    assert kinds.count("articulo") == 6 and kinds.count("transitorio") == 2
    assert kinds[:3] == ["exposicion", "titulo", "capitulo"]
    assert all(v.published_at for v in (law, initiative, second))
    before = dict(initiative.units.values_list("key", "body"))
    after = dict(second.units.values_list("key", "body"))
    assert {key for key in before if before[key] != after[key]} == {"articulo-3", "articulo-5"}


def _check_contributions(process: LegislativeProcess) -> None:
    contributions = Contribution.objects.filter(process=process).select_related("unit", "author")
    statuses = sorted(contributions.values_list("status", flat=True))
    assert statuses == sorted(
        [
            AnswerStatus.INCORPORATED,
            AnswerStatus.PARTLY,
            AnswerStatus.NOT_INCORPORATED,
            AnswerStatus.PENDING,
        ]
    )
    for contribution in contributions:
        assert contribution.is_example and contribution.unit.version.number == 1
        assert contribution.author is not None and contribution.paragraph is not None
        assert contribution.author.public_name.startswith("Participante de ejemplo")
        quoted = paragraphs_of(contribution.unit.body)[contribution.paragraph - 1]
        assert contribution.quote in quoted  # a passage that is really there
        taken_in = contribution.status in (AnswerStatus.INCORPORATED, AnswerStatus.PARTLY)
        assert (contribution.incorporated_in is not None) == taken_in
        assert bool(contribution.answer) == (contribution.status != AnswerStatus.PENDING)
        assert contribution.support_count == contribution.supports.count()
    assert contributions.get(status=AnswerStatus.INCORPORATED).support_count >= 5
    closed, open_ = process.questions.order_by("position")
    assert closed.kind == QuestionKind.CLOSED and closed.options.count() == 3
    assert sum(o.answer_count for o in closed.options.all()) == closed.answers.count() > 0
    assert open_.kind == QuestionKind.OPEN and open_.answers.exclude(text="").exists()


def _check_commitment_page(process: LegislativeProcess) -> None:
    milestone = process.milestone
    assert milestone is not None and milestone.is_example
    commitment = milestone.commitment
    assert (commitment.plan.number, commitment.number) == (2, 1)
    [row] = processes_for_commitment(commitment=commitment)
    assert row.phase == "Aportaciones al texto"
    assert (row.contributions, row.answered, row.incorporated, row.partly) == (4, 3, 1, 1)
    assert row.versions == 2
    cache.clear()
    body = Client().get(commitment.get_absolute_url()).content.decode()
    assert f'href="{process.get_absolute_url()}"' in body
    assert "Evidencia: proceso legislativo" in body and "dato de ejemplo" in body


def test_the_example_process_loads_twice_the_same_and_shows_on_its_commitment():
    core_demo.load()
    exercises_demo.load()
    plans_demo.load()
    first = demo.load()
    before = _snapshot()
    assert demo.load() == first == {"legislative_processes": 1, "legislative_contributions": 4}
    assert _snapshot() == before
    process = LegislativeProcess.objects.select_related("congress", "exercise").get(slug=demo.SLUG)
    _check_process(process)
    _check_text(process)
    _check_contributions(process)
    _check_commitment_page(process)
    assert not TextUnit.objects.filter(body__contains="<").exists()  # plain text, no HTML


def test_without_the_plans_demo_it_loads_nothing():
    assert demo.load() == {}
