"""Photos of reports and inspection sheets: checked by content and size, and re-encoded so that
no copy we keep carries the camera's metadata (GPS position, device, date, owner)."""

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cocrea.core.models import User
from cocrea.core.uploads import validate_upload
from cocrea.reports.models import Photo, Report

IMAGES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP"}
MAX_MB = 8
# Longest side of a stored photo, give or take 5 % (what the JPEG decoder's scaling lands on).
MAX_SIDE = 2000


@dataclass(frozen=True)
class CleanPhoto:
    jpeg: bytes
    width: int
    height: int


@dataclass(frozen=True)
class RawPhoto:
    """An upload that passed the quick checks; the worker cleans it (`photos_clean_pending`)."""

    data: bytes


def photo_check(upload: UploadedFile[bytes]) -> RawPhoto:
    """The checks that need no full decoding: content type, size, pixel count and integrity.
    A POST that must answer fast keeps the upload privately and lets the worker clean it."""
    validate_upload(upload, max_mb=MAX_MB, allowed=IMAGES)
    return RawPhoto(upload.read())


def photo_clean(upload: UploadedFile[bytes]) -> CleanPhoto:
    """A JPEG copy of the upload with the orientation applied and every metadata block gone."""
    validate_upload(upload, max_mb=MAX_MB, allowed=IMAGES)
    try:
        opened = Image.open(upload)
        # A JPEG decoder can shrink by 2, 4 or 8 while decoding (draft mode): far faster
        # than decoding every pixel of a 12-megapixel photo and resizing afterwards.
        ratio = min(MAX_SIDE / opened.width, MAX_SIDE / opened.height, 1)
        opened.draft(None, (int(opened.width * ratio), int(opened.height * ratio)))
        opened.thumbnail((MAX_SIDE + MAX_SIDE // 20, MAX_SIDE + MAX_SIDE // 20))
        ImageOps.exif_transpose(opened, in_place=True)
        pixels = opened if opened.mode == "RGB" else opened.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("No se pudo leer la imagen: el archivo está dañado o incompleto."), code="broken"
        ) from None
    finally:
        upload.seek(0)
    # Without `info`, Pillow writes only the pixels: no EXIF, ICC profile, XMP or comment.
    pixels.info = {}
    buffer = io.BytesIO()
    pixels.save(buffer, "JPEG", quality=85)
    return CleanPhoto(jpeg=buffer.getvalue(), width=pixels.width, height=pixels.height)


def _store(given: CleanPhoto | RawPhoto, actor: User | None, **subject: object) -> Photo:
    photo = Photo(uploaded_at=timezone.now(), uploaded_by=actor, **subject)
    if isinstance(given, RawPhoto):
        photo.cleaned = False
        photo.image.save("foto", ContentFile(given.data), save=False)
    else:
        photo.width, photo.height = given.width, given.height
        photo.image.save("foto.jpg", ContentFile(given.jpeg), save=False)
    photo.save()
    return photo


def photos_clean_pending(*, limit: int = 200) -> int:
    """Cleans the uploads waiting in quarantine; one that cannot be read is hidden with the reason.
    The quarantined original is deleted either way. Returns how many were handled."""
    handled = 0
    for photo in Photo.objects.filter(cleaned=False).order_by("pk")[:limit]:
        raw = str(photo.image.name)
        try:
            with photo.image.open("rb") as stored:
                upload = UploadedFile(stored, name="foto", size=photo.image.size)
                cleaned = photo_clean(upload)
        except ValidationError as problem:
            photo.hidden_at, photo.hidden_reason = timezone.now(), " ".join(problem.messages)
        else:
            photo.width, photo.height = cleaned.width, cleaned.height
            photo.cleaned = True
            photo.image.save("foto.jpg", ContentFile(cleaned.jpeg), save=False)
        photo.cleaned = True
        photo.save()
        photo.image.storage.delete(raw)
        handled += 1
    return handled


def photos_attach(
    *,
    photos: Sequence[CleanPhoto | RawPhoto],
    actor: User | None,
    report: Report | None = None,
    inspection: Model | None = None,
) -> list[Photo]:
    """Stores cleaned photos (from `photo_clean`) for a report or for an inspection sheet (a
    comptrollership `Inspection`, which `Photo.inspection` points at)."""
    if (report is None) == (inspection is None):
        raise ValueError("a photo belongs to a report or to an inspection sheet")
    if report is not None:
        return [_store(photo, actor, report=report) for photo in photos]
    assert inspection is not None
    return [_store(photo, actor, inspection_id=inspection.pk) for photo in photos]
