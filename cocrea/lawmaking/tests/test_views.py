"""The process pages: opening and editing a process, its phases, following and closing it, and
reading its text by version — for every role, with bad input and pinned query counts."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.models import OrganizationMembership, Sector
from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.lawmaking.models import (
    AnswerStatus,
    DebateQuestion,
    LegislativeProcess,
    Phase,
    PhaseKind,
    ProcessFollow,
)
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    PhaseFactory,
    ProcessFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)
from cocrea.monitoring.models import Notification
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user:
        client.force_login(user)
    return client


def _congress(roles):
    return OrganizationMembership.objects.get(user=roles.liaison).organization


@pytest.fixture
def process(roles):
    process, _version = process_with_text(congress=_congress(roles), exercise=roles.exercise)
    return process


NEW = {
    "title": "Iniciativa de Ley de Participación",
    "slug": "ley-de-participacion",
    "kind": "new",
    "summary": "Para que la ciudadanía proponga <b>cambios</b>.",
    "highlight_supports": "10",
    "requires_verified": "on",
}


def test_opening_a_process_by_role(roles):
    url = "/leyes/nuevo/"
    assert _client().get(url).status_code == 302  # to sign in
    assert _client(roles.participant).post(url, {**NEW, "congress": 1}).status_code == 403
    # Another institution's liaison, or another exercise's coordinator, may open processes,
    # but not in the name of a congress that is not theirs (nor a legislature).
    for user in (roles.other_liaison, roles.other_coordinator):
        refused = _client(user).post(url, {**NEW, "congress": _congress(roles).pk})
        assert refused.status_code == 400 and not LegislativeProcess.objects.exists()
    response = _client(roles.liaison).post(url, {**NEW, "congress": _congress(roles).pk})
    assert response.status_code == 302, response.content
    process = LegislativeProcess.objects.get()
    assert response["Location"] == "/leyes/ley-de-participacion/"
    assert process.history.get().history_user == roles.liaison
    legislature = OrganizationFactory(sector=Sector.LEGISLATURE)
    for n, user in enumerate((roles.coordinator, roles.admin)):
        fields = {**NEW, "slug": f"otra-{n}", "congress": legislature.pk}
        fields["exercise"] = roles.exercise.pk
        assert _client(user).post(url, fields).status_code == 302
    assert LegislativeProcess.objects.count() == 3


def test_a_reform_names_the_law_and_bad_input_is_shown_again(roles):
    url = "/leyes/nuevo/"
    fields = {**NEW, "kind": "reform", "congress": _congress(roles).pk}
    response = _client(roles.liaison).post(url, fields)
    assert response.status_code == 400
    assert "Una reforma dice qué ley reforma." in response.content.decode()
    bad = {**NEW, "slug": "con espacios", "highlight_supports": "0", "congress": "x"}
    response = _client(roles.liaison).post(url, bad)
    assert response.status_code == 400 and not LegislativeProcess.objects.exists()


def test_editing_a_process_by_role(roles, process):
    url = f"/leyes/{process.slug}/editar/"
    fields = {**NEW, "slug": process.slug, "congress": process.congress_id, "title": "Nuevo"}
    fields["exercise"] = roles.exercise.pk
    assert _client().post(url, fields).status_code == 302
    assert "/cuentas/" in _client().post(url, fields)["Location"]
    for user in (roles.participant, roles.other_liaison, roles.other_coordinator):
        assert _client(user).post(url, fields).status_code == 403
    for user in (roles.liaison, roles.coordinator, roles.secretariat, roles.admin):
        assert _client(user).post(url, fields).status_code == 302
    process.refresh_from_db()
    assert process.title == "Nuevo"


def test_a_process_is_the_evidence_of_a_milestone_of_its_congress(roles, process):
    commitment = CommitmentFactory(lead_institution=process.congress)
    milestone = MilestoneFactory(commitment=commitment)
    unrelated = MilestoneFactory()
    url = f"/leyes/{process.slug}/editar/"
    fields = {**NEW, "slug": process.slug, "congress": process.congress_id}
    assert (
        _client(roles.liaison).post(url, {**fields, "milestone": unrelated.pk}).status_code == 400
    )
    assert (
        _client(roles.liaison).post(url, {**fields, "milestone": milestone.pk}).status_code == 302
    )
    process.refresh_from_db()
    assert process.milestone == milestone
    page = _client().get(process.get_absolute_url()).content.decode()
    assert commitment.get_absolute_url() in page


def test_phases_open_and_close_what_citizens_can_do(roles, process):
    url = f"/leyes/{process.slug}/fases/debate/"
    now = timezone.localtime()
    fields = {
        "opens_at": (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "description": "Preguntas de la comisión",
    }
    assert _client().post(url, fields).status_code == 302
    for user in (roles.participant, roles.other_liaison):
        assert _client(user).post(url, fields).status_code == 403
    assert not roles.participant.has_perm("lawmaking.answer_debate", process)
    assert _client(roles.liaison).post(url, fields).status_code == 302
    fresh = LegislativeProcess.objects.get(pk=process.pk)
    assert UserFactory().has_perm("lawmaking.answer_debate", fresh)
    backwards = {**fields, "closes_at": fields["opens_at"]}
    response = _client(roles.liaison).post(url, backwards)
    assert response.status_code == 400
    assert "La fase debe terminar después de empezar." in response.content.decode()
    assert _client(roles.liaison).get(f"/leyes/{process.slug}/fases/otra/").status_code == 404
    assert Phase.objects.filter(process=process, kind=PhaseKind.DEBATE).count() == 1


def test_contributions_close_with_their_phase(roles, process):
    assert roles.participant.has_perm("lawmaking.contribute", process)
    Phase.objects.filter(process=process).update(closes_at=timezone.now())
    fresh = LegislativeProcess.objects.get(pk=process.pk)
    assert not roles.participant.has_perm("lawmaking.contribute", fresh)


def test_unverified_accounts_wait_when_the_process_asks_for_verification(roles, process):
    unverified = UserFactory(verified=False)
    assert not unverified.has_perm("lawmaking.contribute", process)
    LegislativeProcess.objects.filter(pk=process.pk).update(requires_verified=False)
    fresh = LegislativeProcess.objects.get(pk=process.pk)
    assert unverified.has_perm("lawmaking.contribute", fresh)


def test_following_a_process(roles, process):
    url = f"/leyes/{process.slug}/seguir/"
    assert _client().post(url).status_code == 302
    assert not ProcessFollow.objects.exists()
    assert _client(roles.participant).get(url).status_code == 405
    assert _client(roles.participant).post(url, {"seguir": "1"}).status_code == 302
    assert _client(roles.participant).post(url, {"seguir": "1"}).status_code == 302
    assert ProcessFollow.objects.filter(user=roles.participant).count() == 1
    page = _client(roles.participant).get(process.get_absolute_url()).content.decode()
    assert "Dejar de seguir" in page
    _client(roles.participant).post(url, {"seguir": "0"})
    assert not ProcessFollow.objects.exists()


def test_closing_a_process_sends_the_summary_once(roles, process):
    contribution = ContributionFactory(unit=process.versions.get().units.last())
    url = f"/leyes/{process.slug}/cerrar/"
    assert _client().post(url, {"result": "Aprobada"}).status_code == 302
    for user in (roles.participant, roles.other_liaison):
        assert _client(user).post(url, {"result": "Aprobada"}).status_code == 403
    assert _client(roles.liaison).post(url, {"result": ""}).status_code == 400
    response = _client(roles.liaison).post(url, {"result": "Aprobada por el Pleno."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.result == "Aprobada por el Pleno." and process.summary_sent_at
    assert Notification.objects.filter(user=contribution.author).count() == 1
    again = _client(roles.admin).post(url, {"result": "Otra vez"})
    assert again.status_code == 400
    assert Notification.objects.filter(user=contribution.author).count() == 1


def test_the_process_page_shows_phases_figures_and_index(roles, process):
    unit = process.versions.get().units.get(key="articulo-1")
    ContributionFactory(unit=unit, status=AnswerStatus.INCORPORATED)
    ContributionFactory(unit=unit)
    ContributionFactory(unit=unit, is_hidden=True)
    page = _client().get(process.get_absolute_url()).content.decode()
    assert "Aportaciones al texto" in page and "abierta" in page
    assert f"/leyes/{process.slug}/texto/articulo-1/" in page
    assert "<strong>2</strong> aportaciones" in page
    assert "<strong>1</strong> incorporadas" in page
    assert "Para la comisión" not in page
    assert (
        "Para la comisión"
        in _client(roles.liaison).get(process.get_absolute_url()).content.decode()
    )


def test_html_typed_anywhere_is_shown_as_text(roles):
    process, version = process_with_text(congress=_congress(roles), summary="<script>x</script>")
    UnitFactory(version=version, position=50, body="<img src=x onerror=alert(1)>")
    page = _client().get(process.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    text = _client().get(f"/leyes/{process.slug}/texto/").content.decode()
    assert "<img src=x" not in text and "&lt;img src=x" in text


def test_unknown_records_answer_404_with_a_message(process):
    client = _client()
    assert client.get("/leyes/no-existe/").status_code == 404
    assert client.get(f"/leyes/{process.slug}/versiones/9/").status_code == 404
    assert client.get(f"/leyes/{process.slug}/versiones/1/no-existe/").status_code == 404
    assert client.get(f"/leyes/{process.slug}/versiones/99999999999999999999/").status_code == 404


def test_an_unpublished_version_is_only_for_the_committee(roles, process):
    VersionFactory(process=process, number=2, label="Borrador", published_at=None)
    assert _client().get(f"/leyes/{process.slug}/versiones/2/").status_code == 404
    listing = _client().get(f"/leyes/{process.slug}/versiones/").content.decode()
    assert "Borrador" not in listing
    assert (
        "Borrador"
        in _client(roles.liaison).get(f"/leyes/{process.slug}/versiones/").content.decode()
    )
    # The text people read stays the published one.
    assert "Iniciativa" in _client().get(f"/leyes/{process.slug}/texto/").content.decode()


def test_a_version_lists_what_it_took_in(process):
    first = process.versions.get()
    second = VersionFactory(process=process, number=2, label="Versión con aportaciones")
    UnitFactory(version=second, position=1, body="Texto cambiado.")
    taken = ContributionFactory(
        unit=first.units.get(key="articulo-1"),
        status=AnswerStatus.INCORPORATED,
        incorporated_in=second,
    )
    page = _client().get(f"/leyes/{process.slug}/versiones/2/").content.decode()
    assert taken.get_absolute_url() in page
    unit_page = _client().get(f"/leyes/{process.slug}/versiones/2/articulo-1/").content.decode()
    assert taken.get_absolute_url() in unit_page and "/versiones/1/articulo-1/" in unit_page
    listing = _client().get(f"/leyes/{process.slug}/versiones/").content.decode()
    assert "incorpora 1 aportación" in listing


def test_the_history_names_no_account(roles, process):
    fields = {**NEW, "slug": process.slug, "congress": process.congress_id, "title": "Otro título"}
    _client(roles.liaison).post(f"/leyes/{process.slug}/editar/", fields)
    page = _client().get(f"/leyes/{process.slug}/historial/").content.decode()
    assert "Otro título" in page and roles.liaison.email not in page


@pytest.mark.parametrize("n", [1, 5])
def test_list_pages_query_counts(django_assert_num_queries, roles, n):
    for _i in range(n):
        created = ProcessFactory(exercise=roles.exercise)
        PhaseFactory(process=created)
        PhaseFactory(process=created, kind=PhaseKind.DEBATE)
    client = _client()
    # process page, its phases (prefetched)
    with django_assert_num_queries(3):
        assert client.get("/leyes/").status_code == 200
    with django_assert_num_queries(4):  # + the exercise
        assert client.get(f"/ejercicios/{roles.exercise.slug}/leyes/").status_code == 200


@pytest.mark.parametrize("n", [3, 12])
def test_process_and_text_pages_query_counts(django_assert_num_queries, roles, n):
    process, _version = process_with_text(articles=n, congress=_congress(roles))
    VersionFactory(process=process, number=2)
    for position in range(n):
        DebateQuestion.objects.create(process=process, text="¿Qué opinas?", position=position)
    client = _client()
    # process, phases, latest version, index, versions, figures, questions with their options
    with django_assert_num_queries(7):
        assert client.get(process.get_absolute_url()).status_code == 200
    # process, its latest version, its units (count and page), the version links
    with django_assert_num_queries(4):
        assert client.get(f"/leyes/{process.slug}/texto/").status_code == 200
    # process, the version, its units (count and page), the version links, what it took in
    with django_assert_num_queries(6):
        assert client.get(f"/leyes/{process.slug}/versiones/1/").status_code == 200
    with django_assert_num_queries(5):
        assert client.get(f"/leyes/{process.slug}/versiones/1/articulo-1/").status_code == 200


def test_a_reforms_article_shows_the_law_in_force_beside_it(roles):
    process, _version = process_with_text(kind="reform", law_name="Ley de Participación")
    in_force = VersionFactory(process=process, number=0, label="Texto vigente")
    UnitFactory(version=in_force, position=1, body="Texto anterior del artículo uno.")
    client = _client()
    page = client.get(f"/leyes/{process.slug}/texto/articulo-1/").content.decode()
    assert "En la ley vigente" in page and "Texto anterior del artículo uno." in page
    new = client.get(f"/leyes/{process.slug}/texto/articulo-2/").content.decode()
    assert "Esta parte es nueva" in new
    plain, _v = process_with_text()
    assert (
        "En la ley vigente"
        not in client.get(f"/leyes/{plain.slug}/texto/articulo-1/").content.decode()
    )
