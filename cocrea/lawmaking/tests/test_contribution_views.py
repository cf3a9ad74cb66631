"""The article page, the list of contributions, a contribution's page and its write endpoints
(contribute, support, comment, answer) for every role."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    ContributionKind,
    ContributionSupport,
    Phase,
)
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)
from cocrea.monitoring.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(roles):
    """A process of the liaison's congress, in the roles' exercise, with its contributions
    phase open and two articles."""
    congress = roles.liaison.org_memberships.get().organization
    process, version = process_with_text(articles=2, congress=congress, exercise=roles.exercise)
    unit = version.units.get(key="articulo-1")
    return process, version, unit


def url(name, process, *args):
    return reverse(f"lawmaking:{name}", args=[process.slug, *args])


def close_phase(process):
    Phase.objects.filter(process=process).update(
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )


FORM = {
    "version": "1",
    "paragraph": "2",
    "kind": "replace",
    "quote": "Proponer cambios al texto",
    "proposed_text": "Proponer y explicar cambios al texto",
    "body": "Explicar ayuda a la comisión.",
}


# The article page


def test_the_article_page_numbers_its_paragraphs_and_shows_its_contributions(client, setup):
    process, _version, unit = setup
    popular = ContributionFactory(unit=unit, support_count=process.highlight_supports)
    ContributionFactory(unit=unit, body="Otra aportación", support_count=1)
    ContributionFactory(unit=unit, body="Oculta", is_hidden=True, hidden_reason="Spam")
    response = client.get(url("unit_detail", process, unit.key))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="p-1"' in html and 'id="p-3"' in html
    assert "Destacada" in html and "Otra aportación" in html and "Oculta" not in html
    assert html.index(f"aportacion-{popular.pk}") < html.index("Otra aportación")
    assert reverse("lawmaking:version_unit", args=[process.slug, 1, unit.key]) not in html
    assert "Entra con tu cuenta para hacer aportaciones." in html
    assert "Persona participante" in html and popular.author.email not in html


def test_the_article_page_links_the_unit_in_other_versions(client, setup):
    process, _version, unit = setup
    newer = VersionFactory(process=process, number=2, label="Dictamen")
    UnitFactory(version=newer, position=1)
    html = client.get(url("unit_detail", process, unit.key)).content.decode()
    assert reverse("lawmaking:version_unit", args=[process.slug, 1, unit.key]) in html
    assert "la versión vigente" in html and "Dictamen" in html


def test_an_unknown_article_is_a_spanish_404(client, setup):
    process, _version, _unit = setup
    response = client.get(url("unit_detail", process, "articulo-99"))
    assert response.status_code == 404
    assert "no tiene la parte «articulo-99»" in response.content.decode()


def test_the_form_or_why_not(client, setup, roles):
    process, _version, unit = setup
    client.force_login(roles.participant)
    html = client.get(url("unit_detail", process, unit.key)).content.decode()
    assert 'name="quote"' in html and "Párrafo 2: I. Proponer cambios" in html
    assert "lawmaking-select.js" in html
    client.force_login(UserFactory(verified=False))
    html = client.get(url("unit_detail", process, unit.key)).content.decode()
    assert 'name="quote"' not in html and "verifica tu correo" in html
    close_phase(process)
    client.force_login(roles.participant)
    html = client.get(url("unit_detail", process, unit.key)).content.decode()
    assert 'name="quote"' not in html and "La fase de aportaciones fue del" in html


def test_the_article_page_costs_the_same_queries_with_many_contributions(
    client, setup, roles, django_assert_num_queries
):
    process, _version, unit = setup
    ContributionFactory.create_batch(3, unit=unit)
    with django_assert_num_queries(7):  # process, version, unit, versions, phases, count, page
        client.get(url("unit_detail", process, unit.key))
    ContributionFactory.create_batch(40, unit=unit)
    client.force_login(roles.participant)
    # + session, account, verified e-mail
    with django_assert_num_queries(10):
        assert client.get(url("unit_detail", process, unit.key) + "?pagina=2").status_code == 200


# Contributing


def test_anonymous_is_sent_to_sign_in(client, setup):
    process, _version, unit = setup
    response = client.post(url("contribution_new", process, unit.key), FORM)
    assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    "role", ["participant", "other_liaison", "liaison", "coordinator", "secretariat", "admin"]
)
def test_every_signed_in_verified_account_contributes_while_the_phase_is_open(
    client, setup, roles, role
):
    process, _version, unit = setup
    client.force_login(getattr(roles, role))
    response = client.post(url("contribution_new", process, unit.key), FORM)
    contribution = Contribution.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "contribution_detail", process, contribution.pk
    )
    assert (contribution.paragraph, contribution.quote) == (2, "Proponer cambios al texto")


def test_the_contribution_form_page_preselects_a_paragraph(client, setup, roles):
    process, _version, unit = setup
    client.force_login(roles.participant)
    response = client.get(url("contribution_new", process, unit.key) + "?parrafo=3")
    assert response.status_code == 200
    assert '<option value="3" selected>' in response.content.decode()


def test_an_unverified_account_is_refused_with_a_message(client, setup):
    process, _version, unit = setup
    client.force_login(UserFactory(verified=False))
    response = client.post(url("contribution_new", process, unit.key), FORM)
    assert response.status_code == 403 and "correo verificado" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("role", ["participant", "admin"])
def test_after_the_phase_closed_the_page_gives_its_dates(client, setup, roles, role):
    process, _version, unit = setup
    close_phase(process)
    client.force_login(getattr(roles, role))
    response = client.post(url("contribution_new", process, unit.key), FORM)
    assert response.status_code == 400
    assert "La fase de aportaciones fue del" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_selection_that_is_no_longer_in_the_text_shows_the_form_again(client, setup, roles):
    process, _version, unit = setup
    client.force_login(roles.participant)
    data = {**FORM, "quote": "Un pasaje que cambió"}
    response = client.post(url("contribution_new", process, unit.key), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "El texto que seleccionaste ya no está en el artículo: «Un pasaje que cambió»" in html
    assert 'id="p-1"' in html and not Contribution.objects.exists()


def test_a_form_drawn_from_an_older_version_is_refused_clearly(client, setup, roles):
    process, _version, _unit = setup
    newer = VersionFactory(process=process, number=2, label="Dictamen")
    UnitFactory(version=newer, position=1, body="Otro texto.\n\nI. Proponer cambios al texto")
    client.force_login(roles.participant)
    response = client.post(url("contribution_new", process, "articulo-1"), FORM)
    html = response.content.decode()
    assert response.status_code == 400 and "Se publicó una nueva versión del texto" in html
    assert 'name="version" value="2"' in html and not Contribution.objects.exists()


def test_bad_input_shows_the_form_again_with_its_errors(client, setup, roles):
    process, _version, unit = setup
    client.force_login(roles.participant)
    for data in (
        {**FORM, "body": ""},
        {**FORM, "kind": "rewrite"},
        {**FORM, "paragraph": "abc"},
        {**FORM, "proposed_text": ""},
        {**FORM, "body": "x" * 5001},
    ):
        response = client.post(url("contribution_new", process, unit.key), data)
        assert response.status_code == 400 and "Revisa lo siguiente" in response.content.decode()
    assert not Contribution.objects.exists()


def test_html_in_a_contribution_is_shown_as_text(client, setup, roles):
    process, _version, unit = setup
    client.force_login(roles.participant)
    data = {**FORM, "body": "<script>alert('x')</script>", "proposed_text": "<b>negritas</b>"}
    client.post(url("contribution_new", process, unit.key), data)
    contribution = Contribution.objects.get()
    for page in (
        url("contribution_detail", process, contribution.pk),
        url("unit_detail", process, unit.key),
        url("contribution_list", process),
    ):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html
        assert "<b>negritas</b>" not in html


# The list


def test_the_list_filters_by_answer_article_and_highlighted(client, setup):
    process, version, unit = setup
    other = version.units.get(key="articulo-2")
    ContributionFactory(unit=unit, body="Primera", support_count=50)
    ContributionFactory(unit=other, body="Segunda", status=AnswerStatus.NOT_INCORPORATED)
    ContributionFactory(unit=other, body="Escondida", is_hidden=True)
    base = url("contribution_list", process)
    html = client.get(base).content.decode()
    assert "Primera" in html and "Segunda" in html and "Escondida" not in html
    html = client.get(base + "?respuesta=not_incorporated").content.decode()
    assert "Segunda" in html and "Primera" not in html
    html = client.get(base + "?articulo=articulo-1").content.decode()
    assert "Primera" in html and "Segunda" not in html
    html = client.get(base + "?destacadas=1").content.decode()
    assert "Primera" in html and "Segunda" not in html
    assert client.get(base + "?respuesta=<x>&pagina=zz").status_code == 200


def test_the_list_costs_the_same_queries_however_many(client, setup, django_assert_num_queries):
    process, _version, unit = setup
    ContributionFactory.create_batch(45, unit=unit)
    # process, version, article keys, figures (its total is the count), page
    with django_assert_num_queries(5):
        assert client.get(url("contribution_list", process) + "?pagina=2").status_code == 200
    filtered = url("contribution_list", process) + "?articulo=articulo-1"
    with django_assert_num_queries(6):  # filtered: its own count
        assert client.get(filtered).status_code == 200


# A contribution's page, supports and comments


def test_the_detail_page_costs_a_fixed_number_of_queries(
    client, setup, roles, django_assert_num_queries
):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    for _n in range(3):
        ContributionComment.objects.create(
            contribution=contribution, author=UserFactory(), body="c"
        )
    # process, contribution, phases, comments count and page
    with django_assert_num_queries(5):
        client.get(url("contribution_detail", process, contribution.pk))
    client.force_login(roles.liaison)
    # + session, account, liaison's organizations, verified e-mail, supported, reports,
    # versions for the answer form
    with django_assert_num_queries(12):
        html = client.get(url("contribution_detail", process, contribution.pk)).content.decode()
    assert "Publicar la respuesta" in html and "Ocultar la aportación" in html


def test_a_hidden_contribution_says_why_and_nothing_else(client, setup):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit, is_hidden=True, hidden_reason="Datos personales")
    html = client.get(url("contribution_detail", process, contribution.pk)).content.decode()
    assert "Oculta por moderación: Datos personales" in html
    assert contribution.body not in html


def test_a_contribution_of_another_process_is_404(client, setup):
    process, _version, _unit = setup
    elsewhere = ContributionFactory()
    assert client.get(url("contribution_detail", process, elsewhere.pk)).status_code == 404


@pytest.mark.parametrize("name", ["contribution_support", "contribution_unsupport", "comment_add"])
def test_anonymous_supports_and_comments_go_to_sign_in(client, setup, name):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    response = client.post(url(name, process, contribution.pk), {"body": "Hola"})
    assert response.status_code == 302 and "/cuentas/login/" in response["Location"]


@pytest.mark.parametrize(
    "role", ["participant", "other_liaison", "liaison", "coordinator", "secretariat", "admin"]
)
def test_every_verified_account_supports_once_and_withdraws(client, setup, roles, role):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    client.force_login(getattr(roles, role))
    support = url("contribution_support", process, contribution.pk)
    assert client.post(support).status_code == 302
    response = client.post(support, follow=True)
    assert "Ya apoyas esta aportación." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.support_count == 1 == ContributionSupport.objects.count()
    assert client.post(url("contribution_unsupport", process, contribution.pk)).status_code == 302
    contribution.refresh_from_db()
    assert contribution.support_count == 0


def test_supports_are_refused_unverified_closed_or_hidden(client, setup, roles):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    client.force_login(UserFactory(verified=False))
    response = client.post(url("contribution_support", process, contribution.pk))
    assert response.status_code == 403 and "correo verificado" in response.content.decode()
    client.force_login(roles.participant)
    response = client.post(url("contribution_unsupport", process, contribution.pk))
    assert response.status_code == 400 and "No apoyas" in response.content.decode()
    hidden = ContributionFactory(unit=unit, is_hidden=True)
    assert client.post(url("contribution_support", process, hidden.pk)).status_code == 400
    close_phase(process)
    response = client.post(url("contribution_support", process, contribution.pk))
    assert response.status_code == 400 and "ya no se puede" in response.content.decode()
    assert not ContributionSupport.objects.exists()


def test_supports_are_rate_limited(client, setup, roles):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    client.force_login(roles.participant)
    for _n in range(30):
        client.post(url("contribution_support", process, contribution.pk))
        client.post(url("contribution_unsupport", process, contribution.pk))
    assert client.post(url("contribution_support", process, contribution.pk)).status_code == 429


def test_a_comment_is_published_and_a_bad_one_shows_the_page_again(client, setup, roles):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    client.force_login(roles.other_liaison)
    response = client.post(url("comment_add", process, contribution.pk), {"body": "<i>Bien</i>"})
    assert response.status_code == 302 and response["Location"].endswith("#comentarios")
    html = client.get(url("contribution_detail", process, contribution.pk)).content.decode()
    assert "&lt;i&gt;Bien&lt;/i&gt;" in html
    response = client.post(url("comment_add", process, contribution.pk), {"body": ""})
    assert response.status_code == 400 and "Revisa lo siguiente" in response.content.decode()
    close_phase(process)
    response = client.post(url("comment_add", process, contribution.pk), {"body": "Tarde"})
    assert response.status_code == 400 and ContributionComment.objects.count() == 1


# The committee's answer


ANSWER = {"status": "incorporated", "answer": "Se incorporó.", "incorporated_in": ""}


def test_anonymous_is_sent_to_sign_in_to_answer(client, setup):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    response = client.post(url("contribution_answer", process, contribution.pk), ANSWER)
    assert response.status_code == 302 and "/cuentas/login/" in response["Location"]


@pytest.mark.parametrize("role", ["participant", "other_liaison", "other_coordinator"])
def test_only_the_committee_answers(client, setup, roles, role):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    client.force_login(getattr(roles, role))
    response = client.post(url("contribution_answer", process, contribution.pk), ANSWER)
    assert response.status_code == 403 and "Solo la comisión" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == AnswerStatus.PENDING


@pytest.mark.parametrize("role", ["liaison", "coordinator", "secretariat", "admin"])
def test_the_committee_answers_and_author_and_supporters_are_told(client, setup, roles, role):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    supporter = UserFactory()
    ContributionSupport.objects.create(contribution=contribution, user=supporter)
    newer = VersionFactory(process=process, number=2, label="Dictamen")
    close_phase(process)  # the committee answers at any phase
    client.force_login(getattr(roles, role))
    data = {**ANSWER, "incorporated_in": str(newer.pk)}
    response = client.post(url("contribution_answer", process, contribution.pk), data)
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.incorporated_in) == ("incorporated", newer)
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {contribution.author_id, supporter.pk}
    html = client.get(url("contribution_list", process)).content.decode()
    assert "Incorporada" in html and "Dictamen" in html


def test_a_bad_answer_shows_the_form_again(client, setup, roles):
    process, _version, unit = setup
    contribution = ContributionFactory(unit=unit)
    client.force_login(roles.liaison)
    for data in (
        ANSWER,  # no version
        {**ANSWER, "status": "not_incorporated", "answer": ""},
        {**ANSWER, "status": "answered"},  # a change is not only "answered"
        {**ANSWER, "incorporated_in": "999999"},
    ):
        response = client.post(url("contribution_answer", process, contribution.pk), data)
        assert response.status_code == 400 and "Revisa lo siguiente" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == AnswerStatus.PENDING and not Notification.objects.exists()


def test_a_comment_kind_contribution_is_answered(client, setup, roles):
    process, _version, unit = setup
    comment = ContributionFactory(unit=unit, kind=ContributionKind.COMMENT, proposed_text="")
    client.force_login(roles.liaison)
    data = {"status": "answered", "answer": "Gracias.", "incorporated_in": ""}
    assert client.post(url("contribution_answer", process, comment.pk), data).status_code == 302
