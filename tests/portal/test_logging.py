"""What reaches the log: each line once, client errors in one line, server errors with their traceback."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def console_log():
    """What the console handler of the LOGGING setting writes during the test."""
    (handler,) = [handler for handler in logging.getLogger().handlers if handler.get_name() == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_each_line_is_printed_once_with_debug_on(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /khong-co-trang-nay/')"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"CACHE_URL", "LOG_LEVEL"}}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="portal.settings", PYTHONPATH=str(PROJECT))

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )

    assert result.stderr.count("Not Found: /khong-co-trang-nay/") == 1


@pytest.mark.django_db
def test_a_refused_form_is_logged_in_one_line_without_a_traceback(console_log):
    Client(enforce_csrf_checks=True).post("/")

    assert console_log.getvalue() == "Forbidden (CSRF cookie not set.): /\n"


@pytest.mark.django_db
def test_a_forged_host_is_logged_in_one_line_without_a_traceback(console_log):
    Client().get("/", headers={"host": "evil.example"})

    lines = console_log.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Invalid HTTP_HOST header: 'evil.example'.")


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.error_urls")
def test_a_refused_permission_is_logged_in_one_line_without_a_traceback(console_log):
    Client().get("/loi/403/")

    assert console_log.getvalue() == "Forbidden (Permission denied): /loi/403/\n"


@pytest.mark.django_db
def test_a_missing_page_is_logged_in_one_line_without_a_traceback(console_log):
    Client().get("/bai-viet/999999/khong-co/")

    assert console_log.getvalue() == "Not Found: /bai-viet/999999/khong-co/\n"


@pytest.mark.urls("tests.portal.error_urls")
def test_a_server_error_is_logged_with_its_traceback(console_log):
    Client(raise_request_exception=False).get("/loi/500/")

    log = console_log.getvalue()
    assert log.startswith("Internal Server Error: /loi/500/\nTraceback (most recent call last):\n")
    assert "RuntimeError: the view is broken" in log
