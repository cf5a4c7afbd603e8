"""A filtered list's page, for the lists readers filter (documents, questions)."""

from django.core.paginator import Page, Paginator


def filtered_page(request, items, per_page: int) -> tuple[Page, str]:
    """The requested page of `items`, and the reader's filters for the pagination links to keep.

    get_page turns ?page=abc, 0, -1 or a huge number into the nearest real page instead of an error; a
    nonsensical filter is ignored again on the next page.
    """
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return page, filters.urlencode()
