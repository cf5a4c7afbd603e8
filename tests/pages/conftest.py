"""The standard pages as the data migration leaves them, and a unit whose details no default would give."""

import pytest

from articles.pages.models import Page
from portal.identity.models import SiteProfile

STANDARD_PATHS = {
    "gioi-thieu": "Giới thiệu",
    "gioi-thieu/lich-su": "Lịch sử",
    "gioi-thieu/chuc-nang-nhiem-vu": "Chức năng, nhiệm vụ",
    "gioi-thieu/co-cau-to-chuc": "Cơ cấu tổ chức",
    "gioi-thieu/lanh-dao": "Lãnh đạo",
    "lien-he": "Liên hệ",
    "en": "Introduction",
}


@pytest.fixture
def profile(db):
    return SiteProfile.objects.create(
        unit_name="Đảng ủy phường Thanh Trì",
        english_name="Thanh Tri Ward Party Committee",
        address="Số 8 phố Nguyễn Tam Trinh, phường Thanh Trì, Hà Nội",
        phone="024 3861 2345; 0912.345.678",
        email="vanphong@thanhtri.example.vn",
        office_hours="Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu",
    )


@pytest.fixture
def standard_pages(db):
    """{path: Page} of the pages 0002_standard_pages created."""
    return {page.path: page for page in Page.objects.select_related("parent")}


def sub_page(parent, *, slug, title, **fields):
    return Page.objects.create(parent=parent, slug=slug, title=title, **fields)
