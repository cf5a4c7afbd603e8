import re
from html import unescape

import pytest

SEARCH_URL = "/tim-kiem/"
_HIT_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">(.*?)</a></h3>', re.DOTALL)
_DOCUMENT_LINK = re.compile(r'<h3 class="search-document__title"><a href="([^"]*)">', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def text_of(html: str) -> str:
    return unescape(_TAG.sub("", html)).strip()


def hit_titles(response) -> list[str]:
    """The titles of the article hits on a results page, in order, as readers read them."""
    return [text_of(title) for title in _HIT_TITLE.findall(response.content.decode())]


def document_links(response) -> list[str]:
    return _DOCUMENT_LINK.findall(response.content.decode())


@pytest.fixture
def search(client, db):
    """GET the results page with these parameters; it must answer 200."""

    def get(q=None, **params):
        if q is not None:
            params["q"] = q
        response = client.get(SEARCH_URL, params)
        assert response.status_code == 200, response.status_code
        return response

    return get
