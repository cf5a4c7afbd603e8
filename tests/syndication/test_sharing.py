"""What a shared link and a search engine see in a page's <head>: canonical address, OpenGraph, Twitter."""

import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from PIL import Image

from articles.photos import renditions
from tests.factories import ArticleFactory, jpeg_file

pytestmark = pytest.mark.django_db


def head_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(head, name):
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', head)
    assert len(found) == 1, (name, found)
    return found[0]


def canonicals(head):
    return re.findall(r'<link rel="canonical" href="([^"]*)">', head)


# --- canonical links --------------------------------------------------------------------------------------


def test_home_page_canonical(client, newsroom):
    assert canonicals(head_of(client, "/", utm_source="facebook")) == ["http://testserver/"]


def test_category_first_page_canonical_has_no_page_number(client, newsroom, categories):
    url = categories["parent"].get_absolute_url()
    for params in [{}, {"page": 1}, {"page": "abc"}, {"fbclid": "x"}]:
        assert canonicals(head_of(client, url, **params)) == [f"http://testserver{url}"], params


def test_later_category_pages_are_their_own_canonical(client, categories, settings):
    settings.ARTICLES_PER_PAGE = 2
    ArticleFactory.create_batch(5, category=categories["other"])
    url = categories["other"].get_absolute_url()
    assert canonicals(head_of(client, url, page=2)) == [f"http://testserver{url}?page=2"]
    # Past the end, the page shown is the last one, and so is its address.
    assert canonicals(head_of(client, url, page=99)) == [f"http://testserver{url}?page=3"]
    assert meta(head_of(client, url, page=2), "og:url") == f"http://testserver{url}?page=2"


def test_article_canonical(client, newsroom):
    article = newsroom["public"]["in_parent"]
    canonical = f"http://testserver{article.get_absolute_url()}"
    head = head_of(client, article.get_absolute_url(), utm_medium="zalo")
    assert canonicals(head) == [canonical]
    assert meta(head, "og:url") == canonical


def test_document_pages_canonical(client, documents):
    document = documents["public"]
    assert canonicals(head_of(client, document.get_absolute_url())) == [
        f"http://testserver{document.get_absolute_url()}"
    ]
    assert canonicals(head_of(client, "/van-ban/")) == ["http://testserver/van-ban/"]
    # A filtered list names the unfiltered one: one copy for search engines, not one per filter.
    filtered = head_of(client, "/van-ban/", kind=document.kind_id, page=2)
    assert canonicals(filtered) == ["http://testserver/van-ban/"]


def test_rss_page_canonical(client, db):
    assert canonicals(head_of(client, "/lien-ket-rss/")) == ["http://testserver/lien-ket-rss/"]


# --- OpenGraph and Twitter cards -------------------------------------------------------------------------


def test_article_share_tags(client, newsroom, settings):
    article = newsroom["public"]["in_parent"]
    head = head_of(client, article.get_absolute_url())
    assert meta(head, "og:site_name") == "Huyện ủy Thanh Hà"
    assert meta(head, "og:locale") == "vi_VN"
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == article.title
    assert meta(head, "og:description") == article.lead
    assert meta(head, "og:image:alt") == "Quang cảnh hội nghị"
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "article:published_time") == "2023-05-18T02:15:00+07:00"
    assert meta(head, "article:modified_time").endswith("+07:00")
    assert meta(head, "article:section") == "Xây dựng Đảng"


def test_og_image_is_the_covers_1200px_rendition(client, newsroom, settings):
    head = head_of(client, newsroom["public"]["in_parent"].get_absolute_url())
    url = meta(head, "og:image")
    assert url.startswith("http://testserver/media/CACHE/")
    assert meta(head, "og:image:type") == "image/jpeg"
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "675")
    with Image.open(Path(settings.MEDIA_ROOT) / url.removeprefix("http://testserver/media/")) as photo:
        assert (photo.format, photo.size) == ("JPEG", (1200, 675))


def test_article_without_cover_shares_the_logo_as_a_small_card(client, newsroom):
    head = head_of(client, newsroom["public"]["in_other"].get_absolute_url())
    assert meta(head, "og:image") == "http://testserver/static/img/logo.png"
    assert meta(head, "twitter:card") == "summary"
    assert "og:image:width" not in head


def test_a_page_without_photo_shares_the_units_own_logo(client, newsroom, hoa_binh):
    hoa_binh.logo = jpeg_file("logo.jpg", size=(300, 300))
    hoa_binh.save()

    head = head_of(client, newsroom["public"]["in_other"].get_absolute_url())

    assert meta(head, "og:image") == f"http://testserver{hoa_binh.logo.url}"


def test_home_page_share_tags(client, newsroom, hoa_binh):
    head = head_of(client, "/")
    assert meta(head, "og:site_name") == "Huyện ủy Hòa Bình"
    assert meta(head, "og:locale") == "vi_VN"
    assert meta(head, "og:type") == "website"
    assert meta(head, "og:title") == "Huyện ủy Hòa Bình"
    assert meta(head, "og:url") == "http://testserver/"
    assert meta(head, "twitter:card") == "summary"


def test_category_page_share_tags(client, categories):
    head = head_of(client, categories["child"].get_absolute_url())
    assert meta(head, "og:title") == "Học tập và làm theo Bác"
    assert meta(head, "og:url") == f"http://testserver{categories['child'].get_absolute_url()}"
    assert meta(head, "og:site_name") == "Huyện ủy Thanh Hà"


# --- the 1200-px share rendition ------------------------------------------------------------------------


def test_a_narrow_photo_is_shared_at_its_own_size(client, categories, settings):
    article = ArticleFactory(category=categories["other"], cover_image=jpeg_file(size=(800, 533)))
    head = head_of(client, article.get_absolute_url())
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("800", "533")
    # The same file as the largest JPEG in its srcset: nothing extra is made for it.
    srcset = renditions.sources(article.cover_image, 800).jpeg_srcset
    assert meta(head, "og:image").removeprefix("http://testserver") + " 800w" in srcset


@pytest.mark.parametrize("size", [(1600, 900), (1201, 901), (4000, 3000), (3000, 4000), (1333, 1000)])
def test_share_image_size_is_the_files(size, settings, db):
    article = ArticleFactory(cover_image=jpeg_file(size=size))
    share = renditions.share_image(article.cover_image, article.cover_width, article.cover_height)
    with Image.open(Path(settings.MEDIA_ROOT) / share.name) as photo:
        assert photo.size == (share.width, share.height)


def test_rebuild_renditions_missing_makes_the_share_image_of_older_photos(settings, db):
    article = ArticleFactory(cover_image=jpeg_file(size=(1600, 900)))
    share = renditions.share_image(article.cover_image, 1600, 900)
    stored = Path(settings.MEDIA_ROOT) / share.name
    stored.unlink()  # as on a site whose photos were uploaded before the share width existed
    # The command runs in a process of its own, without this one's memory of which renditions exist.
    caches["renditions"].clear()
    call_command("rebuild_renditions", "--missing", stdout=None, stderr=None)
    assert stored.is_file()
