from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cocrea.search.kinds import KINDS
from cocrea.search.text import MAX_LENGTH, tidy


class QueryInput(forms.SearchInput):
    def format_value(self, value: Any) -> str | None:
        # A refused query is shown again as it would be searched: no NUL or control characters.
        shown = super().format_value(value)
        return tidy(shown) if shown else shown


class SearchForm(forms.Form):
    # A NUL byte or a query longer than MAX_LENGTH is refused (400), never sent to the database.
    q = forms.CharField(
        label=_("¿Qué buscas?"),
        max_length=MAX_LENGTH,
        required=False,
        widget=QueryInput(attrs={"aria-describedby": "search-help"}),
    )
    tipo = forms.ChoiceField(
        label=_("Buscar en"),
        required=False,
        choices=[("", _("Todos"))] + [(kind.slug, kind.heading) for kind in KINDS],
    )

    def clean_q(self) -> str:
        query: Any = self.cleaned_data["q"]
        return tidy(query)
