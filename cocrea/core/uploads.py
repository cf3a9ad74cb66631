"""Upload checks by content, not by the name or the type the browser claims."""

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

PDF_MIME = "application/pdf"


def validate_pdf(upload: UploadedFile, *, max_mb: int) -> None:
    if upload.size is not None and upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("El archivo pesa %(size).1f MB; el máximo es %(max)d MB."),
            params={"size": upload.size / 1024 / 1024, "max": max_mb},
            code="too_large",
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime != PDF_MIME:
        raise ValidationError(
            _("El archivo no es un PDF (su contenido no corresponde). Sube el acta en PDF."),
            code="not_pdf",
        )
