"""Public paths are pinned to their namespaced names: renaming code never moves a page.

Each row is a name, its arguments and the exact public path; `reverse` must build that path and
`resolve` must lead it back to the same name with arguments named after what they hold.
"""

import re
import uuid
from pathlib import Path

import pytest
from django.urls import resolve, reverse

from cocrea.comptrollership.models import PublicWork
from cocrea.exercises.models import Exercise
from cocrea.lawmaking.models import Contribution, LegislativeProcess
from cocrea.opendata.models import Dataset
from cocrea.participation.models import Consultation, Problem, Proposal
from cocrea.plans.models import ActionPlan, Commitment
from cocrea.reports.models import Photo, Report
from cocrea.requests.models import InformationRequest

RESOURCE = uuid.UUID("0b6f3c4e-8a51-4f7e-9d0a-2c1e5b7a9f10")
J = "/ejercicios/jalisco/"
COMMITMENT = J + "planes/2/compromisos/7/"
CONSULTATION = J + "consultas/agua-potable/"

PATHS = [
    # core
    ("pages:home", [], "/"),
    ("core:territory_list", [], "/territorios/"),
    ("pages:organization_detail", ["sedesol"], "/organizaciones/sedesol/"),
    ("core:organization_edit", ["sedesol"], "/organizaciones/sedesol/editar/"),
    # exercises
    ("exercises:exercise_list", [], "/ejercicios/"),
    ("exercises:exercise_detail", ["jalisco"], J),
    ("exercises:session_minutes", ["jalisco", 3], J + "sesiones/3/acta.pdf"),
    ("exercises:agreement_edit", ["jalisco", 3, 4], J + "sesiones/3/acuerdos/4/editar/"),
    # plans
    ("plans:national_statistics", [], "/estadisticas/"),
    ("plans:plan_detail", ["jalisco", 2], J + "planes/2/"),
    ("plans:plan_export", ["jalisco", 2, "ogp.csv"], J + "planes/2/exportar.ogp.csv"),
    ("pages:commitment_detail", ["jalisco", 2, 7], COMMITMENT),
    ("plans:milestone_edit", ["jalisco", 2, 7, 1], COMMITMENT + "hitos/1/editar/"),
    ("plans:evidence_file", ["jalisco", 2, 7, 9], COMMITMENT + "evidencias/9/archivo"),
    # monitoring
    ("monitoring:national_dashboard", [], "/tablero/"),
    ("monitoring:national_shadow", [], "/informe-sombra/"),
    ("monitoring:organization_dashboard", ["sedesol"], "/organizaciones/sedesol/tablero/"),
    ("monitoring:standard_attest", ["jalisco", "minutas"], J + "estandares/minutas/atestiguar/"),
    ("monitoring:report_create", ["jalisco", 2, 7], COMMITMENT + "reportes/nuevo/"),
    ("monitoring:report_correct", ["jalisco", 2, 7, 4], COMMITMENT + "reportes/4/corregir/"),
    ("monitoring:notification_settings", [], "/cuentas/avisos/"),
    # participation
    ("participation:consultation_detail", ["jalisco", "agua-potable"], CONSULTATION),
    (
        "participation:proposal_detail",
        ["jalisco", "agua-potable", 12],
        CONSULTATION + "propuestas/12/",
    ),
    (
        "participation:problem_detail",
        ["jalisco", "agua-potable", 5],
        CONSULTATION + "problematicas/5/",
    ),
    (
        "participation:consultation_results",
        ["jalisco", "agua-potable", "csv"],
        CONSULTATION + "resultados.csv",
    ),
    (
        "participation:comment_post",
        ["propuesta", "jalisco", "agua-potable", 12],
        "/comentarios/propuesta/jalisco/agua-potable/12/",
    ),
    # reports
    ("reports:report_list", [], "/reportes/"),
    ("reports:report_detail", [5], "/reportes/5/"),
    ("reports:report_map", [], "/reportes/mapa/"),
    ("reports:report_points", [], "/reportes/mapa.geojson"),
    ("reports:place_lookup", [], "/reportes/lugar/"),
    ("comptrollership:work_map", [], "/contraloria-social/mapa/"),
    ("comptrollership:work_points", [], "/contraloria-social/obras/mapa.geojson"),
    ("search:results", [], "/buscar/"),
    ("core:glossary", [], "/glosario/"),
    ("reports:report_file", ["bache"], "/reportes/nuevo/bache/"),
    ("reports:photo_file", [9], "/fotos/9.jpg"),
    ("reports:open311_discovery", ["json"], "/open311/v2/discovery.json"),
    ("reports:open311_service", ["bache", "xml"], "/open311/v2/services/bache.xml"),
    # comptrollership
    ("comptrollership:comptrollership", [], "/contraloria-social/"),
    ("comptrollership:work_detail", [3], "/contraloria-social/obras/3/"),
    ("comptrollership:work_new", [], "/contraloria-social/obras/nueva/"),
    ("comptrollership:work_edit", [3], "/contraloria-social/obras/3/editar/"),
    ("comptrollership:committee_new", [3], "/contraloria-social/obras/3/comites/nuevo/"),
    ("comptrollership:committee_edit", [3, 4], "/contraloria-social/obras/3/comites/4/"),
    ("comptrollership:inspection_new", [3], "/contraloria-social/obras/3/cedulas/nueva/"),
    # opendata
    ("opendata:dataset_list", [], "/datos/"),
    ("opendata:bulk_download", [], "/datos/abiertos.zip"),
    ("opendata:dataset_detail", ["presupuesto"], "/datos/presupuesto/"),
    (
        "opendata:resource_download",
        ["presupuesto", RESOURCE],
        f"/datos/presupuesto/recursos/{RESOURCE}/descargar/",
    ),
    ("opendata:platform_csv", ["compromisos"], "/datos/plataforma/compromisos.csv"),
    ("opendata:ckan_action", ["package_search"], "/api/3/action/package_search"),
    ("opendata:ckan_action_short", ["package_show"], "/api/action/package_show"),
    ("opendata:dcat_catalog", ["ttl"], "/catalog.ttl"),
    ("opendata:dcat_dataset", ["presupuesto", "jsonld"], "/dataset/presupuesto.jsonld"),
    # collaborative lawmaking: a bill's articles have one address per version
    ("lawmaking:process_list", [], "/leyes/"),
    ("lawmaking:process_detail", ["ley-x"], "/leyes/ley-x/"),
    ("lawmaking:unit_detail", ["ley-x", "articulo-5"], "/leyes/ley-x/texto/articulo-5/"),
    ("lawmaking:version_unit", ["ley-x", 2, "articulo-5"], "/leyes/ley-x/versiones/2/articulo-5/"),
    ("lawmaking:compare", ["ley-x"], "/leyes/ley-x/comparar/"),
    ("lawmaking:comparative_pdf", ["ley-x"], "/leyes/ley-x/cuadro-comparativo.pdf"),
    ("lawmaking:contribution_detail", ["ley-x", 4], "/leyes/ley-x/aportaciones/4/"),
    ("lawmaking:summary_xlsx", ["ley-x"], "/leyes/ley-x/resumen.xlsx"),
    ("lawmaking:exercise_processes", ["jalisco"], "/ejercicios/jalisco/leyes/"),
    # access to information: a request's address is its number; a body's, its slug
    ("requests:request_list", [], "/solicitudes/"),
    ("requests:request_new", [], "/solicitudes/nueva/"),
    ("requests:request_detail", [8], "/solicitudes/8/"),
    ("requests:request_events_json", [8], "/solicitudes/8/pasos.json"),
    ("requests:step_new", [8, "answered"], "/solicitudes/8/pasos/answered/"),
    ("requests:institution_detail", ["sedesol"], "/solicitudes/instituciones/sedesol/"),
    ("requests:timeline", [], "/solicitudes/plazos/"),
    ("requests:statistics", [], "/solicitudes/estadisticas/"),
    ("requests:statistics_csv", [], "/solicitudes/estadisticas.csv"),
    # names of the root URLconf and the API stay as they were
    ("healthz", [], "/healthz"),
    ("api-v1:openapi-view", [], "/api/v1/docs"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS, ids=[row[0] for row in PATHS])
def test_name_builds_the_public_path_and_back(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).view_name == name


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/organizaciones/sedesol/", {"organization_slug": "sedesol"}),
        (
            COMMITMENT + "hitos/1/evidencia/",
            {
                "exercise_slug": "jalisco",
                "plan_number": 2,
                "commitment_number": 7,
                "milestone_number": 1,
            },
        ),
        (
            COMMITMENT + "reportes/4/corregir/",
            {
                "exercise_slug": "jalisco",
                "plan_number": 2,
                "commitment_number": 7,
                "corrected_report_id": 4,
            },
        ),
        (
            CONSULTATION + "propuestas/12/apoyo/",
            {"exercise_slug": "jalisco", "consultation_slug": "agua-potable", "proposal_id": 12},
        ),
        ("/reportes/nuevo/bache/", {"category_code": "bache"}),
        (
            "/leyes/ley-x/versiones/2/articulo-5/",
            {"process_slug": "ley-x", "version_number": 2, "unit_key": "articulo-5"},
        ),
        ("/leyes/ley-x/aportaciones/4/", {"process_slug": "ley-x", "contribution_id": 4}),
        ("/dataset/presupuesto.ttl", {"dataset_name": "presupuesto", "fmt": "ttl"}),
        ("/solicitudes/8/pasos/answered/", {"request_id": 8, "kind": "answered"}),
        ("/solicitudes/instituciones/sedesol/", {"organization_slug": "sedesol"}),
        ("/api/3/action/package_show", {"action_name": "package_show"}),
    ],
)
def test_url_arguments_are_named_after_what_they_hold(path, kwargs):
    assert resolve(path).kwargs == kwargs


def test_models_with_a_page_know_its_path():
    exercise = Exercise(slug="jalisco")
    plan = ActionPlan(exercise=exercise, number=2)
    consultation = Consultation(exercise=exercise, slug="agua-potable")
    assert exercise.get_absolute_url() == J
    assert plan.get_absolute_url() == J + "planes/2/"
    assert Commitment(plan=plan, number=7).get_absolute_url() == COMMITMENT
    assert consultation.get_absolute_url() == CONSULTATION
    assert Proposal(pk=12, consultation=consultation).get_absolute_url() == (
        CONSULTATION + "propuestas/12/"
    )
    assert Problem(pk=5, consultation=consultation).get_absolute_url() == (
        CONSULTATION + "problematicas/5/"
    )
    assert Report(pk=5).get_absolute_url() == "/reportes/5/"
    assert PublicWork(pk=3).get_absolute_url() == "/contraloria-social/obras/3/"
    assert Dataset(name="presupuesto").get_absolute_url() == "/datos/presupuesto/"
    assert Photo(pk=9).url == "/fotos/9.jpg"
    process = LegislativeProcess(slug="ley-x")
    assert process.get_absolute_url() == "/leyes/ley-x/"
    assert Contribution(pk=4, process=process).get_absolute_url() == "/leyes/ley-x/aportaciones/4/"
    assert InformationRequest(pk=8).get_absolute_url() == "/solicitudes/8/"


ROOT_NAMES = {"healthz", "floor", "set_language"}
TEMPLATE_URL = re.compile(r"""\{%\s*url\s+['"]([^'"]+)['"]""")


def test_templates_name_project_urls_with_their_namespace():
    """A bare name would only resolve by luck: every project URL lives in an app namespace."""
    root = Path(__file__).resolve().parents[2]
    bare = sorted(
        f"{template.relative_to(root)}: {name}"
        for template in root.glob("**/templates/**/*.html")
        for name in TEMPLATE_URL.findall(template.read_text(encoding="utf-8"))
        if ":" not in name and name not in ROOT_NAMES and not name.startswith("account_")
    )
    assert bare == []
