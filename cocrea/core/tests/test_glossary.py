"""The glossary page (/glosario/) and the `{% term %}` tag that links a word to it."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse

from cocrea.core.capabilities import audit_pages
from cocrea.core.glossary import BY_SLUG, TERMS
from cocrea.core.tests.helpers import client_for
from cocrea.core.tests.test_voice import USTED

pytestmark = pytest.mark.django_db

REQUIRED = [
    "Gobierno abierto",
    "Secretariado técnico local (tripartita)",
    "Órgano garante",
    "Plan de acción local",
    "Consulta pública",
    "Propuesta",
    "Apoyo",
    "Sistematización",
    "Problema público identificado",
    "Mesa de trabajo",
    "Compromiso",
    "Pilar",
    "Eje",
    "ODS (Objetivos de Desarrollo Sostenible)",
    "Hito",
    "Evidencia",
    "Avance",
    "Contraloría social",
    "Comité de contraloría social",
    "Cédula de vigilancia",
    "Transparencia proactiva",
    "Datos abiertos",
    "Reporte ciudadano",
    "Enlace institucional",
]


def _terms(html: str) -> list[tuple[str, str]]:
    """(id, name) of each term on the page, in order."""
    return re.findall(
        r'<dt id="([^"]+)"><a class="glossary-anchor" href="#\1">([^<]+)</a></dt>', html
    )


def test_the_glossary_page_lists_every_term_in_a_definition_list(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/glosario/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<title>Glosario ·", html)
    assert '<dl class="glossary">' in html
    names = [name for _slug, name in _terms(html)]
    assert sorted(names) == sorted(REQUIRED)
    # Alphabetical as a Spanish reader expects it: accents do not move a word to the end.
    assert names[0] == "Apoyo"
    assert names.index("Cédula de vigilancia") < names.index("Comité de contraloría social")
    assert names.index("ODS (Objetivos de Desarrollo Sostenible)") < names.index("Órgano garante")
    assert names.index("Órgano garante") < names.index("Pilar")
    assert html.count("<dd>") == len(TERMS)
    assert not USTED.search(html)


def test_each_term_has_a_stable_linkable_slug():
    slugs = [term.slug for term in TERMS]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert {"hito", "ods", "gobierno-abierto", "contraloria-social"} <= set(slugs)
    assert reverse("core:glossary") == "/glosario/"


def test_the_glossary_is_the_same_for_a_signed_in_reader(roles):
    html = client_for(roles.participant).get("/glosario/").content.decode()
    assert len(_terms(html)) == len(TERMS)


def test_the_glossary_only_answers_reads():
    assert Client().head("/glosario/").status_code == 200
    assert Client().post("/glosario/").status_code == 405


def test_the_glossary_is_audited_for_accessibility():
    assert "/glosario/" in audit_pages()


def _render(source: str, **context: object) -> str:
    return Template("{% load glossary %}" + source).render(Context(context))


def test_the_term_tag_links_to_the_definition():
    assert _render('{% term "hito" %}') == '<a href="/glosario/#hito" class="term">Hito</a>'
    assert _render('{% term "hito" "hitos" %}') == (
        '<a href="/glosario/#hito" class="term">hitos</a>'
    )
    assert _render('{% term "ods" _("ODS") %}') == '<a href="/glosario/#ods" class="term">ODS</a>'
    assert _render("{% term slug text %}", slug="eje", text="<ejes>") == (
        '<a href="/glosario/#eje" class="term">&lt;ejes&gt;</a>'
    )


def test_an_unknown_term_fails_loudly():
    with pytest.raises(TemplateSyntaxError, match="hitos"):
        Template('{% load glossary %}{% term "hitos" %}')  # a literal: when compiled
    with pytest.raises(TemplateSyntaxError, match="no glossary term"):
        _render("{% term slug %}", slug="no-existe")  # a variable: when rendered
    with pytest.raises(TemplateSyntaxError, match="Usage"):
        Template("{% load glossary %}{% term %}")
    with pytest.raises(TemplateSyntaxError, match="Usage"):
        Template('{% load glossary %}{% term "hito" "Hito" "de más" %}')


def test_every_term_renders_through_the_tag():
    for slug, term in BY_SLUG.items():
        assert _render(f'{{% term "{slug}" %}}') == (
            f'<a href="/glosario/#{slug}" class="term">{term.name}</a>'
        )


def test_the_records_link_their_terms_to_the_glossary_and_keep_lang_es_in_english():
    from cocrea.plans.tests.factories import CommitmentFactory

    commitment = CommitmentFactory()  # published
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(commitment.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200 and '<html lang="en">' in body
    assert '<a href="/glosario/#ods" class="term">ODS</a>' in body
    assert 'href="/glosario/#hito"' in body
    assert f'<span lang="es">{commitment.title}</span>' in body
