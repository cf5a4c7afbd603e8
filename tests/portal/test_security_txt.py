"""/.well-known/security.txt (RFC 9116) names whom to tell about a weakness: the unit, or SECURITY_CONTACT."""

from datetime import UTC, datetime, timedelta

import pytest

from portal.identity.models import SiteProfile

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"


def _fields(response):
    """[(field, value)] in the file's order, every line checked to be `Field: value`."""
    lines = response.content.decode().splitlines()
    assert all(": " in line for line in lines), lines
    return [tuple(line.split(": ", 1)) for line in lines]


def test_the_contact_is_the_units_email_from_its_profile(client):
    SiteProfile.objects.create(unit_name="Đảng ủy phường Thanh Trì", email="vanphong@thanhtri.hanoi.gov.vn")

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert ("Contact", "mailto:vanphong@thanhtri.hanoi.gov.vn") in _fields(response)


def test_security_contact_comes_before_the_profile(client, settings):
    SiteProfile.objects.create(unit_name="Đảng ủy phường Thanh Trì", email="vanphong@thanhtri.hanoi.gov.vn")
    settings.SECURITY_CONTACT = ["attt@hanoi.gov.vn", "https://csirt.hanoi.gov.vn/bao-cao"]

    contacts = [value for field, value in _fields(client.get(URL)) if field == "Contact"]

    assert contacts == ["mailto:attt@hanoi.gov.vn", "https://csirt.hanoi.gov.vn/bao-cao"]


def test_the_file_expires_within_a_year_prefers_vietnamese_and_names_its_address(client, settings):
    settings.SECURITY_CONTACT = ["attt@hanoi.gov.vn"]
    settings.ALLOWED_HOSTS = ["tuyengiao.example.vn"]

    fields = dict(_fields(client.get(URL, headers={"host": "tuyengiao.example.vn"})))
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now + timedelta(days=364) < expires <= now + timedelta(days=365)
    assert fields["Preferred-Languages"] == "vi, en"
    assert fields["Canonical"] == "http://tuyengiao.example.vn/.well-known/security.txt"


def test_without_any_contact_there_is_no_file(client, settings):
    settings.SITE_PROFILE_DEFAULTS = {**settings.SITE_PROFILE_DEFAULTS, "email": ""}

    assert client.get(URL).status_code == 404
