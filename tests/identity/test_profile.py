"""The unit's profile reaches every page: its header and footer show what the administrator typed."""

import re
from html import unescape

import pytest

from portal.identity.current import TEXT_FIELDS
from portal.identity.models import SiteProfile

from .profiles import WARD, profile_form

pytestmark = pytest.mark.django_db


def _text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _header_and_footer(response):
    page = response.content.decode()
    header = re.search(r"<header\b.*?</header>", page, re.S).group(0)
    footer = re.search(r"<footer\b.*?</footer>", page, re.S).group(0)
    return _text(header) + " " + _text(footer)


def test_the_test_profile_fills_every_field():
    assert set(WARD) == set(TEXT_FIELDS)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_field_of_the_profile_is_on_the_home_page(client, ward_profile, field):
    shown = _header_and_footer(client.get("/"))

    assert " ".join(WARD[field].split()) in shown


def test_an_empty_database_shows_the_settings_defaults(client, settings):
    settings.SITE_PROFILE_DEFAULTS = {
        **settings.SITE_PROFILE_DEFAULTS,
        "unit_name": "Đảng ủy xã An Lạc",
        "tagline": "Trang thông tin điện tử Đảng ủy xã",
        "address": "Thôn Đông, xã An Lạc",
    }

    response = client.get("/")

    assert response.status_code == 200
    shown = _header_and_footer(response)
    assert "Đảng ủy xã An Lạc" in shown
    assert "Trang thông tin điện tử Đảng ủy xã" in shown
    assert "Thôn Đông, xã An Lạc" in shown


def test_a_field_left_empty_keeps_its_default(client, settings):
    settings.SITE_PROFILE_DEFAULTS = {**settings.SITE_PROFILE_DEFAULTS, "footer_text": "Ghi rõ nguồn."}
    SiteProfile.objects.create(unit_name="Đảng ủy phường Thanh Trì", footer_text="")

    shown = _header_and_footer(client.get("/"))

    assert "Đảng ủy phường Thanh Trì" in shown
    assert "Ghi rõ nguồn." in shown


def test_a_change_in_the_admin_shows_in_the_footer_on_the_next_request(client, ward_profile, administrator):
    assert "Số 8 phố Nguyễn Bồ" in _header_and_footer(client.get("/"))  # now cached
    client.force_login(administrator)

    response = client.post(
        f"/quan-tri/identity/siteprofile/{ward_profile.pk}/change/",
        profile_form(ward_profile, address="Số 12 phố Ngọc Hồi, phường Thanh Trì"),
    )

    assert response.status_code == 302
    client.logout()
    shown = _header_and_footer(client.get("/"))
    assert "Số 12 phố Ngọc Hồi, phường Thanh Trì" in shown
    assert "Số 8 phố Nguyễn Bồ" not in shown


def test_the_profile_is_escaped(client):
    SiteProfile.objects.create(unit_name='Đảng ủy <script>alert("x")</script>', address="<b>Số 1</b>")

    page = client.get("/").content.decode()

    assert "<script>alert" not in page
    assert "<b>Số 1</b>" not in page
    assert "&lt;script&gt;" in page
