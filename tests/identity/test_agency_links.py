"""Links to other agencies ("Liên kết website"): web addresses only, opened safely from the footer."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.identity.models import AgencyLink
from tests.factories import jpeg_file

pytestmark = pytest.mark.django_db

ADD_LINK = "/quan-tri/identity/agencylink/add/"


def _link_form(**values):
    return {"name": "Báo Nhân Dân", "url": "https://nhandan.vn", "position": 1, "is_visible": "on", **values}


def test_visible_links_are_in_the_footer_and_open_safely(client):
    AgencyLink.objects.create(name="Báo Nhân Dân", url="https://nhandan.vn", position=2)
    AgencyLink.objects.create(name="Cổng Thông tin điện tử Chính phủ", url="https://chinhphu.vn", position=1)
    AgencyLink.objects.create(name="Trang cũ", url="https://cu.example.vn", is_visible=False)

    page = client.get("/").content.decode()

    footer = re.search(r"<footer\b.*?</footer>", page, re.S).group(0)
    links = re.findall(r'<a href="(https://[^"]+)"([^>]*)>', footer)
    assert [url for url, _ in links] == ["https://chinhphu.vn", "https://nhandan.vn"]
    for _, attributes in links:
        if 'target="_blank"' in attributes:
            assert 'rel="noopener noreferrer"' in attributes


def test_an_administrator_adds_a_link(client, administrator):
    client.force_login(administrator)

    response = client.post(ADD_LINK, _link_form())

    assert response.status_code == 302
    assert AgencyLink.objects.get().url == "https://nhandan.vn"
    client.logout()
    assert "https://nhandan.vn" in client.get("/").content.decode()


def test_an_address_typed_without_its_scheme_is_taken_as_https(client, administrator):
    client.force_login(administrator)

    client.post(ADD_LINK, _link_form(url="tuyengiao.vn"))

    assert AgencyLink.objects.get().url == "https://tuyengiao.vn"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://nhandan.vn/", "data:text/html,<b>x</b>", "mailto:a@b.vn"]
)
def test_only_web_addresses_are_accepted(client, administrator, url):
    client.force_login(administrator)

    response = client.post(ADD_LINK, _link_form(url=url))

    assert response.status_code == 200
    assert not AgencyLink.objects.exists()


def test_a_link_may_have_a_logo(client, administrator):
    client.force_login(administrator)

    response = client.post(ADD_LINK, {**_link_form(), "logo": jpeg_file("nhandan.jpg", size=(200, 80))})

    assert response.status_code == 302
    assert AgencyLink.objects.get().logo.name.startswith("site/links/")


def test_a_logo_that_is_not_an_image_is_refused(client, administrator):
    client.force_login(administrator)

    response = client.post(
        ADD_LINK, {**_link_form(), "logo": SimpleUploadedFile("logo.png", b"<html>not a photo</html>")}
    )

    assert response.status_code == 200
    assert not AgencyLink.objects.exists()
