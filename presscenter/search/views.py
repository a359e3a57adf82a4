from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from presscenter.core.errors import DomainError
from presscenter.search.forms import SearchForm
from presscenter.search.query import SearchParams, SearchResult, search


def search_page(request: HttpRequest) -> HttpResponse:
    """Public search: everyone sees public records; embargoed ones only those allowed."""
    form = SearchForm(request.GET or None)
    result: SearchResult | None = None
    if not form.is_bound:
        result = search(SearchParams(), request.user)
    elif form.is_valid():
        try:
            result = search(form.params(), request.user)
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
    status = 400 if form.errors else 200
    return render(request, "search/search.html", {"form": form, "result": result}, status=status)
