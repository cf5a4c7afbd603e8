"""The standard pages' demo text: it names the unit from its profile, is clean, and fills only empty pages."""

import pytest

from articles.pages.demo import ensure_pages
from articles.pages.models import Page
from articles.sanitize import clean_html

from .conftest import STANDARD_PATHS

pytestmark = pytest.mark.django_db


def test_demo_fills_every_standard_page_once(profile, standard_pages):
    Page.objects.filter(slug="lich-su").update(body="<p>Viết tay.</p>")
    assert ensure_pages() == "Pages: 6 standard pages filled with demo text, 7 pages in total."
    pages = {page.path: page for page in Page.objects.select_related("parent")}
    assert pages["gioi-thieu/lich-su"].body == "<p>Viết tay.</p>"
    assert all(pages[path].body for path in STANDARD_PATHS)
    assert "Đảng ủy phường Thanh Trì" in pages["gioi-thieu"].body
    assert "Thanh Tri Ward Party Committee" in pages["en"].body
    assert "<table>" in pages["gioi-thieu/lanh-dao"].body
    # Saved as written: the demo text uses nothing the sanitizer would take out.
    assert all(clean_html(page.body) == page.body for page in pages.values())
    assert ensure_pages() == "Pages: 0 standard pages filled with demo text, 7 pages in total."


def test_demo_says_which_standard_pages_are_missing(standard_pages):
    Page.objects.filter(slug="en").delete()
    assert ensure_pages().endswith("Not found (deleted in the admin?): en.")


def test_demo_text_shows_on_the_site(client, profile, standard_pages):
    ensure_pages()
    assert "Chủ tịch Ủy ban nhân dân" in client.get("/gioi-thieu/lanh-dao/").content.decode()
