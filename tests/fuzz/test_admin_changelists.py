"""Whatever filters, search, ordering, page and bulk action a staff member's browser sends to an admin list,
the answer is never a server error, for every role and every model the admin lists.

The lists are found in the admin's registry, and each one's parameters in its own page as that role sees it
(filters, date hierarchy, sort headers, pagination, actions), so a new model or filter is fuzzed as it comes.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.views import main as changelist
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.factories import ArticleFactory

from .probe import FUZZ, SCALE, fetch, reader
from .site import PageParser
from .strategies import query_strings

pytestmark = pytest.mark.django_db

ROLES = ["contributor", "editor", "approver", "administrator", "superuser"]
# The changelist's own parameters, linked from its page or not (a popup's, a facet count's, "show all").
CHANGELIST_PARAMETERS = {
    changelist.ALL_VAR,
    changelist.ERROR_FLAG,
    changelist.IS_FACETS_VAR,
    changelist.IS_POPUP_VAR,
    changelist.ORDER_VAR,
    changelist.PAGE_VAR,
    changelist.SEARCH_VAR,
    changelist.TO_FIELD_VAR,
}


@dataclass(frozen=True)
class Changelist:
    url: str
    # Query-string names with the values the page links to; bulk actions' names with the values offered.
    query: dict[str, set[str]]
    form: dict[str, set[str]]


@pytest.fixture(params=ROLES)
def staff_member(request, published_site):
    user = request.getfixturevalue(request.param)
    # Something of their own in the lists, for the contributor who sees only their own articles.
    ArticleFactory(author=user, status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(author=user)
    return request.param, user


@pytest.fixture
def changelists(staff_member):
    role, user = staff_member
    client = reader(csrf_checked=False)
    client.force_login(user)
    found = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code < 500, f"{url} as {role}"
        if response.status_code == 200:
            found.append(_read_changelist(url, response.content.decode()))
    assert found, f"{role} reaches no admin list: is a login step (2FA) required in tests?"
    return found


def _read_changelist(url: str, html: str) -> Changelist:
    parser = PageParser()
    parser.feed(html)
    query = {name: set() for name in CHANGELIST_PARAMETERS}
    for link in parser.links:
        parts = urlsplit(link)
        if parts.path in ("", url):
            for name, value in parse_qsl(parts.query, keep_blank_values=True):
                query.setdefault(name, set()).add(value)
    return Changelist(url=url, query=query, form=dict(parser.fields))


@given(data=st.data())
@settings(FUZZ, max_examples=50 * SCALE)
def test_no_changelist_request_gives_a_server_error(staff_member, changelists, data):
    role, user = staff_member
    changelist = data.draw(st.sampled_from(changelists), label="changelist")
    query = data.draw(query_strings(changelist.query), label="query")
    url = f"{changelist.url}?{query}" if query else changelist.url
    client = reader(csrf_checked=False)
    client.force_login(user)
    if data.draw(st.integers(0, 3), label="method") == 0:
        # A bulk action or the list's inline edits, as that role's browser may post them: the form's own
        # names (action, selected rows, formset fields) with its values, or anything else.
        body = data.draw(query_strings(changelist.form), label="form")
        fetch(
            client,
            "POST",
            url,
            tally=f"admin lists as {role}",
            body=body.encode(),
            content_type="application/x-www-form-urlencoded",
        )
    else:
        fetch(client, "GET", url, tally=f"admin lists as {role}")


@pytest.mark.parametrize(
    "lookup",
    [
        "__year=1",
        "__year=9999",
        "__year=99999999999999999999",
        "__year=2024&{field}__month=99999999999999999999",
    ],
)
def test_a_date_hierarchy_year_outside_the_calendar_is_no_server_error(superuser_client, lookup):
    """Django's date hierarchy trusts the year it is given (Django ticket #37357); portal/admin_lists.py."""
    for model, model_admin in admin.site._registry.items():
        if not model_admin.date_hierarchy:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        query = model_admin.date_hierarchy + lookup.format(field=model_admin.date_hierarchy)
        assert superuser_client.get(f"{url}?{query}").status_code < 500, f"{url}?{query}"


# Django warns that these naive dates are taken in the site's time zone, as they are meant to be.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
@pytest.mark.parametrize(
    "lookup",
    [
        "gte=0001-01-01",
        "gte=0001-01-01 00:00:00",
        "lt=9999-12-31 23:59:59",
        "year=0",
        "year=99999",
        "year=99999999999999999999",
        "month=99999999999999999999",
    ],
)
def test_a_date_lookup_outside_the_calendar_is_no_server_error(superuser_client, lookup):
    """Django lets a list be filtered by any of the model's own fields, not only by its list_filter."""
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for field in model._meta.concrete_fields:
            if field.get_internal_type() in ("DateField", "DateTimeField"):
                response = superuser_client.get(f"{url}?{field.name}__{lookup}")
                assert response.status_code < 500, f"{url}?{field.name}__{lookup}"


@pytest.mark.parametrize("row_id", ["", "abc", "99999999999999999999", "-1.5"])
def test_a_bulk_action_on_rows_that_are_no_ids_is_no_server_error(superuser_client, published_site, row_id):
    """Django filters by the posted ids as they come; portal/admin_lists.py refuses ones that are none.

    (PostgreSQL takes a 20-digit id and finds no row: the action's confirmation shows nothing to delete.)
    """
    acted = 0
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        changelist = _read_changelist(url, superuser_client.get(url).content.decode())
        for action in changelist.form.get("action", set()) - {""}:
            form = {"action": action, "index": "0", "_selected_action": [row_id]}
            response = superuser_client.post(url, form)
            assert response.status_code < 500, (url, action)
            acted += 1
    assert acted > 10
