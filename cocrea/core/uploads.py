"""Upload checks by content, not by the name or the type the browser claims."""

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

PDF = {"application/pdf": "PDF"}
DOCUMENTS_AND_IMAGES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WebP",
}


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
