from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def _ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def _main_column(response):
    html = response.content.decode()
    return html[html.index('class="layout__main"') : html.index('class="layout__side"')]


def test_home_shows_featured_latest_category_blocks_and_most_viewed(client):
    politics = CategoryFactory(name="Xây dựng Đảng", order=1)
    economy = CategoryFactory(name="Kinh tế - Xã hội", order=2)
    featured = ArticleFactory(title="Tin nổi bật của tuần", is_featured=True, category=politics)
    popular = ArticleFactory(title="Bài được đọc nhiều", view_count=9999, category=economy)
    latest = ArticleFactory(title="Tin mới nhất trong ngày", category=economy, published_at=_ago(minutes=1))

    html = client.get("/").content.decode()

    assert "Tin nổi bật" in html and featured.title in html
    assert "Tin mới" in html and latest.title in html
    assert html.index("Đọc nhiều nhất") < html.index(popular.title, html.index("Đọc nhiều nhất"))
    for category in (politics, economy):
        assert f'href="{category.get_absolute_url()}">{category.name}</a></h2>' in html


def test_home_category_block_includes_sub_category_articles(client):
    parent = CategoryFactory(name="Tin tức - Sự kiện")
    child = CategoryFactory(name="Tin trong huyện", parent=parent)
    article = ArticleFactory(title="Bài của chuyên mục con", category=child)

    html = client.get("/").content.decode()
    block = html[html.index('id="khoi-tin-tuc-su-kien"') :]
    assert article.title in block[: block.index("</section>")]


def test_home_lists_only_public_articles(client):
    ArticleFactory(title="Bản nháp bí mật", status=Article.Status.DRAFT, is_featured=True)
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=2), is_featured=True)
    ArticleFactory(title="Bài đã gỡ", status=Article.Status.UNPUBLISHED, view_count=10**6)
    html = client.get("/").content.decode()
    for hidden in ("Bản nháp bí mật", "Bài hẹn giờ", "Bài đã gỡ"):
        assert hidden not in html


def test_menu_on_every_page_has_two_levels(client):
    parent = CategoryFactory(name="Xây dựng Đảng")
    CategoryFactory(name="Công tác kiểm tra", parent=parent)
    CategoryFactory(name="Chuyên mục ẩn", show_in_menu=False)
    article = ArticleFactory(category=parent)
    for url in ("/", parent.get_absolute_url(), article.get_absolute_url(), "/khong-co-trang-nay/"):
        html = client.get(url).content.decode()
        menu = html[html.index('class="menu"') :]
        assert "Xây dựng Đảng" in menu
        assert 'class="menu__sub"' in menu and "Công tác kiểm tra" in menu
        assert "Chuyên mục ẩn" not in html


def test_empty_site_home_page_says_so(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào được đăng." in response.content.decode()


def test_category_page_lists_its_and_sub_category_articles_newest_first(client):
    parent = CategoryFactory(name="Xây dựng Đảng")
    child = CategoryFactory(name="Công tác tổ chức", parent=parent)
    older = ArticleFactory(title="Bài cũ hơn", category=parent, published_at=_ago(days=2))
    newer = ArticleFactory(title="Bài mới hơn", category=child, published_at=_ago(days=1))
    ArticleFactory(title="Bài chuyên mục khác")

    main = _main_column(client.get(parent.get_absolute_url()))
    assert "XÂY DỰNG ĐẢNG" in main
    assert main.index(newer.title) < main.index(older.title)
    assert "Bài chuyên mục khác" not in main
    assert f'href="{child.get_absolute_url()}">Công tác tổ chức</a>' in main


def test_a_sub_category_moved_to_another_parent_takes_its_articles_along(client, admin_client):
    first, second = CategoryFactory(name="Xây dựng Đảng"), CategoryFactory(name="Dân vận")
    child = CategoryFactory(name="Công tác tổ chức", parent=first)
    article = ArticleFactory(title="Bài của chuyên mục con", category=child)
    response = admin_client.post(
        f"/quan-tri/articles/category/{child.pk}/change/",
        {"name": child.name, "slug": child.slug, "parent": second.pk, "order": 0, "show_in_menu": "on"},
    )
    assert response.status_code == 302
    assert article.title not in _main_column(client.get(first.get_absolute_url()))
    assert article.title in _main_column(client.get(second.get_absolute_url()))


def test_an_article_filed_under_another_category_moves_to_its_family(client):
    first, second = CategoryFactory(), CategoryFactory()
    article = ArticleFactory(title="Bài chuyển chuyên mục", category=first)
    article.category = CategoryFactory(parent=second)
    article.save()
    assert article.title not in _main_column(client.get(first.get_absolute_url()))
    assert article.title in _main_column(client.get(second.get_absolute_url()))


def test_articles_created_in_bulk_are_filed_under_their_family(client):
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    Article.objects.bulk_create(
        [ArticleFactory.build(title="Bài tạo hàng loạt", category=child, slug="bai-tao-hang-loat")]
    )
    assert "Bài tạo hàng loạt" in _main_column(client.get(parent.get_absolute_url()))


def test_sub_category_page_has_breadcrumbs_to_its_parent(client):
    parent = CategoryFactory(name="Xây dựng Đảng")
    child = CategoryFactory(name="Công tác tổ chức", parent=parent)
    html = client.get(child.get_absolute_url()).content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert crumbs.index("Trang chủ") < crumbs.index("Xây dựng Đảng") < crumbs.index("Công tác tổ chức")


def test_category_pages_are_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 3
    category = CategoryFactory()
    titles = [ArticleFactory(category=category, published_at=_ago(hours=n)).title for n in range(1, 8)]

    first = _main_column(client.get(category.get_absolute_url()))
    third = _main_column(client.get(category.get_absolute_url(), {"page": 3}))
    assert "Trang 1 / 3" in first and titles[0] in first and titles[3] not in first
    assert "Trang 3 / 3" in third and titles[6] in third and titles[0] not in third
    assert 'rel="prev"' in third and 'rel="next"' not in third


@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("0", 3), ("-1", 3), ("99999999999999999999", 3), ("1.5", 1), ("", 1), ("%00", 1)],
)
def test_bad_page_numbers_show_a_real_page(client, settings, page, shown):
    settings.ARTICLES_PER_PAGE = 1
    category = CategoryFactory()
    ArticleFactory.create_batch(3, category=category)
    response = client.get(f"{category.get_absolute_url()}?page={page}")
    assert response.status_code == 200
    assert f"Trang {shown} / 3" in response.content.decode()


def test_unknown_category_is_404_in_vietnamese(client):
    response = client.get("/chuyen-muc/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'class="site-header"' in html


def test_reading_pages_share_one_two_column_layout():
    # A new reading page extends the layout instead of copying the columns and the sidebar's markup.
    from pathlib import Path

    from django.conf import settings

    for name in ("home", "category", "article"):
        template = (Path(settings.BASE_DIR) / "templates" / "articles" / f"{name}.html").read_text()
        assert template.startswith('{% extends "layouts/with_sidebar.html" %}'), name
        assert "layout__side" not in template and "most_viewed" not in template, name


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "category", "article"])
def test_every_reading_page_shows_the_most_viewed_sidebar_once(client, page):
    article = ArticleFactory(title="Bài được đọc nhiều", view_count=500)
    url = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
    }
    html = client.get(url[page]).content.decode()
    assert html.count('class="layout__side"') == 1
    assert html.count("Đọc nhiều nhất") == 1
