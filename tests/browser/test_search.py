import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_searches_without_diacritics_from_the_header(live_server, phone_page):
    article = ArticleFactory(
        title="Học tập và làm theo Bác: những tấm gương bình dị ở Thanh Hà",
        lead="Huyện biểu dương 27 tập thể, 33 cá nhân tiêu biểu.",
    )
    ArticleFactory(title="Tin khác về nông thôn mới")
    page = phone_page
    page.goto(live_server.url)

    box = page.get_by_role("searchbox", name="Tìm bài viết, văn bản (gõ có dấu hoặc không dấu)")
    box.fill("hoc tap lam theo bac")
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=hoc+tap+lam+theo+bac")

    hit = page.locator(".search-hit")
    assert hit.count() == 1
    assert hit.get_by_role("link", name=article.title).is_visible()
    marks = hit.locator(".card__title mark")
    assert marks.first.is_visible()
    assert marks.all_inner_texts() == ["Học", "tập", "làm", "theo", "Bác"]
    # The marks stand out from the text around them.
    background = marks.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in {"rgba(0, 0, 0, 0)", "transparent"}
    assert page.locator("#tim-kiem-tu-khoa").input_value() == "hoc tap lam theo bac"
    # Nothing on a phone-sized screen may force sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
