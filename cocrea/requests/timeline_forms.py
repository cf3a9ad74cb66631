"""Forms of the legal timeline: a law's terms, a suspension, a unit, a day off."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import DateFieldsMixin
from cocrea.core.models import Territory, TerritoryLevel, User
from cocrea.requests.models import (
    InstitutionDayOff,
    LegalProfile,
    LegalTerm,
    Step,
    Suspension,
    TransparencyUnit,
)
from cocrea.requests.timeline_services import TermChange, guarantor_choices


class TermForm(forms.Form):
    step = forms.ChoiceField(choices=Step.choices, widget=forms.HiddenInput)
    working_days = forms.IntegerField(
        label=_("días hábiles"), min_value=0, max_value=365, required=False
    )
    article = forms.CharField(label=_("artículo"), max_length=120, required=False)
    quote = forms.CharField(
        label=_("lo que dice"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )
    is_verified = forms.BooleanField(label=_("verificado contra el texto oficial"), required=False)

    def change(self) -> TermChange:
        data = self.cleaned_data
        return TermChange(
            step=data["step"],
            working_days=data["working_days"],
            article=data["article"],
            quote=data["quote"],
            is_verified=data["is_verified"],
        )


class BaseTermFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    general = False

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        steps = [form.cleaned_data.get("step") for form in self.forms]
        if len(set(steps)) != len(steps):
            raise forms.ValidationError(_("Cada paso va una sola vez."))
        if self.general and any(
            form.cleaned_data.get("working_days") is None for form in self.forms
        ):
            raise forms.ValidationError(_("La ley general necesita los días de todos sus pasos."))


TermFormSet = forms.formset_factory(
    TermForm, formset=BaseTermFormSet, extra=0, max_num=len(Step), validate_max=True
)


def term_formset(profile: LegalProfile, data: Any = None) -> BaseTermFormSet:
    """One row per step: the law's own term, or empty (the general law's) in a state's law."""
    own = {term.step: term for term in LegalTerm.objects.filter(profile=profile)}
    initial = []
    for step in Step:
        term = own.get(step)
        initial.append(
            {
                "step": step.value,
                "working_days": term.working_days if term else None,
                "article": term.article if term else "",
                "quote": term.quote if term else "",
                "is_verified": term.is_verified if term else False,
            }
        )
    formset = cast(BaseTermFormSet, TermFormSet(data, initial=initial, prefix="plazos"))
    formset.general = profile.territory_id is None
    for form, step in zip(formset.forms, Step, strict=False):
        form.step_label = step.label
    return formset


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("motivo del cambio (queda en el historial)"), max_length=100)


class SuspensionForm(DateFieldsMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Suspension
        fields = [
            "declared_by",
            "territory",
            "organization",
            "starts_on",
            "ends_on",
            "reason",
            "document_url",
        ]

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["declared_by"].queryset = guarantor_choices(actor)  # type: ignore[attr-defined]
        self.fields["territory"].queryset = Territory.objects.filter(  # type: ignore[attr-defined]
            level__in=(TerritoryLevel.NATIONAL, TerritoryLevel.STATE)
        )
        self.fields["organization"].queryset = (  # type: ignore[attr-defined]
            self.fields["organization"].queryset.only("name").order_by("name")  # type: ignore[attr-defined]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("La suspensión termina antes de empezar."))
        return data

    def _post_clean(self) -> None:
        # The service validates the suspension (and its constraint) when it saves it.
        pass


class UnitForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TransparencyUnit
        fields = ["email", "address", "phone", "hours", "profile"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = LegalProfile.objects.only("law_name")  # type: ignore[attr-defined]


class DayOffForm(DateFieldsMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = InstitutionDayOff
        fields = ["date", "name"]

    def _post_clean(self) -> None:
        # No organization yet: the service checks the day is not there twice.
        pass
