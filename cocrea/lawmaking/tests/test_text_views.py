"""Importing a version, correcting its structure and publishing it: who may, what is refused,
and that nothing is half-saved."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import UserFactory
from cocrea.lawmaking import text_services
from cocrea.lawmaking.models import ProcessFollow, TextUnit, TextVersion, UnitKind
from cocrea.lawmaking.tests.factories import ProcessFactory, UnitFactory, VersionFactory
from cocrea.monitoring.models import Notification

BILL = (
    "EXPOSICIÓN DE MOTIVOS\n"
    "La ciudadanía pide ser escuchada.\n"
    "TÍTULO PRIMERO\n"
    "Disposiciones generales\n"
    "CAPÍTULO I\n"
    "Del objeto\n"
    "Artículo 1.- Esta ley tiene por objeto:\n"
    "I. Garantizar la participación;\n"
    "II. Establecer mecanismos.\n"
    "Artículo 2.- Son principios la inclusión y la transparencia.\n"
    "Artículo 3.- Toda persona puede proponer cambios.\n"
    "TRANSITORIOS\n"
    "Primero.- Entra en vigor al día siguiente.\n"
    "Segundo.- Se derogan las disposiciones contrarias.\n"
)
ROLES_OK = ["liaison", "coordinator", "secretariat", "admin"]
ROLES_DENIED = ["participant", "other_liaison", "other_coordinator"]


@pytest.fixture
def process(roles):
    congress = OrganizationMembership.objects.get(user=roles.liaison).organization
    return ProcessFactory(
        congress=congress, exercise=roles.exercise, kind="reform", law_name="Ley de Participación"
    )


@pytest.fixture
def draft(process):
    version = VersionFactory(process=process, number=1, published_at=None, label="Iniciativa")
    for position in range(3):
        UnitFactory(version=version, position=position, key=f"articulo-{position + 1}")
    return version


def url(name, version, *extra):
    return reverse(f"lawmaking:{name}", args=[version.process.slug, version.number, *extra])


def new_url(process):
    return reverse("lawmaking:version_new", args=[process.slug])


def as_role(client, roles, role):
    if role != "anonymous":
        client.force_login(getattr(roles, role))
    return client


def positions(version):
    return list(
        TextUnit.objects.filter(version=version).order_by("position").values_list("key", "position")
    )


# ------------------------------------------------------------------------------ permissions


def _assert_refused(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/cuentas/" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["anonymous", *ROLES_DENIED])
def test_import_refused(client, roles, process, role):
    response = as_role(client, roles, role).post(
        new_url(process), {"label": "Iniciativa", "text": BILL, "text_format": "plain"}
    )
    _assert_refused(response, role)
    assert not TextVersion.objects.exists()


@pytest.mark.parametrize("role", ROLES_OK)
def test_import_allowed(client, roles, process, role):
    client = as_role(client, roles, role)
    assert client.get(new_url(process)).status_code == 200
    response = client.post(
        new_url(process), {"label": "Iniciativa", "text": BILL, "text_format": "plain"}
    )
    version = TextVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("version_review", version)
    assert version.number == 1 and version.published_at is None and version.author is not None
    assert [u.key for u in version.units.order_by("position")] == [
        "exposicion-de-motivos",
        "titulo-1",
        "titulo-1-capitulo-1",
        "articulo-1",
        "articulo-2",
        "articulo-3",
        "transitorio-1",
        "transitorio-2",
    ]


@pytest.mark.parametrize("role", ["anonymous", *ROLES_DENIED])
def test_review_and_unit_pages_refused(client, roles, draft, role):
    client = as_role(client, roles, role)
    unit = draft.units.first()
    for page in (
        url("version_review", draft),
        url("unit_new", draft),
        url("unit_edit", draft, unit.pk),
        url("unit_delete", draft, unit.pk),
    ):
        _assert_refused(client.get(page), role)


@pytest.mark.parametrize("role", ["anonymous", *ROLES_DENIED])
def test_writes_refused(client, roles, draft, role):
    client = as_role(client, roles, role)
    unit = draft.units.first()
    before = positions(draft)
    fields = {"kind": "articulo", "key": "articulo-9", "heading": "Artículo 9.", "body": "x"}
    _assert_refused(client.post(url("unit_new", draft), fields), role)
    _assert_refused(client.post(url("unit_edit", draft, unit.pk), fields), role)
    _assert_refused(client.post(url("unit_delete", draft, unit.pk), {"confirm": "1"}), role)
    _assert_refused(client.post(url("version_publish", draft)), role)
    _assert_refused(client.post(url("version_discard", draft)), role)
    draft.refresh_from_db()
    assert draft.published_at is None and positions(draft) == before


@pytest.mark.parametrize("role", ROLES_OK)
def test_unit_writes_allowed(client, roles, draft, role):
    client = as_role(client, roles, role)
    first, second, third = draft.units.order_by("position")
    response = client.post(
        url("unit_new", draft),
        {"kind": "articulo", "key": "", "heading": "Artículo 1 Bis.", "body": "Nuevo.", "after": first.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert [k for k, _p in positions(draft)] == ["articulo-1", "articulo-1-bis", "articulo-2", "articulo-3"]  # fmt: skip
    response = client.post(
        url("unit_edit", draft, third.pk),
        {"kind": "articulo", "key": "articulo-3", "heading": "Artículo 3.", "title": "", "body": "Corregido.", "after": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert positions(draft)[0] == ("articulo-3", 0)
    assert client.get(url("unit_delete", draft, second.pk)).status_code == 200
    assert client.post(url("unit_delete", draft, second.pk), {"confirm": "1"}).status_code == 302
    assert positions(draft) == [("articulo-3", 0), ("articulo-1", 1), ("articulo-1-bis", 2)]


@pytest.mark.parametrize("role", ROLES_OK)
def test_publish_allowed_and_followers_told(client, roles, draft, role):
    follower = UserFactory()
    ProcessFollow.objects.create(process=draft.process, user=follower)
    client = as_role(client, roles, role)
    assert client.get(url("version_review", draft)).status_code == 200
    response = client.post(url("version_publish", draft))
    assert response.status_code == 302
    assert response["Location"] == reverse("lawmaking:process_detail", args=[draft.process.slug])
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert Notification.objects.filter(user=follower, key__startswith="law-version:").exists()
    # Published: a public record now, the review page sends to the public one.
    assert client.get(url("version_review", draft)).status_code == 302


@pytest.mark.parametrize("role", ROLES_OK)
def test_discard_allowed(client, roles, draft, role):
    response = as_role(client, roles, role).post(url("version_discard", draft))
    assert response.status_code == 302
    assert not TextVersion.objects.exists() and not TextUnit.objects.exists()


# -------------------------------------------------------------------------------- bad input


def _upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _import(client, process, **fields):
    data = {"label": "Iniciativa", "text_format": "plain", **fields}
    return client.post(new_url(process), data)


def test_import_refusals_show_the_form_and_save_nothing(client, roles, process):
    client.force_login(roles.liaison)
    cases = [
        ({"upload": _upload("a.docx", b"no soy un docx")}, "no es un DOCX"),
        ({"upload": _upload("a.odt", b"tampoco")}, "no es un ODT"),
        ({"upload": _upload("a.txt", b"x" * (5 * 1024 * 1024 + 1))}, "el máximo es 5 MB"),
        ({"text": "Nada que reconocer aquí."}, "No se reconoció ninguna parte"),
        ({"text": "Artículo 1. Ho\x00la"}, "nulos"),
        ({}, "Sube un archivo o pega el texto"),
        ({"text": BILL, "upload": _upload("a.txt", BILL.encode())}, "uno de los dos"),
        ({"text": BILL, "label": ""}, "obligatorio"),
    ]
    for fields, message in cases:
        response = _import(client, process, **fields)
        assert response.status_code == 400, fields
        assert message in response.content.decode(), fields
    assert not TextVersion.objects.exists() and not TextUnit.objects.exists()


def test_import_a_docx_upload(client, roles, process):
    document = docx.Document()
    document.add_heading("Exposición de motivos", 1)
    document.add_paragraph("Motivos.")
    document.add_paragraph("Artículo 1. Texto.")
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(roles.liaison)
    response = _import(client, process, upload=_upload("iniciativa.docx", buffer.getvalue()))
    assert response.status_code == 302
    version = TextVersion.objects.get()
    assert version.source_name == "iniciativa.docx"
    assert [u.key for u in version.units.all()] == ["exposicion-de-motivos", "articulo-1"]


def test_the_law_in_force_only_once_and_only_for_a_reform(client, roles, process):
    client.force_login(roles.liaison)
    assert _import(client, process, text=BILL, is_current_law="on").status_code == 302
    assert TextVersion.objects.get().number == 0
    response = _import(client, process, text=BILL, is_current_law="on")
    assert response.status_code == 400 and "ya tiene el texto vigente" in response.content.decode()
    assert _import(client, process, text=BILL).status_code == 302
    assert sorted(TextVersion.objects.values_list("number", flat=True)) == [0, 1]
    new_law = ProcessFactory(congress=process.congress, kind="new")
    assert "is_current_law" not in client.get(new_url(new_law)).context["form"].fields
    with pytest.raises(Exception, match="Solo una reforma"):
        text_services.version_import(
            actor=roles.liaison, process=new_law, label="x", text=BILL, is_current_law=True
        )
    assert not TextVersion.objects.filter(process=new_law).exists()


def test_import_notes_are_shown_on_the_review_page(client, roles, process):
    client.force_login(roles.liaison)
    response = _import(client, process, text="LEY X\nArtículo 5. Uno.\nArtículo 5. Dos.")
    page = client.get(response["Location"]).content.decode()
    assert "LEY X" in page and "articulo-5-repetido-2" in page
    version = TextVersion.objects.get()
    response = client.post(url("version_publish", version))
    assert response.status_code == 400
    assert "Quedan claves provisionales" in response.content.decode()
    version.refresh_from_db()
    assert version.published_at is None


def test_html_is_escaped_on_the_review_page(client, roles, draft):
    UnitFactory(version=draft, position=9, key="articulo-9", heading="<script>alert(1)</script>")
    client.force_login(roles.liaison)
    page = client.get(url("version_review", draft)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unit_refusals(client, roles, draft):
    client.force_login(roles.liaison)
    first, second, _third = draft.units.order_by("position")
    before = positions(draft)
    fields = {"kind": "articulo", "heading": "Artículo 2.", "body": "Otro texto.", "after": ""}
    response = client.post(url("unit_edit", draft, first.pk), {**fields, "key": second.key})
    assert response.status_code == 400 and "Ya hay otra parte" in response.content.decode()
    response = client.post(url("unit_new", draft), {**fields, "key": "", "heading": "Sin número"})
    assert response.status_code == 400 and "Escribe la clave" in response.content.decode()
    response = client.post(url("unit_new", draft), {**fields, "key": "no válida!"})
    assert response.status_code == 400
    response = client.post(
        url("unit_new", draft), {**fields, "key": "articulo-8", "body": "a\x00b"}
    )
    assert response.status_code == 400
    response = client.post(url("unit_new", draft), {**fields, "key": "articulo-8", "kind": "x"})
    assert response.status_code == 400
    assert positions(draft) == before
    assert client.get(url("unit_edit", draft, 999_999)).status_code == 404
    other = VersionFactory(process=draft.process, number=5, published_at=None)
    foreign = UnitFactory(version=other, position=0)
    assert client.get(url("unit_edit", draft, foreign.pk)).status_code == 404


def test_a_published_version_is_not_edited(client, roles, draft):
    unit = draft.units.first()
    text_services.version_publish(actor=roles.liaison, version=draft)
    client.force_login(roles.liaison)
    fields = {"kind": "articulo", "key": "articulo-1", "heading": "Artículo 1.", "body": "Cambio."}
    assert client.post(url("unit_edit", draft, unit.pk), fields).status_code == 403
    assert client.post(url("unit_delete", draft, unit.pk), {"confirm": "1"}).status_code == 403
    assert client.post(url("version_discard", draft)).status_code == 403
    assert client.post(url("version_publish", draft)).status_code == 403
    assert TextVersion.objects.filter(pk=draft.pk).exists()
    unit.refresh_from_db()
    assert unit.body != "Cambio."


def test_publishing_an_empty_version_is_refused(client, roles, process):
    empty = VersionFactory(process=process, number=2, published_at=None)
    client.force_login(roles.liaison)
    response = client.post(url("version_publish", empty))
    assert response.status_code == 400 and "no tiene ninguna parte" in response.content.decode()


def test_unknown_process_or_version(client, roles, draft):
    client.force_login(roles.admin)
    assert client.get(reverse("lawmaking:version_new", args=["no-existe"])).status_code == 404
    assert (
        client.get(reverse("lawmaking:version_review", args=[draft.process.slug, 77])).status_code
        == 404
    )


def test_get_is_not_allowed_on_actions(client, roles, draft):
    client.force_login(roles.liaison)
    assert client.get(url("version_publish", draft)).status_code == 405
    assert client.get(url("version_discard", draft)).status_code == 405


# ------------------------------------------------------------------------------ positions


def test_positions_stay_contiguous(roles, draft):
    first, second, third = draft.units.order_by("position")
    added = text_services.unit_save(
        actor=roles.liaison, unit=TextUnit(version=draft), kind=UnitKind.TRANSITORY,
        key="", heading="Primero.", body="Entra en vigor.", after=third,
    )  # fmt: skip
    assert added.key == "transitorio-1"
    text_services.unit_save(
        actor=roles.liaison, unit=first, kind=first.kind, key=first.key,
        heading=first.heading, body=first.body, after=third,
    )  # fmt: skip
    assert positions(draft) == [
        ("articulo-2", 0),
        ("articulo-3", 1),
        ("articulo-1", 2),
        ("transitorio-1", 3),
    ]
    text_services.unit_delete(actor=roles.liaison, unit=second)
    assert [p for _k, p in positions(draft)] == [0, 1, 2]


# ------------------------------------------------------------------------------ query count


def test_review_page_query_count(client, roles, draft, django_assert_num_queries):
    client.force_login(roles.liaison)
    client.get(url("version_review", draft))  # the session and the account, warmed
    with django_assert_num_queries(6) as first:
        client.get(url("version_review", draft))
    for n in range(3, 40):
        UnitFactory(version=draft, position=n, key=f"articulo-{n + 1}")
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url("version_review", draft))
    assert response.context["units"][-1].key == "articulo-40"
