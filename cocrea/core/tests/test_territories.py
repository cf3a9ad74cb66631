"""The states catalogue shipped with the code, and the municipality import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cocrea.core.models import Territory, TerritoryLevel
from cocrea.core.services import ImportRejected, municipalities_import
from cocrea.core.tests.helpers import EDITORS, NON_EDITORS, client_for

pytestmark = pytest.mark.django_db

VALID = "CVE_ENT,NOM_ENT,CVE_MUN,NOM_MUN\n14,Jalisco,039,Guadalajara\n14,Jalisco,120,Zapopan\n"


def _import(text: str, encoding: str = "utf-8"):
    return municipalities_import(stream=io.BytesIO(text.encode(encoding)), actor=None)


def test_nation_and_32_states_with_inegi_and_iso_codes():
    states = Territory.objects.filter(level=TerritoryLevel.STATE)
    assert states.count() == 32
    assert set(states.values_list("inegi_code", flat=True)) == {f"{n:02d}" for n in range(1, 33)}
    jalisco = states.get(inegi_code="14")
    assert jalisco.parent is not None
    assert (jalisco.name, jalisco.iso_code, jalisco.parent.iso_code) == ("Jalisco", "MX-JAL", "MX")
    cdmx = states.get(iso_code="MX-CMX")
    assert cdmx.name == "Ciudad de México"
    assert states.get(inegi_code="30").official_name == "Veracruz de Ignacio de la Llave"


def test_import_creates_municipalities_under_their_state():
    result = _import(VALID)
    assert (result.created, result.updated) == (2, 0)
    zapopan = Territory.objects.get(inegi_code="14120")
    assert zapopan.parent is not None
    assert (zapopan.name, zapopan.parent.name, zapopan.level) == (
        "Zapopan",
        "Jalisco",
        "municipality",
    )


def test_reimport_is_idempotent_and_updates_names():
    _import(VALID)
    result = _import(VALID.replace("Guadalajara", "Guadalajara (capital)"))
    assert (result.created, result.updated) == (0, 1)
    assert Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY).count() == 2


def test_windows_1252_files_and_lower_case_headers_are_accepted():
    _import("cve_ent,cve_mun,nom_mun\n14,101,Tonalá\n", encoding="cp1252")
    assert Territory.objects.get(inegi_code="14101").name == "Tonalá"


def test_malformed_rows_are_reported_by_row_and_column_and_nothing_is_imported():
    text = (
        "CVE_ENT,CVE_MUN,NOM_MUN\n"
        "14,039,Guadalajara\n"
        "99,001,Ninguno\n"
        "14,abc,Zapopan\n"
        "14,120,\n"
        "14,039,Guadalajara otra vez\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(text)
    errors = [(e.row, e.column) for e in rejected.value.errors]
    assert errors == [(3, "CVE_ENT"), (4, "CVE_MUN"), (5, "NOM_MUN"), (6, "CVE_MUN")]
    assert "Fila 3, columna CVE_ENT" in str(rejected.value.errors[0])
    assert not Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("CLAVE,NOMBRE\n14039,Guadalajara\n", "faltan columnas obligatorias"),
        ("CVE_ENT,CVE_MUN,NOM_MUN\n", "no tiene filas"),
        ("", "faltan columnas obligatorias"),
    ],
)
def test_files_without_the_columns_or_rows_are_rejected(text, message):
    with pytest.raises(ImportRejected) as rejected:
        _import(text)
    assert message in rejected.value.errors[0].message


def test_oversize_files_are_rejected_before_parsing():
    big = "CVE_ENT,CVE_MUN,NOM_MUN\n" + "14,039,Guadalajara\n" * 300_000
    with pytest.raises(ImportRejected) as rejected:
        _import(big)
    assert "5 MB" in rejected.value.errors[0].message


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("municipios.csv", text.encode(), content_type="text/csv")


@pytest.mark.parametrize("role", [*NON_EDITORS, "secretariat", "coordinator"])
def test_only_platform_admins_import(roles, role):
    response = client_for(getattr(roles, role)).post(
        "/territorios/importar-municipios/", {"file": _upload(VALID)}
    )
    assert response.status_code == 403
    assert not Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY).exists()


def test_anonymous_import_redirects_to_sign_in():
    response = client_for(None).post("/territorios/importar-municipios/", {"file": _upload(VALID)})
    assert response.status_code == 302
    assert not Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY).exists()


def test_admin_import_page_lists_errors_and_imports_valid_files(roles):
    assert "admin" in EDITORS
    client = client_for(roles.admin)
    bad = client.post(
        "/territorios/importar-municipios/", {"file": _upload("CVE_ENT,CVE_MUN,NOM_MUN\n77,1,X\n")}
    )
    assert bad.status_code == 400
    assert "no se importó nada" in bad.content.decode()
    good = client.post("/territorios/importar-municipios/", {"file": _upload(VALID)})
    assert good.status_code == 302
    assert Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY).count() == 2


def test_import_command(tmp_path, capsys):
    path = tmp_path / "municipios.csv"
    path.write_text(VALID, encoding="utf-8")
    call_command("import_municipalities", str(path))
    assert "2 nuevos" in capsys.readouterr().out
    bad = tmp_path / "malo.csv"
    bad.write_text("CVE_ENT,CVE_MUN,NOM_MUN\n99,1,X\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("import_municipalities", str(bad))
    assert "Fila 2, columna CVE_ENT" in capsys.readouterr().err
