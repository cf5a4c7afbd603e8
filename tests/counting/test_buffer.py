"""With Redis (VIEW_BUFFER_URL), views are buffered there and reach the database in batches, exactly once."""

import logging
import time
from io import StringIO

import pytest
import redis
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from articles.counting import buffer, flush_views
from articles.counting.buffer import OPEN_BATCHES, PENDING
from articles.models import AppliedViewBatch, Article, ArticleDailyViews
from tests.factories import ArticleFactory

from .conftest import beacon_url, reader, views_of

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def article():
    return ArticleFactory(view_count=227)


def _daily_views(article):
    return list(ArticleDailyViews.objects.filter(article=article).values_list("day", "views"))


def test_a_view_is_buffered_and_the_answer_includes_it(buffered, article):
    answers = [reader(n).post(beacon_url(article)).json()["views"] for n in range(3)]
    assert answers == [228, 229, 230]
    assert views_of(article) == 227  # not in the database yet
    assert reader(0).post(beacon_url(article)).json() == {"views": 230}  # the same reader again
    assert buffered.hgetall(PENDING) == {f"{article.pk}:{timezone.localdate()}".encode(): b"3"}


def test_the_flush_writes_the_totals_and_the_days(buffered, article):
    other = ArticleFactory(view_count=0)
    for n in range(3):
        reader(n).post(beacon_url(article))
    reader(0).post(beacon_url(other))

    assert flush_views() == 4

    assert (views_of(article), views_of(other)) == (230, 1)
    assert _daily_views(article) == [(timezone.localdate(), 3)]
    assert _daily_views(other) == [(timezone.localdate(), 1)]
    assert reader(5).post(beacon_url(article)).json() == {"views": 231}  # stored + pending, nothing twice
    assert buffered.smembers(OPEN_BATCHES) == set()
    assert flush_views() == 1
    assert _daily_views(article) == [(timezone.localdate(), 4)]  # added to the day's row


def test_a_request_flushes_once_the_first_pending_view_has_waited(buffered, settings, article):
    settings.VIEW_FLUSH_SECONDS = 1
    reader(0).post(beacon_url(article))
    reader(1).post(beacon_url(article))
    assert views_of(article) == 227  # the first buffered view started the wait
    time.sleep(1.1)
    assert reader(2).post(beacon_url(article)).json() == {"views": 230}
    assert views_of(article) == 230
    assert not buffered.exists(PENDING)


def test_a_flush_that_dies_after_its_commit_is_not_applied_again(buffered, article, monkeypatch):
    for n in range(3):
        reader(n).post(beacon_url(article))

    def killed(*args, **kwargs):
        raise SystemExit("worker killed before deleting the batch")

    with monkeypatch.context() as patched:
        patched.setattr(buffer.Buffer, "_finish", killed)
        with pytest.raises(SystemExit):
            flush_views()
    assert views_of(article) == 230  # committed
    assert len(buffered.smembers(OPEN_BATCHES)) == 1  # but left open

    reader(3).post(beacon_url(article))
    assert flush_views() == 1
    assert views_of(article) == 231
    assert _daily_views(article) == [(timezone.localdate(), 4)]
    assert buffered.smembers(OPEN_BATCHES) == set()
    assert reader(4).post(beacon_url(article)).json() == {"views": 232}


def test_a_flush_that_dies_before_its_commit_is_applied_once_by_the_next(buffered, article, monkeypatch):
    for n in range(3):
        reader(n).post(beacon_url(article))

    def killed(*args, **kwargs):
        raise SystemExit("worker killed while writing the batch")

    with monkeypatch.context() as patched:
        patched.setattr("articles.counting.store._add_daily_views", killed)
        with pytest.raises(SystemExit):
            flush_views()
    assert views_of(article) == 227  # rolled back
    assert not AppliedViewBatch.objects.exists()
    assert reader(3).post(beacon_url(article)).json() == {"views": 231}  # still shown while pending

    assert flush_views() == 4
    assert views_of(article) == 231
    assert _daily_views(article) == [(timezone.localdate(), 4)]
    assert flush_views() == 0


def test_the_command_flushes(buffered, article):
    reader().post(beacon_url(article))
    output = StringIO()
    call_command("flush_views", stdout=output)
    assert "1 views written" in output.getvalue()
    assert views_of(article) == 228


def test_without_redis_the_view_goes_to_the_database(settings, article, caplog):
    settings.VIEW_BUFFER_URL = "redis://127.0.0.1:1/5"  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="articles.counting.buffer"):
        answers = [reader(n).post(beacon_url(article)).json()["views"] for n in range(2)]
    assert answers == [228, 229]
    assert views_of(article) == 229
    assert _daily_views(article) == [(timezone.localdate(), 2)]
    assert "unreachable" in caplog.text


def test_with_redis_only_an_articles_first_view_reads_the_database(
    buffered, article, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the article's stored count, which Redis then keeps
        reader(0).post(beacon_url(article))
    with django_assert_num_queries(0):
        assert reader(1).post(beacon_url(article)).json()["views"] == article.view_count + 2
    with django_assert_num_queries(0):
        reader(1).post(beacon_url(article))


def test_an_article_taken_off_the_site_stops_counting_at_once(buffered, article):
    start = article.view_count
    reader(0).post(beacon_url(article))
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert reader(1).post(beacon_url(article)).status_code == 404
    flush_views()
    assert views_of(article) == start + 1


def test_after_a_flush_the_total_shown_is_the_databases(buffered, article):
    start = article.view_count
    for number in range(3):
        reader(number).post(beacon_url(article))
    flush_views()
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 10)  # e.g. a restored backup
    assert reader(3).post(beacon_url(article)).json()["views"] == start + 3 + 10 + 1


def test_the_command_says_when_redis_is_unreachable(settings):
    settings.VIEW_BUFFER_URL = "redis://127.0.0.1:1/5"
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="unreachable"):
        call_command("flush_views", stdout=StringIO())


def test_buffered_url_is_the_counting_helpers_own_database(buffered):
    assert buffered.connection_pool.connection_kwargs["db"] == 5
    assert isinstance(buffered, redis.Redis)
