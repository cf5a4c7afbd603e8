import pytest

from portal.identity.models import SiteProfile

from .profiles import WARD


@pytest.fixture
def ward_profile(db):
    return SiteProfile.objects.create(**WARD)
