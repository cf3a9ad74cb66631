import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import ExifTags, Image

from cocrea.core.models import Territory, TerritoryLevel
from cocrea.core.services import api_key_create
from cocrea.core.tests.factories import OrganizationFactory, UserFactory, state
from cocrea.core.tests.helpers import png_claiming, streamed
from cocrea.reports.models import Photo, Report, ReportEvent
from cocrea.reports.tests.factories import CategoryFactory
from cocrea.reports.tests.steps import file_report

pytestmark = pytest.mark.django_db
V2 = "/open311/v2/"
SPOT = {"description": "Bache hondo", "address": "Hidalgo 10"}


def jpeg_with_gps(width: int = 40, height: int = 20) -> bytes:
    """A phone-like photo: GPS position, camera make and an orientation of 90°."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TelefonoDePrueba"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 40.0, 36.0)
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), "orange")
    image.save(buffer, "JPEG", exif=exif, comment="Casa de Ana, calle Secreta 12")
    raw = buffer.getvalue()
    assert (
        b"TelefonoDePrueba" in raw
        and b"Casa de Ana" in raw
        and Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)
    )
    return raw


def upload(raw: bytes | None = None, name: str = "IMG_0001.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_gps() if raw is None else raw, "image/jpeg")


def assert_clean(raw: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(raw))
    assert image.format == "JPEG"
    assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
    assert b"TelefonoDePrueba" not in raw and b"Casa de Ana" not in raw
    assert "comment" not in image.info and "xmp" not in image.info
    return image


@pytest.fixture
def category():
    return CategoryFactory(code="bache")


def test_a_photo_filed_on_the_web_is_published_without_its_metadata(category):
    response = file_report(None, category.code, {**SPOT, "photos": [upload(), upload()]})
    assert response.status_code == 302, response.content
    report = Report.objects.get()
    photos = list(report.photos.all())
    assert photos[0].image.name is not None
    assert len(photos) == 2 and not photos[0].image.name.endswith("IMG_0001.jpg")
    served = Client().get(photos[0].url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    image = assert_clean(streamed(served))
    assert image.size == (20, 40)  # the orientation was applied before the tag was dropped
    page = Client().get(f"/reportes/{report.pk}/").content.decode()
    assert f'src="{photos[0].url}"' in page and 'alt="Foto 1 del reporte"' in page


@pytest.mark.parametrize(
    "photo, says",
    [
        (SimpleUploadedFile("a.jpg", b"no soy una foto", "image/jpeg"), "no es una foto JPEG"),
        (SimpleUploadedFile("a.jpg", jpeg_with_gps()[:300], "image/jpeg"), "dañado o incompleto"),
        (SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF", "application/pdf"), "no es una foto JPEG"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_stored(category, photo, says):
    response = file_report(None, category.code, {**SPOT, "photos": [photo]})
    assert response.status_code == 400 and says in response.content.decode()
    assert not Report.objects.exists() and not Photo.objects.exists()


def test_more_than_three_photos_are_refused(category):
    photos = [upload() for _ in range(4)]
    response = file_report(None, category.code, {**SPOT, "photos": photos})
    assert response.status_code == 400 and "hasta 3 fotos" in response.content.decode()
    assert not Report.objects.exists()


def _open311_post(category, **extra):
    key = api_key_create(organization=category.institution)[1]
    data = {"api_key": key, "service_code": category.code, "address_string": "Hidalgo 10"}
    return Client().post(V2 + "requests.json", {**data, **extra})


def test_open311_media_upload_becomes_a_clean_media_url_once_the_worker_strips_it(category):
    response = _open311_post(category, media=upload())
    assert response.status_code == 201, response.content
    photo = Photo.objects.get()
    quarantined = photo.image.name
    # Until the worker cleans it, the upload (GPS and all) is private: not listed, not served.
    assert not photo.cleaned and b"TelefonoDePrueba" in photo.image.read()
    assert Client().get(V2 + "requests.json").json()[0]["media_url"] == ""
    assert Client().get(photo.url).status_code == 404
    call_command("clean_photos", stdout=io.StringIO())
    photo.refresh_from_db()
    assert photo.cleaned and not photo.image.storage.exists(quarantined)
    listed = Client().get(V2 + "requests.json").json()[0]
    assert listed["media_url"] == f"{settings.SITE_URL}/fotos/{photo.pk}.jpg"
    image = assert_clean(b"".join(Client().get(photo.url).streaming_content))
    assert image.size == (20, 40)


def test_a_cut_off_photo_is_refused_before_it_is_kept(category):
    truncated = jpeg_with_gps(400, 300)[:900]  # a valid header, then nothing
    response = _open311_post(category, media=upload(truncated))
    assert response.status_code == 400
    assert "dañado o incompleto" in response.json()[0]["description"]
    assert not Photo.objects.exists() and not Report.objects.exists()


@pytest.mark.parametrize("megapixels", [100, 180, 900])
def test_a_photo_claiming_too_many_pixels_is_refused_in_open311s_words(category, megapixels):
    side = int((megapixels * 1_000_000) ** 0.5) + 1
    response = _open311_post(category, media=upload(png_claiming(side, side)))
    assert response.status_code == 400
    assert "demasiados píxeles" in response.json()[0]["description"]
    assert not Report.objects.exists()


def test_an_upload_the_worker_cannot_read_is_hidden_with_the_reason(category):
    assert _open311_post(category, media=upload(jpeg_with_gps(400, 300))).status_code == 201
    photo = Photo.objects.get()
    with photo.image.storage.open(str(photo.image.name), "wb") as stored:
        stored.write(jpeg_with_gps(400, 300)[:900])  # spoiled in quarantine (a disk fault)
    call_command("clean_photos", stdout=io.StringIO())
    photo.refresh_from_db()
    assert photo.cleaned and photo.hidden_at is not None and "dañado" in photo.hidden_reason
    assert Client().get(photo.url).status_code == 404
    assert Client().get(V2 + "requests.json").json()[0]["media_url"] == ""


def test_open311_media_url_is_kept_private(category):
    link = "https://fotos.example.org/casa-de-ana.jpg"
    assert _open311_post(category, media_url=link).status_code == 201
    assert Report.objects.get().media_link == link
    assert link not in Client().get(V2 + "requests.json").content.decode()
    report = Report.objects.get()
    assert link not in Client().get(f"/reportes/{report.pk}/").content.decode()


@pytest.mark.parametrize(
    "extra, says",
    [
        ({"media_url": "javascript:alert(1)"}, "media_url debe ser"),
        ({"media": SimpleUploadedFile("a.jpg", b"texto", "image/jpeg")}, "no es de un tipo"),
        ({"municipality": "99999"}, "municipality debe ser"),
    ],
)
def test_open311_bad_media_or_place_is_an_open311_error(category, extra, says):
    response = _open311_post(category, **extra)
    assert response.status_code == 400
    assert says in response.json()[0]["description"]
    assert not Report.objects.exists() and not Photo.objects.exists()


@pytest.fixture
def guadalajara():
    return Territory.objects.create(
        level=TerritoryLevel.MUNICIPALITY,
        name="Guadalajara",
        inegi_code="14039",
        slug="guadalajara",
        parent=state("14"),
    )


def _at_where(code: str) -> str:
    """The «¿Dónde?» page, reached after answering the first one."""
    client = Client()
    assert client.post(f"/reportes/nuevo/{code}/", {"description": "x"}).status_code == 302
    return client.get(f"/reportes/nuevo/{code}/donde/").content.decode()


def test_a_state_agencys_report_says_in_which_municipality(guadalajara):
    category = CategoryFactory(institution=OrganizationFactory(territory=state("14")))
    assert ">Guadalajara<" in _at_where(category.code)
    filed = file_report(None, category.code, {**SPOT, "municipality": guadalajara.pk})
    assert filed.status_code == 302
    assert Report.objects.get().municipality == guadalajara
    assert _open311_post(category, municipality="14039").status_code == 201
    assert Report.objects.filter(municipality=guadalajara).count() == 2


def test_a_municipal_governments_form_does_not_ask_for_the_municipality(guadalajara):
    category = CategoryFactory(institution=OrganizationFactory(territory=guadalajara))
    assert 'name="address"' in (page := _at_where(category.code))
    assert 'name="municipality"' not in page


@pytest.fixture
def photo(category):
    assert file_report(None, category.code, {**SPOT, "photos": [upload()]})
    return Photo.objects.get()


def _hide(user, photo, reason="Se ve la placa de un auto"):
    client = Client()
    if user:
        client.force_login(user)
    return client.post(f"/fotos/{photo.pk}/ocultar/", {"reason": reason})


def test_only_moderation_hides_photos(roles, photo):
    assert _hide(None, photo).status_code == 302  # to sign in
    for user in (roles.participant, roles.liaison, roles.other_liaison, roles.coordinator):
        assert _hide(user, photo).status_code == 403
    photo.refresh_from_db()
    assert photo.hidden_at is None


def test_a_hidden_photo_leaves_public_view_with_its_reason_recorded(roles, photo, category):
    handler = UserFactory()
    category.institution.memberships.create(user=handler, role="liaison")
    assert _hide(roles.admin, photo).status_code == 302
    photo.refresh_from_db()
    assert photo.hidden_reason == "Se ve la placa de un auto"
    assert Client().get(photo.url).status_code == 404
    assert Client().get(V2 + "requests.json").json()[0]["media_url"] == ""
    event = ReportEvent.objects.filter(report=photo.report).last()
    assert event is not None
    assert event.actor == roles.admin and "placa" in event.note
    page = Client().get(f"/reportes/{photo.report_id}/").content.decode()
    assert photo.url not in page and "placa" in page
    for who in (roles.admin, handler):
        client = Client()
        client.force_login(who)
        assert client.get(photo.url).status_code == 200
    assert photo.history.count() == 2


def test_hiding_without_a_reason_is_refused(roles, photo):
    client = Client()
    client.force_login(roles.admin)
    response = client.post(f"/fotos/{photo.pk}/ocultar/", {"reason": " "}, follow=True)
    assert "Escriba el motivo" in response.content.decode()
    photo.refresh_from_db()
    assert photo.hidden_at is None


def test_unknown_photo_is_404():
    assert Client().get("/fotos/999.jpg").status_code == 404
