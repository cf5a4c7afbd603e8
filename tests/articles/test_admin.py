"""The newsroom's first door: staff write and file articles through the Django admin."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from articles.models import Article, Category
from tests.admin_forms import new_article_form
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_article_form_loads_ckeditor(superuser_client):
    html = superuser_client.get("/quan-tri/articles/article/add/").content.decode()
    assert "ckeditor/ckeditor.js" in html
    assert 'data-type="ckeditortype"' in html


def test_staff_writes_an_article_that_readers_then_see(superuser_client):
    reader = Client()  # superuser_client is the `client` fixture, logged in
    category = CategoryFactory(name="Tin trong huyện")
    form = new_article_form(
        category,
        title="Đảng bộ xã tổ chức đại hội",
        body="<p>Nội dung đại hội.</p><script>alert(1)</script>",
    )
    response = superuser_client.post("/quan-tri/articles/article/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.slug == "dang-bo-xa-to-chuc-dai-hoi"
    assert article.author == superuser_client.user
    assert article.body == "<p>Nội dung đại hội.</p>"
    assert article.status == Article.Status.DRAFT
    assert reader.get(article.get_absolute_url()).status_code == 404

    response = superuser_client.post(
        f"/quan-tri/articles/article/{article.pk}/workflow/publish/", {"at": "2023-05-18T19:30"}
    )
    assert response.status_code == 200  # a date in the past is refused with a message in the form
    assert "Thời điểm hẹn đăng đã qua" in response.content.decode()
    superuser_client.post(f"/quan-tri/articles/article/{article.pk}/workflow/publish/", {"at": ""})
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Nội dung đại hội." in page


def test_published_article_slug_cannot_be_changed_in_admin(superuser_client):
    article = ArticleFactory()
    html = superuser_client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    assert 'name="slug"' not in html


def test_category_cannot_nest_three_levels(superuser_client):
    top = CategoryFactory(name="Xây dựng Đảng")
    middle = CategoryFactory(name="Công tác tổ chức", parent=top)
    response = superuser_client.post(
        "/quan-tri/articles/category/add/",
        {"name": "Cấp ba", "slug": "cap-ba", "parent": middle.pk, "order": 0, "show_in_menu": "on"},
    )
    assert response.status_code == 200
    assert not Category.objects.filter(name="Cấp ba").exists()


def test_article_list_query_count_does_not_grow(superuser_client, django_assert_max_num_queries):
    parent = CategoryFactory()
    ArticleFactory.create_batch(30, category=CategoryFactory(parent=parent))
    # 3 of them save the staff session, as every staff request does (settings.SESSION_SAVE_EVERY_REQUEST).
    with django_assert_max_num_queries(15):
        assert superuser_client.get("/quan-tri/articles/article/").status_code == 200


def test_admin_shows_dates_day_first(superuser_client):
    article = ArticleFactory(published_at=datetime(2023, 5, 18, 19, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    html = superuser_client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    assert '<div class="readonly">19:30 18/05/2023</div>' in html
