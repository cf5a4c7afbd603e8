"""The sitemap index and its sections, the Google News sitemap and robots.txt, read as crawlers read them."""

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.pages.models import Page
from articles.sitemaps import ArticleSitemap, DocumentSitemap
from tests.factories import ArticleFactory
from tests.questions.factories import QuestionFactory, waiting

from .conftest import make_document

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SECTIONS = ["trang", "trang-thong-tin", "chuyen-muc", "bai-viet", "van-ban", "hoi-dap"]
# The fixed pages of the "trang" section.
FIXED_PAGES = [
    "http://testserver/",
    "http://testserver/van-ban/",
    "http://testserver/hoi-dap/",
    "http://testserver/lien-ket-rss/",
    "http://testserver/so-do-cong/",
]
# The standing pages the pages app's data migration creates on every site.
STANDARD_PAGES = {
    f"http://testserver/{path}/"
    for path in [
        "gioi-thieu",
        "gioi-thieu/lich-su",
        "gioi-thieu/chuc-nang-nhiem-vu",
        "gioi-thieu/co-cau-to-chuc",
        "gioi-thieu/lanh-dao",
        "lien-he",
        "en",
    ]
}


def fetch_xml(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def index_entries(client):
    root = fetch_xml(client, "/sitemap.xml")
    assert root.tag == f"{SM}sitemapindex"
    return {entry.findtext(f"{SM}loc"): entry.findtext(f"{SM}lastmod") for entry in root}


def url_entries(client, url, **params):
    root = fetch_xml(client, url, **params)
    assert root.tag == f"{SM}urlset"
    return {entry.findtext(f"{SM}loc"): entry.findtext(f"{SM}lastmod") for entry in root}


def absolute(obj):
    return f"http://testserver{obj.get_absolute_url()}"


def test_index_lists_every_section(client, newsroom, documents):
    QuestionFactory()
    entries = index_entries(client)
    assert list(entries) == [f"http://testserver/sitemap-{section}.xml" for section in SECTIONS]
    assert all(lastmod for lastmod in entries.values())
    latest = datetime.fromisoformat(entries["http://testserver/sitemap-bai-viet.xml"])
    assert latest == max(
        max(article.published_at, article.updated_at) for article in newsroom["public"].values()
    )


def test_index_on_an_empty_site(client, db):
    # A new site, before anything is published: every section answers, only the fixed pages listed.
    expected = {"trang": set(FIXED_PAGES), "trang-thong-tin": STANDARD_PAGES}
    for loc in index_entries(client):
        entries = url_entries(client, loc.removeprefix("http://testserver"))
        section = loc.removeprefix("http://testserver/sitemap-").removesuffix(".xml")
        assert set(entries) == expected.get(section, set())


def test_pages_section(client, newsroom, documents):
    entries = url_entries(client, "/sitemap-trang.xml")
    assert list(entries) == FIXED_PAGES
    assert entries["http://testserver/"] == timezone.localdate().isoformat()
    assert entries["http://testserver/van-ban/"]


def test_questions_section_lists_published_questions_only(client, db):
    published = QuestionFactory()
    unseen = [
        waiting(),
        QuestionFactory(status="answered", published_at=None),
        QuestionFactory(status="declined"),
    ]
    entries = url_entries(client, "/sitemap-hoi-dap.xml")
    assert set(entries) == {absolute(published)}
    assert not {absolute(question) for question in unseen} & set(entries)
    assert url_entries(client, "/sitemap-trang.xml")["http://testserver/hoi-dap/"] == (
        timezone.localtime(published.published_at).date().isoformat()
    )


def test_standing_pages_section_lists_published_pages_with_lastmod(client, db):
    hidden_parent = Page.objects.create(slug="noi-bo", title="Nội bộ", is_published=False)
    Page.objects.create(parent=hidden_parent, slug="con", title="Trang con của trang ẩn")
    Page.objects.filter(slug="lich-su").update(is_published=False)
    entries = url_entries(client, "/sitemap-trang-thong-tin.xml")
    assert set(entries) == STANDARD_PAGES - {"http://testserver/gioi-thieu/lich-su/"}
    assert all(lastmod == timezone.localdate().isoformat() for lastmod in entries.values())


def test_standing_pages_section_is_dated_by_the_last_page_edited(client, db):
    Page.objects.update(updated_at=datetime(2024, 5, 1, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60)))
    Page.objects.filter(slug="lien-he").update(
        updated_at=datetime(2025, 2, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))
    )
    lastmod = index_entries(client)["http://testserver/sitemap-trang-thong-tin.xml"]
    assert datetime.fromisoformat(lastmod).date() == date(2025, 2, 3)


def test_categories_section_dates_a_category_by_its_newest_article(client, newsroom, categories):
    entries = url_entries(client, "/sitemap-chuyen-muc.xml")
    assert set(entries) == {absolute(category) for category in categories.values()}
    # The parent's page lists its sub-category's articles: the child's newest (today) dates both.
    today = timezone.localdate().isoformat()
    assert entries[absolute(categories["parent"])] == today
    assert entries[absolute(categories["child"])] == today


def test_category_without_public_articles_has_no_lastmod(client, categories):
    ArticleFactory(category=categories["other"], status=Article.Status.DRAFT)
    assert url_entries(client, "/sitemap-chuyen-muc.xml")[absolute(categories["other"])] is None


def test_articles_section_lists_public_articles_with_lastmod(client, newsroom):
    entries = url_entries(client, "/sitemap-bai-viet.xml")
    assert set(entries) == {absolute(article) for article in newsroom["public"].values()}
    for article in newsroom["public"].values():
        expected = max(article.updated_at, article.published_at)
        assert entries[absolute(article)] == timezone.localtime(expected).date().isoformat()


def test_a_scheduled_article_is_dated_by_when_it_went_public(client, categories):
    article = ArticleFactory(category=categories["other"], published_at=timezone.now() + timedelta(days=3))
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1), updated_at=timezone.now() - timedelta(days=5)
    )
    assert url_entries(client, "/sitemap-bai-viet.xml")[absolute(article)] == timezone.localdate().isoformat()


def test_sitemaps_never_list_drafts_scheduled_trashed_or_unpublished(client, newsroom, documents):
    everything = b"".join(
        client.get(url).content
        for url in ["/sitemap.xml", "/sitemap-news.xml", *(f"/sitemap-{s}.xml" for s in SECTIONS)]
    ).decode()
    for article in newsroom["hidden"].values():
        assert f"/bai-viet/{article.pk}/" not in everything
    for document in (documents["draft"], documents["scheduled"]):
        assert f"/van-ban/{document.pk}/" not in everything


def test_documents_section_lists_public_documents_with_lastmod(client, documents):
    entries = url_entries(client, "/sitemap-van-ban.xml")
    assert list(entries) == [absolute(documents["public"])]
    assert entries[absolute(documents["public"])] == timezone.localdate().isoformat()


def test_articles_section_is_paginated_past_its_limit(client, categories, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = ArticleFactory.create_batch(5, category=categories["other"])
    ArticleFactory(category=categories["other"], status=Article.Status.DRAFT)
    entries = index_entries(client)
    pages = [loc for loc in entries if "sitemap-bai-viet.xml" in loc]
    assert pages == [
        "http://testserver/sitemap-bai-viet.xml",
        "http://testserver/sitemap-bai-viet.xml?p=2",
        "http://testserver/sitemap-bai-viet.xml?p=3",
    ]
    assert all(entries[page] for page in pages)
    listed = [url_entries(client, "/sitemap-bai-viet.xml", p=page) for page in (1, 2, 3)]
    assert [len(page) for page in listed] == [2, 2, 1]
    assert set().union(*listed) == {absolute(article) for article in articles}
    assert client.get("/sitemap-bai-viet.xml", {"p": 4}).status_code == 404
    assert client.get("/sitemap-bai-viet.xml", {"p": "abc"}).status_code == 404


def test_documents_section_is_paginated_past_its_limit(client, db, monkeypatch):
    monkeypatch.setattr(DocumentSitemap, "limit", 1)
    for n in range(3):
        make_document(number=f"{n}-KH/HU")
    pages = [loc for loc in index_entries(client) if "sitemap-van-ban.xml" in loc]
    assert len(pages) == 3


def test_the_real_limit_is_the_protocols():
    assert ArticleSitemap.limit == DocumentSitemap.limit == 50_000


def test_unknown_section_is_404(client, db):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


# --- Google News ---------------------------------------------------------------------------------------


def news_entries(client):
    root = fetch_xml(client, "/sitemap-news.xml")
    assert root.tag == f"{SM}urlset"
    return {entry.findtext(f"{SM}loc"): entry.find(f"{NEWS}news") for entry in root}


def test_news_sitemap_fields(client, categories, hoa_binh):
    article = ArticleFactory(
        title='Tọa đàm "Đảng & Dân" <trực tuyến>',
        category=categories["other"],
        published_at=timezone.now() - timedelta(hours=5),
    )
    news = news_entries(client)[absolute(article)]
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Huyện ủy Hòa Bình"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == article.title
    published = news.findtext(f"{NEWS}publication_date")
    assert published.endswith("+07:00")
    assert datetime.fromisoformat(published) == article.published_at


def test_news_sitemap_has_only_the_last_two_days(client, newsroom, categories):
    now = timezone.now()
    recent = ArticleFactory(category=categories["other"], published_at=now - timedelta(days=1, hours=23))
    old = ArticleFactory(category=categories["other"], published_at=now - timedelta(days=2, minutes=5))
    entries = news_entries(client)
    assert absolute(recent) in entries
    assert absolute(old) not in entries
    assert absolute(newsroom["public"]["in_parent"]) not in entries  # from 2023
    assert absolute(newsroom["public"]["in_child"]) in entries
    for article in newsroom["hidden"].values():
        assert absolute(article) not in entries


def test_news_sitemap_is_newest_first(client, categories):
    now = timezone.now()
    older = ArticleFactory(category=categories["other"], published_at=now - timedelta(hours=9))
    newer = ArticleFactory(category=categories["other"], published_at=now - timedelta(hours=2))
    assert list(news_entries(client)) == [absolute(newer), absolute(older)]


def test_news_sitemap_on_a_quiet_week_is_empty_not_an_error(client, categories):
    ArticleFactory(category=categories["other"], published_at=timezone.now() - timedelta(days=9))
    assert news_entries(client) == {}


# --- robots.txt ----------------------------------------------------------------------------------------


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /quan-tri/" in lines
    assert "Disallow: /tim-kiem/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    # Nothing readers should find is kept out.
    assert [line for line in lines if line.startswith("Disallow")] == [
        "Disallow: /quan-tri/",
        "Disallow: /tim-kiem/",
    ]


def test_robots_txt_names_the_sitemaps_on_the_sites_own_address(client, db, settings):
    settings.ALLOWED_HOSTS = ["tuyengiao.example.vn"]
    body = client.get("/robots.txt", HTTP_HOST="tuyengiao.example.vn", secure=True).content.decode()
    assert "Sitemap: https://tuyengiao.example.vn/sitemap.xml" in body


def test_sitemap_dates_follow_vietnam_time(client, categories):
    # 00:30 on the 1st in Hà Nội is still the last day of the month before in UTC.
    article = ArticleFactory(category=categories["other"])
    moment = datetime(2024, 3, 1, 0, 30, tzinfo=timezone.get_fixed_timezone(7 * 60))
    Article.objects.filter(pk=article.pk).update(published_at=moment, updated_at=moment)
    assert url_entries(client, "/sitemap-bai-viet.xml")[absolute(article)] == date(2024, 3, 1).isoformat()
