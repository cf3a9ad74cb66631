from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TerritoryLevel(models.TextChoices):
    NATIONAL = "national", _("Nacional")
    STATE = "state", _("Entidad federativa")
    MUNICIPALITY = "municipality", _("Municipio")


class Territory(models.Model):
    """Mexico, its 32 states (INEGI + ISO 3166-2:MX) and the municipalities imported by CSV."""

    level = models.CharField(_("nivel"), max_length=16, choices=TerritoryLevel.choices)
    name = models.CharField(_("nombre"), max_length=120)
    official_name = models.CharField(_("nombre oficial"), max_length=160, blank=True)
    inegi_code = models.CharField(_("clave INEGI"), max_length=5, unique=True)
    iso_code = models.CharField(_("código ISO 3166-2"), max_length=6, blank=True)
    slug = models.SlugField(_("identificador"), max_length=140, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("pertenece a"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("territorio")
        verbose_name_plural = _("territorios")
        ordering = ["inegi_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~models.Q(iso_code=""),
                name="territory_iso_code_unique",
                violation_error_message=_("Ya existe un territorio con ese código ISO."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Sector(models.TextChoices):
    GOVERNMENT_AGENCY = "gov_agency", _("Gobierno: dependencia o entidad")
    MUNICIPALITY = "gov_municipality", _("Gobierno: ayuntamiento")
    LEGISLATURE = "gov_legislature", _("Gobierno: poder legislativo")
    JUDICIARY = "gov_judiciary", _("Gobierno: poder judicial")
    AUTONOMOUS = "gov_autonomous", _("Gobierno: organismo autónomo")
    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    GUARANTOR = "guarantor", _("Órgano garante de transparencia")
    ACADEMIA = "academia", _("Academia")

    @classmethod
    def government(cls) -> list[str]:
        return [value for value in cls.values if value.startswith("gov_")]


class Organization(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    acronym = models.CharField(_("siglas"), max_length=30, blank=True)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    territory = models.ForeignKey(
        Territory, verbose_name=_("territorio"), on_delete=models.PROTECT, related_name="+"
    )
    website = models.URLField(_("sitio web"), blank=True)
    description = models.TextField(_("descripción"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pages:organization_detail", args=[self.slug])


class CocreaUserManager(UserManager["User"]):
    """Accounts sign in by e-mail; the username is kept only because Django's admin expects it."""

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: object
    ) -> "User":
        extra.setdefault("username", email.lower())
        return super().create_user(email=email, password=password, **extra)  # type: ignore[arg-type]

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: object
    ) -> "User":
        extra.setdefault("username", email.lower())
        return super().create_superuser(email=email, password=password, **extra)  # type: ignore[arg-type]


class User(AbstractUser):
    email = models.EmailField(_("correo electrónico"), unique=True)
    public_name = models.CharField(
        _("nombre público"),
        max_length=120,
        blank=True,
        help_text=_("Solo se muestra si lo escribes. Deja vacío para aparecer sin nombre."),
    )

    objects: ClassVar[CocreaUserManager] = CocreaUserManager()
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("cuenta")
        verbose_name_plural = _("cuentas")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("Ya existe una cuenta con ese correo."),
            )
        ]

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class OrganizationRole(models.TextChoices):
    LIAISON = "liaison", _("Enlace")
    MEMBER = "member", _("Integrante")
    # Names the institution's liaisons and manages its report categories.
    ADMIN = "admin", _("Administración de la institución")


class OrganizationMembership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("cuenta"), on_delete=models.CASCADE, related_name="org_memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organización"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=16, choices=OrganizationRole.choices)
    is_active = models.BooleanField(_("vigente"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membresía en organización")
        verbose_name_plural = _("membresías en organizaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                name="org_membership_unique",
                violation_error_message=_("Esa cuenta ya tiene ese rol en la organización."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.organization} · {self.get_role_display()}"


class ApiKey(models.Model):
    """A secret that lets an institution's own system write through the API.

    Only a SHA-256 digest is stored; the key itself is shown once, when it is created.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organización"),
        on_delete=models.CASCADE,
        related_name="api_keys",
    )
    name = models.CharField(_("nombre"), max_length=120, blank=True)
    prefix = models.CharField(_("prefijo"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)

    class Meta:
        verbose_name = _("llave de API")
        verbose_name_plural = _("llaves de API")

    def __str__(self) -> str:
        return f"{self.organization} · {self.prefix}…"


class Invitation(models.Model):
    """An e-mail inviting a person without an account to sign up, so that a role can be given.

    Kept to send at most one a day to an address, and to show who was invited and when.
    """

    email = models.EmailField(_("correo"))
    invited_by = models.ForeignKey(
        User, verbose_name=_("invitó"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    purpose = models.CharField(_("para qué"), max_length=300)
    created_at = models.DateTimeField(_("enviada"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} · {self.purpose}"
