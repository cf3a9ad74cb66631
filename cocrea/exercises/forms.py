from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import DateFieldsMixin, OrganizationForm, checked_pdf, limit_choices
from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    ExerciseRole,
    SeatSector,
    Secretariat,
    SecretariatMember,
    SecretariatSession,
    Stage,
)


class ExerciseCreateForm(DateFieldsMixin, forms.ModelForm[Exercise]):
    territory = forms.ModelChoiceField(
        label=_("Territorio"),
        queryset=Territory.objects.exclude(level=TerritoryLevel.MUNICIPALITY).only("id", "name"),
    )

    class Meta:
        model = Exercise
        fields = ["territory", "name", "description", "joined_on", "website"]


class ExerciseForm(DateFieldsMixin, forms.ModelForm[Exercise]):
    class Meta:
        model = Exercise
        fields = ["name", "description", "joined_on", "website", "stale_after_days", "time_zone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stale_after_days"].required = False
        self.fields["time_zone"].required = False

    def clean_stale_after_days(self) -> int:
        """Left empty, the exercise keeps the number it has (90 days unless changed)."""
        value: int | None = self.cleaned_data.get("stale_after_days")
        return self.instance.stale_after_days if value is None else value

    def clean_time_zone(self) -> str:
        """Left empty, the exercise keeps its zone."""
        return str(self.cleaned_data.get("time_zone") or self.instance.time_zone)


class StageForm(DateFieldsMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Etapa"), choices=Stage.choices)
    reached_on = forms.DateField(label=_("Fecha en que se alcanzó"), required=False)
    note = forms.CharField(label=_("Nota o fuente"), max_length=300, required=False)


class SecretariatForm(DateFieldsMixin, forms.ModelForm[Secretariat]):
    class Meta:
        model = Secretariat
        fields = [
            "name",
            "acronym",
            "period",
            "installed_on",
            "dissolved_on",
            "composition",
            "rules_url",
        ]


class MemberForm(DateFieldsMixin, forms.ModelForm[SecretariatMember]):
    account_email = forms.EmailField(
        label=_("Correo de su cuenta (opcional)"),
        required=False,
        help_text=_(
            "Si la persona tiene una cuenta con ese correo verificado, el registro queda ligado a "
            "ella y recibe el rol de integrante del secretariado. El correo no se publica."
        ),
    )

    class Meta:
        model = SecretariatMember
        fields = [
            "secretariat",
            "person_name",
            "organization",
            "sector",
            "role",
            "position",
            "designated_on",
            "ceased_on",
        ]

    def __init__(self, *args: object, exercise: Exercise, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "secretariat", exercise.secretariats.only("id", "name"))
        limit_choices(self, "organization", Organization.objects.only("id", "name"))
        if self.instance.account is not None:
            self.fields["account_email"].initial = self.instance.account.email


class SessionForm(DateFieldsMixin, forms.ModelForm[SecretariatSession]):
    class Meta:
        model = SecretariatSession
        fields = ["secretariat", "kind", "number", "held_on", "place", "summary", "minutes"]
        widgets = {"minutes": forms.ClearableFileInput(attrs={"accept": "application/pdf"})}

    def __init__(self, *args: object, exercise: Exercise, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "secretariat", exercise.secretariats.only("id", "name"))
        self.fields["minutes"].help_text = _("PDF de hasta %(mb)s MB.") % {
            "mb": settings.MINUTES_MAX_UPLOAD_MB
        }
        present = (
            {a.sector: a.present for a in self.instance.attendance.all()}
            if self.instance.pk
            else {}
        )
        for value, label in SeatSector.choices:
            self.fields[f"attendance_{value}"] = forms.IntegerField(
                label=_("Asistentes: %s") % label,
                min_value=0,
                max_value=500,
                required=False,
                initial=present.get(value),
            )

    def clean_minutes(self) -> object:
        return checked_pdf(self, "minutes")

    def attendance(self) -> dict[str, int | None]:
        return {value: self.cleaned_data.get(f"attendance_{value}") for value in SeatSector.values}


class AgreementForm(DateFieldsMixin, forms.ModelForm[Agreement]):
    class Meta:
        model = Agreement
        fields = ["number", "text", "responsible", "due_on", "status"]


class MembershipForm(forms.Form):
    email = forms.EmailField(label=_("Correo de la cuenta"))
    role = forms.ChoiceField(label=_("Rol"), choices=ExerciseRole.choices)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *SeatSector.choices], required=False
    )


class InstitutionForm(OrganizationForm):
    """An institution of the exercise's territory (the state, or one of its municipalities)."""

    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state = exercise.territory
        places = Territory.objects.filter(pk=state.pk) | state.children.all()
        limit_choices(self, "territory", places.only("id", "name", "inegi_code"))
        self.fields["territory"].initial = state.pk
