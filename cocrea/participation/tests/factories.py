import datetime as dt

import factory
from django.utils import timezone

from cocrea.exercises.tests.factories import ExerciseFactory
from cocrea.participation.models import Consultation


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation open since yesterday and for ten more days."""

    class Meta:
        model = Consultation

    exercise = factory.SubFactory(ExerciseFactory)
    title = factory.Sequence(lambda n: f"Consulta {n}")
    slug = factory.Sequence(lambda n: f"consulta-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
