import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from frictionless import validate
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import DCAT, RDF, SH

from cocrea.opendata import bulk
from cocrea.opendata.models import Resource
from cocrea.plans.models import Commitment
from cocrea.reports.models import Report
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parent / "data"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(source: str) -> list[dict[str, str]]:
    text = _body(Client().get(f"/datos/plataforma/{source}.csv")).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_platform_csvs_are_current_and_carry_no_personal_data(catalogue):
    assert _rows("reportes-ciudadanos") == []
    filing = Filing(
        category=CategoryFactory(),
        description="Fuga de agua",
        lat="20.676712",
        long="-103.347001",
        address="Calle Secreta 12",
        first_name="Ana",
        email="ana@example.org",
        phone="3312345678",
    )
    report_create(filing=filing, ip_address="203.0.113.9")
    text = _body(Client().get("/datos/plataforma/reportes-ciudadanos.csv")).decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["latitud"] == "20.677" and row["longitud"] == "-103.347"
    for private in ("Ana", "ana@example.org", "3312345678", "Secreta", "203.0.113.9", "676712"):
        assert private not in text
    assert Report.objects.count() == 1
    counted = Resource.objects.get(dataset__source="reportes-ciudadanos")
    assert counted.download_count == 2  # both downloads above
    assert Client().get("/datos/plataforma/no-existe.csv").status_code == 404


def test_only_published_commitments_are_open_data(catalogue):
    from cocrea.plans.tests.factories import CommitmentFactory

    CommitmentFactory(title="Visible", is_published=True, plan__status="published")
    CommitmentFactory(title="Borrador oculto", is_published=False)
    titles = [row["titulo"] for row in _rows("compromisos")]
    assert "Visible" in titles and "Borrador oculto" not in titles
    assert Commitment.objects.count() == 2


def _package(tmp_path: Path, response) -> Path:
    archive = tmp_path / "datos.zip"
    archive.write_bytes(_body(response))
    with zipfile.ZipFile(archive) as package:
        package.extractall(tmp_path / "x")
    return tmp_path / "x"


def test_bulk_download_is_a_valid_data_package(catalogue, tmp_path):
    folder = _package(tmp_path, Client().get("/datos/abiertos.zip"))
    names = sorted(p.name for p in folder.iterdir())
    assert "datapackage.json" in names and "README.md" in names
    assert "presupuesto-municipal.csv" in names and "cocrea-compromisos.csv" in names
    assert "borrador-secreto.csv" not in names
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    readme = (folder / "README.md").read_text()
    assert "| latitud | number | Latitud redondeada a tres decimales. |" in readme
    package = json.loads((folder / "datapackage.json").read_text())
    assert len(package["resources"]) == 17


def test_the_background_build_is_served_when_it_exists(catalogue, tmp_path):
    call_command("build_open_data", stdout=io.StringIO())
    assert default_storage.exists(bulk.BUILT)
    response = Client().get("/datos/abiertos.zip")
    assert response["Content-Disposition"].startswith("attachment")
    folder = _package(tmp_path, response)
    assert validate(str(folder / "datapackage.json")).valid


def _shapes() -> Graph:
    shapes = Graph()
    for name in ("dcat-ap-3.0.1-SHACL.ttl", "dcat-ap-3.0.1-ranges.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    # The published ranges file points at five property shapes that neither file defines;
    # pySHACL refuses such a graph, so those dangling references are dropped before validating.
    dangling = [
        triple
        for triple in shapes.triples((None, SH.property, None))
        if (triple[2], SH.path, None) not in shapes
    ]
    assert len(dangling) == 5
    for triple in dangling:
        shapes.remove(triple)
    return shapes


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml")])
def test_dcat_ap_3_catalogue_conforms_to_the_shapes(catalogue, fmt, parser):
    response = Client().get(f"/catalog.{fmt}")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=parser)
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 17
    conforms, _graph, text = shacl_validate(graph, shacl_graph=_shapes(), advanced=True)
    assert conforms, text


def test_dcat_dataset_and_paging(catalogue):
    graph = Graph().parse(data=Client().get("/dataset/presupuesto-municipal.ttl").content)
    conforms, _graph, text = shacl_validate(graph, shacl_graph=_shapes(), advanced=True)
    assert conforms, text
    text = Client().get("/dataset/presupuesto-municipal.ttl").content.decode()
    assert "spdx:checksumValue" in text and "dcat:startDate" in text and "Obra Pública" not in text
    assert Client().get("/dataset/borrador-secreto.ttl").status_code == 404
    assert Client().get("/catalog.ttl?page=2").status_code == 404
    assert Client().get("/catalog.ttl?page=cero").status_code == 404
    assert "hydra:totalItems" in Client().get("/catalog.ttl").content.decode()


def test_api_lists_datasets(catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        body = Client().get("/api/v1/datasets").json()
    assert body["count"] == 17
    one = Client().get("/api/v1/datasets/presupuesto-municipal").json()
    assert one["organization"] == catalogue["org"].slug and one["resources"][0]["format"] == "CSV"
    assert Client().get("/api/v1/datasets/borrador-secreto").status_code == 404


def test_api_refuses_a_nul_byte_in_its_own_words(catalogue):
    for query in ("q=presu%00puesto", "organization=%00"):
        response = Client().get(f"/api/v1/datasets?{query}")
        error = response.json()["error"]
        assert response.status_code == 400 and error["code"] == "invalid"
        assert error["fields"][0]["loc"][0] == "query"
    missing = Client().get("/api/v1/datasets/presu%00puesto")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
