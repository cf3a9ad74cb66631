"""The site-wide search, through its page: what it finds, what it never shows, how it pages, and
what bad input gets. Runs on SQLite and on PostgreSQL (full text; see test_postgres.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from cocrea.core.capabilities import registry
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory
from cocrea.reports.selectors import PUBLIC_FIELDS
from cocrea.search.kinds import BY_SLUG, KINDS
from cocrea.search.selectors import PER_KIND, PER_PAGE
from cocrea.search.tests.records import every_kind, hidden_ones

pytestmark = pytest.mark.django_db
URL = "/buscar/"


def _text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).split())


def test_the_address_is_pinned():
    assert reverse("search:results") == URL


def test_every_kind_is_found_and_linked_to_its_public_page():
    found = every_kind("acueducto")
    response = Client().get(URL, {"q": "acueducto"})
    assert response.status_code == 200
    html = response.content.decode()
    records = (found.commitment, found.plan, found.proposal, found.problem, found.report)
    for record in (*records, found.work, found.dataset, found.organization):
        assert f'href="{record.get_absolute_url()}"' in html, record
    page = _text(response)
    for kind in KINDS:
        assert str(kind.heading) in page
    assert "1 compromiso " in page and "1 plan de acción" in page and "1 obra pública" in page
    assert "8 resultados" in page
    assert "<mark>acueducto</mark>" in html  # the excerpt marks the word


def test_what_the_public_may_not_see_is_not_found():
    every_kind("acueducto")
    hidden = hidden_ones("acueducto")
    page = _text(Client().get(URL, {"q": "acueducto"}))
    for title in hidden:
        assert title not in page
    assert "1 compromiso " in page and "1 propuesta " in page and "1 conjunto de datos" in page


def test_a_report_shows_only_its_public_fields():
    found = every_kind("acueducto")
    response = Client().get(URL, {"q": "acueducto", "tipo": "reportes"})
    page = _text(response)
    assert f"Reporte {found.report.pk}: Fugas 1" in page
    assert "Se rompió el acueducto" in page
    for private in ("Zacarías", "Quintanilla", "zacarias@", "3312345678", "Privadísima"):
        assert private not in page
    assert "20.676667" not in page and "103.3475" not in page


def test_a_search_reads_one_query_per_kind_however_many_match(django_assert_num_queries):
    consultation = ConsultationFactory()
    every_kind("acueducto", 1, consultation)
    with django_assert_num_queries(len(KINDS)):
        first = Client().get(URL, {"q": "acueducto"})
    for n in range(2, 8):
        every_kind("acueducto", n, consultation)
    with django_assert_num_queries(len(KINDS)):
        more = Client().get(URL, {"q": "acueducto"})
    assert "8 resultados" in _text(first) and "56 resultados" in _text(more)
    assert _text(more).count("Comisión del acueducto") == PER_KIND


def test_one_kind_has_its_own_pages(django_assert_num_queries):
    plan = PlanFactory()
    for n in range(PER_PAGE + 3):
        CommitmentFactory(plan=plan, title=f"Compromiso {n} de vivienda")
    overview = Client().get(URL, {"q": "vivienda"}).content.decode()
    assert "Ver todos los compromisos" in overview
    assert 'href="/buscar/?q=vivienda&amp;tipo=compromisos"' in overview
    with django_assert_num_queries(2):  # the count and the page
        first = Client().get(URL, {"q": "vivienda", "tipo": "compromisos"})
    assert _text(first).count("de vivienda") == PER_PAGE
    assert f"{PER_PAGE + 3} compromisos" in _text(first)
    second = Client().get(URL, {"q": "vivienda", "tipo": "compromisos", "pagina": "2"})
    assert _text(second).count("de vivienda") == 3
    beyond = Client().get(URL, {"q": "vivienda", "tipo": "compromisos", "pagina": "x9"})
    assert beyond.status_code == 200 and _text(beyond).count("de vivienda") == PER_PAGE


def test_an_empty_query_says_what_to_search():
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "", "tipo": "obras"}):
        response = Client().get(URL, params)
        assert response.status_code == 200
        assert "¿Qué puedes buscar?" in _text(response)


def test_no_results_say_what_to_try():
    CommitmentFactory(title="Compromiso de vivienda")
    page = _text(Client().get(URL, {"q": "zzzxqj"}))
    assert "No encontramos nada con «zzzxqj»" in page and "revisa cómo escribiste" in page
    page = _text(Client().get(URL, {"q": "zzzxqj", "tipo": "obras"}))
    assert "No encontramos nada" in page and "busca en todos los tipos" in page


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a" * 201},
        {"q": "agua\x00"},
        {"q": "agua", "tipo": "contraseñas"},
        {"q": ["agua", "x" * 500]},
    ],
)
def test_bad_input_is_refused_with_a_message(params):
    response = Client().get(URL, params)
    assert response.status_code == 400
    assert "Revisa lo siguiente" in _text(response)
    assert _text(response).startswith("Error:")
    assert "\x00" not in response.content.decode()  # a refused NUL is not echoed


@pytest.mark.parametrize(
    "raw",
    [
        "%ED%A0%80",  # a lone surrogate, not UTF-8
        "%FF%FE",
        "agua%E2%80%AE%E2%80%8B",  # right-to-left override and a zero-width space
        "%F0%9F%92%A7%F0%9F%8F%AB",  # emoji
        "e%CC%81scuela",  # a combining accent
        "%22%22%22-%20or%20(%20!%20%26%20|%20:*",  # websearch operators alone
        "%EF%BC%A1%EF%BC%A7%EF%BC%B5%EF%BC%A1",  # full-width letters
        "a" * 200,
    ],
)
def test_strange_text_is_searched_without_error(raw):
    CommitmentFactory(title="Compromiso del agua")
    response = Client().get(f"{URL}?q={raw}")
    assert response.status_code == 200


def test_every_page_has_the_search_box():
    for path in ("/", "/organizaciones/", "/no-existe/", URL):
        html = Client().get(path).content.decode()
        assert '<form class="site-search" role="search"' in html, path
        assert 'action="/buscar/"' in html and 'id="site-search-q" name="q"' in html
        assert '<label class="visually-hidden" for="site-search-q">' in html


def test_a_word_in_too_many_records_is_counted_up_to_the_cap(monkeypatch):
    monkeypatch.setattr("cocrea.search.selectors.CAP", 3)
    plan = PlanFactory()
    for n in range(6):
        CommitmentFactory(plan=plan, title=f"Compromiso {n} de vivienda")
    page = _text(Client().get(URL, {"q": "vivienda"}))
    assert "Más de 3 resultados: prueba con más palabras" in page
    assert "más de 3 compromisos" in page
    page = _text(Client().get(URL, {"q": "vivienda", "tipo": "compromisos"}))
    assert "más de 3 compromisos" in page and page.count("de vivienda") <= 4


def test_one_result_is_singular():
    CommitmentFactory(title="Compromiso de vivienda")
    page = _text(Client().get(URL, {"q": "vivienda"}))
    assert "1 resultado." in page and "1 compromiso " in page


def test_a_report_hit_reads_only_what_reports_publish():
    reports = BY_SLUG["reportes"]
    assert set(reports.load) - set(PUBLIC_FIELDS) == {"municipality__name"}
    assert set(reports.fields) <= set(PUBLIC_FIELDS)


def test_the_audited_pages_answer():
    for path in registry.get("search").audit_pages:  # type: ignore[union-attr]
        assert Client().get(path).status_code == 200, path
