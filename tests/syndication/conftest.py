"""A small newsroom with one article in each state readers must or must not see, for feeds and sitemaps."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.documents.models import Document, DocumentKind
from articles.models import Article
from portal.identity.models import SiteProfile
from tests.factories import ArticleFactory, CategoryFactory, jpeg_file

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def hoa_binh(db):
    """Another unit's profile, saved by its administrator: what feeds and structured data must name."""
    return SiteProfile.objects.create(
        unit_name="Huyện ủy Hòa Bình", tagline="Trang thông tin điện tử Ban Tuyên giáo Huyện ủy"
    )


@pytest.fixture
def categories(db):
    parent = CategoryFactory(name="Xây dựng Đảng", order=1)
    return {
        "parent": parent,
        "child": CategoryFactory(name="Học tập và làm theo Bác", parent=parent),
        "other": CategoryFactory(name="Kinh tế - Xã hội", order=2),
    }


@pytest.fixture
def newsroom(categories):
    """Public articles in a category, its sub-category and another one; and one of each hidden kind."""
    now = timezone.now()
    public = {
        "in_parent": ArticleFactory(
            title="Hội nghị sơ kết công tác xây dựng Đảng",
            category=categories["parent"],
            # Early morning in Vietnam, still the day before in UTC: the feed must say the reader's date.
            published_at=datetime(2023, 5, 18, 2, 15, tzinfo=VIETNAM),
            cover_image=jpeg_file("hoi-nghi.jpg", size=(1600, 900)),
            cover_alt="Quang cảnh hội nghị",
            byline="Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)",
        ),
        "in_child": ArticleFactory(
            title="Lan tỏa việc học tập và làm theo Bác", category=categories["child"], published_at=now
        ),
        "in_other": ArticleFactory(
            title="Thu hoạch vải thiều đạt năng suất cao",
            category=categories["other"],
            published_at=now - timedelta(hours=3),
        ),
    }
    hidden = {
        "draft": ArticleFactory(
            title="Bản nháp chưa đăng", category=categories["parent"], status=Article.Status.DRAFT
        ),
        "pending": ArticleFactory(
            title="Bài đang chờ duyệt", category=categories["parent"], status=Article.Status.PENDING
        ),
        "scheduled": ArticleFactory(
            title="Bài hẹn giờ đăng ngày mai",
            category=categories["child"],
            published_at=now + timedelta(days=1),
        ),
        "trashed": ArticleFactory(
            title="Bài trong thùng rác", category=categories["parent"], deleted_at=now - timedelta(minutes=5)
        ),
        "unpublished": ArticleFactory(
            title="Bài đã gỡ", category=categories["child"], status=Article.Status.UNPUBLISHED
        ),
    }
    return {"public": public, "hidden": hidden}


def make_document(*, number, status=Document.Status.PUBLISHED, published_at=None, **fields):
    kind, _ = DocumentKind.objects.get_or_create(name="Nghị quyết")
    return Document.objects.create(
        number=number,
        kind=kind,
        issuer="Ban Thường vụ Huyện ủy",
        issued_on=date(2024, 3, 1),
        summary=f"Văn bản số {number} về công tác tuyên giáo",
        status=status,
        published_at=published_at or timezone.now() - timedelta(hours=1),
        **fields,
    )


@pytest.fixture
def documents(db):
    return {
        "public": make_document(number="01-NQ/HU"),
        "draft": make_document(number="02-NQ/HU", status=Document.Status.DRAFT),
        "scheduled": make_document(number="03-NQ/HU", published_at=timezone.now() + timedelta(days=2)),
    }
