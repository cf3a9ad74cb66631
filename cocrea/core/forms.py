from django import forms
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization, Territory


class MunicipalityImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "Columnas CVE_ENT, CVE_MUN y NOM_MUN (como el catálogo de INEGI), en UTF-8 o "
            "Windows-1252. Hasta 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class OrganizationForm(forms.ModelForm):
    territory = forms.ModelChoiceField(
        label=_("Territorio"), queryset=Territory.objects.only("id", "name", "inegi_code")
    )

    class Meta:
        model = Organization
        fields = ["name", "acronym", "sector", "territory", "website", "description"]
