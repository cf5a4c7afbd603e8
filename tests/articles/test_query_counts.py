"""Pages that list articles make a fixed number of SQL queries, however many articles there are."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleImageFactory, CategoryFactory, jpeg_file

pytestmark = pytest.mark.django_db

# The site's identity (profile, menu entries, standing pages, category tree, agency links): built by the first
# page after a change, then read from the shared cache (tests/identity/test_cache.py). Every test starts with
# an empty cache, so each count below includes it once.
IDENTITY_QUERIES = 5
# top categories, their sub-categories, one per category block (4), featured, latest, most viewed
HOME_QUERIES = IDENTITY_QUERIES + 9
CATEGORY_QUERIES = IDENTITY_QUERIES + 5  # category, sub-categories, article count, page, most viewed
# article, view count update, gallery, related documents, other articles, most viewed
ARTICLE_QUERIES = IDENTITY_QUERIES + 6


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
    with django_assert_num_queries(HOME_QUERIES - IDENTITY_QUERIES - 1):
        client.get("/")
