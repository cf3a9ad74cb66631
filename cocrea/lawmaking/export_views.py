"""The end-of-process summary of a legislative process, public like a consultation's results:
XLSX (figures, articles and contributions) and CSV (the contributions), both streamed."""

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from cocrea.core.queries import or_404
from cocrea.lawmaking import exports, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
def summary_xlsx(request: HttpRequest, process_slug: str) -> FileResponse:
    process = or_404(selectors.process_get(slug=process_slug))
    handle = exports.summary_xlsx(process)
    name = f"resumen-{process.slug}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)


@require_safe
def summary_csv(request: HttpRequest, process_slug: str) -> StreamingHttpResponse:
    process = or_404(selectors.process_get(slug=process_slug))
    response = StreamingHttpResponse(
        exports.summary_csv(process), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="resumen-{process.slug}.csv"'
    return response
