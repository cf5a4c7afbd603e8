"""The newsroom's first door: staff write and file articles through the Django admin."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article, Category
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


def test_article_form_loads_ckeditor(staff_client):
    html = staff_client.get("/quan-tri/articles/article/add/").content.decode()
    assert "ckeditor/ckeditor.js" in html
    assert 'data-type="ckeditortype"' in html


def test_staff_writes_an_article_that_readers_then_see(staff_client, client):
    category = CategoryFactory(name="Tin trong huyện")
    response = staff_client.post(
        "/quan-tri/articles/article/add/",
        {
            "title": "Đảng bộ xã tổ chức đại hội",
            "slug": "",
            "category": category.pk,
            "lead": "Sapo của bài.",
            "body": "<p>Nội dung đại hội.</p><script>alert(1)</script>",
            "byline": "Lê Văn Bình - Tuyên giáo",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.slug == "dang-bo-xa-to-chuc-dai-hoi"
    assert article.author == staff_client.user
    assert article.body == "<p>Nội dung đại hội.</p>"
    assert article.status == Article.Status.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404

    response = staff_client.post(
        f"/quan-tri/articles/article/{article.pk}/workflow/publish/", {"at": "2023-05-18T19:30"}
    )
    assert response.status_code == 200  # a date in the past is refused with a message in the form
    assert "Thời điểm hẹn đăng đã qua" in response.content.decode()
    staff_client.post(f"/quan-tri/articles/article/{article.pk}/workflow/publish/", {"at": ""})
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Nội dung đại hội." in page


def test_published_article_slug_cannot_be_changed_in_admin(staff_client):
    article = ArticleFactory()
    html = staff_client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    assert 'name="slug"' not in html


def test_category_cannot_nest_three_levels(staff_client):
    top = CategoryFactory(name="Xây dựng Đảng")
    middle = CategoryFactory(name="Công tác tổ chức", parent=top)
    response = staff_client.post(
        "/quan-tri/articles/category/add/",
        {"name": "Cấp ba", "slug": "cap-ba", "parent": middle.pk, "order": 0, "show_in_menu": "on"},
    )
    assert response.status_code == 200
    assert not Category.objects.filter(name="Cấp ba").exists()


def test_article_list_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    parent = CategoryFactory()
    ArticleFactory.create_batch(30, category=CategoryFactory(parent=parent))
    with django_assert_max_num_queries(12):
        assert staff_client.get("/quan-tri/articles/article/").status_code == 200


def test_admin_shows_dates_day_first(staff_client):
    article = ArticleFactory(published_at=datetime(2023, 5, 18, 19, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    html = staff_client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    assert '<div class="readonly">19:30 18/05/2023</div>' in html
