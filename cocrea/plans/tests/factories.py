import factory

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.exercises.tests.factories import ExerciseFactory
from cocrea.plans.models import ActionPlan, Commitment, Milestone, PlanStatus


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    exercise = factory.SubFactory(ExerciseFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Plan de Acción Local {n}")
    status = PlanStatus.IMPLEMENTATION


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Compromiso de prueba {n}")
    lead_institution = factory.SubFactory(OrganizationFactory)
    is_published = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    number = factory.Sequence(lambda n: n + 1)
    deliverable = factory.Sequence(lambda n: f"Entregable verificable {n}")
