"""The newsroom's admin fits a 1366 × 768 screen, the commonest office laptop: the workflow buttons never
cover an article's title, and the article list shows every column without sideways scrolling."""

import pytest

from articles.models import Article
from tests.browser.closing import close_when_quiet
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's
WIDTH = 1366
# Vietnamese headlines run long; this one is about as long as the newsroom's longest.
LONG_TITLE = (
    "Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết 02 năm triển khai thực hiện Kết luận số 01-KL/TW "
    "của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng"
)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    close_when_quiet(context)


@pytest.fixture
def logged_in(page, live_server):
    """The page, logged in through the admin's form as a superuser, who sees every workflow button."""
    user = UserFactory(is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/quan-tri/login/?next=/quan-tri/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    # Until every request of the dashboard is answered: each one saves the staff session, and the shared
    # in-memory SQLite of the tests refuses the test's own writes meanwhile ("database table is locked").
    page.wait_for_url(f"{live_server.url}/quan-tri/", wait_until="networkidle")
    return page


def _box(locator):
    box = locator.bounding_box()
    return box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]


def _overlap(first, second):
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


@pytest.mark.parametrize("status", [status for status, _ in Article.Status.choices])
def test_workflow_buttons_never_cover_the_articles_title(logged_in, live_server, status):
    article = ArticleFactory(title=LONG_TITLE, status=status)
    # A photo in the gallery below, whose row (current file, caption, alt text) is the page's widest.
    ArticleImageFactory(article=article, caption=LONG_TITLE, alt_text=LONG_TITLE)
    page = logged_in

    page.goto(f"{live_server.url}/quan-tri/articles/article/{article.pk}/change/")

    buttons = page.locator(".object-tools a")
    assert buttons.count() >= 3
    headings = page.locator("#content > h1, #content > h2")
    assert headings.count() == 2
    for heading in headings.all():
        for button in buttons.all():
            assert not _overlap(_box(heading), _box(button)), (
                f"{button.inner_text()!r} covers {heading.inner_text()!r}"
            )
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_article_list_shows_every_column_without_sideways_scrolling(logged_in, live_server):
    category = CategoryFactory(name="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    author = UserFactory(username="nguyen.thi.thu.huong.tuyen.giao", is_staff=True)
    for number in range(10):
        ArticleFactory(title=f"{LONG_TITLE} (kỳ {number + 1})", category=category, author=author)
    page = logged_in

    page.goto(f"{live_server.url}/quan-tri/articles/article/")

    header_cells = page.locator("#result_list thead th")
    last_column = header_cells.nth(header_cells.count() - 1)
    assert _box(last_column)[2] <= WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # Django lets the table scroll sideways inside its own box, which hid the last columns just the same.
    assert page.locator("#changelist-form .results").evaluate("box => box.scrollWidth <= box.clientWidth")
    assert _box(page.locator("#changelist-filter"))[2] <= WIDTH
