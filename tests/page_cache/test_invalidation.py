"""Readers never see a stale page: every change they could see, and each scheduled moment, forgets all."""

import time
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, TrashedArticle
from portal import page_cache
from portal.identity.models import MenuItem, SiteProfile
from portal.page_cache import bump_content_version
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory
from tests.identity.profiles import WARD

from .conftest import outcome

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def newsroom(client, approver):
    client.force_login(approver)
    return client


def _warm(reader, url):
    reader.get(url)
    assert outcome(reader.get(url)) == "HIT"


def test_publishing_in_the_newsroom_shows_on_the_next_home_page(newsroom, contributor):
    article = ArticleFactory(title="Đại hội Đoàn thanh niên huyện", status=Status.PENDING, published_at=None)
    reader = Client()
    _warm(reader, "/")

    response = newsroom.post(f"/quan-tri/articles/article/{article.pk}/workflow/publish/", {"at": ""})

    assert response.status_code == 302
    page = reader.get("/")
    assert outcome(page) == "MISS"
    assert "Đại hội Đoàn thanh niên huyện" in page.content.decode()


def test_unpublishing_takes_the_article_page_away_at_once(newsroom):
    article = ArticleFactory()
    reader = Client()
    _warm(reader, article.get_absolute_url())
    _warm(reader, reverse("articles:article_by_id", kwargs={"pk": article.pk}))

    response = newsroom.post(f"/quan-tri/articles/article/{article.pk}/workflow/unpublish/", {"note": ""})

    assert response.status_code == 302
    assert reader.get(article.get_absolute_url()).status_code == 404
    assert reader.get(reverse("articles:article_by_id", kwargs={"pk": article.pk})).status_code == 404


def test_trashing_and_restoring_are_seen_at_once(approver):
    article = ArticleFactory()
    reader = Client()
    _warm(reader, article.get_absolute_url())
    publishing.trash(article, by=approver)
    assert reader.get(article.get_absolute_url()).status_code == 404
    publishing.restore(TrashedArticle.objects.get(pk=article.pk), by=approver)
    assert reader.get(article.get_absolute_url()).status_code == 200


def test_a_new_site_profile_shows_on_the_next_page(client):
    ArticleFactory()
    _warm(client, "/")
    SiteProfile.objects.create(**WARD)
    assert WARD["unit_name"] in client.get("/").content.decode()


def test_a_new_menu_entry_shows_on_the_next_page(client):
    ArticleFactory()
    _warm(client, "/")
    MenuItem.objects.create(kind="link", title="Cổng tỉnh", url="https://haiduong.gov.vn", position=1)
    assert "Cổng tỉnh" in client.get("/").content.decode()


def test_a_change_made_without_signals_shows_once_the_version_is_bumped(client):
    article = ArticleFactory(title="Tiêu đề cũ")
    _warm(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề mới")
    assert "Tiêu đề cũ" in client.get(article.get_absolute_url()).content.decode()
    bump_content_version()
    assert "Tiêu đề mới" in client.get(article.get_absolute_url()).content.decode()


def test_saving_only_a_view_count_keeps_the_pages(client):
    article = ArticleFactory()
    _warm(client, article.get_absolute_url())
    article.view_count += 1
    article.save(update_fields=["view_count"])
    assert outcome(client.get(article.get_absolute_url())) == "HIT"


def test_every_model_readers_see_bumps_the_version():
    connected = {
        model._meta.label
        for model in (*[page_cache.apps.get_model(*source) for source in page_cache.SOURCES], TrashedArticle)
        if post_save.has_listeners(model) and post_delete.has_listeners(model)
    }
    assert len(connected) == len(page_cache.SOURCES) + 1
    assert m2m_changed.has_listeners(Article.related_documents.through)


# --- staff -----------------------------------------------------------------------------------------------


def test_staff_pages_are_neither_served_nor_stored(newsroom):
    article = ArticleFactory()
    staff_page = newsroom.get(article.get_absolute_url())
    assert staff_page.status_code == 200 and outcome(staff_page) is None
    assert "private" in staff_page["Cache-Control"] and "no-cache" in staff_page["Cache-Control"]
    assert outcome(newsroom.get(article.get_absolute_url())) is None
    assert outcome(Client().get(article.get_absolute_url())) == "MISS"  # the staff's copy was not kept


def test_staff_are_not_served_a_readers_copy(newsroom):
    article = ArticleFactory()
    _warm(Client(), article.get_absolute_url())
    assert outcome(newsroom.get(article.get_absolute_url())) is None


# --- time ------------------------------------------------------------------------------------------------


def test_a_scheduled_article_appears_when_its_time_comes(approver):
    article = ArticleFactory(title="Bài hẹn giờ đăng", status=Status.PENDING, published_at=None)
    publishing.publish(article, by=approver, at=timezone.now() + timedelta(seconds=2))
    reader = Client()
    _warm(reader, "/")
    assert "Bài hẹn giờ đăng" not in reader.get("/").content.decode()
    # Nobody saves anything: the page stored before its time must not outlive it.
    time.sleep(2.1)
    assert "Bài hẹn giờ đăng" in reader.get("/").content.decode()


def test_a_scheduled_document_bounds_how_long_pages_are_kept(client):
    DocumentFactory(published_at=timezone.now() + timedelta(seconds=30))
    response = client.get(reverse("documents:list"))
    _token, expires = cache.get(page_cache.VERSION_KEY)
    assert 28 < expires - time.time() <= 30
    assert outcome(response) == "MISS"


def test_pages_are_kept_no_longer_than_the_setting(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    ArticleFactory()
    bump_content_version()
    client.get("/")
    _token, expires = cache.get(page_cache.VERSION_KEY)
    assert expires - time.time() <= 60


def test_pages_are_forgotten_at_midnight_in_vietnam(client, monkeypatch):
    ArticleFactory()
    before_midnight = datetime(2031, 3, 14, 23, 59, 55, tzinfo=page_cache.VIETNAM).timestamp()
    clock = [before_midnight]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    bump_content_version()

    client.get("/")
    response = client.get("/")
    assert outcome(response) == "HIT"
    assert response["Cache-Control"].endswith("s-maxage=5")  # not past midnight either

    clock[0] = before_midnight + 6
    assert outcome(client.get("/")) == "MISS"
