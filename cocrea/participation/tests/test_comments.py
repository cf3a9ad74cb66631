"""Comments on proposals and commitments: three levels, a stance, paginated, moderated."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.exercises.models import ExerciseRole
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.participation.models import Comment, Consultation
from cocrea.participation.services import comment_add, proposal_submit
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


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


def _post_url(proposal) -> str:
    return f"/comentarios/propuesta/{proposal.consultation.exercise.slug}/c/{proposal.pk}/"


def _page(proposal) -> str:
    return (
        f"/ejercicios/{proposal.consultation.exercise.slug}/consultas/c/propuestas/{proposal.pk}/"
    )


def test_comment_and_reply_three_levels(roles, proposal):
    client = client_for(roles.participant)
    data = {"stance": "for", "body": "<i>De acuerdo</i>", "volver": _page(proposal)}
    assert client.post(_post_url(proposal), data).status_code == 302
    root = Comment.objects.get()
    reply = comment_add(
        actor=roles.participant, target=proposal, body="Sí", stance="neutral", parent=root
    )
    deeper = comment_add(
        actor=roles.participant, target=proposal, body="Más", stance="against", parent=reply
    )
    assert (reply.depth, deeper.depth, deeper.root_id) == (1, 2, root.pk)
    too_deep = client.post(
        _post_url(proposal),
        {"stance": "for", "body": "x", "respuesta_a": deeper.pk, "volver": _page(proposal)},
    )
    assert too_deep.status_code == 400 and "tres niveles" in too_deep.content.decode()
    page = Client().get(_page(proposal)).content.decode()
    assert "&lt;i&gt;De acuerdo&lt;/i&gt;" in page and "A favor" in page and "En contra" in page
    assert roles.participant.email not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"stance": "for", "body": ""}, "obligatorio"),
        ({"stance": "tal vez", "body": "x"}, "Elige una opción válida"),
        ({"stance": "for", "body": "x" * 2001}, "2000"),
    ],
)
def test_bad_comments_are_refused(roles, proposal, data, message):
    response = client_for(roles.participant).post(
        _post_url(proposal), data | {"volver": _page(proposal)}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_paginate_with_a_fixed_number_of_queries(
    django_assert_max_num_queries, roles, proposal
):
    for n in range(30):
        root = comment_add(actor=roles.participant, target=proposal, body=f"c{n}", stance="neutral")
        comment_add(
            actor=roles.participant, target=proposal, body=f"r{n}", stance="neutral", parent=root
        )
    with django_assert_max_num_queries(12):
        body = Client().get(_page(proposal)).content.decode()
    assert "Comentarios, página 1 de 2" in body and body.count('class="comment depth-1"') == 25
    assert "?comentarios=2" in body


@pytest.mark.parametrize("role", [None, *NON_EDITORS])
def test_only_moderators_hide_comments(roles, proposal, role):
    comment = comment_add(
        actor=roles.participant, target=proposal, body="Grosería", stance="neutral"
    )
    url = _post_url(proposal) + f"{comment.pk}/moderar/"
    response = client_for(getattr(roles, role) if role else None).post(
        url, {"reason": "Insulto", "accion": "ocultar", "volver": _page(proposal)}
    )
    assert response.status_code == (302 if role is None else 403)
    assert not Comment.objects.get().is_hidden


def test_moderators_hide_with_a_public_reason(roles, proposal):
    moderator = ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user
    comment = comment_add(
        actor=roles.participant, target=proposal, body="Grosería", stance="neutral"
    )
    url = _post_url(proposal) + f"{comment.pk}/moderar/"
    assert (
        client_for(moderator)
        .post(url, {"reason": "Insulto", "accion": "ocultar", "volver": _page(proposal)})
        .status_code
        == 302
    )
    page = Client().get(_page(proposal)).content.decode()
    assert "Grosería" not in page and "oculto por moderación: Insulto" in page


def test_comments_on_commitments(roles):
    commitment = CommitmentFactory(plan=PlanFactory(exercise=roles.exercise, number=1), number=1)
    url = f"/comentarios/compromiso/{roles.exercise.slug}/1/1/"
    assert (
        client_for(UserFactory(verified=False))
        .post(url, {"stance": "for", "body": "x", "volver": "/ejercicios/"})
        .status_code
        == 400
    )
    assert (
        client_for(roles.participant)
        .post(
            url, {"stance": "against", "body": "Va lento", "volver": commitment.get_absolute_url()}
        )
        .status_code
        == 302
    )
    assert "Va lento" in Client().get(commitment.get_absolute_url()).content.decode()
    assert (
        client_for(roles.participant)
        .post("/comentarios/compromiso/x/uno/1/", {"body": "x"})
        .status_code
        == 404
    )
