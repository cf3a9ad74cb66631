"""Moderation of contributions and their comments: participants' reports, hiding and restoring
with a public reason (kept in the history), the process's queue, and hidden items out of every
public list and count."""

import pytest
from django.urls import reverse

from cocrea.core.tests.factories import UserFactory
from cocrea.exercises.models import ExerciseRole
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.lawmaking.models import (
    Contribution,
    ContributionComment,
    ContributionCommentFlag,
    ContributionFlag,
)
from cocrea.lawmaking.tests.factories import ContributionFactory, process_with_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(roles):
    congress = roles.liaison.org_memberships.get().organization
    process, version = process_with_text(articles=1, congress=congress, exercise=roles.exercise)
    contribution = ContributionFactory(unit=version.units.get(key="articulo-1"))
    comment = ContributionComment.objects.create(
        contribution=contribution, author=UserFactory(), body="Un comentario grosero"
    )
    return process, contribution, comment


def url(name, process, *args):
    return reverse(f"lawmaking:{name}", args=[process.slug, *args])


MODERATORS = ["liaison", "coordinator", "secretariat", "admin", "moderator"]
NOT_MODERATORS = ["participant", "other_liaison", "other_coordinator"]


def account(roles, role):
    if role == "moderator":  # the exercise's moderators moderate its processes
        return ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user
    return getattr(roles, role)


# Reports


@pytest.mark.parametrize("name", ["contribution_flag", "comment_flag"])
def test_anonymous_reports_go_to_sign_in(client, setup, name):
    process, contribution, comment = setup
    target = contribution if name == "contribution_flag" else comment
    response = client.post(url(name, process, target.pk), {"reason": "Spam"})
    assert response.status_code == 302 and "/cuentas/login/" in response["Location"]


@pytest.mark.parametrize("role", [*NOT_MODERATORS, "liaison", "admin"])
def test_any_account_reports_once(client, setup, roles, role):
    process, contribution, comment = setup
    client.force_login(getattr(roles, role))
    for _time in range(2):
        response = client.post(
            url("contribution_flag", process, contribution.pk), {"reason": "Spam"}, follow=True
        )
    assert "Ya habías reportado esta aportación" in response.content.decode()
    response = client.post(url("comment_flag", process, comment.pk), {"reason": "Insulta"})
    assert response.status_code == 302 and response["Location"].endswith("#comentarios")
    assert ContributionFlag.objects.count() == 1 == ContributionCommentFlag.objects.count()


def test_a_report_without_reason_is_refused(client, setup, roles):
    process, contribution, _comment = setup
    client.force_login(roles.participant)
    response = client.post(url("contribution_flag", process, contribution.pk), {"reason": " "})
    assert response.status_code == 400 and "Di qué tiene de abusivo" in response.content.decode()
    assert not ContributionFlag.objects.exists()


def test_a_comment_of_another_process_is_404(client, setup, roles):
    process, _contribution, _comment = setup
    _other, version = process_with_text(articles=1)
    elsewhere = ContributionComment.objects.create(
        contribution=ContributionFactory(unit=version.units.get(key="articulo-1")),
        author=UserFactory(),
        body="x",
    )
    client.force_login(roles.admin)
    response = client.post(url("comment_flag", process, elsewhere.pk), {"reason": "x"})
    assert response.status_code == 404
    data = {"action": "ocultar", "reason": "x"}
    assert client.post(url("comment_moderate", process, elsewhere.pk), data).status_code == 404


# Hiding and restoring


@pytest.mark.parametrize("name", ["contribution_moderate", "comment_moderate"])
def test_anonymous_moderation_goes_to_sign_in(client, setup, name):
    process, contribution, comment = setup
    target = contribution if name == "contribution_moderate" else comment
    data = {"action": "ocultar", "reason": "Spam"}
    response = client.post(url(name, process, target.pk), data)
    assert response.status_code == 302 and "/cuentas/login/" in response["Location"]


@pytest.mark.parametrize("role", NOT_MODERATORS)
def test_who_does_not_moderate_is_refused(client, setup, roles, role):
    process, contribution, comment = setup
    client.force_login(getattr(roles, role))
    data = {"action": "ocultar", "reason": "Spam"}
    for name, target in (("contribution_moderate", contribution), ("comment_moderate", comment)):
        response = client.post(url(name, process, target.pk), data)
        assert response.status_code == 403 and "Solo la moderación" in response.content.decode()
    assert not Contribution.objects.filter(is_hidden=True).exists()
    assert not ContributionComment.objects.filter(is_hidden=True).exists()


@pytest.mark.parametrize("role", MODERATORS)
def test_moderators_hide_and_restore_with_a_reason_kept_in_the_history(client, setup, roles, role):
    process, contribution, comment = setup
    client.force_login(account(roles, role))
    hide = {"action": "ocultar", "reason": "Contiene insultos"}
    response = client.post(url("contribution_moderate", process, contribution.pk), hide)
    assert response.status_code == 302
    response = client.post(url("comment_moderate", process, comment.pk), hide)
    assert response["Location"].endswith("#comentarios")
    contribution.refresh_from_db()
    comment.refresh_from_db()
    assert contribution.is_hidden and comment.is_hidden
    assert contribution.history.first().history_change_reason == "Contiene insultos"
    assert comment.history.first().history_change_reason == "Contiene insultos"
    restore = {"action": "restaurar", "reason": "Se revisó de nuevo"}
    client.post(url("contribution_moderate", process, contribution.pk), restore)
    contribution.refresh_from_db()
    assert not contribution.is_hidden
    assert contribution.history.first().history_change_reason == "Se revisó de nuevo"


def test_moderation_without_a_reason_is_refused(client, setup, roles):
    process, contribution, comment = setup
    client.force_login(roles.liaison)
    for name, target in (("contribution_moderate", contribution), ("comment_moderate", comment)):
        response = client.post(url(name, process, target.pk), {"action": "ocultar", "reason": ""})
        assert response.status_code == 400 and "Motivo" in response.content.decode()
        response = client.post(url(name, process, target.pk), {"action": "borrar", "reason": "x"})
        assert response.status_code == 400
    assert not Contribution.objects.filter(is_hidden=True).exists()


def test_hidden_items_leave_every_public_list_and_count(client, setup, roles):
    process, contribution, comment = setup
    visible_comment = ContributionComment.objects.create(
        contribution=contribution, author=UserFactory(), body="Un comentario amable"
    )
    ContributionComment.objects.filter(pk=comment.pk).update(is_hidden=True, hidden_reason="x")
    detail = url("contribution_detail", process, contribution.pk)
    html = client.get(detail).content.decode()
    assert "Un comentario amable" in html and "Un comentario grosero" not in html
    client.force_login(roles.liaison)  # the moderators see it, to restore it
    html = client.get(detail).content.decode()
    assert "Oculto por moderación: x" in html and "Restaurar el comentario" in html
    client.logout()
    Contribution.objects.filter(pk=contribution.pk).update(is_hidden=True, hidden_reason="Spam")
    for page in (url("unit_detail", process, "articulo-1"), url("contribution_list", process)):
        html = client.get(page).content.decode()
        assert contribution.body not in html
    html = client.get(url("contribution_list", process)).content.decode()
    assert "<strong>0</strong> aportaciones" in html
    html = client.get(detail).content.decode()
    assert "Oculta por moderación: Spam" in html and visible_comment.body not in html


# The queue


def test_anonymous_is_sent_to_sign_in_and_others_refused(client, setup, roles):
    process, _contribution, _comment = setup
    queue = url("moderation_queue", process)
    assert "/cuentas/login/" in client.get(queue)["Location"]
    for role in NOT_MODERATORS:
        client.force_login(getattr(roles, role))
        assert client.get(queue).status_code == 403


@pytest.mark.parametrize("role", MODERATORS)
def test_the_queue_lists_what_was_reported_and_handles_it_in_place(client, setup, roles, role):
    process, contribution, comment = setup
    reporter = UserFactory()
    ContributionFlag.objects.create(contribution=contribution, user=reporter, reason="Es spam")
    ContributionCommentFlag.objects.create(comment=comment, user=reporter, reason="Insulta")
    client.force_login(account(roles, role))
    queue = url("moderation_queue", process)
    html = client.get(queue).content.decode()
    assert "Es spam" in html and "Insulta" in html and reporter.email not in html
    data = {"action": "descartar", "reason": "No incumple", "volver": queue}
    response = client.post(url("contribution_moderate", process, contribution.pk), data)
    assert response["Location"] == queue
    data = {"action": "ocultar", "reason": "Insultos", "volver": queue}
    client.post(url("comment_moderate", process, comment.pk), data)
    html = client.get(queue).content.decode()
    assert "No hay reportes pendientes" in html
    contribution.refresh_from_db()
    assert not contribution.is_hidden


def test_the_queue_costs_the_same_queries_however_long(
    client, setup, roles, django_assert_num_queries
):
    process, contribution, comment = setup
    for n in range(30):
        flagged = ContributionFactory(unit=contribution.unit)
        ContributionFlag.objects.create(contribution=flagged, user=UserFactory(), reason=f"r{n}")
    ContributionCommentFlag.objects.create(comment=comment, user=UserFactory(), reason="c")
    client.force_login(roles.liaison)
    # session, account, process, liaison's organizations, the two kinds' keys, then per
    # kind on the page its records and reasons: the first page holds only contributions
    with django_assert_num_queries(8):
        response = client.get(url("moderation_queue", process))
    assert response.status_code == 200
    with django_assert_num_queries(10):  # the second, the last ones and the comment
        response = client.get(url("moderation_queue", process) + "?pagina=2")
    assert "Comentario a la aportación" in response.content.decode()
