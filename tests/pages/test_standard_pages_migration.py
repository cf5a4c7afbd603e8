"""0002_standard_pages: the structure every portal starts with, and an undo that spares the unit's work."""

import importlib

import pytest
from django.apps import apps

from articles.pages.models import Page

from .conftest import STANDARD_PATHS

pytestmark = pytest.mark.django_db

migration = importlib.import_module("articles.pages.migrations.0002_standard_pages")


def paths():
    return {page.path: page.title for page in Page.objects.select_related("parent")}


def test_migration_created_the_standard_pages_empty(standard_pages):
    assert paths() == STANDARD_PATHS
    assert all(page.body == "" and page.is_published for page in standard_pages.values())
    assert standard_pages["lien-he"].layout == standard_pages["en"].layout == Page.Layout.CONTACT
    assert standard_pages["en"].language == Page.Language.ENGLISH
    assert {page.language for path, page in standard_pages.items() if path != "en"} == {"vi"}


def test_undo_then_redo(standard_pages):
    migration.delete_untouched_standard_pages(apps, None)
    assert paths() == {}
    migration.create_standard_pages(apps, None)
    assert paths() == STANDARD_PATHS


def test_redo_leaves_existing_pages_alone(standard_pages):
    Page.objects.filter(slug="lien-he").update(title="Liên hệ với chúng tôi")
    Page.objects.filter(slug="lich-su").delete()
    migration.create_standard_pages(apps, None)
    assert paths() == {**STANDARD_PATHS, "lien-he": "Liên hệ với chúng tôi"}


def test_undo_keeps_what_the_unit_wrote(standard_pages):
    history = standard_pages["gioi-thieu/lich-su"]
    history.body = "<p>Đã viết.</p>"
    history.save()
    Page.objects.filter(slug="en").update(title="About us")
    Page.objects.create(parent=standard_pages["lien-he"], slug="ban-do", title="Bản đồ")
    migration.delete_untouched_standard_pages(apps, None)
    assert paths() == {
        "gioi-thieu": "Giới thiệu",  # kept for its written sub-page
        "gioi-thieu/lich-su": "Lịch sử",
        "lien-he": "Liên hệ",  # kept for the sub-page the unit added
        "lien-he/ban-do": "Bản đồ",
        "en": "About us",
    }
