import factory
from allauth.account.models import EmailAddress

from cocrea.core.models import (
    Organization,
    OrganizationMembership,
    OrganizationRole,
    Sector,
    Territory,
    User,
)

PASSWORD = "una-contraseña-larga-de-prueba"


def state(inegi_code: str = "14") -> Territory:
    return Territory.objects.get(inegi_code=inegi_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    username = factory.LazyAttribute(lambda u: u.email)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Accounts are verified unless `verified=False` is passed."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organización {n}")
    slug = factory.Sequence(lambda n: f"organizacion-{n}")
    sector = Sector.GOVERNMENT_AGENCY
    territory = factory.LazyFunction(state)


class OrganizationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMembership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = OrganizationRole.LIAISON
