import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, jpeg_file

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
REFERENCE_TITLE = "Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"


@pytest.fixture
def reference_article():
    return ArticleFactory(
        title=REFERENCE_TITLE,
        category=CategoryFactory(name="Chỉ đạo của Huyện ủy"),
        published_at=datetime(2023, 5, 18, 19, 30, tzinfo=VIETNAM),
        view_count=227,
        lead="Chiều 18/5, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết 02 năm thực hiện Kết luận.",
        body="<p>Đoạn mở đầu phần nội dung.</p><p>Đoạn kết của bài.</p>",
        cover_image=jpeg_file("hoi-nghi.jpg"),
        cover_caption="Hội nghị học tập chuyên đề năm 2023",
        cover_alt="Quang cảnh hội nghị",
        byline="Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)",
    )


def test_reference_article_reads_top_to_bottom(client, reference_article):
    ArticleImageFactory(article=reference_article, caption="Đại biểu phát biểu tại hội nghị")
    page = client.get(reference_article.get_absolute_url()).content.decode()
    html = page[page.index("<main") :]

    in_order = [
        "CHỈ ĐẠO CỦA HUYỆN ỦY",
        REFERENCE_TITLE,
        "Ngày đăng",
        "18/05/2023 | 19:30",
        "Lượt xem: <span data-view-count>227</span>",
        "Chiều 18/5, Ban Thường vụ Huyện ủy",
        "Hội nghị học tập chuyên đề năm 2023",
        "Đoạn mở đầu phần nội dung.",
        "Đoạn kết của bài.",
        "Đại biểu phát biểu tại hội nghị",
        "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)",
    ]
    positions = [html.find(text) for text in in_order]
    assert -1 not in positions, [text for text, at in zip(in_order, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    assert re.search(r"Ngày đăng\s*<time[^>]*>18/05/2023 \| 19:30</time>", html)


def test_reference_article_slug(reference_article):
    assert reference_article.slug.startswith("ket-qua-02-nam-trien-khai-thuc-hien-ket-luan-so-01")
    assert reference_article.get_absolute_url().startswith(f"/bai-viet/{reference_article.pk}/ket-qua-02-nam")


def test_the_page_names_where_its_view_is_counted_and_counts_nothing_itself(client, reference_article):
    # The page's script counts the view (tests/counting/), so a copy of the page from a cache counts too.
    html = client.get(reference_article.get_absolute_url()).content.decode()
    assert f'data-view-url="/bai-viet/{reference_article.pk}/luot-xem/"' in html
    assert (
        f'<noscript><img class="article__view-pixel" src="/bai-viet/{reference_article.pk}/luot-xem.gif"'
        in html
    )
    assert "/static/js/views.js" in html
    reference_article.refresh_from_db()
    assert reference_article.view_count == 227


def test_head_request_is_not_a_view(client, reference_article):
    assert client.head(reference_article.get_absolute_url()).status_code == 200
    reference_article.refresh_from_db()
    assert reference_article.view_count == 227


def test_cover_photo_has_caption_and_alt(client, reference_article):
    html = client.get(reference_article.get_absolute_url()).content.decode()
    cover = html[html.index('<figure class="article__cover">') :]
    cover = cover[: cover.index("</figure>")]
    assert 'alt="Quang cảnh hội nghị"' in cover
    assert 'type="image/webp"' in cover and "srcset=" in cover
    assert 'loading="lazy"' not in cover  # the first thing a reader sees must not wait
    assert "<figcaption>Hội nghị học tập chuyên đề năm 2023</figcaption>" in cover


def test_time_is_shown_in_vietnam_time(client):
    # 23:45 UTC is already the next morning in Vietnam (UTC+7).
    article = ArticleFactory(published_at=datetime(2024, 1, 31, 23, 45, tzinfo=ZoneInfo("UTC")))
    assert "01/02/2024 | 06:45" in client.get(article.get_absolute_url()).content.decode()


def test_other_articles_of_the_category_are_listed(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    sibling = ArticleFactory(category=category, title="Tin cùng chuyên mục")
    stranger = ArticleFactory(title="Tin chuyên mục khác")
    draft = ArticleFactory(category=category, title="Bản nháp chưa đăng", status=Article.Status.DRAFT)

    html = client.get(article.get_absolute_url()).content.decode()
    others = html[html.index("Các tin khác") : html.index("</section>", html.index("Các tin khác"))]
    assert sibling.title in others
    assert stranger.title not in others
    assert draft.title not in others


def test_share_links_and_canonical_url(client, reference_article):
    html = client.get(reference_article.get_absolute_url()).content.decode()
    canonical = f"http://testserver{reference_article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert 'property="og:title"' in html
    assert "facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fbai-viet%2F" in html


@pytest.mark.parametrize("wrong_slug", ["ten-cu-cua-bai", "ket-qua"])
def test_wrong_slug_redirects_to_the_canonical_url(client, reference_article, wrong_slug):
    response = client.get(f"/bai-viet/{reference_article.pk}/{wrong_slug}/")
    assert response.status_code == 301
    assert response["Location"] == reference_article.get_absolute_url()


def test_id_alone_redirects_to_the_canonical_url(client, reference_article):
    response = client.get(f"/bai-viet/{reference_article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == reference_article.get_absolute_url()


def test_redirect_does_not_count_a_view(client, reference_article):
    client.get(f"/bai-viet/{reference_article.pk}/")
    reference_article.refresh_from_db()
    assert reference_article.view_count == 227


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED])
def test_unpublished_articles_are_404_for_readers(client, status):
    article = ArticleFactory(status=status)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.view_count == 0


def test_scheduled_article_is_404_until_its_time(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_published_without_date_goes_public_now(client):
    article = ArticleFactory(published_at=None)
    assert article.published_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200


def test_body_html_is_sanitized_on_save(client):
    article = ArticleFactory(
        body='<p onclick="alert(1)">Nội dung<script>alert(2)</script></p><a href="javascript:alert(3)">x</a>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>Nội dung</p>" in html
    assert "alert" not in html
