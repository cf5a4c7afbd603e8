import threading

import pytest
from django.db import connection
from django.test import Client

from articles.counting import count_view
from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_count_view_increments_in_the_database_and_returns_the_readers_count():
    article = ArticleFactory(view_count=41)
    stale_copy = type(article).objects.get(pk=article.pk)

    assert count_view(article) == 42
    # A copy loaded before that view must not overwrite it: the increment is done by the database.
    assert count_view(stale_copy) == 42
    article.refresh_from_db()
    assert article.view_count == 43


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_views_are_never_lost():
    article = ArticleFactory(view_count=227)
    url = article.get_absolute_url()
    threads_count, views_per_thread = 20, 10  # 200 page views, 20 at a time on separate connections
    start = threading.Barrier(threads_count)
    statuses = []

    def read_article():
        try:
            client = Client()
            start.wait()
            statuses.extend(client.get(url).status_code for _ in range(views_per_thread))
        finally:
            connection.close()

    threads = [threading.Thread(target=read_article) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * threads_count * views_per_thread
    article.refresh_from_db()
    assert article.view_count == 227 + threads_count * views_per_thread
