"""A change of the profile in the admin reaches every worker: two app servers, one database, one shared cache.

Two real servers (runserver without autoreload, each its own process, as gunicorn's workers or two app
servers are) run the production settings: DEBUG off, no CACHE_URL, so the cache is the database's. An
administrator changes the profile on server A; server B, which had the old profile cached, shows the new one.
"""

import os
import re
import socket
import subprocess
import sys
import time
from html import unescape
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from .profiles import WARD

PROJECT = Path(__file__).resolve().parents[2]
PORTAL_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "CACHE_URL",
    "DJANGO_SETTINGS_MODULE",
    "MEDIA_ROOT",
}
PASSWORD = "mat-khau-quan-tri-thu-nghiem"
NEW_ADDRESS = "Số 12 phố Ngọc Hồi, phường Thanh Trì, Hà Nội"

SET_UP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from accounts.roles import Role
from portal.identity.models import SiteProfile
user = get_user_model().objects.create_user("quantri", password={PASSWORD!r}, is_staff=True)
user.groups.add(Group.objects.get(name=Role.ADMINISTRATOR))
SiteProfile.objects.create(**{WARD!r})
"""


def _environment(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in PORTAL_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY="a-real-secret-for-two-servers",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(tmp_path / "media"),
        # Plain HTTP on 127.0.0.1: a Secure session cookie would never come back from the client.
        SECURE_COOKIES="0",
        # The administrator signs in with a password only; two-factor sign-in has its own tests.
        REQUIRE_2FA="0",
    )
    return env


def _manage(env, cwd, *args):
    done = subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, env, cwd):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(PROJECT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.browser = build_opener(HTTPCookieProcessor(CookieJar()))

    def wait_until_up(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server stopped: {self.process.stderr.read()}")
            try:
                self.get("/robots.txt")
                return
            except (URLError, ConnectionError):
                time.sleep(0.2)
        pytest.fail("server did not start")

    def get(self, path):
        return self.open(path)[1]

    def open(self, path, data=None):
        """(the URL redirects ended on, the page), as a browser follows them."""
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.browser.open(self.base + path, body, timeout=30) as response:
                return response.geturl()[len(self.base) :], response.read().decode()
        except HTTPError as error:
            pytest.fail(f"{path} answered {error.code}")

    def submit(self, path, data):
        """Fill in the form at `path` as a browser does (with its CSRF token) and send it."""
        form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        return self.open(path, {**data, "csrfmiddlewaretoken": token})

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stderr.close()


def _footer(page):
    footer = re.search(r"<footer\b.*?</footer>", page, re.S).group(0)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", footer)).split())


@pytest.fixture
def two_servers(tmp_path):
    env = _environment(tmp_path)
    _manage(env, tmp_path, "migrate", "--no-input")
    _manage(env, tmp_path, "shell", "-c", SET_UP)
    servers = [Server(env, tmp_path), Server(env, tmp_path)]
    try:
        for server in servers:
            server.wait_until_up()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_a_profile_changed_on_one_server_shows_on_the_other(two_servers):
    server_a, server_b = two_servers
    assert WARD["address"] in _footer(server_b.get("/"))  # B has the old profile cached now

    landed, _ = server_a.submit("/quan-tri/login/", {"username": "quantri", "password": PASSWORD})
    assert landed == "/quan-tri/"
    profile_path, _ = server_a.open("/quan-tri/identity/siteprofile/")
    assert re.fullmatch(r"/quan-tri/identity/siteprofile/\d+/change/", profile_path)
    server_a.submit(profile_path, {**WARD, "address": NEW_ADDRESS})

    footer = _footer(server_b.get("/"))
    assert NEW_ADDRESS in footer
    assert WARD["address"] not in footer
