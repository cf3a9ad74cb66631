"""Reads for the pages that review an imported version before it is published."""

from django.db.models import QuerySet
from django.db.models.functions import Left
from django.utils.translation import gettext as _

from cocrea.lawmaking.importing import DUPLICATE
from cocrea.lawmaking.models import TextUnit, TextVersion, UnitKind
from cocrea.lawmaking.selectors import process_get, version_get

PREVIEW = 160  # characters of a unit's text shown in the review list


def draft_get(*, process_slug: str, number: int) -> TextVersion | None:
    """A version (published or not) with its process, for the people who edit it."""
    process = process_get(slug=process_slug)
    if process is None:
        return None
    version = version_get(process=process, number=number, drafts=True)
    if version is not None:
        version.process = process
    return version


def review_units(*, version: TextVersion) -> list[TextUnit]:
    """Every unit of the version, with the first line of its text as `preview` (read from the
    start of the text only: an exposición de motivos can be long)."""
    units: list[TextUnit] = list(
        TextUnit.objects.filter(version=version)
        .only("id", "version_id", "position", "kind", "key", "heading", "title")
        .annotate(preview=Left("body", PREVIEW))
        .order_by("position")
    )
    for unit in units:
        unit.preview = unit.preview.split("\n", 1)[0]  # type: ignore[attr-defined]
    return units


def unit_choices(*, version: TextVersion) -> QuerySet[TextUnit]:
    """The units another one can be placed after."""
    return (
        TextUnit.objects.filter(version=version)
        .only("id", "version_id", "position", "heading", "title")
        .order_by("position")
    )


def _number(key: str) -> int | None:
    tail = key.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def review_checks(*, units: list[TextUnit]) -> list[str]:
    """What the editor should look at in the structure as it stands (found again on every
    visit, so a correction clears it): repeated numbers, articles out of order, empty ones."""
    checks = []
    last = 0
    for unit in units:
        if DUPLICATE in unit.key:
            checks.append(
                _(
                    "«%(heading)s» tiene una clave provisional (%(key)s): corrígela o quita la parte."
                )
                % {"heading": unit.heading, "key": unit.key}
            )
        number = _number(unit.key) if DUPLICATE not in unit.key else None
        if unit.kind == UnitKind.ARTICLE and number is not None:
            if number < last:
                checks.append(
                    _("«%(heading)s» viene después del artículo %(last)s: revisa el orden.")
                    % {"heading": unit.heading, "last": last}
                )
            last = max(last, number)
        preview = getattr(unit, "preview", "x")
        if unit.kind in (UnitKind.ARTICLE, UnitKind.TRANSITORY) and not preview.strip():
            checks.append(_("«%(heading)s» no tiene texto.") % {"heading": unit.heading})
    return checks
