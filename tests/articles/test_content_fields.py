"""An article's content fields are declared once (Article.CONTENT_FIELDS); every place that handles an edit
reads that list, so none of them can silently drop a field."""

import pytest
import reversion
from django.contrib.admin.sites import site
from reversion.models import Version

from articles import editing, revisions
from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleImage
from tests.admin_forms import article_form
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, jpeg_file

pytestmark = pytest.mark.django_db


def _other_values():
    """A different value for every content field, as an editor would type or upload it."""
    return {
        "title": "Tiêu đề khác hẳn",
        "category": CategoryFactory(name="Chuyên mục khác"),
        "lead": "Sapo khác.",
        "body": "<p>Nội dung khác.</p>",
        "byline": "Người viết khác - Tuyên giáo",
        "cover_image": jpeg_file("anh-khac.jpg", color=(10, 200, 10)),
        "cover_caption": "Chú thích khác",
        "cover_alt": "Mô tả khác",
        "related_documents": [DocumentFactory(number="99-KL/HU", summary="Văn bản khác")],
    }


def _content(article):
    """The article's content as comparable values: a stored file by its name, linked rows by their keys."""
    values = {}
    for name in Article.CONTENT_FIELDS:
        value = getattr(article, name)
        if Article._meta.get_field(name).many_to_many:
            value = sorted(row.pk for row in value.all())
        values[name] = value.name if name == "cover_image" else value
    return values


def _set_content(article, values):
    for name, value in values.items():
        if not Article._meta.get_field(name).many_to_many:
            setattr(article, name, value)
    article.save()
    for name, value in values.items():
        if Article._meta.get_field(name).many_to_many:
            getattr(article, name).set(value)


def test_other_values_cover_every_content_field():
    assert set(_other_values()) == set(Article.CONTENT_FIELDS)


def test_the_admin_form_edits_every_content_field():
    assert set(Article.CONTENT_FIELDS) <= set(ArticleAdminForm._meta.fields)


def test_the_admin_page_shows_every_content_field_once():
    fieldsets = site._registry[Article].fieldsets
    shown = [name for _, options in fieldsets for name in options["fields"]]
    assert set(Article.CONTENT_FIELDS) <= set(shown)
    assert len(shown) == len(set(shown))


def test_the_stale_edit_diff_compares_every_content_field():
    saved = ArticleFactory(cover_image=jpeg_file(), cover_caption="Chú thích", cover_alt="Mô tả")
    differences = editing.conflict(saved, _other_values())["differences"]
    labels = {str(label) for label, _ in differences}
    assert labels == {str(Article._meta.get_field(name).verbose_name) for name in Article.CONTENT_FIELDS}


def test_restoring_a_revision_brings_back_every_content_field(approver):
    article = ArticleFactory(
        cover_image=jpeg_file(), cover_caption="Chú thích cũ", cover_alt="Mô tả cũ", author=approver
    )
    article.related_documents.set([DocumentFactory(number="01-KL/TW")])
    with reversion.create_revision():
        article.save()
    original = _content(article)
    with reversion.create_revision():
        _set_content(article, _other_values())
    assert _content(article) != original

    revisions.restore_revision(article, Version.objects.get_for_object(article).last(), by=approver)
    article.refresh_from_db()
    assert _content(article) == original


def test_a_revision_made_outside_the_admin_keeps_the_gallery():
    # Versioning is registered on the models, not as a side effect of loading the admin.
    article = ArticleFactory()
    ArticleImageFactory(article=article)
    with reversion.create_revision():
        article.save()
    revision = Version.objects.get_for_object(article).get().revision
    assert revision.version_set.get_for_model(ArticleImage).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_stale_edit_check_works_outside_the_admins_transaction():
    # A form validated in autocommit mode (a script, an API) must still be able to lock the row.
    article = ArticleFactory()
    form = ArticleAdminForm(data=article_form(article, title="Sửa ngoài trang quản trị"), instance=article)
    assert form.is_valid(), form.errors
    stale = ArticleAdminForm(data=article_form(article, edit_version=0, loaded_version=0), instance=article)
    assert not stale.is_valid()
    assert stale.conflict is not None
