"""A view is a reader's view: once per reader per article per 24 hours, never a bot's, a preview's or staff's.

Through HTTP, as the page's script and pixel send them, on the embedded default (no Redis): each counted view
is written to the database at once.
"""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from articles.counting import store
from articles.counting.readers import COOKIE_NAME, COOKIE_SALT
from articles.models import Article, ArticleDailyViews, RecentView
from tests.factories import ArticleFactory

from .conftest import BROWSER, beacon_url, pixel_url, reader, views_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(view_count=227)


def test_fifty_readers_make_fifty_views(article):
    answers = [reader(n).post(beacon_url(article)).json()["views"] for n in range(50)]
    assert views_of(article) == 277
    assert answers == list(range(228, 278))  # each reader sees their own view at once


def test_one_reader_ten_times_in_a_day_is_one_view(article):
    someone = reader()
    answers = [someone.post(beacon_url(article)).json()["views"] for _ in range(10)]
    assert answers == [228] * 10
    assert views_of(article) == 228


def test_the_same_reader_counts_again_after_24_hours(article, monkeypatch):
    someone = reader()
    someone.post(beacon_url(article))
    a_day_later = time.time() + 24 * 60 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: a_day_later)
    someone.post(beacon_url(article))
    assert views_of(article) == 229


def test_a_reader_views_of_two_articles_count_for_each(article):
    other = ArticleFactory(view_count=0)
    someone = reader()
    someone.post(beacon_url(article))
    someone.post(beacon_url(other))
    assert (views_of(article), views_of(other)) == (228, 1)


def test_the_reader_gets_a_signed_lasting_cookie_and_no_personal_data(article, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = reader().post(beacon_url(article))
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60
    request = RequestFactory().get("/", headers={"Cookie": f"{COOKIE_NAME}={cookie.value}"})
    reader_id = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT)
    assert len(reader_id) == 32 and "10.0.0.1" not in cookie.value


def test_a_reader_known_by_cookie_is_not_given_another(article):
    someone = reader()
    someone.post(beacon_url(article))
    assert COOKIE_NAME not in someone.post(beacon_url(ArticleFactory())).cookies


def test_a_forged_cookie_is_a_reader_without_one(article):
    someone = reader()
    someone.cookies[COOKIE_NAME] = "made-up-id"
    assert COOKIE_NAME in someone.post(beacon_url(article)).cookies
    assert views_of(article) == 228


def test_readers_without_cookies_are_told_apart_for_the_day_by_address_and_browser(article):
    for n in range(3):
        for _ in range(2):  # cookies blocked: every request comes without one
            Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR=f"10.1.0.{n + 1}").post(beacon_url(article))
    assert views_of(article) == 230


def test_readers_behind_one_address_count_apart_once_they_have_their_cookies(article):
    office = [reader(0) for _ in range(3)]  # one address, one browser version, three people
    for person in office:
        person.post(beacon_url(ArticleFactory()))  # their first view anywhere gives each a cookie
    for person in office:
        person.post(beacon_url(article))
    assert views_of(article) == 230


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Zalo",
        "Mozilla/5.0 (compatible; Zalo/1.0; +https://zalo.me)",
        "Twitterbot/1.0",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23.20.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
        "",
    ],
)
def test_bots_link_previews_and_requests_without_a_browser_do_not_count(article, user_agent):
    response = Client(headers={"User-Agent": user_agent}).post(beacon_url(article))
    assert response.json() == {"views": 227}
    assert views_of(article) == 227
    assert COOKIE_NAME not in response.cookies


def test_zalos_in_app_browser_is_a_reader(article):
    in_zalo = (
        "Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Zalo android/12100630 "
        "ZaloTheme/light ZaloLanguage/vn"
    )
    Client(headers={"User-Agent": in_zalo}).post(beacon_url(article))
    assert views_of(article) == 228


@pytest.mark.parametrize(
    "header",
    [
        {"Sec-Purpose": "prefetch"},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"X-Moz": "prefetch"},
        {"X-Purpose": "preview"},
    ],
)
def test_prefetch_and_prerender_do_not_count(article, header):
    reader().post(beacon_url(article), headers=header)
    assert views_of(article) == 227


def test_a_beacon_from_another_site_does_not_count(article):
    reader().post(beacon_url(article), headers={"Sec-Fetch-Site": "cross-site"})
    reader(1).post(beacon_url(article), headers={"Sec-Fetch-Site": "same-origin"})
    assert views_of(article) == 228


def test_logged_in_staff_do_not_count(article, editor):
    someone = reader()
    someone.force_login(editor)
    assert someone.post(beacon_url(article)).json() == {"views": 227}
    assert views_of(article) == 227


def test_a_readers_beacon_needs_no_session_csrf_or_auth(article, monkeypatch):
    # Answered before that middleware (articles/counting/middleware.py): it would only cost time.
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware

    def not_for_beacons(*args):
        raise AssertionError("a reader's beacon went through the session or auth middleware")

    monkeypatch.setattr(SessionMiddleware, "process_request", not_for_beacons)
    monkeypatch.setattr(AuthenticationMiddleware, "process_request", not_for_beacons)
    assert reader().post(beacon_url(article)).json() == {"views": 228}
    assert reader().post(beacon_url(987654)).status_code == 404


def test_a_beacon_with_a_logged_out_session_cookie_counts(article, settings):
    someone = reader()
    someone.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    assert someone.post(beacon_url(article)).json() == {"views": 228}


@pytest.mark.parametrize("method", ["get", "head", "put"])
def test_only_a_post_to_the_endpoint_counts(article, method):
    response = getattr(reader(), method)(beacon_url(article))
    assert response.status_code == 405
    assert views_of(article) == 227


def test_reading_the_page_alone_counts_nothing(article):
    for n in range(3):
        assert reader(n).get(article.get_absolute_url()).status_code == 200
    assert views_of(article) == 227


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED])
def test_unpublished_articles_are_404_and_not_counted(status):
    article = ArticleFactory(status=status)
    assert reader().post(beacon_url(article)).status_code == 404
    assert reader().get(pixel_url(article)).status_code == 404
    assert views_of(article) == 0
    assert not ArticleDailyViews.objects.exists()


@pytest.mark.parametrize(
    "state",
    [{"published_at": timezone.now() + timedelta(hours=1)}, {"deleted_at": timezone.now()}],
    ids=["scheduled", "in the trash"],
)
def test_scheduled_and_trashed_articles_are_404_and_not_counted(state):
    article = ArticleFactory(**state)
    assert reader().post(beacon_url(article)).status_code == 404
    assert views_of(article) == 0


def test_a_reader_refused_before_the_article_went_public_counts_once_it_is():
    article = ArticleFactory(status=Article.Status.DRAFT)
    someone = reader()
    assert someone.post(beacon_url(article)).status_code == 404
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, published_at=timezone.now())
    assert someone.post(beacon_url(article)).json() == {"views": 1}


def test_readers_are_remembered_in_the_database_whatever_happens_to_the_cache(article):
    someone = reader()
    someone.post(beacon_url(article))
    cache.clear()  # a restart of the cache, or its oldest entries evicted
    someone.post(beacon_url(article))
    assert views_of(article) == 228


def test_views_count_on_a_database_that_cannot_answer_an_update_with_rows(article, monkeypatch):
    # SQLite before 3.35 (Ubuntu 20.04's): the new count is read by a statement of its own.
    monkeypatch.setattr(store, "_sql", lambda: store._Statements(returning=False))
    answers = [reader(n).post(beacon_url(article)).json()["views"] for n in range(3)]
    assert answers == [228, 229, 230]
    assert reader(99).post(beacon_url(ArticleFactory(status=Article.Status.DRAFT))).status_code == 404


def test_marks_past_their_24_hours_are_pruned(article, monkeypatch):
    RecentView.objects.create(key="0" * 32, expires=int(time.time()) - 1)
    RecentView.objects.create(key="1" * 32, expires=int(time.time()) + 60)
    monkeypatch.setattr(store, "_next_prune", 0.0)
    reader().post(beacon_url(article))
    assert not RecentView.objects.filter(key="0" * 32).exists()
    assert RecentView.objects.filter(key="1" * 32).exists()


def test_an_unknown_article_is_404():
    assert reader().post(beacon_url(987654)).status_code == 404
    assert reader().get(pixel_url(987654)).status_code == 404


def test_the_pixel_counts_once_per_reader_and_is_never_stored(article):
    someone = reader()
    response = someone.get(pixel_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif" and response.content.startswith(b"GIF89a")
    assert "no-store" in response["Cache-Control"]
    someone.get(pixel_url(article))
    assert views_of(article) == 228


def test_a_head_of_the_pixel_does_not_count(article):
    assert reader().head(pixel_url(article)).status_code == 200
    assert views_of(article) == 227


def test_the_answer_is_never_cached(article):
    response = reader().post(beacon_url(article))
    assert "no-store" in response["Cache-Control"]


def test_a_view_is_added_to_its_vietnam_day(article):
    from django.utils import timezone

    reader().post(beacon_url(article))
    reader(1).post(beacon_url(article))
    day = ArticleDailyViews.objects.get(article=article)
    assert (day.day, day.views) == (timezone.localdate(), 2)


def test_the_endpoint_makes_the_same_queries_however_many_articles_and_readers(
    article, django_assert_num_queries
):
    ArticleFactory.create_batch(5)
    # The day's first view: its row is made (an UPDATE finds none, then the upsert).
    with django_assert_num_queries(6):
        reader(0).post(beacon_url(article))
    for n in range(1, 5):
        reader(n).post(beacon_url(article))
    # A reader's view in one transaction (savepoint, the reader's marks, the count of a public article and
    # its new value, the day, release); seen again, only the marks are tried and the count read.
    with django_assert_num_queries(5):
        reader(10).post(beacon_url(article))
    with django_assert_num_queries(4):
        reader(10).post(beacon_url(article))
    with django_assert_num_queries(1):
        Client(headers={"User-Agent": "Googlebot/2.1"}).post(beacon_url(article))
