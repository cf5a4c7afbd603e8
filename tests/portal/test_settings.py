"""Settings come from the environment, with safe defaults; each case starts a fresh Python process."""

import json

from tests.fresh_process import PROJECT, print_settings, run

PRINT_SETTINGS = print_settings(
    {
        "debug": "settings.DEBUG",
        "engine": "settings.DATABASES['default']['ENGINE']",
        "name": "str(settings.DATABASES['default']['NAME'])",
        "tz": "settings.TIME_ZONE",
        "lang": "settings.LANGUAGE_CODE",
        "hosts": "settings.ALLOWED_HOSTS",
        "cache": "settings.CACHES['default']['BACKEND']",
        "media": "str(settings.MEDIA_ROOT)",
    }
)


def _run(tmp_path, **environment):
    return run(PRINT_SETTINGS, folder=tmp_path, **environment)


def test_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = _run(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment when DEBUG is off." in result.stderr


def test_local_defaults_run_on_sqlite_in_vietnamese_time(tmp_path):
    result = _run(tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(PROJECT / "db.sqlite3")
    assert (values["tz"], values["lang"]) == ("Asia/Ho_Chi_Minh", "vi")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_production_values_come_from_the_environment(tmp_path):
    result = _run(
        tmp_path,
        SECRET_KEY="a-real-secret",
        DATABASE_URL="postgres://portal@db.example:5432/portal",
        ALLOWED_HOSTS="tuyengiao.example.vn,www.tuyengiao.example.vn",
        CACHE_URL="redis://127.0.0.1:6379/1",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["engine"] == "portal.postgresql"  # Django's, failing fast while unreachable
    assert values["name"] == "portal"
    assert values["hosts"] == ["tuyengiao.example.vn", "www.tuyengiao.example.vn"]
    assert values["cache"] == "portal.cache.FailSoftRedisCache"  # Django's Redis cache, failing soft
    assert values["media"] == str(tmp_path / "media")
