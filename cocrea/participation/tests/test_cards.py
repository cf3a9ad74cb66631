"""The consultation page shows its proposals as cards: each with its fields, supports counted in
Spanish plurals, and a support button only for whoever may support now."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.participation.models import Axis, Consultation, Proposal, ProposalStatus, Support
from cocrea.participation.services import proposal_submit, support_add
from cocrea.participation.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

LONG = "Que el camión pase cada diez minutos por la colonia. " * 10


@pytest.fixture
def consultation(roles) -> Consultation:
    return ConsultationFactory(
        exercise=roles.exercise, slug="movilidad", supports_per_participant=3
    )


def _base(c: Consultation) -> str:
    return f"/ejercicios/{c.exercise.slug}/consultas/{c.slug}/"


def _propose(consultation, author, title, **fields) -> Proposal:
    return proposal_submit(
        actor=author,
        consultation=consultation,
        title=title,
        body=fields.pop("body", "Texto"),
        **fields,
    )


def _card(page: str, proposal: Proposal) -> str:
    """The HTML of one proposal's card."""
    found = re.search(
        rf'<article class="proposal-card" id="propuesta-{proposal.pk}".*?</article>', page, re.S
    )
    assert found, f"no card for proposal {proposal.pk}"
    return found.group(0)


def _support_url(consultation, proposal) -> str:
    return _base(consultation) + f"propuestas/{proposal.pk}/apoyo/"


def test_each_card_shows_its_proposal(roles, consultation):
    axis = Axis.objects.create(consultation=consultation, order=1, name="Transporte público")
    full = _propose(
        consultation,
        roles.participant,
        "Camiones cada diez minutos",
        body=LONG,
        axis=axis,
        place="Colonia Centro",
    )
    bare = _propose(consultation, roles.liaison, "Banquetas anchas")
    Proposal.objects.filter(pk=full.pk).update(support_count=1, status=ProposalStatus.TAKEN)
    Proposal.objects.filter(pk=bare.pk).update(support_count=1234)

    page = Client().get(_base(consultation)).content.decode()

    assert '<ul class="proposal-cards">' in page and page.count("<li><article") == 2
    card = _card(page, full)
    link = _base(consultation) + f"propuestas/{full.pk}/"
    assert f'<a href="{link}">Camiones cada diez minutos</a></h3>' in card
    assert "Que el camión pase cada diez minutos" in card and LONG.strip() not in card
    assert "…" in card  # the summary is cut, and says so
    assert "Transporte público" in card and "Colonia Centro" in card
    assert "Incorporada a un compromiso" in card  # the answer in words, not only a colour
    assert "<strong>1</strong> apoyo</p>" in card.replace("\n", "")
    other = _card(page, bare)
    assert "Sin eje" in other and "Lugar" not in other and "En revisión" in other
    assert "<strong>1,234</strong> apoyos" in other
    assert "2 propuestas" in page
    for person in (roles.participant, roles.liaison):  # no author's personal data
        assert person.email not in page


@pytest.mark.parametrize(
    ("supports", "text"),
    [(0, "0</strong> apoyos"), (1, "1</strong> apoyo<"), (2, "2</strong> apoyos")],
)
def test_supports_are_counted_with_plurals(roles, consultation, supports, text):
    proposal = _propose(consultation, roles.liaison, "Ciclovía")
    Proposal.objects.filter(pk=proposal.pk).update(support_count=supports)
    card = _card(Client().get(_base(consultation)).content.decode(), proposal)
    assert text in card


def test_one_proposal_is_counted_in_the_singular(roles, consultation):
    _propose(consultation, roles.liaison, "Ciclovía")
    page = Client().get(_base(consultation)).content.decode()
    assert "1 propuesta ·" in page and "1 propuestas" not in page


@pytest.mark.parametrize(
    ("viewer", "state", "button", "note"),
    [
        ("anonymous", "open", None, "Entra para apoyar propuestas"),
        ("participant", "open", "apoyar", None),
        ("unverified", "open", None, "correo verificado"),
        ("supporter", "open", "retirar", None),
        ("participant", "closed", None, None),
        ("supporter", "closed", None, None),
        ("participant", "not_open", None, None),
    ],
)
def test_the_support_button_is_only_for_who_may_support(
    roles, consultation, viewer, state, button, note
):
    proposal = _propose(consultation, roles.liaison, "Ciclovía")
    user = {
        "anonymous": None,
        "participant": roles.participant,
        "unverified": UserFactory(verified=False),
        "supporter": roles.participant,
    }[viewer]
    if viewer == "supporter":
        support_add(actor=roles.participant, proposal=proposal)
    now = timezone.now()
    if state == "closed":
        Consultation.objects.filter(pk=consultation.pk).update(
            closes_at=now - dt.timedelta(hours=1)
        )
    if state == "not_open":
        Consultation.objects.filter(pk=consultation.pk).update(opens_at=now + dt.timedelta(days=1))

    page = client_for(user).get(_base(consultation)).content.decode()

    card = _card(page, proposal)
    form = f'action="{_support_url(consultation, proposal)}"'
    if button is None:
        assert form not in card and "<button" not in card
    else:
        assert form in card and f'name="accion" value="{button}"' in card
        assert 'name="csrfmiddlewaretoken"' in card
    assert ("la apoyas" in card) == (viewer == "supporter")
    if note:
        assert note in page
    assert "Entra para apoyar" not in page or viewer == "anonymous"


def _next_in(card: str) -> str:
    found = re.search(r'name="next" value="([^"]+)"', card)
    assert found
    return found.group(1).replace("&amp;", "&")


def test_supporting_from_a_card_comes_back_to_the_same_page(roles, consultation):
    proposal = _propose(consultation, roles.liaison, "Ciclovía")
    client = client_for(roles.participant)
    listing = _base(consultation) + "?orden=recientes&eje=&q=ciclov%C3%ADa"  # as a browser sends it
    back = _next_in(_card(client.get(listing).content.decode(), proposal))
    assert back == listing + f"#propuesta-{proposal.pk}"

    response = client.post(_support_url(consultation, proposal), {"accion": "apoyar", "next": back})

    assert response.status_code == 302 and response["Location"] == back
    assert Support.objects.filter(user=roles.participant, proposal=proposal).exists()
    page = client.get(listing).content.decode()
    assert "Gracias por tu apoyo." in page
    card = _card(page, proposal)
    assert "la apoyas" in card and "<strong>1</strong> apoyo" in card
    withdrawn = client.post(
        _support_url(consultation, proposal), {"accion": "retirar", "next": back}
    )
    assert withdrawn["Location"] == back and not Support.objects.exists()


@pytest.mark.parametrize(
    "elsewhere", ["https://malicioso.example/", "//malicioso.example/", "javascript:alert(1)", ""]
)
def test_a_foreign_next_goes_to_the_proposal_instead(roles, consultation, elsewhere):
    proposal = _propose(consultation, roles.liaison, "Ciclovía")
    response = client_for(roles.participant).post(
        _support_url(consultation, proposal), {"accion": "apoyar", "next": elsewhere}
    )
    assert response.status_code == 302
    assert response["Location"] == _base(consultation) + f"propuestas/{proposal.pk}/"
    assert Support.objects.count() == 1


def test_a_visitor_signs_in_and_returns_to_the_consultation(roles, consultation):
    proposal = _propose(consultation, roles.liaison, "Ciclovía")
    back = _base(consultation) + "?orden=recientes"
    response = Client().post(_support_url(consultation, proposal), {"next": back})
    assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
    assert quote(back, safe="/") in response["Location"] and not Support.objects.exists()


def test_a_refused_support_says_why_and_links_back(roles, consultation):
    proposal = _propose(consultation, roles.liaison, "Ciclovía")
    support_add(actor=roles.participant, proposal=proposal)
    back = _base(consultation) + "?orden=recientes"
    response = client_for(roles.participant).post(
        _support_url(consultation, proposal), {"accion": "apoyar", "next": back}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Ya apoyas" in body
    assert f'href="{back.replace("&", "&amp;")}"' in body


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(("viewer", "queries"), [("anonymous", 5), ("participant", 10)])
def test_the_page_costs_the_same_with_3_or_30_proposals(
    django_assert_num_queries, roles, consultation, count, viewer, queries
):
    axis = Axis.objects.create(consultation=consultation, order=1, name="Transporte")
    proposals = [
        _propose(consultation, roles.liaison, f"Propuesta {n}", axis=axis, place="Centro")
        for n in range(count)
    ]
    support_add(actor=roles.participant, proposal=proposals[0])
    client = client_for(roles.participant if viewer == "participant" else None)
    # anonymous: exercise, consultation, hidden count, page, axes; signed in, also: session,
    # account, the account's roles in the exercise, its supports on the page, its verification
    with django_assert_num_queries(queries):
        page = client.get(_base(consultation)).content.decode()
    assert page.count("<li><article") == min(count, 25)
