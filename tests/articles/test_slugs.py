import pytest

from articles.models import Article, Category
from articles.slugs import slugify_vietnamese
from tests.factories import ArticleFactory, CategoryFactory


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng bộ huyện", "dang-bo-huyen"),
        ("ĐẠI HỘI ĐẢNG BỘ", "dai-hoi-dang-bo"),
        (
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh",
        ),
        ("Quốc phòng - An ninh", "quoc-phong-an-ninh"),
        ("Tuổi trẻ Thủ đô: “Xung kích, tình nguyện!”", "tuoi-tre-thu-do-xung-kich-tinh-nguyen"),
        ("Nghị quyết 18-NQ/TW về sắp xếp bộ máy", "nghi-quyet-18-nq-tw-ve-sap-xep-bo-may"),
        (
            "Kỷ niệm 93 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2023)",
            "ky-niem-93-nam-ngay-thanh-lap-dang-3-2-1930-3-2-2023",
        ),
    ],
)
def test_vietnamese_titles_become_ascii_slugs(title, slug):
    assert slugify_vietnamese(title) == slug


def test_reference_title_slug():
    title = "Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"
    assert slugify_vietnamese(title).startswith("ket-qua-02-nam-trien-khai-thuc-hien-ket-luan-so-01")


def test_long_title_is_cut_at_a_word_boundary():
    title = "Phát động phong trào thi đua " * 20
    full, slug = slugify_vietnamese(title, max_length=1000), slugify_vietnamese(title, max_length=50)
    assert len(slug) <= 50
    assert full.startswith(slug + "-")


def test_decomposed_unicode_gives_the_same_slug():
    # Text pasted from Word or a phone keyboard often arrives in decomposed form (NFD).
    import unicodedata

    assert slugify_vietnamese(unicodedata.normalize("NFD", "Tiếng Việt")) == "tieng-viet"


@pytest.mark.django_db
def test_colliding_titles_get_numbered_slugs():
    slugs = [ArticleFactory(title="Hội nghị Ban Chấp hành Đảng bộ huyện").slug for _ in range(3)]
    assert slugs == [
        "hoi-nghi-ban-chap-hanh-dang-bo-huyen",
        "hoi-nghi-ban-chap-hanh-dang-bo-huyen-2",
        "hoi-nghi-ban-chap-hanh-dang-bo-huyen-3",
    ]


@pytest.mark.django_db
def test_numbered_slug_stays_within_the_column():
    title = "Tăng cường công tác kiểm tra giám sát " * 7
    first, second = ArticleFactory(title=title), ArticleFactory(title=title)
    assert len(first.slug) <= Article.SLUG_MAX_LENGTH
    assert len(second.slug) <= Article.SLUG_MAX_LENGTH
    assert second.slug.endswith("-2") and second.slug != first.slug


@pytest.mark.django_db
def test_title_without_letters_still_gets_a_slug():
    assert ArticleFactory(title="!!! ???").slug == "bai-viet"


@pytest.mark.django_db
def test_editing_a_published_title_keeps_its_link():
    article = ArticleFactory(title="Tin cũ về hội nghị")
    url = article.get_absolute_url()
    article.title = "Tin mới về hội nghị"
    article.save()
    article.refresh_from_db()
    assert article.slug == "tin-cu-ve-hoi-nghi"
    assert article.get_absolute_url() == url


@pytest.mark.django_db
def test_category_slug_from_vietnamese_name():
    assert CategoryFactory(name="Chỉ đạo của Huyện ủy").slug == "chi-dao-cua-huyen-uy"
    assert Category.objects.get(slug="chi-dao-cua-huyen-uy")
