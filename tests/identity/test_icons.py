"""The favicon and the touch icon: the committed defaults, then icons made from the unit's logo."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.identity.current import site_identity
from portal.identity.models import SiteProfile

from .profiles import WARD, profile_form

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


def _png_upload(size, name="logo.png"):
    output = io.BytesIO()
    # A wide red logo on a transparent ground: the icons must be square all the same.
    Image.new("RGBA", size, (200, 20, 30, 255)).save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def _media_image(url):
    assert url.startswith(settings.MEDIA_URL)
    return Image.open(Path(settings.MEDIA_ROOT) / url[len(settings.MEDIA_URL) :])


@pytest.mark.parametrize(
    ("name", "size"),
    [("logo.png", (512, 512)), ("favicon-32.png", (32, 32)), ("apple-touch-icon.png", (180, 180))],
)
def test_the_default_icons_are_committed(name, size):
    with Image.open(STATIC / "img" / name) as image:
        assert image.format == "PNG"
        assert image.size == size


def test_the_default_ico_holds_three_sizes():
    with Image.open(STATIC / "img" / "favicon.ico") as image:
        assert image.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= image.info["sizes"]


def test_favicon_ico_answers_with_the_default_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"


def test_the_head_links_the_default_icons(client):
    page = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon-32.png"' in page
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png"' in page


def test_uploading_a_logo_makes_the_favicon_and_touch_icon(client, administrator, ward_profile):
    client.force_login(administrator)

    response = client.post(
        f"/quan-tri/identity/siteprofile/{ward_profile.pk}/change/",
        {**profile_form(ward_profile), "logo": _png_upload((600, 300))},
    )

    assert response.status_code == 302
    profile = site_identity().profile
    with _media_image(profile.favicon_url) as favicon:
        assert (favicon.format, favicon.size) == ("PNG", (32, 32))
        assert favicon.getpixel((16, 1))[3] == 0  # the wide logo is centred on a transparent square
    with _media_image(profile.header_logo_url) as header_logo:
        assert (header_logo.format, header_logo.size) == ("PNG", (176, 176))
    assert f'src="{profile.header_logo_url}"' in client.get("/").content.decode()
    with _media_image(profile.touch_icon_url) as touch_icon:
        assert (touch_icon.format, touch_icon.size) == ("PNG", (180, 180))
        assert touch_icon.convert("RGBA").getpixel((90, 2)) == (255, 255, 255, 255)  # phones need a ground
    assert profile.logo_url == SiteProfile.objects.get().logo.url


def test_with_a_logo_the_pages_and_favicon_ico_point_to_its_icons(client):
    SiteProfile.objects.create(**WARD, logo=_png_upload((256, 256)))
    profile = site_identity().profile

    page = client.get("/").content.decode()
    response = client.get("/favicon.ico")

    assert f'<link rel="icon" href="{profile.favicon_url}"' in page
    assert f'<link rel="apple-touch-icon" href="{profile.touch_icon_url}"' in page
    assert response.status_code == 302
    assert response["Location"] == profile.favicon_url
    assert _media_image(response["Location"]).size == (32, 32)
