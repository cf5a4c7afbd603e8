"""Real servers for the deployment tests: a site's database prepared with manage.py, gunicorn with the
production config (scripts/deploy/gunicorn.conf.py), and a small HTTP client that keeps its own cookies.

Everything listens on 127.0.0.1 only and is stopped by its own process group.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = PROJECT_ROOT / "scripts" / "deploy"
GUNICORN_CONFIG = DEPLOY_DIR / "gunicorn.conf.py"
HOST = "127.0.0.1"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def site_env(*, database_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production app server, with the test's own database and folders."""
    (workdir / "media").mkdir(parents=True, exist_ok=True)
    (workdir / "static").mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        # The test run's own settings must not leak into the servers (they read portal.settings).
        if key not in {"DJANGO_SETTINGS_MODULE", "CACHE_URL", "VIEW_BUFFER_URL", "DATABASE_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "deploy-tests-only-key",
            "ALLOWED_HOSTS": HOST,
            "SECURE_COOKIES": "0",
            # Staff sign in with a password only; two-factor sign-in has its own tests (tests/accounts).
            "REQUIRE_2FA": "0",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "TRUSTED_PROXY": HOST,
            "WEB_CONCURRENCY": "2",
            "PYTHONUNBUFFERED": "1",
            **extra,
        }
    )
    return env


def manage(env: dict[str, str], *arguments: str) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(arguments)} failed:\n{completed.stdout}\n{completed.stderr}"
        )
    return completed.stdout


class AppServer:
    """One gunicorn app server, started with the production config on a free port."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        with log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "portal.wsgi:application"],
                cwd=PROJECT_ROOT,
                env={**env, "GUNICORN_BIND": f"{HOST}:{self.port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_answering()

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log()}")
            try:
                status = Browser(self.port).get("/robots.txt").status
            except OSError:
                time.sleep(0.2)
                continue
            if status == 200:
                return
            raise AssertionError(f"gunicorn answered {status}:\n{self.log()}")
        raise AssertionError(f"gunicorn did not answer within {START_TIMEOUT:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


class Response:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """Requests to one server on 127.0.0.1, keeping the cookies it is given, as a browser would."""

    def __init__(self, port: int, **headers: str):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.headers = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) portal-deploy-test", **headers}

    def request(self, method: str, path: str, *, form: dict | None = None, headers: dict | None = None):
        all_headers = {**self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = Response(connection.getresponse())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict | None = None, **kwargs):
        return self.request("POST", path, form=form or {}, **kwargs)

    def submit(self, path: str, fields: dict) -> Response:
        """Load the form at `path` and post it back with its CSRF token, as a person clicking would."""
        page = self.get(path)
        assert page.status == 200, f"GET {path}: {page.status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token in {path}"
        return self.post(path, {"csrfmiddlewaretoken": unescape(token.group(1)), **fields})
