"""Writes of a bill's text: importing a version, correcting its structure, publishing it.

A version is imported unpublished (only the process's editors see it), corrected unit by unit,
then published, which makes it a public record: from then on its text changes only by a new
version. Positions are contiguous (0, 1, 2…) within a version; moving or inserting a unit
shifts the others in two UPDATEs through a high offset, because the (version, position)
constraint is checked row by row.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.core.services import record_assign, record_save
from cocrea.lawmaking import notices
from cocrea.lawmaking.importing import (
    DUPLICATE,
    MAX_UPLOAD_BYTES,
    Parsed,
    key_for,
    parse_file,
    parse_text,
    too_large,
)
from cocrea.lawmaking.models import (
    CURRENT_LAW,
    LegislativeProcess,
    ProcessKind,
    TextUnit,
    TextVersion,
)

OFFSET = 1_000_000  # above any position (a version holds at most 2,000 units)
PARKED = 2_000_000_000  # where a unit waits while the others shift


class Imported(NamedTuple):
    version: TextVersion
    notes: list[str]  # what the parser asks the editor to check


def _parse(upload: UploadedFile[bytes] | None, text: str, markdown: bool) -> Parsed:
    """The file's or the text's units; errors name the field they come from."""
    field = "upload" if upload is not None else "text"
    try:
        if upload is None:
            return parse_text(text=text, markdown=markdown)
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise too_large(upload.size)
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        return parse_file(name=upload.name or "", data=data)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def _check_current_law(process: LegislativeProcess, is_current_law: bool) -> None:
    if not is_current_law:
        return
    if process.kind != ProcessKind.REFORM:
        raise ValidationError(
            {"is_current_law": _("Solo una reforma tiene texto vigente; esta es una ley nueva.")}
        )
    if TextVersion.objects.filter(process=process, number=CURRENT_LAW).exists():
        raise ValidationError(
            {"is_current_law": _("Este proceso ya tiene el texto vigente (versión 0).")}
        )


@transaction.atomic
def version_import(
    *,
    actor: User,
    process: LegislativeProcess,
    label: str,
    changelog: str = "",
    is_current_law: bool = False,
    upload: UploadedFile[bytes] | None = None,
    text: str = "",
    markdown: bool = False,
) -> Imported:
    """A new, unpublished version with the units found in the file or the pasted text."""
    if (upload is None) == (not text.strip()):
        raise ValidationError(_("Sube un archivo o pega el texto (uno de los dos)."))
    parsed = _parse(upload, text, markdown)
    # The process row is locked so that two imports at once never take the same number.
    LegislativeProcess.objects.select_for_update().filter(pk=process.pk).first()
    _check_current_law(process, is_current_law)
    if is_current_law:
        number = CURRENT_LAW
    else:
        highest = TextVersion.objects.filter(process=process).aggregate(n=Max("number"))["n"]
        number = (highest or 0) + 1
    version = TextVersion(
        process=process,
        number=number,
        label=label,
        changelog=changelog,
        source_name=(upload.name or "")[:200] if upload is not None else "",
        author=actor,
    )
    record_save(instance=version, actor=actor)
    TextUnit.objects.bulk_create(
        TextUnit(
            version=version,
            position=position,
            kind=unit.kind,
            key=unit.key,
            heading=unit.heading,
            title=unit.title,
            body=unit.body,
        )
        for position, unit in enumerate(parsed.units)
    )
    return Imported(version, parsed.notes)


def _locked_draft(version: TextVersion) -> TextVersion:
    """The version, locked for the change; refused once published (a public record)."""
    locked = TextVersion.objects.select_for_update().filter(pk=version.pk).first()
    if locked is None:
        raise ValidationError(_("La versión ya no existe."))
    if locked.published_at is not None:
        raise ValidationError(
            _("La versión ya se publicó; para cambiar el texto, importa una versión nueva.")
        )
    return locked


def _shift(version: TextVersion, start: int, by: int) -> None:
    """Moves every unit at `start` or after by `by` places (the parked one stays put)."""
    units = TextUnit.objects.filter(version=version)
    units.filter(position__gte=start, position__lt=OFFSET).update(
        position=F("position") + OFFSET + by
    )
    units.filter(position__gte=OFFSET, position__lt=PARKED).update(position=F("position") - OFFSET)


def _target(version: TextVersion, after: TextUnit | None) -> int:
    if after is None:
        return 0
    if after.version_id != version.pk:
        raise ValidationError({"after": _("Esa parte es de otra versión.")})
    position = TextUnit.objects.filter(pk=after.pk).values_list("position", flat=True).first()
    return 0 if position is None else position + 1


def _place(unit: TextUnit, after: TextUnit | None) -> None:
    """Puts the unit right after `after` (first when None), shifting the others."""
    version = unit.version
    if unit.pk is not None:
        if after is not None and after.pk == unit.pk:
            raise ValidationError({"after": _("Una parte no puede ir después de sí misma.")})
        old = TextUnit.objects.filter(pk=unit.pk).values_list("position", flat=True).get()
        TextUnit.objects.filter(pk=unit.pk).update(position=PARKED)
        _shift(version, old + 1, -1)
    target = _target(version, after)
    _shift(version, target, 1)
    unit.position = target


def _check_key(unit: TextUnit) -> None:
    if not unit.key:
        unit.key = key_for(unit.kind, unit.heading)
    if not unit.key:
        raise ValidationError(
            {"key": _("Escribe la clave (por ejemplo, «articulo-5»): el encabezado no la da.")}
        )
    taken = TextUnit.objects.filter(version_id=unit.version_id, key=unit.key)
    if taken.exclude(pk=unit.pk).exists():
        raise ValidationError(
            {
                "key": _("Ya hay otra parte con la clave «%(key)s» en esta versión.")
                % {"key": unit.key}
            }
        )


def _refuse_nul(values: dict[str, str]) -> None:
    bad = [name for name, value in values.items() if "\x00" in value]
    if bad:
        raise ValidationError({name: _("El texto tiene caracteres nulos.") for name in bad})


@transaction.atomic
def unit_save(
    *,
    actor: User,
    unit: TextUnit,
    kind: str,
    key: str,
    heading: str,
    title: str = "",
    body: str = "",
    after: TextUnit | None = None,
) -> TextUnit:
    """Edits a unit of an unpublished version (or adds it), placed right after `after`."""
    _locked_draft(unit.version)
    values = {"kind": kind, "key": key.strip(), "heading": heading, "title": title, "body": body}
    _refuse_nul(values)
    record_assign(unit, values)
    _check_key(unit)
    _place(unit, after)
    record_save(instance=unit, actor=actor)
    return unit


@transaction.atomic
def unit_delete(*, actor: User, unit: TextUnit) -> None:
    _locked_draft(unit.version)
    position = TextUnit.objects.filter(pk=unit.pk).values_list("position", flat=True).first()
    if position is None:
        return  # already gone
    unit.delete()
    _shift(unit.version, position + 1, -1)


def publish_problems(*, version: TextVersion) -> list[str]:
    """What stops a version from being published."""
    units = TextUnit.objects.filter(version=version)
    problems = []
    if not units.exists():
        problems.append(_("La versión no tiene ninguna parte."))
    provisional = list(units.filter(key__contains=DUPLICATE).values_list("key", flat=True))
    if provisional:
        problems.append(
            _("Quedan claves provisionales de partes repetidas: %(keys)s.")
            % {"keys": ", ".join(provisional[:10])}
        )
    return problems


@transaction.atomic
def version_publish(*, actor: User, version: TextVersion) -> TextVersion:
    """Publishes the version (a public record from now on) and tells the process's followers."""
    locked = _locked_draft(version)
    if problems := publish_problems(version=locked):
        raise ValidationError(problems)
    version.published_at = timezone.now()
    record_save(instance=version, actor=actor, only=["published_at"])
    notices.version_queue(version=version)
    return version


@transaction.atomic
def version_discard(*, actor: User, version: TextVersion) -> None:
    """Deletes a version nobody but its editors has seen (its units go with it)."""
    _locked_draft(version)
    version._history_user = actor  # type: ignore[attr-defined]
    version.delete()
