from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cocrea.core.query_guard import checks_its_own_query
from cocrea.search import selectors
from cocrea.search.forms import SearchForm
from cocrea.search.kinds import BY_SLUG
from cocrea.search.text import MAX_LENGTH


@checks_its_own_query
def results(request: HttpRequest) -> HttpResponse:
    """Every kind's first hits, or (with `tipo`) one kind's hits page by page."""
    form = SearchForm(request.GET)
    context: dict[str, object] = {"form": form, "max_length": MAX_LENGTH}
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    q, slug = form.cleaned_data["q"], form.cleaned_data["tipo"]
    context["q"] = q
    if q and slug:
        kind = BY_SLUG[slug]
        page = selectors.search_page(q=q, kind=kind, number=request.GET.get("pagina"))
        context.update(kind=kind, page=page, counted=selectors.counted(kind, page.paginator.count))
    elif q:
        groups = selectors.search_overview(q=q)
        total = sum(min(group.count, selectors.CAP) for group in groups)
        more = any(group.count > selectors.CAP for group in groups)
        context.update(groups=groups, total=total, more=more)
    return render(request, "search/results.html", context)
