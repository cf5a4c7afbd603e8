"""Articles link to related documents: edited in the article's admin, shown under the body when public."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import article_form, new_article_form
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def _section(html: str) -> str:
    match = re.search(r'<section class="related-documents".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_public_related_documents_are_shown_under_the_body(client):
    article = ArticleFactory(body="<p>Nội dung bài viết.</p>", byline="Hoàng Thị Thu Thủy - Tuyên giáo")
    ket_luan = DocumentFactory(number="01-KL/TW", summary="Về tiếp tục thực hiện Chỉ thị số 05-CT/TW")
    article.related_documents.add(ket_luan)
    html = client.get(article.get_absolute_url()).content.decode()

    section = _section(html)
    assert "Văn bản liên quan" in section
    assert f'href="{ket_luan.get_absolute_url()}"' in section
    assert "Kết luận 01-KL/TW" in section
    assert "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW" in section
    assert html.index("Nội dung bài viết.") < html.index("Văn bản liên quan")


def test_only_public_related_documents_are_shown(client):
    article = ArticleFactory()
    article.related_documents.add(
        DocumentFactory(number="01-KL/HU"),
        DocumentFactory(number="02-KL/HU", status=Status.DRAFT, published_at=None),
        DocumentFactory(number="03-KL/HU", published_at=timezone.now() + timedelta(days=1)),
        DocumentFactory(number="04-KL/HU", status=Status.UNPUBLISHED),
    )
    section = _section(client.get(article.get_absolute_url()).content.decode())
    assert "01-KL/HU" in section
    for hidden in ("02-KL/HU", "03-KL/HU", "04-KL/HU"):
        assert hidden not in section


def test_no_section_without_public_related_documents(client):
    article = ArticleFactory()
    article.related_documents.add(DocumentFactory(status=Status.DRAFT, published_at=None))
    assert "Văn bản liên quan" not in client.get(article.get_absolute_url()).content.decode()


def test_the_preview_shows_related_documents_as_readers_will(client, approver):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, author=approver)
    article.related_documents.add(DocumentFactory(number="05-KL/HU"))
    client.force_login(approver)
    html = client.get(f"/quan-tri/articles/article/{article.pk}/preview/").content.decode()
    assert "05-KL/HU" in _section(html)


def test_a_document_page_lists_the_public_articles_about_it(client):
    document = DocumentFactory()
    ArticleFactory(title="Bài đã đăng về văn bản").related_documents.add(document)
    ArticleFactory(title="Bản nháp về văn bản", status=Status.DRAFT, published_at=None).related_documents.add(
        document
    )
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Tin bài liên quan" in html
    assert "Bài đã đăng về văn bản" in html
    assert "Bản nháp về văn bản" not in html


def test_staff_link_documents_in_the_article_admin(client, contributor):
    document = DocumentFactory(number="01-KL/TW")
    client.force_login(contributor)
    add_page = client.get("/quan-tri/articles/article/add/").content.decode()
    assert 'name="related_documents"' in add_page
    assert "admin-autocomplete" in add_page

    form = new_article_form(
        CategoryFactory(), title="Bài có văn bản liên quan", related_documents=[document.pk]
    )
    assert client.post("/quan-tri/articles/article/add/", form).status_code == 302
    article = Article.objects.get(title="Bài có văn bản liên quan")
    assert list(article.related_documents.all()) == [document]

    # Posting the form back as the page shows it keeps the links; removing them removes them.
    client.post(f"/quan-tri/articles/article/{article.pk}/change/", article_form(article, lead="Sapo mới"))
    assert list(article.related_documents.all()) == [document]
    article.refresh_from_db()
    client.post(
        f"/quan-tri/articles/article/{article.pk}/change/", article_form(article, related_documents=[])
    )
    assert not article.related_documents.exists()


def test_the_stale_edit_diff_shows_changed_related_documents(client, editor, approver):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, author=editor)
    old = DocumentFactory(number="01-KL/HU")
    new = DocumentFactory(number="02-KL/HU")
    article.related_documents.add(old)
    opened = article_form(article)
    client.force_login(approver)
    client.post(f"/quan-tri/articles/article/{article.pk}/change/", {**opened, "related_documents": [new.pk]})
    client.force_login(editor)
    html = client.post(f"/quan-tri/articles/article/{article.pk}/change/", opened).content.decode()
    assert "Văn bản liên quan" in html[html.index("conflict") :]
    assert list(article.related_documents.all()) == [new]


def test_history_compares_and_restores_the_related_documents(client, approver):
    article = ArticleFactory(author=approver)
    first_document = DocumentFactory(number="01-KL/TW", summary="Văn bản lần một")
    second_document = DocumentFactory(number="02-KL/TW", summary="Văn bản lần hai")
    client.force_login(approver)
    admin = f"/quan-tri/articles/article/{article.pk}"
    client.post(f"{admin}/change/", article_form(article, related_documents=[first_document.pk]))
    article.refresh_from_db()
    client.post(f"{admin}/change/", article_form(article, related_documents=[second_document.pk]))
    first, second = Version.objects.get_for_object(article).order_by("pk")

    compare = client.get(f"{admin}/history/compare/", {"version_id1": first.pk, "version_id2": second.pk})
    assert compare.status_code == 200
    assert "01-KL/TW" in compare.content.decode() and "02-KL/TW" in compare.content.decode()

    assert client.post(f"{admin}/history/{first.pk}/").status_code == 302
    assert list(article.related_documents.all()) == [first_document]
