"""Counts agree with their nouns: "1 apoyo", "2 apoyos" (Django's ngettext, not a fixed plural)."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from cocrea.core.capabilities import audit_pages
from cocrea.core.tests.factories import UserFactory
from cocrea.participation.models import Consultation
from cocrea.participation.services import proposal_submit, support_add
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db

NOUNS = (
    "apoyos|compromisos|propuestas|comentarios|personas|hitos|reportes|días|hallazgos|planes"
    "|ejercicios|sesiones|acuerdos|mesas|participantes"
)
ONE_PLURAL = re.compile(rf"(?<![\d.,])\b1 ({NOUNS})\b")
# Same-site links, without query strings (filters and pages of a list) or fragments.
LINK = re.compile(r'href="(/[^"#?]*)"')
SKIP_ENDINGS = (".csv", ".json", ".xlsx", ".pdf", ".xml", ".ics", ".svg", ".png", "/salir/")
CRAWL_LIMIT = 500


def _text(response) -> str:
    """The page's words as a reader sees them: tags out, runs of spaces as one."""
    return " ".join(strip_tags(response.content.decode()).split())


def _consultation(exercise, supports: int = 2) -> Consultation:
    now = timezone.now()
    return Consultation.objects.create(
        exercise=exercise,
        title="Consulta de plurales",
        slug="consulta-plurales",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        supports_per_participant=supports,
    )


def test_a_proposal_with_one_support_says_apoyo_and_two_say_apoyos(roles):
    consultation = _consultation(roles.exercise)
    one = proposal_submit(actor=roles.liaison, consultation=consultation, title="Una", body="T")
    two = proposal_submit(actor=roles.liaison, consultation=consultation, title="Dos", body="T")
    support_add(actor=roles.participant, proposal=one)
    support_add(actor=roles.participant, proposal=two)
    support_add(actor=UserFactory(), proposal=two)
    client = Client()
    page = _text(client.get(one.get_absolute_url()))
    assert "1 apoyo" in page and "1 apoyos" not in page
    page = _text(client.get(two.get_absolute_url()))
    assert "2 apoyos" in page
    page = _text(client.get(consultation.get_absolute_url()))
    assert "2 apoyos por participante" in page and "2 propuestas" in page
    systematization = consultation.get_absolute_url() + "sistematizacion/"
    page = _text(client.get(systematization))
    assert "3 apoyos" in page and "2 propuestas" in page
    assert not ONE_PLURAL.search(page)


def test_a_consultation_with_one_support_per_person_says_so(roles):
    consultation = _consultation(roles.exercise, supports=1)
    proposal = proposal_submit(actor=roles.liaison, consultation=consultation, title="A", body="T")
    support_add(actor=roles.participant, proposal=proposal)
    page = _text(Client().get(consultation.get_absolute_url()))
    assert "1 apoyo por participante" in page and "1 propuesta" in page
    assert not ONE_PLURAL.search(page)
    page = _text(Client().get(consultation.get_absolute_url() + "sistematizacion/"))
    assert "2 personas participantes 1 propuesta 1 apoyo 0 de 1 propuesta con respuesta" in page
    assert not ONE_PLURAL.search(page)
    other = proposal_submit(actor=roles.liaison, consultation=consultation, title="B", body="T")
    with pytest.raises(Exception, match="Ya usaste tu apoyo en esta consulta"):
        support_add(actor=roles.participant, proposal=other)


def test_a_plan_with_one_commitment_says_compromiso():
    plan = PlanFactory()
    CommitmentFactory(plan=plan)
    page = _text(Client().get(plan.get_absolute_url()))
    assert "1 compromiso" in page and "1 compromisos" not in page
    assert not ONE_PLURAL.search(page)


def test_the_demo_pages_never_say_one_with_a_plural_noun():
    """The capability registry's audit pages and the pages they link to, as in the demo."""
    call_command("load_demo", verbosity=0)
    client = Client()
    queue = list(dict.fromkeys(audit_pages()))
    seen = set(queue)
    offenders = []
    read = 0
    while queue and read < CRAWL_LIMIT:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        html = response.content.decode()
        if found := ONE_PLURAL.search(_text(response)):
            offenders.append(f"{url}: {found.group(0)}")
        for link in LINK.findall(html):
            if link not in seen and not link.endswith(SKIP_ENDINGS):
                seen.add(link)
                queue.append(link)
    assert read > 100 and offenders == []
