"""`manage.py backup` and `manage.py restore`: a site in use, backed up, wiped and brought back whole."""

import gzip
import stat
import tarfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from reversion.models import Version

from articles import publishing
from articles.counting.store import apply_views
from articles.documents.models import DocumentFile
from articles.models import Article, ArticleDailyViews, ArticleImage, ArticleTransition
from articles.questions.models import Question
from portal import page_memory
from tests.admin_forms import article_form
from tests.conftest import REDIS_URL
from tests.counting.conftest import beacon_url, reader
from tests.documents.factories import DocumentFileFactory
from tests.factories import ArticleFactory, ArticleImageFactory, jpeg_file
from tests.questions.factories import QuestionFactory

# Backups are made and restored by other processes (pg_dump, pg_restore) that see only committed rows; the
# roles, topics and kinds that migrations create are put back before each test (conftest.py: the flush after
# a transactional test clears every table).
pytestmark = pytest.mark.django_db(transaction=True)

ADMIN = "/quan-tri/articles/article"


@pytest.fixture
def site(client, contributor, approver):
    """A site in use: an article through the workflow, edited twice in the admin (two revisions) with a photo
    uploaded there and another from the factory, read for three days, a document and an answered question."""
    article = ArticleFactory(author=contributor, status=Article.Status.DRAFT, title="Đại hội Đảng bộ huyện")
    ArticleImageFactory(article=article, caption="Đại biểu biểu quyết")
    publishing.submit(article, by=contributor)
    publishing.return_to_author(article, by=approver, reason="Bổ sung ảnh")
    publishing.submit(article, by=contributor)
    publishing.publish(article, by=approver)

    client.force_login(approver)
    article.refresh_from_db()
    photo = jpeg_file(color=(20, 90, 160)).read()
    upload = SimpleUploadedFile("khai-mac.jpg", photo, content_type="image/jpeg")
    photos = [*article.images.all(), {"image": upload, "caption": "Phiên khai mạc", "alt_text": "Hội trường"}]
    data = article_form(article, title="Khai mạc Đại hội Đảng bộ huyện", images=photos)
    assert client.post(f"{ADMIN}/{article.pk}/change/", data).status_code == 302
    article.refresh_from_db()
    data = article_form(article, body="<p>Đại hội đã bầu Ban Chấp hành khóa mới.</p>")
    assert client.post(f"{ADMIN}/{article.pk}/change/", data).status_code == 302
    client.logout()

    today = timezone.localdate()
    apply_views({(article.pk, today - timedelta(days=days)): 10 + days for days in range(3)})
    DocumentFileFactory()
    QuestionFactory()
    article.refresh_from_db()
    return article


def every_row():
    """Each table's rows, as comparable values, by table name."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(
                repr(tuple(bytes(value) if isinstance(value, memoryview) else value for value in row))
                for row in cursor.fetchall()
            )
    return rows


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def next_second():
    # Backups are named by the second they are made in.
    time.sleep(1.05 - time.time() % 1)


def test_restore_onto_an_empty_site_brings_back_every_row_and_file(site, wipe, client):
    assert Version.objects.get_for_object(site).count() == 2
    assert ArticleTransition.objects.filter(article=site).count() == 4
    assert (site.view_count, ArticleDailyViews.objects.count()) == (33, 3)
    assert ArticleImage.objects.count() == 2 and DocumentFile.objects.count() == 1
    assert Question.objects.count() == 1
    rows, files = every_row(), media_files()
    assert len(files) > 3  # the photos, their renditions, the document

    call_command("backup")
    wipe()
    call_command("restore")

    restored = every_row()
    assert {table: len(rows[table]) for table in rows} == {table: len(restored[table]) for table in restored}
    assert restored == rows
    assert media_files() == files
    page = client.get(site.get_absolute_url())
    assert page.status_code == 200 and "Khai mạc Đại hội Đảng bộ huyện" in page.content.decode()
    assert ArticleFactory().pk > site.pk  # the counters of new rows came back too


def test_after_a_restore_no_worker_serves_a_page_of_the_replaced_site(site, wipe, settings, tmp_path):
    settings.PAGE_VERSION_FILE = str(tmp_path / "db.sqlite3.page-version")
    versions = page_memory.FileVersions(Path(settings.PAGE_VERSION_FILE))
    call_command("backup")
    versions.announce(("before-the-restore", time.time() + 600))  # what every worker knows
    wipe()
    call_command("restore")
    assert versions.current()[0] != "before-the-restore"
    page_memory.forget_all()


def test_backup_files_are_gzipped_and_readable_by_the_site_user_only(backup_dir):
    photo = ArticleImageFactory()

    call_command("backup")

    [database, metadata, media] = sorted(backup_dir.iterdir())
    assert database.name.startswith("db-") and metadata.name == f"{database.name}.metadata"
    assert media.name == f"media-{database.name.split('.')[0].removeprefix('db-')}.tar.gz"
    for path in (database, metadata, media):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_dir.stat().st_mode) == 0o700
    assert gzip.decompress(database.read_bytes())
    with tarfile.open(media) as archive:
        assert photo.image.name in archive.getnames()


def test_a_backup_leaves_only_the_newest_ones(backup_dir):
    ArticleFactory()
    made = []
    for _ in range(3):
        next_second()
        call_command("backup", keep=2)
        made.append(sorted(path.name for path in backup_dir.iterdir()))

    assert len(made[0]) == 3 and len(made[1]) == 6
    assert sorted(path.name for path in backup_dir.iterdir()) == sorted(set(made[2]) - set(made[0]))


def test_restore_takes_the_backup_made_at_the_time_given(wipe, backup_dir):
    ArticleFactory(title="Bài có trong cả hai bản sao lưu")
    call_command("backup")
    first = next(backup_dir.glob("media-*")).name.removeprefix("media-").removesuffix(".tar.gz")
    ArticleFactory(title="Bài chỉ có trong bản sau")
    next_second()
    call_command("backup")
    wipe()

    call_command("restore", made_at=first)

    assert list(Article.objects.values_list("title", flat=True)) == ["Bài có trong cả hai bản sao lưu"]


def test_restore_refuses_a_database_in_use_unless_forced():
    ArticleFactory(title="Bài đã sao lưu")
    call_command("backup")
    ArticleFactory(title="Bài viết sau khi sao lưu")

    with pytest.raises(CommandError, match="articles.Article"):
        call_command("restore")
    assert Article.objects.count() == 2

    call_command("restore", force=True)
    assert list(Article.objects.values_list("title", flat=True)) == ["Bài đã sao lưu"]


def test_restore_refuses_a_media_folder_with_files_unless_forced(wipe):
    photo = ArticleImageFactory()
    call_command("backup")
    wipe()
    other = Path(settings.MEDIA_ROOT) / "uploads" / "ghi-chu.txt"
    other.parent.mkdir(parents=True)
    other.write_text("Tệp có sẵn trên máy chủ mới")

    with pytest.raises(CommandError, match="media folder"):
        call_command("restore")
    assert connection.introspection.table_names() == []  # nothing was restored

    call_command("restore", force=True)
    assert ArticleImage.objects.get().image.read() == photo.image.read()
    assert other.exists()


def test_restore_without_a_backup_says_so():
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore")


@pytest.mark.parametrize("setting", ["MEDIA_ROOT", "STATIC_ROOT"])
def test_backup_refuses_a_folder_the_web_server_serves(settings, backup_dir, setting):
    setattr(settings, setting, backup_dir.parent)

    with pytest.raises(CommandError, match=f"inside {setting}"):
        call_command("backup")
    assert not backup_dir.exists()


def test_cached_pages_stay_out_of_the_backup(settings, wipe):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    }
    caches["pages"].set("trang-chu", "<p>Trang chủ</p>" * 1000)
    ArticleFactory()
    call_command("backup")
    wipe()

    call_command("restore")

    assert Article.objects.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        assert cursor.fetchone() == (0,)


@pytest.mark.redis
def test_views_waiting_in_redis_are_in_the_backup(settings, wipe):
    settings.VIEW_BUFFER_URL = urlsplit(REDIS_URL)._replace(path="/12").geturl()
    settings.VIEW_FLUSH_SECONDS = 3600
    buffer = redis.Redis.from_url(settings.VIEW_BUFFER_URL)
    buffer.flushdb()
    article = ArticleFactory()
    for number in range(3):
        assert reader(number).post(beacon_url(article)).status_code == 200
    assert Article.objects.get().view_count == 0  # still in Redis

    call_command("backup")
    wipe()
    buffer.flushdb()  # a new server starts with an empty Redis
    call_command("restore")

    assert Article.objects.get().view_count == 3


@pytest.mark.postgres
def test_a_backup_taken_while_views_are_counted_is_one_moment_of_the_site(wipe):
    articles = ArticleFactory.create_batch(20)
    first_round, stop = threading.Event(), threading.Event()

    def count_views():
        try:
            while not stop.is_set():
                apply_views({(article.pk, timezone.localdate()): 1 for article in articles})
                first_round.set()
        finally:
            connection.close()

    counter = threading.Thread(target=count_views)
    counter.start()
    try:
        first_round.wait(timeout=10)
        call_command("backup")
    finally:
        stop.set()
        counter.join()
    counted = sum(Article.objects.values_list("view_count", flat=True))
    wipe()

    call_command("restore")

    daily = dict(ArticleDailyViews.objects.values_list("article_id", "views"))
    totals = dict(Article.objects.values_list("pk", "view_count"))
    assert totals == daily  # the articles' totals and their days were copied at the same moment
    assert 0 < sum(totals.values()) < counted  # views were counted before, during and after the copy
