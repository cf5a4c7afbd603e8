"""Writing counted views to the database (articles/counting/store.py): what every view and flush goes through.

Who counts and the Redis buffer are tested through HTTP in tests/counting/.
"""

from datetime import date

import pytest
from django.db import IntegrityError

from articles.counting.store import apply_views
from articles.models import AppliedViewBatch, Article, ArticleDailyViews
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

MAY_18, MAY_19 = date(2023, 5, 18), date(2023, 5, 19)


def test_views_are_added_in_the_database_not_over_what_a_process_read():
    article = ArticleFactory(view_count=41)
    Article.objects.filter(pk=article.pk).update(view_count=100)  # another worker counted meanwhile
    apply_views({(article.pk, MAY_18): 1})
    article.refresh_from_db()
    assert article.view_count == 101


def test_a_batch_adds_to_each_article_and_each_of_its_days():
    first, second = ArticleFactory(view_count=10), ArticleFactory(view_count=0)
    ArticleDailyViews.objects.create(article=first, day=MAY_18, views=5)

    assert apply_views({(first.pk, MAY_18): 2, (first.pk, MAY_19): 3, (second.pk, MAY_19): 7}) == 12

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.view_count, second.view_count) == (15, 7)
    assert set(ArticleDailyViews.objects.values_list("article", "day", "views")) == {
        (first.pk, MAY_18, 7),
        (first.pk, MAY_19, 3),
        (second.pk, MAY_19, 7),
    }


def test_views_of_an_article_deleted_meanwhile_are_dropped():
    kept, deleted = ArticleFactory(view_count=0), ArticleFactory()
    deleted_pk = deleted.pk
    deleted.delete()
    assert apply_views({(kept.pk, MAY_18): 1, (deleted_pk, MAY_18): 4}) == 1
    assert list(ArticleDailyViews.objects.values_list("article", "views")) == [(kept.pk, 1)]


def test_a_batch_is_applied_once():
    article = ArticleFactory(view_count=0)
    apply_views({(article.pk, MAY_18): 3}, batch_id="lo-1")
    with pytest.raises(IntegrityError):
        apply_views({(article.pk, MAY_18): 3}, batch_id="lo-1")
    article.refresh_from_db()
    assert article.view_count == 3
    assert AppliedViewBatch.objects.filter(batch_id="lo-1").count() == 1


def test_a_large_batch_is_written_in_a_few_statements(django_assert_max_num_queries):
    articles = Article.objects.bulk_create(
        ArticleFactory.build(category=ArticleFactory().category, slug=f"bai-{n}") for n in range(700)
    )
    counts = {(article.pk, MAY_18): 1 for article in articles} | {(articles[0].pk, MAY_19): 1}
    with django_assert_max_num_queries(10):
        assert apply_views(counts) == 701
    assert ArticleDailyViews.objects.count() == 701


def test_an_editors_save_keeps_the_views_counted_while_the_article_was_open():
    article = ArticleFactory(view_count=41, status=Article.Status.DRAFT)
    opened = Article.objects.get(pk=article.pk)  # the editor's form loads the article...
    apply_views({(article.pk, MAY_18): 9})  # ...a flush writes readers' views meanwhile...
    opened.title = "Tiêu đề đã sửa"
    opened.save()  # ...and the editor saves
    article.refresh_from_db()
    assert (article.title, article.view_count) == ("Tiêu đề đã sửa", 50)
