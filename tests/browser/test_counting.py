"""The article page in Chromium counts its reader's view: one beacon after load, its answer shown."""

import pytest

from tests.browser.closing import close_when_quiet
from tests.counting.conftest import BROWSER
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_counts_its_view_once_and_shows_the_answer(browser, live_server):
    from playwright.sync_api import expect

    article = ArticleFactory(title="Hội nghị sơ kết công tác tuyên giáo", view_count=227)
    # Headless Chromium names itself "HeadlessChrome", which the crawler list rightly does not count: this
    # browser introduces itself as the reader's desktop Chrome.
    context = browser.new_context(user_agent=BROWSER, locale="vi-VN")
    page = context.new_page()
    beacons = []
    page.on(
        "request", lambda request: beacons.append(request.method) if "/luot-xem/" in request.url else None
    )
    url = live_server.url + article.get_absolute_url()

    served = []

    def as_cached_an_hour_ago(route):
        # The page with the count it had then: the beacon's answer replaces it.
        response = route.fetch()
        served.append(response.text().replace("data-view-count>227<", "data-view-count>150<"))
        route.fulfill(response=response, body=served[-1])

    page.route(url, as_cached_an_hour_ago)

    page.goto(url)

    expect(page.locator("[data-view-count]")).to_have_text("228")
    assert "data-view-count>150<" in served[0]
    page.wait_for_load_state("networkidle")
    assert beacons == ["POST"]
    article.refresh_from_db()
    assert article.view_count == 228

    page.reload()
    expect(page.locator("[data-view-count]")).to_have_text("228")
    page.wait_for_load_state("networkidle")
    assert beacons == ["POST", "POST"]  # each load reports, the same reader counts once
    article.refresh_from_db()
    assert article.view_count == 228
    close_when_quiet(context)
