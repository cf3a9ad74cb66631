"""Upload checks by content, not by the name or the type the browser claims."""

import warnings

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PDF = {"application/pdf": "PDF"}
DOCUMENTS_AND_IMAGES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WebP",
}
# Far above any phone's photo or scanned page, far below a decompression bomb.
MAX_PIXELS = 60_000_000


def validate_upload(upload: UploadedFile[bytes], *, max_mb: int, allowed: dict[str, str]) -> None:
    if upload.size is not None and upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("El archivo pesa %(size).1f MB; el máximo es %(max)d MB."),
            params={"size": upload.size / 1024 / 1024, "max": max_mb},
            code="too_large",
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(
            _("El contenido del archivo no es de un tipo aceptado (%(kinds)s)."),
            params={"kinds": ", ".join(allowed.values())},
            code="wrong_type",
        )
    if kind.mime.startswith("image/"):
        validate_image(upload)


def validate_image(upload: UploadedFile[bytes]) -> None:
    """Decodes enough of an image to refuse a damaged, cut-off or oversized one: what a
    browser would choke on (or be made to spend gigabytes on) when the evidence is opened."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            _decode_check(upload)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("No se pudo leer la imagen: el archivo está dañado o incompleto."), code="broken"
        ) from None
    finally:
        upload.seek(0)


def _decode_check(upload: UploadedFile[bytes]) -> None:
    with Image.open(upload) as opened:
        if opened.width * opened.height > MAX_PIXELS:
            raise too_many_pixels()
        if opened.format == "PNG":
            opened.verify()  # every chunk read and its checksum compared: no pixel decoded
            return
        # A JPEG decodes at 1/8 of its size (the smallest draft): still every byte is read, so a
        # cut-off file is found, at a fraction of the cost.
        opened.draft("RGB", (1, 1))
        opened.load()


def too_many_pixels() -> ValidationError:
    return ValidationError(
        _("La imagen tiene demasiados píxeles; envía una de hasta 60 megapíxeles."),
        code="too_many_pixels",
    )


def validate_pdf(upload: UploadedFile[bytes], *, max_mb: int) -> None:
    try:
        validate_upload(upload, max_mb=max_mb, allowed=PDF)
    except ValidationError as error:
        if error.code != "wrong_type":
            raise
        raise ValidationError(
            _("El archivo no es un PDF (su contenido no corresponde). Sube el acta en PDF."),
            code="not_pdf",
        ) from error
