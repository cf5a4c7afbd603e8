from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ArticleFactory, CategoryFactory, jpeg_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_from_home_page_to_an_article(live_server, phone_page):
    category = CategoryFactory(name="Chỉ đạo của Huyện ủy")
    article = ArticleFactory(
        title="Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW",
        category=category,
        is_featured=True,
        published_at=datetime(2023, 5, 18, 19, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        view_count=227,
        lead="Ban Thường vụ Huyện ủy sơ kết 02 năm thực hiện Kết luận.",
        cover_image=jpeg_file("hoi-nghi.jpg", size=(1200, 800)),
        cover_caption="Hội nghị học tập chuyên đề năm 2023",
        cover_alt="Quang cảnh hội nghị",
        byline="Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)",
    )
    page = phone_page

    page.goto(live_server.url)
    page.get_by_role("link", name=article.title).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    assert page.locator(".article__category").inner_text() == "CHỈ ĐẠO CỦA HUYỆN ỦY"
    assert page.locator("h1").inner_text() == article.title
    assert page.locator(".article__date").inner_text() == "Ngày đăng 18/05/2023 | 19:30"
    # Headless Chromium is a robot to the counter (tests/browser/test_counting.py counts as a reader).
    assert page.locator(".article__views").inner_text() == "Lượt xem: 227"
    assert page.locator(".article__cover figcaption").inner_text() == "Hội nghị học tập chuyên đề năm 2023"
    cover = page.locator(".article__cover img")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0"), "the cover photo did not load"
    # A phone gets a small WebP rendition, not the 1200 px original.
    assert cover.evaluate("img => img.currentSrc").endswith(".webp")
    assert page.locator(".article__byline").inner_text() == "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)"
    # Nothing on a phone-sized screen may force sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The stylesheet loaded: the site header is the portal's red.
    header_color = page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header_color == "rgb(179, 18, 27)"


def test_phone_menu_opens_to_show_categories(live_server, phone_page):
    parent = CategoryFactory(name="Xây dựng Đảng")
    CategoryFactory(name="Công tác kiểm tra", parent=parent)
    page = phone_page
    page.goto(live_server.url)

    toggle_menu = page.locator(".site-nav__toggle")
    sub_category = toggle_menu.get_by_role("link", name="Công tác kiểm tra")
    assert not sub_category.is_visible()
    toggle_menu.locator("summary").click()
    sub_category.click()
    page.wait_for_url("**/chuyen-muc/cong-tac-kiem-tra/")
    assert page.locator("h1").inner_text() == "CÔNG TÁC KIỂM TRA"
