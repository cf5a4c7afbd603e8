"""Every error Django answers by itself gets a Vietnamese page in the site's look, with the right status."""

import pytest
from django.db import OperationalError
from django.test import Client

from portal.identity.current import site_identity
from portal.identity.models import SiteProfile
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def _assert_vietnamese_page(response, status, heading):
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert f"<h1>{heading}</h1>" in page
    # The site's own header and footer, with its name from the settings (no profile is saved).
    assert 'class="site-header"' in page
    assert "Huyện ủy Thanh Hà" in page
    return page


def test_a_form_posted_without_its_security_token_is_refused_in_vietnamese():
    response = Client(enforce_csrf_checks=True).post("/")

    page = _assert_vietnamese_page(response, 403, "Không gửi được biểu mẫu")
    assert "CSRF" not in page


def test_a_forged_host_is_a_vietnamese_400():
    response = Client().get("/", headers={"host": "evil.example"})

    _assert_vietnamese_page(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.urls("tests.portal.error_urls")
def test_a_path_climbing_out_of_media_is_a_vietnamese_400():
    response = Client().get("/media/../x")

    _assert_vietnamese_page(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.urls("tests.portal.error_urls")
def test_a_refused_permission_is_a_vietnamese_403():
    response = Client().get("/loi/403/")

    page = _assert_vietnamese_page(response, 403, "Không có quyền truy cập")
    # The exception's message is for the log, not the reader.
    assert "Chỉ lãnh đạo" not in page


def test_an_unsupported_method_is_a_vietnamese_405_that_keeps_its_allow_header():
    response = Client().put("/")

    _assert_vietnamese_page(response, 405, "Thao tác không được hỗ trợ")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_posting_to_an_article_is_a_vietnamese_405_with_the_menu():
    article = ArticleFactory(category=CategoryFactory(name="Xây dựng Đảng"))

    response = Client().post(article.get_absolute_url())

    page = _assert_vietnamese_page(response, 405, "Thao tác không được hỗ trợ")
    assert "Xây dựng Đảng" in page


@pytest.mark.urls("tests.portal.error_urls")
def test_a_server_error_is_a_vietnamese_500_with_the_site_name():
    response = Client(raise_request_exception=False).get("/loi/500/")

    _assert_vietnamese_page(response, 500, "Hệ thống đang gặp sự cố")


def test_error_pages_render_without_the_menu_when_the_database_is_down(monkeypatch):
    def database_down():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("portal.errors.site_identity", database_down)

    response = Client(enforce_csrf_checks=True).post("/")

    _assert_vietnamese_page(response, 403, "Không gửi được biểu mẫu")


def test_error_pages_show_the_units_own_profile():
    SiteProfile.objects.create(unit_name="Đảng ủy phường Thanh Trì", tagline="Trang thông tin điện tử")

    response = Client().get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "Đảng ủy phường Thanh Trì" in response.content.decode()


@pytest.mark.urls("tests.portal.error_urls")
def test_a_server_error_shows_the_cached_profile_without_querying(django_assert_num_queries):
    SiteProfile.objects.create(unit_name="Đảng ủy phường Thanh Trì")
    site_identity()

    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).get("/loi/500/")

    assert response.status_code == 500
    assert "Đảng ủy phường Thanh Trì" in response.content.decode()


@pytest.mark.urls("tests.portal.error_urls")
def test_a_server_error_with_nothing_cached_shows_the_settings_profile(django_assert_num_queries):
    SiteProfile.objects.create(unit_name="Đảng ủy phường Thanh Trì")

    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).get("/loi/500/")

    _assert_vietnamese_page(response, 500, "Hệ thống đang gặp sự cố")
