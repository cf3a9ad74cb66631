from typing import Any

from django.http import FileResponse, Http404


def file_response(field: Any, filename: str) -> FileResponse:
    """Serves an uploaded file under a name of ours (never the uploader's), 404 if it is gone."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, filename=filename)
