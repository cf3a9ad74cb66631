"""Filing through the web steps, as a person without JavaScript does: one POST per question
page, then «Enviar reporte» on the review. For the tests that used to post the whole report at
once (here and in the apps above: `file_report(client, code, data, obra=work.pk)`)."""

from typing import Any
from urllib.parse import urlsplit

from django.test import Client

STEPS = ("que-pasa", "preguntas", "donde", "fotos", "contacto")
FIELDS = {
    "donde": {"address", "lat", "long", "municipality"},
    "fotos": {"photos", "remove"},
    "contacto": {"first_name", "email", "phone"},
}


def step_url(code: str, step: str, obra: int | None = None) -> str:
    url = f"/reportes/nuevo/{code}/" if step == "que-pasa" else f"/reportes/nuevo/{code}/{step}/"
    return f"{url}?obra={obra}" if obra else url


def _part(step: str, data: dict[str, Any]) -> dict[str, Any]:
    if step == "que-pasa":
        return {k: v for k, v in data.items() if k == "description"}
    if step == "preguntas":
        return {k: v for k, v in data.items() if k.startswith("attribute_")}
    return {k: v for k, v in data.items() if k in FIELDS[step]}


def walk(client: Client, code: str, data: dict[str, Any], *, obra: int | None = None) -> Any:
    """Answers every question page, in the order the pages send on (the category's questions
    have a page only when it has any); the first refused page's response, or the review's
    redirect (a 302 to the review page)."""
    step = STEPS[0]
    while True:
        response = client.post(step_url(code, step, obra), _part(step, data))
        if response.status_code != 302:
            return response
        step = urlsplit(response["Location"]).path.rstrip("/").rsplit("/", 1)[-1]
        if step == "revisa":
            return response


def file_report(
    client: Client | None, code: str, data: dict[str, Any], *, obra: int | None = None
) -> Any:
    """Walks the steps and sends the report: the first refused page's response, or the final
    POST's (a 302 to the receipt when filed)."""
    client = client or Client()
    response = walk(client, code, data, obra=obra)
    if response.status_code != 302:
        return response
    return client.post(step_url(code, "revisa", obra))
