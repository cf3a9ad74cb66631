"""Debate questions: the committee writes them, citizens answer while the debate is open, the
results are exact, open answers are moderated, and bad input is refused whole."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.lawmaking import debate_services
from cocrea.lawmaking.models import (
    DebateAnswer,
    DebateQuestion,
    Phase,
    PhaseKind,
    QuestionKind,
    QuestionOption,
)
from cocrea.lawmaking.tests.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db

MANAGERS = ("liaison", "coordinator", "admin")
NOT_MANAGERS = ("participant", "unverified", "other_liaison")
EVERYONE = MANAGERS + NOT_MANAGERS


@pytest.fixture
def debate(roles):
    """A process of the liaison's congress in the roles' exercise, its debate open, with a
    closed question (three options) and an open one."""
    congress = OrganizationMembership.objects.get(user=roles.liaison).organization
    process = ProcessFactory(congress=congress, exercise=roles.exercise, slug="ley-agua")
    PhaseFactory(process=process, kind=PhaseKind.DEBATE)
    closed = DebateQuestion.objects.create(
        process=process, text="¿Debe ser gratuita el agua?", kind=QuestionKind.CLOSED, position=1
    )
    for n, text in enumerate(["Sí", "No", "Solo un mínimo"]):
        QuestionOption.objects.create(question=closed, text=text, position=n)
    open_ = DebateQuestion.objects.create(
        process=process, text="¿Qué cambiarías?", kind=QuestionKind.OPEN, position=2
    )
    roles.unverified = UserFactory(verified=False)
    return process, closed, open_


def _user(roles, role):
    return getattr(roles, role)


def _url(process, name="", question=None):
    base = f"/leyes/{process.slug}/preguntas/"
    if question is None:
        return base + name
    return f"{base}{question.pk}/{name}"


def _counts(question):
    return list(question.options.order_by("position").values_list("answer_count", flat=True))


def _exact(question):
    """Each option's stored counter equals the answers that name it."""
    for option in question.options.all():
        assert option.answer_count == DebateAnswer.objects.filter(option=option).count()


# --- Writing questions ---------------------------------------------------------------------


@pytest.mark.parametrize("role", (*EVERYONE, "anonymous"))
def test_new_question_per_role(roles, debate, role):
    process, _closed, _open = debate
    client = Client() if role == "anonymous" else client_for(_user(roles, role))
    data = {"text": "¿Cuándo?", "kind": "closed", "options": "Ya\nLuego", "position": "3"}
    response = client.post(_url(process, "nueva/"), data)
    created = DebateQuestion.objects.filter(text="¿Cuándo?")
    if role == "anonymous":
        assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
        assert not created.exists()
    elif role in MANAGERS:
        assert response.status_code == 302
        question = created.get()
        assert [o.text for o in question.options.order_by("position")] == ["Ya", "Luego"]
        assert question.history.get().history_user == _user(roles, role)
    else:
        assert response.status_code == 403 and not created.exists()
        assert "comisión" in response.content.decode()


@pytest.mark.parametrize("role", (*EVERYONE, "anonymous"))
def test_edit_question_per_role(roles, debate, role):
    process, closed, _open = debate
    client = Client() if role == "anonymous" else client_for(_user(roles, role))
    data = {"text": "¿Gratuita?", "kind": "closed", "options": "Sí\nNo", "position": "1"}
    response = client.post(_url(process, "editar/", closed), data)
    closed.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302 and closed.text == "¿Gratuita?"
        assert _counts(closed) == [0, 0]
    else:
        assert response.status_code in (302, 403) and closed.text == "¿Debe ser gratuita el agua?"
        assert closed.options.count() == 3


def test_question_form_shows_and_an_open_question_keeps_no_options(roles, debate):
    process, closed, _open = debate
    client = client_for(roles.liaison)
    page = client.get(_url(process, "editar/", closed)).content.decode()
    assert "Solo un mínimo" in page and "¿Debe ser gratuita el agua?" in page
    assert client.get(_url(process, "nueva/")).status_code == 200
    data = {"text": "¿Por qué?", "kind": "open", "options": "a\nb", "position": "0"}
    assert client.post(_url(process, "nueva/"), data).status_code == 302
    assert not DebateQuestion.objects.get(text="¿Por qué?").options.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("Solo una", "entre 2 y 20"),
        ("\n".join(f"Opción {n}" for n in range(21)), "entre 2 y 20"),
        ("Corta\n" + "x" * 201, "200 caracteres"),
        ("Sí\nsí", "repetidas"),
        ("", "entre 2 y 20"),
    ],
)
def test_bad_options_are_refused_and_nothing_saved(roles, debate, options, message):
    process, _closed, _open = debate
    data = {"text": "¿Mala?", "kind": "closed", "options": options, "position": "0"}
    response = client_for(roles.liaison).post(_url(process, "nueva/"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not DebateQuestion.objects.filter(text="¿Mala?").exists()


def test_bad_kind_and_position_are_400(roles, debate):
    process, _closed, _open = debate
    client = client_for(roles.liaison)
    data = {"text": "¿X?", "kind": "otro", "options": "a\nb", "position": "uno"}
    assert client.post(_url(process, "nueva/"), data).status_code == 400
    assert not DebateQuestion.objects.filter(text="¿X?").exists()


def test_options_cannot_change_once_answered_but_the_wording_can(roles, debate):
    process, closed, _open = debate
    yes = closed.options.get(text="Sí")
    debate_services.answer_save(actor=roles.participant, question=closed, option=yes)
    client = client_for(roles.liaison)
    changed = {"text": "¿Gratuita?", "kind": "closed", "options": "Sí\nNo", "position": "1"}
    response = client.post(_url(process, "editar/", closed), changed)
    assert response.status_code == 400 and "ya tiene respuestas" in response.content.decode()
    closed.refresh_from_db()
    assert closed.text == "¿Debe ser gratuita el agua?" and closed.options.count() == 3
    reopen = {**changed, "kind": "open", "options": ""}
    assert client.post(_url(process, "editar/", closed), reopen).status_code == 400
    same = {**changed, "options": "Sí\nNo\nSolo un mínimo"}
    assert client.post(_url(process, "editar/", closed), same).status_code == 302
    closed.refresh_from_db()
    assert closed.text == "¿Gratuita?" and _counts(closed) == [1, 0, 0]


def test_question_of_another_process_or_missing_is_404(roles, debate):
    process, _closed, _open = debate
    other = ProcessFactory(congress=process.congress)
    elsewhere = DebateQuestion.objects.create(process=other, text="¿Otra?", kind="open")
    client = client_for(roles.liaison)
    assert client.get(_url(process, "editar/", elsewhere)).status_code == 404
    assert client.get(_url(process, "", elsewhere)).status_code == 404
    assert client.get("/leyes/no-existe/preguntas/").status_code == 404
    assert client.get(f"/leyes/{process.slug}/preguntas/abc/").status_code == 404


# --- Answering -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", (*EVERYONE, "anonymous"))
def test_answer_per_role(roles, debate, role):
    """Every verified account answers (the committee's people are citizens too); an unverified
    one is told why not when the process asks for verification."""
    process, closed, _open = debate
    client = Client() if role == "anonymous" else client_for(_user(roles, role))
    option = closed.options.get(text="No")
    response = client.post(_url(process, "responder/", closed), {"option": option.pk})
    if role == "anonymous":
        assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
        assert not DebateAnswer.objects.exists()
    elif role == "unverified":
        assert response.status_code == 403 and "verificado" in response.content.decode()
        assert not DebateAnswer.objects.exists() and _counts(closed) == [0, 0, 0]
    else:
        assert response.status_code == 302 and response["Location"].endswith("#tu-respuesta")
        assert DebateAnswer.objects.get().user == _user(roles, role)
        assert _counts(closed) == [0, 1, 0]


def test_unverified_may_answer_when_the_process_does_not_ask(roles, debate):
    process, _closed, open_ = debate
    process.requires_verified = False
    process.save()
    response = client_for(roles.unverified).post(
        _url(process, "responder/", open_), {"text": "Más"}
    )
    assert response.status_code == 302 and DebateAnswer.objects.get().text == "Más"


def test_changing_answers_keeps_counts_exact(roles, debate):
    process, closed, _open = debate
    yes, no, least = closed.options.order_by("position")
    first, second = client_for(roles.participant), client_for(roles.other_liaison)
    url = _url(process, "responder/", closed)
    first.post(url, {"option": yes.pk})
    second.post(url, {"option": yes.pk})
    assert _counts(closed) == [2, 0, 0]
    first.post(url, {"option": no.pk})
    assert _counts(closed) == [1, 1, 0]
    first.post(url, {"option": no.pk})  # the same answer again counts once
    second.post(url, {"option": least.pk})
    assert _counts(closed) == [0, 1, 1]
    assert DebateAnswer.objects.filter(question=closed).count() == 2
    _exact(closed)
    page = Client().get(_url(process, "", closed)).content.decode()
    assert "50.0 %" in page and "<svg" in page and "<table" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Elige una de las respuestas"), ({"option": "abc"}, "de esta pregunta")],
)
def test_missing_or_malformed_option_is_400(roles, debate, data, message):
    process, closed, _open = debate
    response = client_for(roles.participant).post(_url(process, "responder/", closed), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not DebateAnswer.objects.exists()


def test_an_option_of_another_question_is_refused_and_counts_do_not_move(roles, debate):
    process, closed, _open = debate
    other = DebateQuestion.objects.create(process=process, text="¿Otra?", kind="closed")
    foreign = QuestionOption.objects.create(question=other, text="Ajena")
    client = client_for(roles.participant)
    client.post(_url(process, "responder/", closed), {"option": closed.options.first().pk})
    response = client.post(_url(process, "responder/", closed), {"option": foreign.pk})
    assert response.status_code == 400 and "de esta pregunta" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.answer_count == 0 and _counts(closed) == [1, 0, 0]
    with pytest.raises(ValidationError):
        debate_services.answer_save(actor=roles.admin, question=closed, option=foreign)
    assert _counts(closed) == [1, 0, 0] and foreign.answer_count == 0


def test_open_answers_empty_too_long_and_html(roles, debate):
    process, _closed, open_ = debate
    client = client_for(roles.participant)
    url = _url(process, "responder/", open_)
    for bad in ({"text": "   "}, {"text": "x" * 2001}, {}):
        assert client.post(url, bad).status_code == 400
    assert not DebateAnswer.objects.exists()
    html = '<script>alert("x")</script> <b>Más agua</b>'
    assert client.post(url, {"text": html}).status_code == 302
    assert DebateAnswer.objects.get().text == html
    assert client.post(url, {"text": "Cambié de idea"}).status_code == 302
    assert DebateAnswer.objects.get().text == "Cambié de idea"
    client.post(url, {"text": html})
    page = Client().get(_url(process, "", open_)).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert roles.participant.email not in page and "Persona participante" in page


@pytest.mark.parametrize("when", ["before", "after"])
def test_outside_the_debate_answers_are_refused_with_its_dates(roles, debate, when):
    process, closed, open_ = debate
    now = timezone.now()
    phase = Phase.objects.get(process=process, kind=PhaseKind.DEBATE)
    if when == "before":
        phase.opens_at, phase.closes_at = now + dt.timedelta(days=2), now + dt.timedelta(days=9)
    else:
        phase.opens_at, phase.closes_at = now - dt.timedelta(days=9), now - dt.timedelta(days=2)
    phase.save()
    client = client_for(roles.participant)
    response = client.post(
        _url(process, "responder/", closed), {"option": closed.options.first().pk}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert ("abre el" if when == "before" else "cerró el") in text
    assert str(phase.closes_at.astimezone(roles.exercise.zone).year) in text
    assert client.post(_url(process, "responder/", open_), {"text": "x"}).status_code == 400
    assert not DebateAnswer.objects.exists() and _counts(closed) == [0, 0, 0]
    page = client.get(_url(process, "", closed)).content.decode()
    assert "Cambiar mi respuesta" not in page and 'name="option"' not in page


def test_a_process_without_debate_phase_takes_no_answers(roles, debate):
    process, _closed, open_ = debate
    Phase.objects.filter(process=process).delete()
    response = client_for(roles.participant).post(_url(process, "responder/", open_), {"text": "x"})
    assert response.status_code == 400 and "fase de debate" in response.content.decode()


def test_answer_only_by_post_and_rate_limited(roles, debate):
    process, _closed, open_ = debate
    client = client_for(roles.participant)
    url = _url(process, "responder/", open_)
    assert client.get(url).status_code == 405
    statuses = [client.post(url, {"text": f"Idea {n}"}).status_code for n in range(31)]
    assert statuses[:30] == [302] * 30 and statuses[30] == 429
    assert DebateAnswer.objects.get().text == "Idea 29"


# --- Reading -------------------------------------------------------------------------------


def test_detail_shows_the_form_to_those_who_may_answer(roles, debate):
    process, closed, _open = debate
    anonymous = Client().get(_url(process, "", closed)).content.decode()
    assert "Inicia sesión para responder" in anonymous and 'name="option"' not in anonymous
    unverified = client_for(roles.unverified).get(_url(process, "", closed)).content.decode()
    assert "correo verificado" in unverified and 'name="option"' not in unverified
    client = client_for(roles.participant)
    assert 'name="option"' in client.get(_url(process, "", closed)).content.decode()
    client.post(_url(process, "responder/", closed), {"option": closed.options.last().pk})
    mine = client.get(_url(process, "", closed)).content.decode()
    assert "Cambiar mi respuesta" in mine and "Respondiste:" in mine
    assert "checked" in mine


def test_list_and_detail_queries_do_not_grow(roles, debate, django_assert_num_queries):
    process, closed, open_ = debate
    anonymous = Client()
    with django_assert_num_queries(4):  # session-less: process, phases, questions, options
        assert anonymous.get(_url(process)).status_code == 200
    for n in range(5):
        extra = DebateQuestion.objects.create(process=process, text=f"¿{n}?", kind="closed")
        QuestionOption.objects.bulk_create(QuestionOption(question=extra, text=t) for t in "ab")
        person = UserFactory()
        debate_services.answer_save(actor=person, question=closed, option=closed.options.first())
        debate_services.answer_save(actor=person, question=open_, text=f"Respuesta {n}")
    with django_assert_num_queries(4):
        page = anonymous.get(_url(process)).content.decode()
    assert "5 respuestas" in page and "¿4?" in page
    with django_assert_num_queries(4):  # process, question with options, phases
        assert anonymous.get(_url(process, "", closed)).status_code == 200
    with django_assert_num_queries(6):  # … and the answers' count and page with their authors
        assert anonymous.get(_url(process, "", open_)).status_code == 200


def test_list_queries_for_the_committee(roles, debate, django_assert_num_queries):
    process, _closed, _open = debate
    client = client_for(roles.liaison)
    client.get(_url(process))  # warms the session
    with django_assert_num_queries(7):
        page = client.get(_url(process)).content.decode()
    assert "Añadir una pregunta" in page


def test_open_answers_are_paginated(roles, debate):
    process, _closed, open_ = debate
    for n in range(23):
        debate_services.answer_save(actor=UserFactory(), question=open_, text=f"Idea número {n}")
    first = Client().get(_url(process, "", open_)).content.decode()
    assert "Idea número 22" in first and "Idea número 2<" not in first
    second = Client().get(_url(process, "", open_) + "?pagina=2").content.decode()
    assert "Idea número 0" in second and "Página 2 de 2" in second


# --- Moderating open answers ---------------------------------------------------------------

MODERATORS = ("liaison", "coordinator", "admin", "moderator")


@pytest.mark.parametrize("role", (*EVERYONE, "moderator", "anonymous"))
def test_hide_an_open_answer_per_role(roles, debate, role):
    process, _closed, open_ = debate
    answer = debate_services.answer_save(actor=roles.participant, question=open_, text="Insulto")
    roles.moderator = ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.MODERATOR
    ).user
    client = Client() if role == "anonymous" else client_for(_user(roles, role))
    data = {"respuesta": answer.pk, "accion": "ocultar", "reason": "Ofende a otra persona"}
    response = client.post(_url(process, "", open_), data)
    answer.refresh_from_db()
    if role in MODERATORS:
        assert response.status_code == 302 and answer.is_hidden
        assert answer.hidden_reason == "Ofende a otra persona"
        assert "Insulto" not in Client().get(_url(process, "", open_)).content.decode()
        moderator_page = client.get(_url(process, "", open_)).content.decode()
        assert "Insulto" in moderator_page and "Mostrar de nuevo" in moderator_page
        restore = {"respuesta": answer.pk, "accion": "restaurar"}
        assert client.post(_url(process, "", open_), restore).status_code == 302
        answer.refresh_from_db()
        assert not answer.is_hidden and answer.hidden_reason == "Ofende a otra persona"
    else:
        assert response.status_code in (302, 403) and not answer.is_hidden
        if role == "anonymous":
            assert "/cuentas/login/" in response["Location"]


def test_moderation_bad_input(roles, debate):
    process, closed, open_ = debate
    answer = debate_services.answer_save(actor=roles.participant, question=open_, text="Algo")
    vote = debate_services.answer_save(
        actor=roles.participant, question=closed, option=closed.options.first()
    )
    client = client_for(roles.liaison)
    url = _url(process, "", open_)
    assert client.post(url, {"accion": "ocultar", "reason": "x"}).status_code == 400
    assert client.post(url, {"respuesta": "abc", "accion": "ocultar"}).status_code == 400
    no_reason = client.post(url, {"respuesta": answer.pk, "accion": "ocultar", "reason": " "})
    assert no_reason.status_code == 400 and "motivo" in no_reason.content.decode()
    assert client.post(url, {"respuesta": vote.pk, "accion": "ocultar"}).status_code == 404
    closed_url = _url(process, "", closed)
    refused = client.post(closed_url, {"respuesta": vote.pk, "accion": "ocultar", "reason": "x"})
    assert refused.status_code == 400 and "abiertas" in refused.content.decode()
    answer.refresh_from_db()
    vote.refresh_from_db()
    assert not answer.is_hidden and not vote.is_hidden


def test_a_hidden_answer_rewritten_stays_hidden(roles, debate):
    process, _closed, open_ = debate
    answer = debate_services.answer_save(actor=roles.participant, question=open_, text="Insulto")
    debate_services.answer_moderate(actor=roles.liaison, answer=answer, hide=True, reason="Ofensa")
    client = client_for(roles.participant)
    client.post(_url(process, "responder/", open_), {"text": "Otro insulto"})
    answer.refresh_from_db()
    assert answer.is_hidden and answer.text == "Otro insulto"
    mine = client.get(_url(process, "", open_)).content.decode()
    assert "oculta por moderación" in mine and "Ofensa" in mine
    total = DebateQuestion.objects.filter(pk=open_.pk).aggregate(n=Sum("answers__id"))
    assert total["n"] == answer.pk
