"""JSON API of territories and organizations (read-only)."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from cocrea.core import selectors
from cocrea.core.api_errors import LIST, ONE
from cocrea.core.models import Organization, Sector, Territory, TerritoryLevel

router = Router(tags=["territorios y organizaciones"])


class TerritoryRef(Schema):
    id: int
    name: str
    slug: str
    inegi_code: str


class TerritoryOut(Schema):
    id: int
    level: str
    name: str
    official_name: str
    inegi_code: str = Field(description="Clave INEGI: 2 dígitos (entidad) o 5 (municipio).")
    iso_code: str = Field(description="ISO 3166-2:MX (vacío en municipios).")
    slug: str
    parent: TerritoryRef | None = None


class OrganizationOut(Schema):
    id: int
    name: str
    acronym: str
    slug: str
    sector: str
    sector_label: str
    territory: TerritoryRef
    website: str

    @staticmethod
    def resolve_sector_label(obj: Organization) -> str:
        return str(obj.get_sector_display())


class OrganizationDetail(OrganizationOut):
    description: str


@router.get("/territories", response={200: list[TerritoryOut], **LIST}, summary="Territorios")
@paginate
def territories(
    request: HttpRequest, level: TerritoryLevel | None = None, parent: str = ""
) -> object:
    """Nación, entidades y municipios. `parent` es el identificador (slug) de la entidad."""
    return selectors.territory_list(level=level or "", parent=parent)


@router.get(
    "/territories/{territory_id}", response={200: TerritoryOut, **ONE}, summary="Un territorio"
)
def territory(request: HttpRequest, territory_id: int) -> Territory:
    return selectors.territory_get(pk=territory_id)


@router.get(
    "/organizations", response={200: list[OrganizationOut], **LIST}, summary="Organizaciones"
)
@paginate
def organizations(
    request: HttpRequest, sector: Sector | None = None, territory: str = "", q: str = ""
) -> object:
    return selectors.organization_list(sector=sector or "", territory=territory, q=q)


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationDetail, **ONE},
    summary="Una organización",
)
def organization(request: HttpRequest, organization_id: int) -> Organization:
    return selectors.organization_get(pk=organization_id)
