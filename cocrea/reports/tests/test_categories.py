"""Categories, their questions and deadlines, and the days off, managed state by state from the
pages under /reportes/ (issue 14, item 4): by each exercise's coordination for the institutions
of its territory, by an institution's liaisons for their own, and by the platform admin."""

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.test import Client

from cocrea.core.models import Territory, TerritoryLevel, User
from cocrea.core.tests.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
    state,
)
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseFactory, ExerciseMembershipFactory
from cocrea.reports.calendar import add_working_days
from cocrea.reports.models import Category, CategoryAttribute, Holiday
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))
WHO = (
    "anonymous",
    "participant",
    "other_liaison",
    "liaison",
    "civil_society",
    "other_coordinator",
    "coordinator",
    "admin",
)


@pytest.fixture
def places():
    jalisco, durango = state("14"), state("10")
    guadalajara = Territory.objects.create(
        level=TerritoryLevel.MUNICIPALITY,
        name="Guadalajara",
        inegi_code="14039",
        slug="guadalajara-jal",
        parent=jalisco,
    )
    return jalisco, durango, guadalajara


@pytest.fixture
def world(places):
    """Jalisco's exercise and list, a municipal institution of Jalisco, one of Durango, and an
    account for each role the access tests go through."""
    jalisco, durango, guadalajara = places
    city = OrganizationFactory(name="Ayuntamiento de Guadalajara", territory=guadalajara)
    elsewhere = OrganizationFactory(name="Ayuntamiento de Durango", territory=durango)
    exercise = ExerciseFactory(territory=jalisco, slug="jalisco")
    other_exercise = ExerciseFactory(territory=durango, slug="durango")
    category = AttributeFactory(
        category=CategoryFactory(code="gdl-bache", name="Bache", institution=city)
    ).category
    accounts: dict[str, Callable[[], User | None]] = {
        "anonymous": lambda: None,
        "participant": UserFactory,
        "other_liaison": lambda: OrganizationMembershipFactory(organization=elsewhere).user,
        "liaison": lambda: OrganizationMembershipFactory(organization=city).user,
        "civil_society": lambda: (
            ExerciseMembershipFactory(
                exercise=exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
            ).user
        ),
        "other_coordinator": lambda: ExerciseMembershipFactory(exercise=other_exercise).user,
        "coordinator": lambda: ExerciseMembershipFactory(exercise=exercise).user,
        "admin": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    return {
        "jalisco": jalisco,
        "durango": durango,
        "city": city,
        "elsewhere": elsewhere,
        "category": category,
        "accounts": accounts,
        "exercise": exercise,
    }


def _refused(response, who):
    if who == "anonymous":
        return response.status_code == 302 and "/cuentas/login/" in response["Location"]
    return response.status_code == 403


# Access to each page, role by role


@pytest.mark.parametrize("who", WHO)
def test_a_category_and_its_deadline_are_edited_by_its_states_coordination_and_its_liaisons(
    world, who
):
    user = world["accounts"][who]()
    category = world["category"]
    client = client_for(user)
    url = f"/reportes/categorias/{category.code}/editar/"
    data = {
        "name": "Bache en la calle",
        "territory": world["jalisco"].pk,
        "institution": world["city"].pk,
        "response_days": 3,
        "group": "Calles",
        "is_active": "on",
    }
    page, response = client.get(url), client.post(url, data)
    category.refresh_from_db()
    if who in ("liaison", "coordinator", "admin"):
        assert page.status_code == 200 and "Bache" in page.content.decode()
        assert response.status_code == 302, response.content.decode()[:3000]
        assert (category.name, category.response_days) == ("Bache en la calle", 3)
        assert category.history.first().history_user == user
    else:
        assert _refused(page, who) and _refused(response, who)
        assert category.response_days == 5


@pytest.mark.parametrize("who", WHO)
def test_new_categories_are_created_within_ones_own_scope(world, who):
    user = world["accounts"][who]()
    data = {
        "name": "Fuga de agua",
        "territory": world["jalisco"].pk,
        "institution": world["city"].pk,
        "response_days": 4,
        "is_active": "on",
    }
    response = client_for(user).post("/reportes/categorias/nueva/", data)
    created = Category.objects.filter(name="Fuga de agua").first()
    if who in ("liaison", "coordinator", "admin"):
        assert response.status_code == 302 and created is not None
        assert created.code == "jalisco-fuga-de-agua" and created.territory == world["jalisco"]
        assert response["Location"] == f"/reportes/categorias/{created.code}/"
    elif who in ("other_liaison", "other_coordinator"):
        # They manage categories, but not this institution's in Jalisco's list.
        assert response.status_code == 400 and created is None
    else:
        assert _refused(response, who) and created is None


@pytest.mark.parametrize("who", WHO)
def test_questions_are_added_edited_and_removed_by_who_manages_the_category(world, who):
    user = world["accounts"][who]()
    category = world["category"]
    client = client_for(user)
    base = f"/reportes/categorias/{category.code}/preguntas/"
    question = {
        "description": "¿Desde cuándo?",
        "datatype": "singlevaluelist",
        "options": "Hoy\nsemana | Esta semana",
        "order": 2,
        "is_public": "on",
    }
    added = client.post(base + "nueva/", question)
    existing = category.attributes.get(code="tamano")
    edited = client.post(
        base + f"{existing.pk}/",
        {"description": "¿Qué tamaño?", "datatype": "string", "order": 1, "code": "tamano"},
    )
    removed = client.post(base + f"{existing.pk}/quitar/")
    codes = set(category.attributes.values_list("code", flat=True))
    if who in ("liaison", "coordinator", "admin"):
        assert added.status_code == edited.status_code == removed.status_code == 302
        new = category.attributes.get()
        assert codes == {"desde-cuando"} and new.is_public
        assert new.values == [
            {"key": "hoy", "name": "Hoy"},
            {"key": "semana", "name": "Esta semana"},
        ]
    else:
        for response in (added, edited, removed):
            assert _refused(response, who)
        assert codes == {"tamano"}


@pytest.mark.parametrize("who", WHO)
def test_a_states_days_off_are_managed_by_its_coordination(world, who):
    user = world["accounts"][who]()
    client = client_for(user)
    url = "/reportes/dias-inhabiles/?entidad=jalisco&anio=2026"
    page = client.get(url)
    added = client.post(url, {"date": "2026-11-17", "name": "Día del estado"})
    holiday = Holiday.objects.filter(name="Día del estado").first()
    existing = Holiday.objects.create(
        territory=world["jalisco"], date=dt.date(2026, 3, 2), name="Cierre"
    )
    removed = client.post(f"/reportes/dias-inhabiles/{existing.pk}/quitar/")
    # The page itself is public: anyone sees which days do not count.
    assert page.status_code == 200 and "Día de la Revolución" in page.content.decode()
    if who in ("coordinator", "admin"):
        assert added.status_code == 302 and holiday is not None
        assert holiday.territory == world["jalisco"] and holiday.history.first().history_user
        assert removed.status_code == 302 and not Holiday.objects.filter(pk=existing.pk).exists()
        assert "Agregar un día inhábil en Jalisco" in page.content.decode()
    else:
        assert _refused(added, who) and holiday is None
        assert _refused(removed, who) and Holiday.objects.filter(pk=existing.pk).exists()
        assert "Agregar un día inhábil" not in page.content.decode()


def test_only_the_platform_admin_or_a_national_coordination_manage_the_countrys_days_off(world):
    national = Territory.objects.get(level=TerritoryLevel.NATIONAL)
    coordinator = ExerciseMembershipFactory(exercise=world["exercise"]).user
    national_coordinator = ExerciseMembershipFactory(
        exercise=ExerciseFactory(territory=national)
    ).user
    data = {"date": "2026-12-24", "name": "Cierre de fin de año"}
    url = "/reportes/dias-inhabiles/?entidad=mexico"
    assert client_for(coordinator).post(url, data).status_code == 403
    assert client_for(national_coordinator).post(url, data).status_code == 302
    assert Holiday.objects.get().territory is None


# What each scope may do


def test_a_coordination_cannot_place_a_category_outside_its_state(world):
    coordinator = ExerciseMembershipFactory(exercise=world["exercise"]).user
    client = client_for(coordinator)
    base = {"name": "Queja", "response_days": 4, "is_active": "on"}
    # Another state's institution is not even offered.
    other = {**base, "institution": world["elsewhere"].pk, "territory": world["durango"].pk}
    response = client.post("/reportes/categorias/nueva/", other)
    assert response.status_code == 400 and "institution" in response.content.decode()
    # Its own institution in another state's list is refused, saying why.
    moved = {**base, "institution": world["city"].pk, "territory": world["durango"].pk}
    response = client.post("/reportes/categorias/nueva/", moved)
    assert response.status_code == 400 and "no está en Durango" in response.content.decode()
    assert not Category.objects.filter(name="Queja").exists()
    page = client.get("/reportes/categorias/nueva/").content.decode()
    assert "Ayuntamiento de Guadalajara" in page and "Ayuntamiento de Durango" not in page


@pytest.mark.parametrize("role", ["liaison", "admin"])
def test_a_liaison_or_the_institutions_administration_manages_only_its_own_categories(world, role):
    liaison = OrganizationMembershipFactory(organization=world["city"], role=role).user
    mine = world["category"]
    theirs = CategoryFactory(institution=world["elsewhere"])
    client = client_for(liaison)
    assert client.get(f"/reportes/categorias/{mine.code}/editar/").status_code == 200
    assert client.get(f"/reportes/categorias/{theirs.code}/editar/").status_code == 403
    listing = client.get("/reportes/categorias/").content.decode()
    assert f"/reportes/categorias/{mine.code}/editar/" in listing
    assert f"/reportes/categorias/{theirs.code}/editar/" not in listing


def test_the_list_is_per_state_and_retired_categories_only_show_to_their_managers(world):
    durango = CategoryFactory(name="Alumbrado de Durango", institution=world["elsewhere"])
    retired = CategoryFactory(name="Categoría retirada", institution=world["city"], is_active=False)
    jalisco = Client().get("/reportes/categorias/?entidad=jalisco").content.decode()
    assert "Bache" in jalisco and durango.name not in jalisco and retired.name not in jalisco
    by_exercise = Client().get("/reportes/categorias/?ejercicio=jalisco").content.decode()
    assert "Bache" in by_exercise and durango.name not in by_exercise
    assert Client().get(f"/reportes/categorias/{retired.code}/").status_code == 404
    coordinator = ExerciseMembershipFactory(exercise=world["exercise"]).user
    managed = client_for(coordinator).get("/reportes/categorias/?entidad=jalisco")
    assert retired.name in managed.content.decode() and "no vigente" in managed.content.decode()
    assert Client().get("/reportes/categorias/?entidad=atlantida").status_code == 404
    # Step 1 of filing is grouped by state and filtered the same way.
    step_one = Client().get("/reportes/nuevo/?entidad=durango").content.decode()
    assert durango.name in step_one and "Bache" not in step_one
    assert retired.name not in Client().get("/reportes/nuevo/").content.decode()


def test_the_category_page_shows_its_deadline_and_questions(world, django_assert_max_num_queries):
    category = world["category"]
    with django_assert_max_num_queries(4):
        page = Client().get(f"/reportes/categorias/{category.code}/").content.decode()
    assert "5 días hábiles" in page and "¿De qué tamaño es?" in page and "Jalisco" in page
    assert "Nueva pregunta" not in page
    liaison = OrganizationMembershipFactory(organization=world["city"]).user
    assert (
        "Nueva pregunta"
        in client_for(liaison).get(f"/reportes/categorias/{category.code}/").content.decode()
    )


def test_list_questions_need_options_and_codes_do_not_repeat(world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    url = f"/reportes/categorias/{world['category'].code}/preguntas/nueva/"
    empty = {"description": "¿Cuál?", "datatype": "multivaluelist", "order": 2}
    response = client.post(url, empty)
    assert response.status_code == 400 and "al menos una opción" in response.content.decode()
    repeated = {"description": "Otra", "datatype": "string", "order": 2, "code": "tamano"}
    response = client.post(url, repeated)
    assert response.status_code == 400 and "código" in response.content.decode()
    twice = {**empty, "options": "a | Uno\na | Dos"}
    assert "se repite" in client.post(url, twice).content.decode()
    assert CategoryAttribute.objects.count() == 1


def test_a_new_question_reaches_the_form_and_open311(world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    category = world["category"]
    question = {"description": "¿Cuántos carriles?", "datatype": "number", "order": 3}
    client_for(admin).post(f"/reportes/categorias/{category.code}/preguntas/nueva/", question)
    client = Client()
    client.post(f"/reportes/nuevo/{category.code}/", {"description": "Un bache"})
    form = client.get(f"/reportes/nuevo/{category.code}/preguntas/").content.decode()
    assert "¿Cuántos carriles?" in form and "Solo la ve quien atiende el reporte." in form
    definition = Client().get(f"/open311/v2/services/{category.code}.json").json()
    assert [a["code"] for a in definition["attributes"]] == ["tamano", "cuantos-carriles"]


# Deadlines: the category's days, the state's days off


def test_a_states_days_off_count_only_for_its_categories_and_the_countrys_for_all(world):
    friday = dt.datetime(2026, 11, 13, 10, 0, tzinfo=MX)  # Monday 16 is Revolution Day
    Holiday.objects.create(territory=world["jalisco"], date=dt.date(2026, 11, 17), name="Estatal")
    assert add_working_days(friday, 1, territory=world["jalisco"]).day == 18
    assert add_working_days(friday, 1, territory=world["durango"]).day == 17
    # A municipality follows its state's days off.
    guadalajara = world["city"].territory
    assert add_working_days(friday, 1, territory=guadalajara).day == 18
    Holiday.objects.create(date=dt.date(2026, 11, 18), name="Todo el país")
    assert add_working_days(friday, 1, territory=world["durango"]).day == 17
    assert add_working_days(friday, 2, territory=world["durango"]).day == 19
    assert add_working_days(friday, 1, territory=world["jalisco"]).day == 19


@time_machine.travel(dt.datetime(2026, 11, 13, 10, 0, tzinfo=MX), tick=False)
def test_a_report_keeps_the_deadline_its_category_had_when_it_was_filed(world):
    Holiday.objects.create(territory=world["jalisco"], date=dt.date(2026, 11, 17), name="Estatal")
    category = world["category"]
    filing = Filing(category=category, address="x", attributes={"tamano": ["chico"]})
    report = report_create(filing=filing)
    # Five working days from Friday: not Monday 16 (national) nor Tuesday 17 (Jalisco's).
    assert report.expected_at == dt.datetime(2026, 11, 24, 10, 0, tzinfo=MX)
    admin = UserFactory(is_superuser=True, is_staff=True)
    data = {
        "name": category.name,
        "territory": world["jalisco"].pk,
        "institution": world["city"].pk,
        "response_days": 1,
        "is_active": "on",
    }
    client_for(admin).post(f"/reportes/categorias/{category.code}/editar/", data)
    report.refresh_from_db()
    assert report.expected_at == dt.datetime(2026, 11, 24, 10, 0, tzinfo=MX)
    category.refresh_from_db()
    later = report_create(filing=filing)
    assert later.expected_at == dt.datetime(2026, 11, 18, 10, 0, tzinfo=MX)


def test_the_days_off_page_lists_the_official_the_countrys_and_the_states(world):
    Holiday.objects.create(territory=world["jalisco"], date=dt.date(2026, 11, 17), name="Estatal")
    Holiday.objects.create(territory=world["durango"], date=dt.date(2026, 11, 18), name="Otro")
    Holiday.objects.create(date=dt.date(2026, 12, 24), name="Nochebuena")
    page = Client().get("/reportes/dias-inhabiles/?entidad=jalisco&anio=2026").content.decode()
    assert "Día de la Revolución" in page and "Estatal" in page and "Nochebuena" in page
    assert "Otro" not in page and "todo el país" in page
    national = Client().get("/reportes/dias-inhabiles/?anio=2026").content.decode()
    assert "Nochebuena" in national and "Estatal" not in national


def test_a_day_off_is_not_added_twice(world):
    coordinator = ExerciseMembershipFactory(exercise=world["exercise"]).user
    client = client_for(coordinator)
    url = "/reportes/dias-inhabiles/?entidad=jalisco"
    data = {"date": "2026-11-17", "name": "Estatal"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400 and "ya es inhábil" in response.content.decode()
