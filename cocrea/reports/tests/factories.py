import factory

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.reports.calendar import state_of
from cocrea.reports.models import Category, CategoryAttribute, Datatype


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    code = factory.Sequence(lambda n: f"bache-{n}")
    name = factory.Sequence(lambda n: f"Bache {n}")
    group = "Vía pública"
    institution = factory.SubFactory(OrganizationFactory)
    # The institution's state list, as migration 0007 placed the existing categories.
    territory = factory.LazyAttribute(lambda category: state_of(category.institution.territory))
    response_days = 5


class AttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryAttribute

    category = factory.SubFactory(CategoryFactory)
    code = "tamano"
    datatype = Datatype.SINGLE
    required = True
    description = "¿De qué tamaño es?"
    values = [{"key": "chico", "name": "Chico"}, {"key": "grande", "name": "Grande"}]
