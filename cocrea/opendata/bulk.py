"""The bulk download: every dataset's CSV, a Frictionless `datapackage.json` and a README data
dictionary, zipped as a stream so that memory stays flat however many rows there are."""

import json
import tempfile
import zipfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from cocrea.core.capabilities import open_table
from cocrea.opendata.licenses import LICENSES
from cocrea.opendata.models import Dataset, Resource
from cocrea.opendata.tables import table_csv

CHUNK = 1 << 16


BUILT = "datos/abiertos.zip"


def _members() -> list[tuple[Dataset, Resource]]:
    """The first CSV of every published dataset: the platform's tables and uploaded files."""
    resources = (
        Resource.objects.filter(format="CSV", dataset__is_published=True)
        .select_related("dataset")
        .order_by("dataset__name", "position", "pk")
    )
    chosen: dict[int, tuple[Dataset, Resource]] = {}
    for resource in resources:
        is_table = open_table(resource.dataset.source) is not None
        if (is_table or resource.file) and resource.dataset_id not in chosen:
            chosen[resource.dataset_id] = (resource.dataset, resource)
    return list(chosen.values())


def _schema(dataset: Dataset, resource: Resource) -> dict[str, Any]:
    table = open_table(dataset.source)
    if table is not None:
        return table.schema()
    # Uploaded files: the column names as text; the inferred types (shown on the dataset's page)
    # come from a sample, and a package must validate for every row.
    names = [f.get("name") for f in (resource.table_schema or {}).get("fields", [])]
    return {"fields": [{"name": name, "type": "string"} for name in names]}


def datapackage(members: list[tuple[Dataset, Resource]]) -> dict[str, Any]:
    title, url = LICENSES["CC-BY-4.0"]
    return {
        "name": "cocrea-datos-abiertos",
        "title": f"Datos abiertos de {settings.OPEN_DATA_PUBLISHER}",
        "created": timezone.now().isoformat(),
        "licenses": [{"name": "CC-BY-4.0", "path": url, "title": str(title)}],
        "resources": [
            {
                "name": dataset.name,
                "path": f"{dataset.name}.csv",
                "title": dataset.title,
                "description": dataset.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [{"name": dataset.license_id, "path": LICENSES[dataset.license_id][1]}],
                "schema": _schema(dataset, resource),
            }
            for dataset, resource in members
        ],
    }


def readme(members: list[tuple[Dataset, Resource]]) -> str:
    lines = [
        f"# Datos abiertos de {settings.OPEN_DATA_PUBLISHER}",
        "",
        "Un archivo CSV (UTF-8, separado por comas) por conjunto de datos; `datapackage.json` los "
        "describe en el formato Frictionless Data Package. Sin datos personales.",
        "",
    ]
    for dataset, resource in members:
        lines += [f"## {dataset.name}.csv — {dataset.title}", "", dataset.description, ""]
        lines += ["| columna | tipo | descripción |", "|---|---|---|"]
        table = open_table(dataset.source)
        fields = (
            table.schema()["fields"] if table else (resource.table_schema or {}).get("fields", [])
        )
        for f in fields:
            lines.append(f"| {f.get('name')} | {f.get('type')} | {f.get('description', '')} |")
        lines.append("")
    return "\n".join(lines)


def _csv_chunks(dataset: Dataset, resource: Resource) -> Iterator[bytes]:
    table = open_table(dataset.source)
    if table is not None:
        for text in table_csv(table):
            yield text.encode()
        return
    with resource.file.open("rb") as handle:
        yield from iter(lambda: handle.read(CHUNK), b"")


class _Pipe:
    """A write-only file whose contents are taken out as they are written (no seeking)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        return None

    def take(self) -> bytes:
        data, self.parts, self.size = b"".join(self.parts), [], 0
        return data


def stream_zip() -> Iterator[bytes]:
    """The package, made chunk by chunk: each CSV is compressed as its rows are read."""
    pipe = _Pipe()
    members = _members()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:  # type: ignore[call-overload]
        archive.writestr("datapackage.json", json.dumps(datapackage(members), indent=2))
        archive.writestr("README.md", readme(members))
        yield pipe.take()
        for dataset, resource in members:
            with archive.open(f"{dataset.name}.csv", "w", force_zip64=True) as member:
                for chunk in _csv_chunks(dataset, resource):
                    member.write(chunk)
                    if pipe.size >= CHUNK:
                        yield pipe.take()
            yield pipe.take()
    yield pipe.take()


def build() -> str:
    """Builds the package in a temporary file, then puts it in the shared storage (a disk, or an
    S3 bucket that every app server reads). While it is swapped, the view streams a fresh one."""
    with tempfile.TemporaryFile() as out:
        for chunk in stream_zip():
            out.write(chunk)
        out.seek(0)
        if default_storage.exists(BUILT):
            default_storage.delete(BUILT)
        return default_storage.save(BUILT, File(out))


def built() -> "File[bytes] | None":
    """The package built in the background, if there is one."""
    if not default_storage.exists(BUILT):
        return None
    return default_storage.open(BUILT, "rb")
