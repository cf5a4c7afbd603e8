"""JSON-LD on article pages, read back as JSON, and its escaping: an editor's title cannot break out of it."""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from articles.models import Article
from articles.structured_data import byline_author, json_ld
from tests.factories import ArticleFactory, CategoryFactory, jpeg_file

from .conftest import VIETNAM

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def graph_of(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.fixture
def reference_article(categories):
    return ArticleFactory(
        title="Kết quả 02 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị",
        category=categories["child"],
        lead="Chiều 18/5, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết.",
        published_at=datetime(2023, 5, 18, 19, 30, tzinfo=VIETNAM),
        cover_image=jpeg_file("hoi-nghi.jpg", size=(1600, 900)),
        cover_alt="Quang cảnh hội nghị",
        byline="Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)",
    )


def test_news_article_fields(client, reference_article, settings):
    news = graph_of(client, reference_article)["NewsArticle"]
    canonical = f"http://testserver{reference_article.get_absolute_url()}"
    assert news["headline"] == reference_article.title
    assert news["description"] == reference_article.lead
    assert news["inLanguage"] == "vi"
    assert news["datePublished"] == "2023-05-18T19:30:00+07:00"
    assert news["dateModified"].endswith("+07:00")
    assert datetime.fromisoformat(news["dateModified"]) >= datetime.fromisoformat(news["datePublished"])
    assert news["author"] == {"@type": "Person", "name": "Hoàng Thị Thu Thủy"}
    assert news["articleSection"] == "Học tập và làm theo Bác"
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    assert news["url"] == canonical


def test_publisher_is_the_site_with_its_logo(client, reference_article, hoa_binh):
    publisher = graph_of(client, reference_article)["NewsArticle"]["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Huyện ủy Hòa Bình"
    assert publisher["url"] == "http://testserver/"
    logo = publisher["logo"]
    assert logo["url"] == "http://testserver/static/img/logo.png"
    assert finders.find("img/logo.png"), "the logo must be a real static file"
    assert (logo["width"], logo["height"]) == (512, 512)


def test_publisher_logo_is_the_units_own_once_uploaded(client, reference_article, hoa_binh):
    hoa_binh.logo = jpeg_file("logo.jpg", size=(300, 240))
    hoa_binh.save()

    logo = graph_of(client, reference_article)["NewsArticle"]["publisher"]["logo"]

    assert logo["url"] == f"http://testserver{hoa_binh.logo.url}"
    assert (logo["width"], logo["height"]) == (300, 240)


def test_an_article_without_byline_is_the_units_own(client, categories, hoa_binh):
    article = ArticleFactory(category=categories["other"], byline="")

    news = graph_of(client, article)["NewsArticle"]

    assert news["author"] == {"@type": "Organization", "name": "Huyện ủy Hòa Bình"}


def test_image_is_the_covers_1200px_rendition(client, reference_article, settings):
    image = graph_of(client, reference_article)["NewsArticle"]["image"]
    assert image["url"].startswith("http://testserver/media/")
    assert (image["width"], image["height"]) == (1200, 675)
    assert (Path(settings.MEDIA_ROOT) / image["url"].removeprefix("http://testserver/media/")).is_file()


def test_article_without_cover_or_byline(client, categories):
    article = ArticleFactory(category=categories["other"], byline="")
    news = graph_of(client, article)["NewsArticle"]
    assert "image" not in news
    # Without a byline the article is the committee's own.
    assert news["author"] == {"@type": "Organization", "name": "Huyện ủy Thanh Hà"}


def test_breadcrumbs_from_home_to_the_article(client, reference_article):
    crumbs = graph_of(client, reference_article)["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs] == [
        (1, "Trang chủ", "http://testserver/"),
        (2, "Xây dựng Đảng", "http://testserver/chuyen-muc/xay-dung-dang/"),
        (3, "Học tập và làm theo Bác", "http://testserver/chuyen-muc/hoc-tap-va-lam-theo-bac/"),
        (4, reference_article.title, f"http://testserver{reference_article.get_absolute_url()}"),
    ]
    assert all(crumb["@type"] == "ListItem" for crumb in crumbs)


def test_breadcrumbs_of_a_top_level_category_have_three_steps(client, categories):
    article = ArticleFactory(category=categories["other"])
    names = [crumb["name"] for crumb in graph_of(client, article)["BreadcrumbList"]["itemListElement"]]
    assert names == ["Trang chủ", "Kinh tế - Xã hội", article.title]


HOSTILE_TITLE = "Tin </script><script>alert(1)</script> <!-- & 'trích' \"dẫn\" \u2028 hết"


def test_a_title_cannot_break_out_of_the_json_ld(client, categories):
    article = ArticleFactory(title=HOSTILE_TITLE, category=CategoryFactory(name="Thời sự </script>"))
    html = client.get(article.get_absolute_url()).content.decode()
    # Besides the JSON-LD, only the site's own external scripts (src=, nothing inside): one JSON-LD opened,
    # one closed, and the JSON inside is whole.
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline == ['<script type="application/ld+json">']
    assert html.count("</script>") == html.count("<script")
    assert all(body == "" for body in re.findall(r"<script[^>]*\bsrc=[^>]*>(.*?)</script>", html, re.S))
    assert "<!--" not in JSON_LD.search(html).group(1)
    news = json.loads(JSON_LD.search(html).group(1))["@graph"][0]
    assert news["headline"] == HOSTILE_TITLE
    assert news["articleSection"] == "Thời sự </script>"


def test_json_ld_escapes_like_djangos_json_script():
    script = json_ld({"headline": "</script><!-- a & b >"})
    assert script == (
        '<script type="application/ld+json">'
        '{"headline":"\\u003C/script\\u003E\\u003C!-- a \\u0026 b \\u003E"}</script>'
    )
    inside = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inside) == {"headline": "</script><!-- a & b >"}


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)", "Hoàng Thị Thu Thủy"),
        ("Nguyễn Văn An - Tuyên giáo", "Nguyễn Văn An"),
        ("Lê Thị Hoa – Văn phòng Huyện ủy", "Lê Thị Hoa"),
        ("Trần Văn Bình (tổng hợp)", "Trần Văn Bình"),
        ("  Phạm Minh Đức  ", "Phạm Minh Đức"),
        ("Nguyễn Thị Hồng-Nhung - Mặt trận", "Nguyễn Thị Hồng-Nhung"),
        ("", ""),
    ],
)
def test_author_name_from_the_byline(byline, name):
    assert byline_author(byline) == name


def test_preview_of_an_undated_draft_has_json_ld_without_a_publication_date(superuser_client, categories):
    draft = ArticleFactory(category=categories["child"], status=Article.Status.DRAFT, published_at=None)
    response = superuser_client.get(f"/quan-tri/articles/article/{draft.pk}/preview/")
    assert response.status_code == 200
    news = json.loads(JSON_LD.search(response.content.decode()).group(1))["@graph"][0]
    assert "datePublished" not in news
    assert news["dateModified"].endswith("+07:00")
