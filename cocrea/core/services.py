"""Writes of the core app: territories, organizations, API keys and accounts."""

import csv
import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any, TypedDict, Unpack

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cocrea.core.invitations import not_found_message
from cocrea.core.models import (
    ApiKey,
    Organization,
    OrganizationMembership,
    OrganizationRole,
    Territory,
    TerritoryLevel,
    User,
)

MUNICIPALITY_COLUMNS = ("cve_ent", "cve_mun", "nom_mun")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Fila %(row)s, columna %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRejected(Exception):
    """The file was not imported at all; `errors` says what to fix, row by row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


HISTORY_REASON_MAX = 100


def record_save(
    *,
    instance: models.Model,
    actor: User | None,
    reason: str = "",
    only: Iterable[str] | None = None,
) -> None:
    """Validates and saves a public record, keeping who made the change for its history.

    `only` names the fields a change touches: an existing row then has just those columns
    written, so that two people editing different fields of it do not undo each other.
    """
    instance.full_clean()
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        # The history's reason column holds 100 characters; a longer reason (a moderation's,
        # up to 300) stays whole in the record's own field and in its history copy.
        instance._change_reason = Truncator(reason).chars(HISTORY_REASON_MAX)  # type: ignore[attr-defined]
    if instance.pk and only is not None:
        automatic = [
            f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)
        ]
        instance.save(update_fields=[*only, *automatic])
    else:
        instance.save()


def not_in_future(field: str, value: dt.date | None, message: str = "") -> None:
    """Refuses a date after today in `field` (none given: nothing to check)."""
    if value and value > timezone.localdate():
        raise ValidationError({field: message or _("La fecha no puede ser posterior a hoy.")})


def record_assign(instance: models.Model, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


def _decode(raw: bytes) -> str:
    # INEGI's own catalogues come in Windows-1252 as often as in UTF-8.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _read_rows(stream: IO[bytes]) -> tuple[list[dict[str, str]], list[RowError]]:
    raw = stream.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        return [], [RowError(0, "—", _("el archivo supera 5 MB."))]
    reader = csv.DictReader(io.StringIO(_decode(raw)))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c.upper() for c in MUNICIPALITY_COLUMNS if c not in header]
    if missing:
        message = _("faltan columnas obligatorias: %(cols)s.") % {"cols": ", ".join(missing)}
        return [], [RowError(1, ", ".join(missing), message)]
    reader.fieldnames = header
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    if len(rows) > MAX_IMPORT_ROWS:
        return [], [RowError(0, "—", _("el archivo tiene más de 5,000 filas."))]
    return rows, []


def _check_row(
    number: int, row: Mapping[str, str], states: Mapping[str, Territory], seen: set[str]
) -> list[RowError]:
    errors = []
    ent, mun, name = row.get("cve_ent", ""), row.get("cve_mun", ""), row.get("nom_mun", "")
    if not (ent.isdigit() and len(ent) <= 2 and ent.zfill(2) in states):
        errors.append(RowError(number, "CVE_ENT", _("«%s» no es la clave de una entidad.") % ent))
    if not (mun.isdigit() and 1 <= len(mun) <= 3 and int(mun) > 0):
        errors.append(
            RowError(number, "CVE_MUN", _("«%s» no es una clave de 1 a 3 dígitos.") % mun)
        )
    if not name:
        errors.append(RowError(number, "NOM_MUN", _("el nombre está vacío.")))
    elif len(name) > 120:
        errors.append(RowError(number, "NOM_MUN", _("el nombre supera 120 caracteres.")))
    if not errors:
        code = ent.zfill(2) + mun.zfill(3)
        if code in seen:
            errors.append(RowError(number, "CVE_MUN", _("la clave %s está repetida.") % code))
        seen.add(code)
    return errors


@transaction.atomic
def municipalities_import(*, stream: IO[bytes], actor: User | None) -> ImportResult:
    """Imports INEGI's municipality catalogue (CVE_ENT, CVE_MUN, NOM_MUN): all rows or none."""
    rows, errors = _read_rows(stream)
    states = {t.inegi_code: t for t in Territory.objects.filter(level=TerritoryLevel.STATE)}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        errors.extend(_check_row(number, row, states, seen))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(2, "—", _("el archivo no tiene filas de datos."))])
    return _upsert_municipalities(rows, states, actor)


def _upsert_municipalities(
    rows: Iterable[Mapping[str, str]], states: Mapping[str, Territory], actor: User | None
) -> ImportResult:
    existing = {
        t.inegi_code: t for t in Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY)
    }
    created = updated = 0
    for row in rows:
        state = states[row["cve_ent"].zfill(2)]
        code = state.inegi_code + row["cve_mun"].zfill(3)
        territory = existing.get(code) or Territory(
            level=TerritoryLevel.MUNICIPALITY, inegi_code=code, parent=state
        )
        if territory.pk and territory.name == row["nom_mun"]:
            continue
        created, updated = (created + 1, updated) if not territory.pk else (created, updated + 1)
        territory.name = row["nom_mun"]
        territory.slug = f"{slugify(row['nom_mun'])[:120]}-{code}"
        territory.full_clean()
        territory.save()
    return ImportResult(created=created, updated=updated)


# A file field's value: the upload, or "" to clear it (a service leaves out a file not changed).
FileValue = File[bytes] | str


class OrganizationFields(TypedDict, total=False):
    name: str
    acronym: str
    sector: str
    territory: Territory
    website: str
    description: str


@transaction.atomic
def organization_create(
    *, actor: User | None, **fields: Unpack[OrganizationFields]
) -> Organization:
    organization = Organization()
    record_assign(organization, fields)
    if not organization.slug:
        organization.slug = unique_slug(Organization, organization.name)
    record_save(instance=organization, actor=actor)
    return organization


@transaction.atomic
def organization_update(
    *, actor: User | None, organization: Organization, **fields: Unpack[OrganizationFields]
) -> Organization:
    record_assign(organization, fields)
    record_save(instance=organization, actor=actor)
    return organization


def unique_slug(model: type[models.Model], text: str, max_length: int = 70) -> str:
    base = slugify(text)[:max_length] or "registro"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


API_KEY_PREFIX = "cocrea_"


def api_key_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, organization: Organization, name: str = "") -> tuple[ApiKey, str]:
    """A new key for `organization`; returns the record and the key, which is not stored."""
    raw = API_KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        organization=organization, name=name, prefix=raw[:12], digest=api_key_digest(raw)
    )
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: ApiKey) -> None:
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])


@transaction.atomic
def superuser_email_verify(*, user: User) -> EmailAddress:
    """Records the platform administrator's own address as verified and primary.

    `createsuperuser` makes the account from the console, where nobody can follow a link, and
    sign-in asks for a verified address: without this the first sign-in would wait for the
    verification e-mail. Running it again changes nothing.
    """
    if not user.is_superuser:
        raise ValidationError(_("Solo se verifica así el correo de la administración."))
    email = user.email.lower()
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        address = EmailAddress(user=user, email=email)
    EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
        primary=False
    )
    address.verified = address.primary = True
    address.save()
    return address


def account_by_email(*, email: str, field: str = "email") -> User:
    """The active account whose verified address is `email`; refused by name otherwise.

    Nobody is created here; pages that name people invite them first (`named_or_invited`).
    """
    user = User.objects.filter(
        emailaddress__email__iexact=email, emailaddress__verified=True, is_active=True
    ).first()
    if user is None:
        raise ValidationError({field: not_found_message(email=email, invited=False)})
    return user


@transaction.atomic
def liaison_name(
    *,
    actor: User | None,
    organization: Organization,
    email: str,
    role: str = OrganizationRole.LIAISON,
) -> OrganizationMembership:
    """Makes the account with the verified address `email` a liaison (or an administrator) of
    `organization`."""
    if role not in (OrganizationRole.LIAISON, OrganizationRole.ADMIN):
        raise ValidationError({"role": _("El rol es «enlace» o «administración».")})
    user = account_by_email(email=email)
    membership = OrganizationMembership.objects.filter(
        organization=organization, user=user, role=role
    ).first() or OrganizationMembership(organization=organization, user=user, role=role)
    membership.is_active = True
    record_save(instance=membership, actor=actor)
    return membership


@transaction.atomic
def liaison_revoke(*, actor: User | None, membership: OrganizationMembership) -> None:
    """Ends a liaison; the record stays, inactive, with who ended it in its history."""
    if membership.role not in (OrganizationRole.LIAISON, OrganizationRole.ADMIN):
        raise ValidationError(_("Esa membresía no es de enlace ni de administración."))
    membership.is_active = False
    record_save(instance=membership, actor=actor)
