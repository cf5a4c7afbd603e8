"""The RSS 2.0 feeds, read as a feed reader reads them: parsed as XML and checked field by field."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from articles.feeds import FEED_ITEM_COUNT
from articles.models import Article
from articles.photos import renditions
from tests.factories import ArticleFactory, CategoryFactory, jpeg_file

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"


def fetch_channel(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def items_by_title(channel):
    return {item.findtext("title"): item for item in channel.findall("item")}


def test_site_feed_channel_is_in_vietnamese_with_the_sites_names(client, newsroom, hoa_binh):
    channel = fetch_channel(client, "/rss/")
    assert channel.findtext("title") == "Huyện ủy Hòa Bình – Tin mới nhất"
    description = channel.findtext("description")
    assert description == "Trang thông tin điện tử Ban Tuyên giáo Huyện ủy: tin bài mới nhất"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("language") == "vi"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == "http://testserver/rss/"


def test_feed_item_fields(client, newsroom):
    article = newsroom["public"]["in_parent"]
    item = items_by_title(fetch_channel(client, "/rss/"))[article.title]
    assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert item.findtext("description") == article.lead
    assert item.findtext(f"{DC}creator") == "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)"
    assert item.findtext("category") == "Xây dựng Đảng"
    guid = item.find("guid")
    assert guid.text == f"http://testserver/bai-viet/{article.pk}/"
    assert guid.get("isPermaLink") == "true"


def test_pub_date_is_rfc_822_in_vietnam_time(client, newsroom):
    article = newsroom["public"]["in_parent"]
    pub_date = items_by_title(fetch_channel(client, "/rss/"))[article.title].findtext("pubDate")
    # 02:15 on the 18th in Hà Nội is still the 17th in UTC: the reader's date is the one given.
    assert pub_date == "Thu, 18 May 2023 02:15:00 +0700"
    assert parsedate_to_datetime(pub_date) == article.published_at


def test_every_pub_date_ends_in_the_vietnam_offset(client, newsroom):
    channel = fetch_channel(client, "/rss/")
    dates = [item.findtext("pubDate") for item in channel.findall("item")]
    assert dates and all(date.endswith(" +0700") for date in dates)
    assert channel.findtext("lastBuildDate").endswith(" +0700")


def test_enclosure_is_the_covers_1200px_jpeg_with_its_real_size(client, newsroom, settings):
    article = newsroom["public"]["in_parent"]
    enclosure = items_by_title(fetch_channel(client, "/rss/"))[article.title].find("enclosure")
    url = enclosure.get("url")
    assert url.startswith("http://testserver/media/") and url.endswith(".jpg")
    stored = Path(settings.MEDIA_ROOT) / url.removeprefix("http://testserver/media/")
    assert enclosure.get("length") == str(stored.stat().st_size)
    assert enclosure.get("type") == "image/jpeg"
    with Image.open(stored) as photo:
        assert (photo.format, photo.size) == ("JPEG", (1200, 675))


def test_article_without_cover_has_no_enclosure(client, newsroom):
    item = items_by_title(fetch_channel(client, "/rss/"))[newsroom["public"]["in_other"].title]
    assert item.find("enclosure") is None


def test_missing_rendition_leaves_the_item_without_enclosure(client, newsroom, settings):
    cache = Path(settings.MEDIA_ROOT) / "CACHE"
    for rendition in cache.rglob("*.jpg"):
        rendition.unlink()
    item = items_by_title(fetch_channel(client, "/rss/"))[newsroom["public"]["in_parent"].title]
    assert item.find("enclosure") is None


def test_site_feed_lists_public_articles_newest_first(client, newsroom):
    titles = [item.findtext("title") for item in fetch_channel(client, "/rss/").findall("item")]
    public = newsroom["public"]
    assert titles == [public["in_child"].title, public["in_other"].title, public["in_parent"].title]


@pytest.mark.parametrize("url", ["/rss/", "/rss/xay-dung-dang/", "/rss/hoc-tap-va-lam-theo-bac/"])
def test_feeds_never_carry_drafts_scheduled_trashed_or_unpublished(client, newsroom, url):
    channel_xml = ET.tostring(fetch_channel(client, url), encoding="unicode")
    for article in newsroom["hidden"].values():
        assert article.title not in channel_xml
        assert f"/bai-viet/{article.pk}/" not in channel_xml


def test_category_feed_includes_its_sub_categories(client, newsroom, categories):
    channel = fetch_channel(client, f"/rss/{categories['parent'].slug}/")
    assert channel.findtext("title") == "Xây dựng Đảng – Huyện ủy Thanh Hà"
    assert channel.findtext("link") == f"http://testserver{categories['parent'].get_absolute_url()}"
    public = newsroom["public"]
    assert set(items_by_title(channel)) == {public["in_parent"].title, public["in_child"].title}


def test_sub_category_feed_has_only_its_own_articles(client, newsroom, categories):
    channel = fetch_channel(client, f"/rss/{categories['child'].slug}/")
    assert set(items_by_title(channel)) == {newsroom["public"]["in_child"].title}


def test_category_description_is_the_feeds(client, categories):
    category = CategoryFactory(name="Văn hóa", description="Tin văn hóa, văn nghệ của huyện.")
    assert fetch_channel(client, f"/rss/{category.slug}/").findtext("description") == category.description


def test_unknown_category_feed_is_404(client, db):
    assert client.get("/rss/khong-co-chuyen-muc-nay/").status_code == 404


def test_titles_with_markup_characters_come_back_as_written(client, categories):
    title = 'Tọa đàm "Đảng & Dân" <trực tuyến>'
    ArticleFactory(title=title, category=categories["other"])
    assert title in items_by_title(fetch_channel(client, "/rss/"))


def test_feed_is_capped(client, categories):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Bài số {n}",
            slug=f"bai-so-{n}",
            category=categories["other"],
            body="<p>Nội dung.</p>",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(FEED_ITEM_COUNT + 5)
    )
    items = fetch_channel(client, "/rss/").findall("item")
    assert [item.findtext("title") for item in items] == [f"Bài số {n}" for n in range(FEED_ITEM_COUNT)]


# --- a fixed number of queries, however many items ------------------------------------------------------

# The site's identity (profile, menu entries, standing pages, category tree, agency links): built by the first
# page after a change, then read from the shared cache (tests/identity/test_cache.py). Every test starts with
# an empty cache, so each count below includes it once; a feed reads the unit's name from it.
IDENTITY_QUERIES = 5
SITE_FEED_QUERIES = IDENTITY_QUERIES + 1  # the articles with their categories
# the category, its sub-categories' ids, the articles
CATEGORY_FEED_QUERIES = IDENTITY_QUERIES + 3


@pytest.fixture(params=[2, 25], ids=["2-articles", "25-articles"])
def many_articles(request, categories):
    cover = Article(cover_image=jpeg_file("bia.jpg"))
    cover.cover_image.save("bia.jpg", jpeg_file(size=(1600, 900)), save=False)
    renditions.generate_for_stored(cover.cover_image.name)  # bulk_create skips the field's own save
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Bài viết số {n}",
            slug=f"bai-viet-so-{n}",
            category=categories["child"] if n % 2 else categories["parent"],
            lead="Sapo của bài viết.",
            body="<p>Nội dung.</p>",
            cover_image=cover.cover_image.name,
            cover_width=1600,
            cover_height=900,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(request.param)
    )
    return request.param


def test_site_feed_query_count_is_fixed(client, many_articles, django_assert_num_queries):
    with django_assert_num_queries(SITE_FEED_QUERIES):
        channel = fetch_channel(client, "/rss/")
    items = channel.findall("item")
    assert len(items) == many_articles
    assert all(item.find("enclosure") is not None for item in items)


def test_category_feed_query_count_is_fixed(client, many_articles, categories, django_assert_num_queries):
    with django_assert_num_queries(CATEGORY_FEED_QUERIES):
        channel = fetch_channel(client, f"/rss/{categories['parent'].slug}/")
    assert len(channel.findall("item")) == many_articles


# --- where readers find the feeds -----------------------------------------------------------------------

SITE_FEED_LINK = (
    '<link rel="alternate" type="application/rss+xml" title="Huyện ủy Thanh Hà – Tin mới nhất" href="/rss/">'
)


def test_every_reading_page_links_the_site_feed(client, newsroom, categories):
    article = newsroom["public"]["in_parent"]
    for url in ["/", categories["parent"].get_absolute_url(), article.get_absolute_url(), "/lien-ket-rss/"]:
        head = client.get(url).content.decode().split("</head>")[0]
        assert SITE_FEED_LINK in head, url


def test_category_page_links_its_own_feed(client, categories):
    head = client.get(categories["child"].get_absolute_url()).content.decode().split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Học tập và làm theo Bác – Huyện ủy Thanh Hà" href="/rss/hoc-tap-va-lam-theo-bac/">'
    ) in head


def test_rss_page_lists_every_feed_with_its_address(client, categories):
    response = client.get("/lien-ket-rss/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Kênh tin RSS | Huyện ủy Thanh Hà</title>" in html
    assert 'class="layout__side"' in html  # the reading pages' layout, with the sidebar
    main = html[html.index('class="layout__main"') : html.index('class="layout__side"')]
    in_order = [
        ">Tin mới nhất</a>: <code>http://testserver/rss/</code>",
        ">Xây dựng Đảng</a>: <code>http://testserver/rss/xay-dung-dang/</code>",
        ">Học tập và làm theo Bác</a>: <code>http://testserver/rss/hoc-tap-va-lam-theo-bac/</code>",
        ">Kinh tế - Xã hội</a>: <code>http://testserver/rss/kinh-te-xa-hoi/</code>",
    ]
    positions = [main.find(text) for text in in_order]
    assert -1 not in positions and positions == sorted(positions)


def test_every_feed_on_the_rss_page_answers(client, newsroom):
    html = client.get("/lien-ket-rss/").content.decode()
    urls = {part.split("</code>")[0] for part in html.split("<code>")[1:]}
    assert len(urls) == 4
    for url in urls:
        fetch_channel(client, url)


def test_rss_page_never_shows_a_feed_of_a_category_outside_the_menu(client, categories):
    hidden = CategoryFactory(name="Chuyên mục nội bộ", show_in_menu=False)
    assert hidden.slug not in client.get("/lien-ket-rss/").content.decode()


def test_pub_date_parses_back_to_the_stored_moment(client, categories):
    moment = datetime(2024, 12, 31, 23, 59, 30, tzinfo=timezone.get_fixed_timezone(7 * 60))
    article = ArticleFactory(category=categories["other"], published_at=moment)
    item = items_by_title(fetch_channel(client, "/rss/"))[article.title]
    assert parsedate_to_datetime(item.findtext("pubDate")) == moment


# the category tree (which is the list of feeds), and "Đọc nhiều nhất" in the sidebar: with no views per day
# yet, the 30-day ranking (empty) and the all-time one standing in for it (articles/popular.py)
RSS_PAGE_QUERIES = IDENTITY_QUERIES + 1 + 2


def test_rss_page_query_count_is_fixed(client, categories, django_assert_num_queries):
    CategoryFactory.create_batch(6)
    with django_assert_num_queries(RSS_PAGE_QUERIES):
        assert client.get("/lien-ket-rss/").status_code == 200
