"""Consultations: proposals, supports within limits and dates, moderation, answers, search."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.exercises.models import ExerciseRole
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.participation.models import Consultation, Participant, Proposal, Support
from cocrea.participation.services import proposal_submit, support_add

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _consultation(exercise, **extra) -> Consultation:
    values = {
        "title": "Consulta 2026",
        "slug": "consulta-2026",
        "opens_at": NOW - dt.timedelta(days=1),
        "closes_at": NOW + dt.timedelta(days=10),
        "supports_per_participant": 2,
    } | extra
    return Consultation.objects.create(exercise=exercise, **values)


def _proposal(consultation, author, title="Más luminarias en el parque") -> Proposal:
    return proposal_submit(actor=author, consultation=consultation, title=title, body="Texto")


@pytest.fixture
def consultation(roles):
    return _consultation(roles.exercise)


def _base(c: Consultation) -> str:
    return f"/ejercicios/{c.exercise.slug}/consultas/{c.slug}/"


def test_participants_propose_and_the_text_is_escaped(roles, consultation):
    client = client_for(roles.participant)
    data = {"title": "<script>alert(1)</script> Agua", "body": "<b>Pozos</b> en la colonia"}
    response = client.post(_base(consultation) + "propuestas/nueva/", data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    page = Client().get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;Pozos" in page
    assert roles.participant.email not in page
    consultation.refresh_from_db()
    assert consultation.proposal_count == 1 and proposal.author == roles.participant


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "x"}, "obligatorio"),
        ({"title": "t" * 151, "body": "x"}, "150 caracteres"),
        ({"title": "Ok", "body": "x" * 5001}, "5000 caracteres"),
    ],
)
def test_overlong_or_empty_proposals_are_refused(roles, consultation, data, message):
    response = client_for(roles.participant).post(_base(consultation) + "propuestas/nueva/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_duplicates_closed_consultations_and_unverified_accounts_are_refused(roles, consultation):
    client = client_for(roles.participant)
    url = _base(consultation) + "propuestas/nueva/"
    client.post(url, {"title": "Parque limpio", "body": "x"})
    again = client.post(url, {"title": "  parque   LIMPIO ", "body": "y"})
    assert again.status_code == 400 and "Ya enviaste" in again.content.decode()
    unverified = UserFactory(verified=False)
    response = client_for(unverified).post(url, {"title": "Otra", "body": "x"})
    assert response.status_code == 400 and "correo verificado" in response.content.decode()
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=NOW - dt.timedelta(hours=1))
    closed = client.post(url, {"title": "Tarde", "body": "x"})
    assert closed.status_code == 400 and "cerró" in closed.content.decode()
    assert Proposal.objects.count() == 1
    assert Client().post(url, {"title": "Anónima", "body": "x"}).status_code == 302  # to sign in


def test_supports_one_per_person_within_the_limit_and_withdrawable(roles, consultation):
    proposals = [_proposal(consultation, roles.liaison, f"Propuesta {n}") for n in range(3)]
    client = client_for(roles.participant)
    base = _base(consultation) + "propuestas/{}/apoyo/"
    assert client.post(base.format(proposals[0].pk)).status_code == 302
    twice = client.post(base.format(proposals[0].pk))
    assert twice.status_code == 400 and "Ya apoyas" in twice.content.decode()
    assert client.post(base.format(proposals[1].pk)).status_code == 302
    over = client.post(base.format(proposals[2].pk))
    assert over.status_code == 400 and "Ya usaste tus 2 apoyos" in over.content.decode()
    assert client.post(base.format(proposals[0].pk), {"accion": "retirar"}).status_code == 302
    assert client.post(base.format(proposals[2].pk)).status_code == 302
    counts = dict(Proposal.objects.values_list("pk", "support_count"))
    assert [counts[p.pk] for p in proposals] == [0, 1, 1]
    assert Participant.objects.get(user=roles.participant).supports_used == 2
    assert Client().post(base.format(proposals[0].pk)).status_code == 302  # anonymous: sign in
    assert Support.objects.count() == 2


def test_no_supports_after_closing(roles, consultation):
    proposal = _proposal(consultation, roles.liaison)
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=NOW - dt.timedelta(minutes=1))
    response = client_for(roles.participant).post(
        _base(consultation) + f"propuestas/{proposal.pk}/apoyo/"
    )
    assert response.status_code == 400 and "cerró" in response.content.decode()
    assert not Support.objects.exists()


def test_a_consultation_without_supports_takes_none(roles):
    consultation = _consultation(roles.exercise, supports_per_participant=0)
    proposal = _proposal(consultation, roles.liaison)
    response = client_for(roles.participant).post(
        _base(consultation) + f"propuestas/{proposal.pk}/apoyo/"
    )
    assert response.status_code == 400
    assert not Support.objects.exists() and not Participant.objects.filter(supports_used__gt=0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_limit_holds_under_concurrent_supports(roles):
    consultation = _consultation(roles.exercise, supports_per_participant=3)
    proposals = [_proposal(consultation, roles.liaison, f"P{n}") for n in range(12)]
    voter = roles.participant
    errors: list[str] = []

    def vote(proposal: Proposal) -> None:
        try:
            support_add(actor=voter, proposal=proposal)
        except Exception as error:
            errors.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(p,)) for p in proposals]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Support.objects.filter(user=voter).count() == 3
    assert Participant.objects.get(user=voter).supports_used == 3
    assert sum(Proposal.objects.values_list("support_count", flat=True)) == 3
    assert errors.count("ValidationError") == 9


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_supports_of_one_proposal_count_once(roles):
    """A double click: the second support must fail and undo the slot it took."""
    consultation = _consultation(roles.exercise, supports_per_participant=5)
    proposal = _proposal(consultation, roles.liaison)
    messages: list[str] = []

    def vote() -> None:
        try:
            support_add(actor=roles.participant, proposal=proposal)
        except ValidationError as error:
            messages.extend(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Support.objects.filter(user=roles.participant).count() == 1
    assert Participant.objects.get(user=roles.participant).supports_used == 1
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1
    assert messages == ["Ya apoyas esta propuesta."] * 7


@pytest.mark.parametrize("role", [None, *NON_EDITORS])
def test_only_moderators_hide_with_a_reason(roles, consultation, role):
    proposal = _proposal(consultation, roles.participant)
    url = _base(consultation) + f"propuestas/{proposal.pk}/moderar/"
    response = client_for(getattr(roles, role) if role else None).post(
        url, {"reason": "Insultos", "accion": "ocultar"}
    )
    assert response.status_code == (302 if role is None else 403)
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden


def test_moderation_keeps_its_reason_in_public(roles, consultation):
    moderator = ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user
    proposal = _proposal(consultation, roles.participant, "Texto ofensivo")
    url = _base(consultation) + f"propuestas/{proposal.pk}/"
    client = client_for(moderator)
    assert client.post(url + "moderar/", {"reason": "", "accion": "ocultar"}).status_code == 400
    assert (
        client.post(
            url + "moderar/", {"reason": "Datos personales de un vecino", "accion": "ocultar"}
        ).status_code
        == 302
    )
    page = Client().get(url).content.decode()
    assert "oculta por moderación" in page and "Datos personales de un vecino" in page
    listing = Client().get(_base(consultation)).content.decode()
    assert "Texto ofensivo" not in listing and "0 propuestas" in listing  # nor counted


def test_reasoned_answers(roles, consultation):
    proposal = _proposal(consultation, roles.participant)
    url = _base(consultation) + f"propuestas/{proposal.pk}/respuesta/"
    assert client_for(roles.participant).post(url, {"status": "not_taken"}).status_code == 403
    client = client_for(roles.coordinator)
    assert client.post(url, {"status": "not_taken", "response": ""}).status_code == 400
    assert client.post(url, {"status": "taken"}).status_code == 400
    assert (
        client.post(url, {"status": "not_taken", "response": "Es competencia federal."}).status_code
        == 302
    )
    assert (
        "Es competencia federal."
        in Client().get(_base(consultation) + f"propuestas/{proposal.pk}/").content.decode()
    )


def test_search_and_query_counts(django_assert_num_queries, roles, consultation):
    for n in range(30):
        _proposal(
            consultation,
            roles.participant,
            f"Propuesta sobre transporte {n}" if n % 2 else f"Alumbrado público {n}",
        )
    with django_assert_num_queries(5):  # exercise, consultation, hidden count, page, axes
        body = Client().get(_base(consultation)).content.decode()
    assert "30 propuestas" in body
    body = Client().get(_base(consultation) + "?q=alumbrado").content.decode()
    assert "15 propuestas" in body and "transporte" not in body


def test_the_author_edits_within_the_window_only(roles, consultation):
    proposal = _proposal(consultation, roles.participant, "Parque limpio")
    url = _base(consultation) + f"propuestas/{proposal.pk}/editar/"
    assert client_for(roles.liaison).post(url, {"title": "Otro", "body": "x"}).status_code == 403
    assert Client().get(url).status_code == 302
    assert (
        "Editar mi propuesta"
        in client_for(roles.participant)
        .get(_base(consultation) + f"propuestas/{proposal.pk}/")
        .content.decode()
    )
    assert (
        client_for(roles.participant)
        .post(url, {"title": "Parque limpio y seguro", "body": "Más"})
        .status_code
        == 302
    )
    assert Proposal.objects.get(pk=proposal.pk).title == "Parque limpio y seguro"
    Proposal.objects.filter(pk=proposal.pk).update(created_at=NOW - dt.timedelta(hours=2))
    late = client_for(roles.participant).post(url, {"title": "Tarde", "body": "x"})
    assert late.status_code == 400 and "plazo para editar" in late.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).title == "Parque limpio y seguro"


def test_participants_report_abuse_to_the_moderators(roles, consultation):
    proposal = _proposal(consultation, roles.liaison, "Texto dudoso")
    url = _base(consultation) + f"propuestas/{proposal.pk}/"
    assert Client().post(url + "reportar/", {"reason": "Insulta"}).status_code == 302  # to sign in
    assert client_for(roles.participant).post(url + "reportar/", {"reason": ""}).status_code == 400
    assert (
        client_for(roles.participant)
        .post(url + "reportar/", {"reason": "Insulta a un vecino"})
        .status_code
        == 302
    )
    assert (
        client_for(roles.participant).post(url + "reportar/", {"reason": "Otra vez"}).status_code
        == 302
    )
    assert proposal.flags.count() == 1  # one report per person
    moderator = ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user
    assert "1 reporte de participantes" in client_for(moderator).get(url).content.decode()
    assert "reporte de participantes" not in Client().get(url).content.decode()


def test_a_long_moderation_reason_is_kept_whole(roles, consultation):
    """The form allows 300 characters; the history's reason column holds 100 (PostgreSQL refused
    the longer one: a 500). The record keeps the whole reason; its history, the first 100."""
    moderator = ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.MODERATOR).user
    proposal = _proposal(consultation, roles.participant, "Texto ofensivo")
    url = _base(consultation) + f"propuestas/{proposal.pk}/moderar/"
    reason = "Datos personales de un vecino; " * 9 + "y su teléfono."  # 293 characters
    response = client_for(moderator).post(url, {"reason": reason, "accion": "ocultar"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_hidden and proposal.hidden_reason == reason
    change = proposal.history.first().history_change_reason
    assert len(change) == 100 and change.endswith("…") and reason.startswith(change[:-1])
