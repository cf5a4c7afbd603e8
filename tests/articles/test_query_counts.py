"""Pages that list articles make a fixed number of SQL queries, however many articles there are."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from portal.page_cache import bump_content_version
from tests.factories import ArticleImageFactory, CategoryFactory, jpeg_file

pytestmark = pytest.mark.django_db

# The site's identity (profile, menu entries, standing pages, category tree, agency links): built by the first
# page after a change, then read from the shared cache (tests/identity/test_cache.py). Every test starts with
# an empty cache, so each count below includes it once.
IDENTITY_QUERIES = 5
# "Đọc nhiều nhất", built by the first page then read from the cache: here (no views per day yet) the
# 30-day ranking, empty, then the all-time one that stands in for it.
MOST_VIEWED_QUERIES = 2
# top categories, one per category block (4, each its whole family), featured, latest
HOME_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 7
CATEGORY_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 4  # category, sub-categories, article count, page
# article, gallery, related documents, other articles (the view is counted by the page's script)
ARTICLE_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 4


@pytest.fixture(params=[10, 500], ids=["10-articles", "500-articles"])
def newsroom(request, settings):
    """`request.param` public articles over two-level categories, each with a cover, some with galleries."""
    parents = [CategoryFactory(name=f"Chuyên mục {n}", order=n) for n in range(4)]
    children = [CategoryFactory(name=f"Chuyên mục con {n}", parent=parents[n % 4]) for n in range(4)]
    categories = parents + children
    cover = Article(cover_image=jpeg_file("bia.jpg"))
    cover.cover_image.save("bia.jpg", jpeg_file(), save=False)
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bài viết số {n}",
            slug=f"bai-viet-so-{n}",
            category=categories[n % len(categories)],
            lead="Sapo của bài viết.",
            body="<p>Nội dung.</p>",
            cover_image=cover.cover_image.name,
            cover_caption="Chú thích ảnh",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
            is_featured=n % 7 == 0,
            view_count=n,
        )
        for n in range(request.param)
    )
    for article in articles[:3]:
        ArticleImageFactory.create_batch(2, article=article)
        # Photos inside the body too: their renditions are in the stored HTML, not looked up per image.
        article.body = "".join(
            f'<figure class="image"><img src="{image.image.url}" alt="Ảnh"></figure>'
            for image in article.images.all()
        )
        article.save()
    return {"articles": articles, "parent": parents[0]}


def test_home_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('class="category-block"') == 4


def test_category_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(CATEGORY_QUERIES):
        response = client.get(newsroom["parent"].get_absolute_url(), {"page": 2})
    assert response.status_code == 200


def test_article_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    article = newsroom["articles"][0]
    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="gallery__item"') == 2
    assert html.count("<picture>") == 1 + 2 + 2  # the cover, two in the body, two in the gallery


def test_most_viewed_list_is_served_from_the_cache(client, newsroom, django_assert_num_queries):
    client.get("/")
    bump_content_version()  # the page itself is rendered again, not served whole from the page cache
    with django_assert_num_queries(HOME_QUERIES - IDENTITY_QUERIES - MOST_VIEWED_QUERIES):
        client.get("/")
