"""Reported comments, repeat reports, and the exercise's moderation queue handled in place."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.exercises.models import ExerciseRole
from cocrea.exercises.tests.factories import ExerciseFactory, ExerciseMembershipFactory
from cocrea.participation.models import Comment, CommentFlag, Consultation, Proposal, ProposalFlag
from cocrea.participation.services import comment_add, comment_flag, proposal_flag, proposal_submit
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()
QUEUE = "/ejercicios/jalisco-prueba/moderacion/"


@pytest.fixture
def proposal(roles):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="C",
        slug="c",
        opens_at=NOW - dt.timedelta(days=1),
        closes_at=NOW + dt.timedelta(days=1),
    )
    return proposal_submit(actor=roles.liaison, consultation=consultation, title="Parque", body="x")


@pytest.fixture
def comment(roles, proposal):
    return comment_add(actor=roles.liaison, target=proposal, body="Grosería", stance="neutral")


@pytest.fixture
def moderator(roles):
    return ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user


def _page(proposal) -> str:
    return f"/ejercicios/jalisco-prueba/consultas/c/propuestas/{proposal.pk}/"


def _flag_url(proposal, comment) -> str:
    return f"/comentarios/propuesta/jalisco-prueba/c/{proposal.pk}/{comment.pk}/reportar/"


def test_participants_report_a_comment_once(roles, proposal, comment):
    page = client_for(roles.participant).get(_page(proposal)).content.decode()
    assert 'action="' + _flag_url(proposal, comment) + '"' in page
    assert "Reportar este comentario" not in Client().get(_page(proposal)).content.decode()
    data = {"reason": "Insulta a un vecino", "volver": _page(proposal)}
    login = Client().post(_flag_url(proposal, comment), data)
    assert login.status_code == 302 and "/cuentas/" in login["Location"]
    client = client_for(roles.participant)
    empty = client.post(_flag_url(proposal, comment), data | {"reason": " "})
    assert empty.status_code == 400 and "Di qué tiene de abusivo" in empty.content.decode()
    first = client.post(_flag_url(proposal, comment), data, follow=True)
    assert "revisará el comentario" in first.content.decode()
    again = client.post(_flag_url(proposal, comment), data | {"reason": "Otra vez"}, follow=True)
    assert "Ya habías reportado este comentario" in again.content.decode()
    assert CommentFlag.objects.filter(comment=comment).count() == 1
    assert client.get(_flag_url(proposal, comment)).status_code == 405


def test_a_repeat_proposal_report_says_so(roles, proposal):
    client = client_for(roles.participant)
    url = _page(proposal) + "reportar/"
    client.post(url, {"reason": "Insulta"})
    again = client.post(url, {"reason": "Otra vez"}, follow=True)
    assert "Ya habías reportado esta propuesta" in again.content.decode()
    assert ProposalFlag.objects.filter(proposal=proposal).count() == 1


def _other_moderator(roles):
    other = ExerciseFactory(slug="otro-mas")
    return ExerciseMembershipFactory(exercise=other, role=ExerciseRole.MODERATOR).user


@pytest.mark.parametrize("role", [None, *NON_EDITORS, "secretariat", "other_moderator"])
def test_only_the_exercise_moderation_sees_or_handles_the_queue(roles, proposal, comment, role):
    proposal_flag(actor=roles.participant, proposal=proposal, reason="Insulta")
    user = (
        _other_moderator(roles) if role == "other_moderator" else getattr(roles, role or "", None)
    )
    client = client_for(user)
    hide = {"action": "ocultar", "reason": "Insultos"}
    responses = [
        client.get(QUEUE),
        client.post(QUEUE + f"propuesta/{proposal.pk}/", hide),
        client.post(QUEUE + f"comentario/{comment.pk}/", {"action": "descartar"}),
    ]
    for response in responses:
        if role is None:
            assert response.status_code == 302 and "/cuentas/" in response["Location"]
        else:
            assert response.status_code == 403
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden
    assert ProposalFlag.objects.filter(reviewed_at=None).count() == 1


@pytest.mark.parametrize("role", ["moderator", "coordinator", "admin"])
def test_the_exercise_moderation_hides_or_dismisses_in_place(roles, proposal, comment, role):
    user = (
        ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user
        if role == "moderator"
        else getattr(roles, role)
    )
    proposal_flag(actor=roles.participant, proposal=proposal, reason="Publicidad engañosa")
    comment_flag(actor=roles.participant, comment=comment, reason="Insulta a un vecino")
    client = client_for(user)
    page = client.get(QUEUE).content.decode()
    assert "Publicidad engañosa" in page and "Insulta a un vecino" in page
    assert page.index("Publicidad engañosa") < page.index("Insulta a un vecino")  # oldest first
    assert roles.participant.email not in page and str(roles.participant) not in page
    hidden = client.post(
        QUEUE + f"comentario/{comment.pk}/", {"action": "ocultar", "reason": "Insultos"}
    )
    assert hidden.status_code == 302 and hidden["Location"] == QUEUE
    assert Comment.objects.get(pk=comment.pk).is_hidden
    dismissed = client.post(QUEUE + f"propuesta/{proposal.pk}/", {"action": "descartar"})
    assert dismissed.status_code == 302
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden
    flag = ProposalFlag.objects.get()
    assert flag.reviewed_by == user and flag.reviewed_at is not None
    assert CommentFlag.objects.get().reviewed_by == user
    assert "No hay reportes pendientes" in client.get(QUEUE).content.decode()
    public = Client().get(_page(proposal)).content.decode()
    assert "Grosería" not in public and "Insultos" in public


def test_hidden_proposals_leave_public_pages(roles, proposal, moderator):
    proposal_flag(actor=roles.participant, proposal=proposal, reason="Spam")
    client_for(moderator).post(
        QUEUE + f"propuesta/{proposal.pk}/", {"action": "ocultar", "reason": "Spam comercial"}
    )
    listing = Client().get("/ejercicios/jalisco-prueba/consultas/c/").content.decode()
    assert "Parque" not in listing
    assert not ProposalFlag.objects.filter(reviewed_at=None).exists()


def test_bad_input_shows_the_form_again(roles, proposal, moderator):
    proposal_flag(actor=roles.participant, proposal=proposal, reason="Spam")
    client = client_for(moderator)
    url = QUEUE + f"propuesta/{proposal.pk}/"
    empty = client.post(url, {"action": "ocultar", "reason": ""})
    assert empty.status_code == 400 and "siempre lleva un motivo" in empty.content.decode()
    assert client.post(url, {"action": "borrar"}).status_code == 400
    assert client.get(url).status_code == 405
    assert client.post(QUEUE + "otra-cosa/1/", {"action": "descartar"}).status_code == 404
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden
    assert ProposalFlag.objects.filter(reviewed_at=None).count() == 1


def test_items_of_another_exercise_are_not_found(roles, proposal, comment):
    other = ExerciseFactory(slug="otro-mas")
    moderator = ExerciseMembershipFactory(exercise=other, role=ExerciseRole.MODERATOR).user
    url = f"/ejercicios/otro-mas/moderacion/propuesta/{proposal.pk}/"
    assert client_for(moderator).post(url, {"action": "descartar"}).status_code == 404
    assert client_for(moderator).get("/ejercicios/otro-mas/moderacion/").status_code == 200


def test_commitment_comments_and_the_consultation_link(roles, proposal, moderator):
    plan = PlanFactory(exercise=roles.exercise)
    commitment = CommitmentFactory(plan=plan)
    on_commitment = Comment.objects.create(
        commitment=commitment, author=roles.liaison, body="Fuera de tema"
    )
    comment_flag(actor=roles.participant, comment=on_commitment, reason="Fuera de tema")
    page = client_for(moderator).get(QUEUE).content.decode()
    assert commitment.get_absolute_url() + "#comentarios" in page
    consultation = "/ejercicios/jalisco-prueba/consultas/c/"
    assert QUEUE in client_for(moderator).get(consultation).content.decode()
    assert QUEUE not in client_for(roles.participant).get(consultation).content.decode()


def test_queue_query_count_is_fixed(django_assert_num_queries, roles, proposal, moderator):
    for n in range(3):
        flagger = ExerciseMembershipFactory(exercise=roles.exercise).user
        proposal_flag(actor=flagger, proposal=proposal, reason=f"Motivo {n}")
        extra = proposal_submit(
            actor=roles.liaison, consultation=proposal.consultation, title=f"P{n}", body="x"
        )
        proposal_flag(actor=flagger, proposal=extra, reason="Otro")
        reply = comment_add(actor=roles.liaison, target=extra, body=f"C{n}", stance="neutral")
        comment_flag(actor=flagger, comment=reply, reason="Insulto")
    client = client_for(moderator)
    client.get(QUEUE)  # warm the session
    with django_assert_num_queries(10):
        response = client.get(QUEUE)
    assert response.content.decode().count('class="report"') == 7
