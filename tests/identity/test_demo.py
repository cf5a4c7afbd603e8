"""seed_demo's identity: a complete profile with a drawn logo and banner, and the agency links; idempotent."""

import pytest
from PIL import Image

from portal.identity.current import TEXT_FIELDS, site_identity
from portal.identity.demo import ensure_identity
from portal.identity.models import AgencyLink, SiteProfile

pytestmark = pytest.mark.django_db


def test_the_demo_profile_fills_every_field_with_a_logo_and_a_banner():
    line = ensure_identity()

    profile = SiteProfile.objects.get()
    assert line.startswith("Identity: profile created")
    assert profile.unit_name == "Huyện ủy Thanh Hà"
    assert all(getattr(profile, name) for name in TEXT_FIELDS)
    with Image.open(profile.logo) as logo:
        assert (logo.format, logo.size) == ("PNG", (512, 512))
    with Image.open(profile.banner) as banner:
        assert (banner.format, banner.size) == ("JPEG", (1920, 300))
    assert site_identity().profile.favicon_url.endswith(".png")


def test_the_demo_links_are_the_usual_agencies():
    ensure_identity()

    assert set(AgencyLink.objects.values_list("url", flat=True)) == {
        "https://chinhphu.vn",
        "https://dangcongsan.vn",
        "https://nhandan.vn",
        "https://www.tapchicongsan.org.vn",
        "https://tuyengiao.vn",
        "https://haiduong.gov.vn",
    }


def test_running_it_again_keeps_what_is_there(ward_profile):
    ensure_identity()
    line = ensure_identity()

    assert line == "Identity: profile kept; 6 agency links, 0 created now."
    assert SiteProfile.objects.get().unit_name == ward_profile.unit_name
    assert AgencyLink.objects.count() == 6
