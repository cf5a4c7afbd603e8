"""Pages served from the worker's own memory, and never once a change has been announced.

Each worker learns of every new content version at once: on SQLite (the embedded default) from a file beside
the database, with Redis from a channel it listens to. Other workers are played here by writing that file
or publishing on that channel, as their own processes would.
"""

import time

import pytest

from portal import page_cache, page_memory
from portal.page_cache import VERSION_KEY
from tests.factories import ArticleFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def version_file(settings, tmp_path):
    settings.PAGE_VERSION_FILE = str(tmp_path / "db.sqlite3.page-version")
    yield tmp_path / "db.sqlite3.page-version"
    page_memory.forget_all()


def another_worker_changes_the_content(version_file=None):
    """What a save in another process does: a new version in the shared cache, announced to every worker."""
    version = ("another-workers-version", time.time() + 600)
    page_cache.cache.set(VERSION_KEY, version)
    if version_file:
        other = page_memory.FileVersions(version_file)
    else:
        ours = page_memory.memory(VERSION_KEY).versions
        other = page_memory.RedisVersions(ours.url, ours.channel, VERSION_KEY)
    other.announce(version)
    return version


def wait_until_listening():
    memory = page_memory.memory(VERSION_KEY)
    deadline = time.monotonic() + 5
    while memory.version() is None and time.monotonic() < deadline:
        page_cache.bump_content_version()  # announced, and heard once the listener is subscribed
        time.sleep(0.05)
    assert memory.version() is not None, "the worker never heard from Redis"
    return memory


# --- SQLite: the version file ------------------------------------------------------------------------------


def test_a_page_read_again_comes_from_the_workers_memory(version_file, reader, monkeypatch):
    article = ArticleFactory()
    assert outcome(reader.get(article.get_absolute_url())) == "MISS"
    assert version_file.exists()
    monkeypatch.setattr(page_cache, "_read", _unasked)
    response = reader.get(article.get_absolute_url())
    assert outcome(response) == "HIT"
    assert article.title in response.content.decode()


def test_a_change_saved_here_is_shown_at_once(version_file, reader):
    article = ArticleFactory(title="Tiêu đề cũ")
    reader.get(article.get_absolute_url())
    article.title = "Tiêu đề mới"
    article.save()
    response = reader.get(article.get_absolute_url())
    assert outcome(response) == "MISS"
    assert "Tiêu đề mới" in response.content.decode()


def test_a_change_saved_by_another_worker_is_shown_at_once(version_file, reader):
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    assert outcome(reader.get(article.get_absolute_url())) == "HIT"
    another_worker_changes_the_content(version_file)
    assert outcome(reader.get(article.get_absolute_url())) == "MISS"


def test_a_worker_starting_on_a_running_site_takes_the_version_from_the_cache(version_file, reader):
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    version_file.unlink()  # as on a site that ran before this release
    assert outcome(reader.get(article.get_absolute_url())) == "HIT"
    assert page_memory.FileVersions(version_file).current() == page_cache.cache.get(VERSION_KEY)


def test_without_a_writable_folder_pages_come_from_the_shared_cache(settings, tmp_path, reader, caplog):
    settings.PAGE_VERSION_FILE = str(tmp_path / "missing-folder" / "db.sqlite3.page-version")
    article = ArticleFactory()
    assert outcome(reader.get(article.get_absolute_url())) == "MISS"
    assert outcome(reader.get(article.get_absolute_url())) == "HIT"
    assert [record for record in caplog.records if "Could not write the page version" in record.message]
    page_memory.forget_all()


def test_the_memory_keeps_the_pages_read_last_within_its_bounds(monkeypatch):
    monkeypatch.setattr(page_memory, "MAX_PAGES", 3)
    memory = page_memory.PageMemory(versions=None)
    version = ("v", time.time() + 60)
    for number in range(5):
        memory.keep(f"page-{number}", (version[0], 200, {}, b"x" * 10, '"etag"', 0, version[1]))
    memory.page("page-2", version)  # read: kept over page-3
    memory.keep("page-5", (version[0], 200, {}, b"x" * 10, '"etag"', 0, version[1]))
    kept = [key for key in (f"page-{number}" for number in range(6)) if memory.page(key, version)]
    assert kept == ["page-2", "page-4", "page-5"]
    assert memory.page("page-5", ("a newer version", version[1])) is None


# --- Redis: the channel ------------------------------------------------------------------------------------


def test_with_redis_a_page_read_again_takes_no_round_trip(redis_cache, reader, monkeypatch):
    article = ArticleFactory()
    wait_until_listening()
    reader.get(article.get_absolute_url())
    monkeypatch.setattr(page_cache, "_read", _unasked)
    assert outcome(reader.get(article.get_absolute_url())) == "HIT"


def test_with_redis_another_app_servers_change_is_heard_at_once(redis_cache, reader):
    article = ArticleFactory()
    memory = wait_until_listening()
    reader.get(article.get_absolute_url())
    assert outcome(reader.get(article.get_absolute_url())) == "HIT"
    version = another_worker_changes_the_content()
    deadline = time.monotonic() + 2
    while memory.version() != version and time.monotonic() < deadline:
        time.sleep(0.001)
    assert memory.version() == version
    assert outcome(reader.get(article.get_absolute_url())) == "MISS"


def test_a_worker_that_stops_hearing_from_redis_asks_it_again(redis_cache, reader, monkeypatch):
    article = ArticleFactory()
    memory = wait_until_listening()
    reader.get(article.get_absolute_url())
    monkeypatch.setattr(page_memory, "HEARD_WITHIN_SECONDS", -1.0)  # as if the last word were long ago
    assert memory.version() is None
    reads = []
    monkeypatch.setattr(page_cache, "_read", lambda key: reads.append(key) or (True, None, None))
    reader.get(article.get_absolute_url())
    assert reads


def _unasked(key):
    raise AssertionError(f"the shared cache was asked for {key}")
