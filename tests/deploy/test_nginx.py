"""scripts/deploy/nginx.conf itself, run by Debian's nginx in front of a gunicorn app server on 127.0.0.1."""

import gzip
import importlib.util
import json
import uuid

import pytest

from tests.conftest import IN_CI

from .servers import DEPLOY_DIR, AppServer, Browser, free_port, manage, site_env


def _local_nginx():
    spec = importlib.util.spec_from_file_location("local_nginx", DEPLOY_DIR / "local_nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


local_nginx = _local_nginx()
STYLESHEET = b"body { color: #1a1a1a; }\n" * 200


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if local_nginx.nginx_binary() is None:
        reason = "needs nginx (apt-get install nginx)"
        if IN_CI:
            pytest.fail(f"The nginx tests must run in CI: {reason}")
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("nginx-site")
    env = site_env(database_url=f"sqlite:///{workdir / 'site.sqlite3'}", workdir=workdir)
    manage(env, "migrate", "--no-input")
    manage(env, "seed_demo", "--articles", "12")
    published = "from articles.models import Article; print(Article.objects.published()[0].pk)"
    article_id = int(manage(env, "shell", "-c", published).split()[-1])
    # What `collectstatic` would have put in STATIC_ROOT for nginx; the app server's own STATIC_ROOT is
    # another (empty) folder, so a file found here was served by nginx, not by WhiteNoise.
    served_static = workdir / "collected"
    (served_static / "css").mkdir(parents=True)
    (served_static / "css" / "only-nginx.css").write_bytes(STYLESHEET)
    (served_static / "css" / "only-nginx.0123456789ab.css").write_bytes(STYLESHEET)
    (workdir / "media" / "documents" / "2026").mkdir(parents=True, exist_ok=True)
    (workdir / "media" / "documents" / "2026" / "random-name.pdf").write_bytes(b"%PDF-1.4 draft")
    app = AppServer(env, workdir / "gunicorn.log")
    nginx_port = free_port()
    try:
        nginx = local_nginx.start(
            workdir / "nginx",
            listen_port=nginx_port,
            app_ports=[app.port],
            static_root=served_static,
            media_root=workdir / "media",
        )
    except Exception:
        app.stop()
        raise
    try:
        yield nginx_port, app, article_id
    finally:
        local_nginx.stop(nginx)
        app.stop()


@pytest.fixture
def through_nginx(site):
    return Browser(site[0])


def _fresh_page():
    # A query string of its own: a page no earlier test (or run) has put in the micro-cache.
    return f"/?lan={uuid.uuid4().hex}"


def test_static_files_are_served_by_nginx_with_a_browser_cache(site, through_nginx):
    _, app, _ = site
    response = through_nginx.get("/static/css/only-nginx.css")
    assert response.status == 200
    assert response.body == STYLESHEET
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert Browser(app.port).get("/static/css/only-nginx.css").status == 404


def test_a_hashed_static_name_is_kept_a_year(through_nginx):
    response = through_nginx.get("/static/css/only-nginx.0123456789ab.css")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_text_is_sent_gzipped(through_nginx):
    response = through_nginx.get("/static/css/only-nginx.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body) == STYLESHEET


def test_a_second_anonymous_get_comes_from_the_micro_cache(through_nginx):
    page = _fresh_page()
    first = through_nginx.get(page)
    second = through_nginx.get(page)
    assert (first.status, second.status) == (200, 200)
    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body


def test_staff_with_a_session_bypass_the_micro_cache(through_nginx):
    page = _fresh_page()
    through_nginx.get(page)
    assert through_nginx.get(page).headers["X-Cache-Status"] == "HIT"
    staff = Browser(through_nginx.port)
    staff.cookies["sessionid"] = "an-editors-session"
    assert staff.get(page).headers["X-Cache-Status"] == "BYPASS"


def test_a_reader_with_a_message_waiting_bypasses_the_micro_cache(through_nginx):
    page = _fresh_page()
    through_nginx.get(page)
    reader = Browser(through_nginx.port)
    reader.cookies["messages"] = "a-message-for-this-reader"
    assert reader.get(page).headers["X-Cache-Status"] == "BYPASS"


def test_a_page_fetched_by_staff_is_not_kept_for_readers(through_nginx):
    page = _fresh_page()
    staff = Browser(through_nginx.port)
    staff.cookies["sessionid"] = "an-editors-session"
    staff.get(page)
    assert through_nginx.get(page).headers["X-Cache-Status"] == "MISS"


def test_posts_always_reach_django(through_nginx):
    page = _fresh_page()
    through_nginx.get(page)
    for _ in range(2):
        response = through_nginx.post(page)
        # Django's own answer each time (a form without its CSRF token), never the cached page.
        assert response.status == 403
        assert response.headers.get("X-Cache-Status") in {None, "BYPASS"}


def test_the_admin_is_never_cached(through_nginx):
    for _ in range(2):
        response = through_nginx.get("/quan-tri/login/")
        assert response.status == 200
        assert "X-Cache-Status" not in response.headers


def test_counting_views_is_never_cached(site, through_nginx):
    article_id = site[2]
    for _ in range(2):
        response = through_nginx.get(f"/bai-viet/{article_id}/luot-xem.gif")
        assert response.status == 200
        assert "X-Cache-Status" not in response.headers


def test_each_reader_behind_the_proxy_counts(site):
    nginx_port, _, article_id = site
    counts = []
    for reader in ("reader-a", "reader-b", "reader-a"):
        response = Browser(nginx_port, **{"User-Agent": f"Mozilla/5.0 (X11; Linux x86_64) {reader}"}).post(
            f"/bai-viet/{article_id}/luot-xem/", headers={"Sec-Fetch-Site": "same-origin"}
        )
        assert response.status == 200
        counts.append(json.loads(response.body)["views"])
    # Two readers, one of them twice: the app server tells them apart through nginx.
    assert counts[1] == counts[0] + 1
    assert counts[2] == counts[1]


def test_documents_files_are_not_served_from_the_media_folder(through_nginx):
    assert through_nginx.get("/media/documents/2026/random-name.pdf").status == 404
