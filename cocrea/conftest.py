"""Fixtures shared by every app's tests: one account per role, and a PDF to upload."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections

from cocrea.core.models import User
from cocrea.core.tests.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)
from cocrea.core.tests.helpers import rolled_back_at_the_end
from cocrea.exercises.models import Exercise, ExerciseRole
from cocrea.exercises.tests.factories import ExerciseFactory, ExerciseMembershipFactory


@pytest.fixture(scope="session", autouse=True)
def _close_replica_pool(django_db_setup, django_db_blocker):
    """The replica alias is a second pool on the test database; it must let go of its
    connections before the database is dropped."""
    yield
    if "replica" in connections and hasattr(connections["replica"], "close_pool"):
        with django_db_blocker.unblock():
            connections["replica"].close_pool()


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server"})


@pytest.fixture(autouse=True)
def _clear_cache(request: pytest.FixtureRequest) -> None:
    """Rate limits live in the cache; one test's attempts must not block the next. Without
    Redis they count in a database table (as in production), emptied only for a test that may
    use the database; a test that may not cannot count anything there."""
    for alias, config in settings.CACHES.items():
        if config["BACKEND"].endswith("SplitCache"):
            continue  # its parts are aliases of their own
        if config["BACKEND"].endswith("DatabaseCache"):
            if not (
                request.node.get_closest_marker("django_db")
                or DATABASE_FIXTURES & set(request.fixturenames)
            ):
                continue
            request.getfixturevalue("db")
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing strength is not under test; the fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The queue's worker sends through the same test outbox as everything else.
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The demo data (`load_demo`), loaded once for all the tests of a module that ask for it,
    instead of once per test. Only for non-transactional tests (`django_db` without
    transaction=True): a transactional test would empty the tables under it."""
    yield from rolled_back_at_the_end(
        django_db_blocker,
        tmp_path_factory.mktemp("demo-media"),
        lambda: call_command("load_demo", verbosity=0),
    )


@dataclass
class Roles:
    exercise: Exercise
    participant: User
    other_liaison: User
    liaison: User
    other_coordinator: User
    secretariat: User
    coordinator: User
    admin: User


@pytest.fixture
def roles(db) -> Roles:
    """An exercise and one account for each role the permission tests go through."""
    exercise = ExerciseFactory(slug="jalisco-prueba")
    other = ExerciseFactory(slug="otro-ejercicio")
    own_org, other_org = OrganizationFactory(), OrganizationFactory()
    return Roles(
        exercise=exercise,
        participant=UserFactory(),
        other_liaison=OrganizationMembershipFactory(organization=other_org).user,
        liaison=OrganizationMembershipFactory(organization=own_org).user,
        other_coordinator=ExerciseMembershipFactory(exercise=other).user,
        secretariat=ExerciseMembershipFactory(
            exercise=exercise, role=ExerciseRole.SECRETARIAT
        ).user,
        coordinator=ExerciseMembershipFactory(exercise=exercise).user,
        admin=UserFactory(is_superuser=True, is_staff=True),
    )
