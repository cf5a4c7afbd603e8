import re
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleImage, Category
from articles.sanitize import clean_html

pytestmark = pytest.mark.django_db

REFERENCE_TITLE = "Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"


def seed(*args):
    stdout = StringIO()
    call_command("seed_demo", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def snapshot():
    return (
        Category.objects.count(),
        Article.objects.count(),
        ArticleImage.objects.count(),
        get_user_model().objects.count(),
        sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*")),
    )


def test_creates_two_levels_of_categories():
    seed("--articles", "5")

    party_building = Category.objects.get(name="Xây dựng Đảng", parent=None)
    assert set(party_building.children.values_list("name", flat=True)) == {
        "Công tác tổ chức",
        "Công tác kiểm tra",
    }
    news = Category.objects.get(name="Tin tức - Sự kiện", parent=None)
    assert set(news.children.values_list("name", flat=True)) >= {"Tin trong huyện", "Tin trong tỉnh"}
    assert Category.objects.get(name="Chỉ đạo của Huyện ủy").slug == "chi-dao-cua-huyen-uy"
    assert not Category.objects.filter(parent__parent__isnull=False).exists()


def test_creates_the_reference_article_exactly():
    seed("--articles", "5")

    article = Article.objects.get(title=REFERENCE_TITLE)
    assert article.category.name == "Chỉ đạo của Huyện ủy"
    assert article.category.parent is None
    assert article.status == Article.Status.PUBLISHED
    assert timezone.localtime(article.published_at).replace(tzinfo=None) == datetime(2023, 5, 18, 19, 30)
    assert article.view_count == 227
    assert article.byline == "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)"
    assert article.cover_caption == "Hội nghị học tập chuyên đề năm 2023"
    assert article.cover_alt
    assert article.cover_image.storage.exists(article.cover_image.name)
    assert article.slug.startswith("ket-qua-02-nam-trien-khai-thuc-hien-ket-luan-so-01")
    assert article.lead
    assert article.body.count("<p>") >= 3
    assert article.images.count() >= 2
    assert all(image.caption and image.alt_text for image in article.images.all())


def test_running_twice_creates_nothing_and_keeps_the_view_count():
    seed("--articles", "12")
    Article.objects.filter(title=REFERENCE_TITLE).update(view_count=5000)
    before = snapshot()

    output = seed("--articles", "12")

    assert snapshot() == before
    assert Article.objects.get(title=REFERENCE_TITLE).view_count == 5000
    assert "0 created now" in output


def test_a_larger_count_later_adds_only_the_missing_articles():
    seed("--articles", "30")
    first_slugs = set(Article.objects.values_list("slug", flat=True))
    assert len(first_slugs) >= 30

    seed("--articles", "40")

    slugs = set(Article.objects.values_list("slug", flat=True))
    assert len(slugs) >= 40
    assert first_slugs <= slugs
    assert Article.objects.filter(title=REFERENCE_TITLE).count() == 1


def test_a_fresh_database_gets_the_same_demo():
    seed("--articles", "15")
    first = list(Article.objects.order_by("slug").values_list("slug", "title", "category__name", "status"))
    Article.objects.all().delete()

    seed("--articles", "15")

    assert (
        list(Article.objects.order_by("slug").values_list("slug", "title", "category__name", "status"))
        == first
    )


def test_generated_articles_are_complete_and_already_clean():
    seed("--articles", "40")

    generated = Article.objects.exclude(title=REFERENCE_TITLE)
    for article in generated:
        assert len(article.slug) <= Article.SLUG_MAX_LENGTH
        assert article.body == clean_html(article.body)
        assert 3 <= article.body.count("<p>") <= 6
        assert article.lead and " - " in article.byline
        assert article.cover_image and article.cover_caption and article.cover_alt
    assert generated.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now()).count() >= 30
    # Covers come from a shared pool, not one file per article.
    assert generated.values("cover_image").distinct().count() <= 12
    assert generated.values("category").distinct().count() > 5


def test_creates_a_staff_user_whose_printed_password_works():
    output = seed("--articles", "1")

    password = re.search(r'superuser "bientap" with password: (\S+)', output).group(1)
    user = get_user_model().objects.get(username="bientap")
    assert user.is_staff and user.is_superuser
    assert user.check_password(password)


def test_rerun_leaves_the_existing_users_password_alone():
    first = seed("--articles", "1", "--username", "toasoan")
    password = re.search(r"password: (\S+)", first).group(1)

    second = seed("--articles", "1", "--username", "toasoan")

    assert "already exists" in second and "changepassword toasoan" in second
    assert password not in second
    assert get_user_model().objects.get(username="toasoan").check_password(password)


def test_the_seeded_portal_renders(client):
    seed("--articles", "20")

    assert client.get("/").status_code == 200
    reference = Article.objects.get(title=REFERENCE_TITLE)
    page = client.get(reference.get_absolute_url())
    assert page.status_code == 200
    assert "Hội nghị học tập chuyên đề năm 2023" in page.content.decode()
