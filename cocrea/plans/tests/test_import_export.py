"""Export a plan as CSV, XLSX, JSON and OGP columns; import commitments all or nothing."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.core.tests.helpers import client_for, streamed
from cocrea.plans.exports import COLUMNS, OGP_COLUMNS
from cocrea.plans.models import Commitment, Milestone, Theme
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _base(plan) -> str:
    return f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/"


def _csv(response) -> list[dict[str, str]]:
    text = streamed(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def plan():
    plan = PlanFactory()
    first = CommitmentFactory(
        plan=plan,
        number=1,
        external_id="c-1",
        title='=HYPERLINK("http://x")',
        theme=Theme.objects.get(slug="educacion"),
        pillar_transparency=True,
        value_civic_participation=True,
    )
    MilestoneFactory(
        commitment=first, number=1, deliverable="Diagnóstico", progress=100, status="completed"
    )
    MilestoneFactory(
        commitment=first, number=2, deliverable="Portal", progress=20, status="in_progress"
    )
    CommitmentFactory(plan=plan, number=2, external_id="c-2", title="Sin hitos")
    CommitmentFactory(plan=plan, number=3, title="Borrador", is_published=False)
    return plan


def test_csv_export_has_a_row_per_milestone_and_no_drafts(plan):
    response = Client().get(_base(plan) + "exportar.csv")
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert list(rows[0]) == COLUMNS
    assert [(r["numero"], r["hito_numero"]) for r in rows] == [("1", "1"), ("1", "2"), ("2", "")]
    assert rows[0]["pilares"] == "transparency"
    assert rows[0]["tematica"] == "Educación"
    assert rows[0]["titulo"].startswith("'=")  # a formula is quoted, never run


def test_xlsx_json_and_ogp_exports(plan):
    response = Client().get(_base(plan) + "exportar.xlsx")
    sheet = load_workbook(io.BytesIO(streamed(response))).active
    assert isinstance(sheet, Worksheet)
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == COLUMNS
    assert len(table) == 4
    body = json.loads(streamed(Client().get(_base(plan) + "exportar.json")))
    assert [c["numero"] for c in body["commitments"]] == [1, 2]
    assert [m["hito_entregable"] for m in body["commitments"][0]["milestones"]] == [
        "Diagnóstico",
        "Portal",
    ]
    ogp = _csv(Client().get(_base(plan) + "exportar.ogp.csv"))
    assert list(ogp[0]) == OGP_COLUMNS
    assert (ogp[0]["Civic Participation"], ogp[0]["Access to Information"]) == ("Yes", "No")
    assert ogp[0]["Unique Identifier"] == f"MX-JAL-{plan.number:02d}-01"
    assert Client().get(_base(plan) + "exportar.pdf").status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_export_query_count_does_not_grow(django_assert_num_queries, n):
    plan = PlanFactory()
    for _ in range(n):
        MilestoneFactory(commitment=CommitmentFactory(plan=plan))
    # plan with its exercise; then commitments, supporting institutions, milestones (one chunk)
    with django_assert_num_queries(4):
        rows = _csv(Client().get(_base(plan) + "exportar.csv"))
    assert len(rows) == n


def _upload(plan, text: str | bytes, user, name="compromisos.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text)
    return client_for(user).post(_base(plan) + "importar/", {"file": file})


def _table(*rows: dict[str, object]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(dict.fromkeys(COLUMNS, "") | row)
    return out.getvalue()


@pytest.fixture
def importer(roles):
    plan = PlanFactory(exercise=roles.exercise)
    org = OrganizationFactory(slug="ayuntamiento-de-zapopan")
    return plan, org, roles


def _row(**extra: object) -> dict[str, object]:
    return {
        "id_externo": "zap-1",
        "numero": 1,
        "titulo": "Portal de datos abiertos",
        "institucion_responsable": "ayuntamiento-de-zapopan",
        "tematica": "Gobierno Abierto",
        "pilares": "transparency;innovation",
        "inicio": "2020-01-01",
        "fin": "2020-12-31",
        "estado": "in_progress",
        **extra,
    }


def test_import_creates_commitments_with_milestones_and_is_idempotent(importer):
    plan, org, roles = importer
    text = _table(
        _row(
            hito_numero=1,
            hito_entregable="Diagnóstico",
            hito_ponderacion=40,
            hito_avance=100,
            hito_estado="completed",
        ),
        _row(
            hito_numero=2,
            hito_entregable="Portal",
            hito_ponderacion=60,
            hito_avance=50,
            hito_estado="in_progress",
        ),
        _row(id_externo="zap-2", numero=2, titulo="Segundo"),
    )
    assert _upload(plan, text, roles.coordinator).status_code == 302
    commitment = Commitment.objects.get(plan=plan, external_id="zap-1")
    assert (commitment.lead_institution, commitment.pillar_innovation) == (org, True)
    assert str(commitment.progress) == "70.00"  # 0.4·100 + 0.6·50
    assert (
        _upload(
            plan, text.replace("Portal de datos abiertos", "Portal (corregido)"), roles.coordinator
        ).status_code
        == 302
    )
    assert Commitment.objects.filter(plan=plan).count() == 2
    assert Milestone.objects.filter(commitment__plan=plan).count() == 2
    assert Commitment.objects.get(external_id="zap-1").title == "Portal (corregido)"


def test_export_then_import_round_trips(importer):
    plan, _org, roles = importer
    _upload(
        plan,
        _table(_row(hito_numero=1, hito_entregable="=SUM(A1)", hito_avance=10)),
        roles.coordinator,
    )
    exported = streamed(Client().get(_base(plan) + "exportar.csv")).decode("utf-8-sig")
    assert _upload(plan, exported, roles.coordinator).status_code == 302
    assert Milestone.objects.get(commitment__plan=plan).deliverable == "=SUM(A1)"


def test_import_xlsx(importer):
    plan, _org, roles = importer
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(COLUMNS)
    row = _row(hito_numero=1, hito_entregable="Diagnóstico")
    sheet.append([row.get(c, "") for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert (
        _upload(plan, buffer.getvalue(), roles.coordinator, name="compromisos.xlsx").status_code
        == 302
    )
    assert Milestone.objects.filter(commitment__plan=plan).count() == 1


@pytest.mark.parametrize(
    ("rows", "row", "column", "message"),
    [
        ([_row(tematica="Astrología")], 2, "tematica", "no está en el catálogo"),
        (
            [_row(institucion_responsable="nadie")],
            2,
            "institucion_responsable",
            "no hay una institución",
        ),
        ([_row(fin="31/12/2020")], 2, "fin", "AAAA-MM-DD"),
        ([_row(fin="2019-01-01")], 2, "fin", "anterior"),
        (
            [_row(hito_numero=1, hito_entregable="D", hito_avance=150)],
            2,
            "hito_avance",
            "entre 0 y 100",
        ),
        (
            [_row(hito_numero=1, hito_entregable="D", hito_fin="2021-06-01")],
            2,
            "hito_fin",
            "fuera de las fechas",
        ),
        (
            [
                _row(hito_numero=1, hito_entregable="D", hito_ponderacion=30),
                _row(hito_numero=2, hito_entregable="E", hito_ponderacion=30),
            ],
            2,
            "hito_ponderacion",
            "sumar 100",
        ),
        ([_row(), _row(id_externo="zap-2")], 3, "numero", "ya lo usa otro"),
        ([_row(estado="terminado")], 2, "estado", "no es válido"),
        ([_row(titulo="")], 2, "titulo", "obligatorio"),
    ],
)
def test_bad_rows_are_listed_and_nothing_is_imported(importer, rows, row, column, message):
    plan, _org, roles = importer
    response = _upload(plan, _table(*rows), roles.coordinator)
    assert response.status_code == 400
    body = response.content.decode()
    assert "no se importó nada" in body
    assert f"<td>{row}</td><td>{column}</td>" in body
    assert message in body
    assert not Commitment.objects.filter(plan=plan).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("titulo\nx\n", "c.csv", "faltan columnas obligatorias"),
        (b"\x00\x01binario", "c.csv", "Sube un archivo .csv"),
        ("a,b\n", "c.txt", "Sube un archivo .csv"),
        (b"PK\x03\x04 no es xlsx", "c.xlsx", "no se pudo leer el archivo XLSX"),
        (b"%PDF-1.4 otra cosa", "c.xlsx", "no es de un tipo aceptado"),
    ],
)
def test_wrong_files_are_refused(importer, content, name, message):
    plan, _org, roles = importer
    response = _upload(plan, content, roles.coordinator, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("role", ["participant", "liaison", "other_coordinator"])
def test_only_plan_editors_import(importer, role):
    plan, _org, roles = importer
    assert _upload(plan, _table(_row()), getattr(roles, role)).status_code == 403
    assert _upload(plan, _table(_row()), None).status_code == 302
    assert not Commitment.objects.filter(plan=plan).exists()


def _streamed(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return streamed(response).decode()


def test_long_imports_show_their_progress_as_they_run(importer, settings, monkeypatch):
    from cocrea.plans import imports

    settings.IMPORT_STREAM_BYTES = 100
    monkeypatch.setattr(imports, "CHECK_EVERY", 2)
    monkeypatch.setattr(imports, "SAVE_EVERY", 2)
    plan, _org, roles = importer
    rows = [_row(id_externo=f"zap-{n}", numero=n, titulo=f"Compromiso {n}") for n in range(1, 6)]
    body = _streamed(_upload(plan, _table(*rows), roles.coordinator))
    assert "Revisadas 2 filas" in body
    assert "Guardados 4 de 5 compromisos" in body
    assert "Importación completa: 5 compromisos" in body
    assert body.rstrip().endswith("</html>")
    assert Commitment.objects.filter(plan=plan).count() == 5


def test_long_imports_with_errors_list_them_and_save_nothing(importer, settings):
    settings.IMPORT_STREAM_BYTES = 100
    plan, _org, roles = importer
    rows = [_row(), _row(id_externo="zap-2", numero=2, tematica="Astrología")]
    body = _streamed(_upload(plan, _table(*rows), roles.coordinator))
    assert "no se importó nada" in body
    assert "<td>3</td><td>tematica</td>" in body
    assert not Commitment.objects.filter(plan=plan).exists()
