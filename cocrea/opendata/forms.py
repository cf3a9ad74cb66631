from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import limit_choices
from cocrea.core.models import Organization, Territory
from cocrea.opendata.models import Dataset, Group, Publication, Resource


class DatasetForm(forms.ModelForm[Dataset]):
    keywords_text = forms.CharField(
        label=_("Palabras clave"),
        required=False,
        help_text=_("Separadas por comas, p. ej.: presupuesto, obra pública, Zapopan."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Temas"),
        queryset=Group.objects.only("id", "title").order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Dataset
        fields = [
            "title",
            "name",
            "description",
            "organization",
            "exercise",
            "contact_name",
            "contact_email",
            "temporal_start",
            "temporal_end",
            "spatial",
            "landing_page",
            "frequency",
            "license_id",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "temporal_start": forms.DateInput(attrs={"type": "date"}),
            "temporal_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, organizations: "QuerySet[Organization]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = organizations.only("id", "name").order_by("name")
        limit_choices(self, "organization", organizations).required = True
        limit_choices(
            self, "spatial", Territory.objects.exclude(level="municipality").only("id", "name")
        )
        if self.instance.pk:
            names = self.instance.keywords.values_list("name", flat=True)
            self.initial["keywords_text"] = ", ".join(names)
            self.initial["groups"] = list(self.instance.groups.values_list("pk", flat=True))

    def keywords(self) -> list[str]:
        return [word.strip() for word in self.cleaned_data["keywords_text"].split(",")]


class ResourceForm(forms.ModelForm[Resource]):
    class Meta:
        model = Resource
        fields = ["name", "description", "format", "url", "file"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "file": _("Hasta 50 MB. Se revisa que el contenido corresponda al formato."),
            "url": _("O, en vez de subir un archivo, el enlace donde ya está publicado."),
        }


class PublicationForm(forms.ModelForm[Publication]):
    class Meta:
        model = Publication
        fields = [
            "need",
            "audience",
            "identified_on",
            "published_on",
            "dissemination",
            "disseminated_on",
            "evaluation",
            "evaluated_on",
        ]
        date = forms.DateInput(attrs={"type": "date"})
        widgets = {
            "need": forms.Textarea(attrs={"rows": 3}),
            "dissemination": forms.Textarea(attrs={"rows": 3}),
            "evaluation": forms.Textarea(attrs={"rows": 3}),
            "identified_on": date,
            "published_on": date,
            "disseminated_on": date,
            "evaluated_on": date,
        }


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("¿Qué tan útil te resultó?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = nada útil, 5 = muy útil."),
    )
