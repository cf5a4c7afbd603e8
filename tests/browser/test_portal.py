"""The portal in Chromium as readers use it: with a screen reader, a keyboard, a phone, large text, a printer.

The pages hold the demo content (`seed_demo`), so what is checked is what a visitor of the demo sees: its
menu, its featured stories, its standard pages and questions.
"""

import os
import tempfile
import unicodedata
from importlib import import_module
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.models import Article, Category
from portal.identity.current import site_identity
from tests.browser.closing import close_when_quiet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
SERIOUS = {"serious", "critical"}


def _data_from_migrations():
    """The standard pages and question topics, which data migrations make and a transactional test's flush
    takes away (both functions keep what is there)."""
    import_module("articles.pages.migrations.0002_standard_pages").create_standard_pages(apps, None)
    import_module("articles.questions.migrations.0002_topics").add_topics(apps, None)


@pytest.fixture
def demo():
    _data_from_migrations()
    call_command("seed_demo", articles=16, stdout=StringIO(), stderr=StringIO())
    article = (
        Article.objects.published().exclude(cover_image="").filter(images__isnull=False).first()
        or Article.objects.published().exclude(cover_image="").first()
    )
    category = Category.objects.filter(parent=None, children__isnull=False).first()
    return {
        "home": "/",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search results": "/tim-kiem/?q=hoi+nghi",
        "document list": "/van-ban/",
        "Hỏi đáp": "/hoi-dap/",
        "Giới thiệu": "/gioi-thieu/",
        "_article": article,
    }


@pytest.fixture
def open_page(browser, live_server):
    """open_page(path, viewport) → a Playwright page at `path` in a fresh context (nothing remembered)."""
    contexts = []

    def open_page(path, viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, locale="vi-VN", **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + path)
        return page

    yield open_page
    for context in contexts:
        close_when_quiet(context)


def _serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {_targets(violation)}"
        for violation in violations
        if violation["impact"] in SERIOUS
    ]


def _targets(violation):
    return ", ".join(" ".join(node["target"]) for node in violation["nodes"])


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_violations(demo, open_page, viewport):
    found = {}
    for name, path in demo.items():
        if name.startswith("_"):
            continue
        page = open_page(path, viewport)
        violations = _serious_violations(page)
        if violations:
            found[f"{name} ({path})"] = violations
        close_when_quiet(page.context)
    assert not found, "axe-core, serious or critical:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(violations) for page, violations in found.items()
    )


def test_first_tab_reaches_the_skip_link_and_the_next_the_main_content(demo, open_page):
    page = open_page("/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("document.activeElement.closest('main').id") == "noi-dung"


def test_larger_text_is_applied_and_remembered_until_reset(demo, open_page):
    page = open_page(demo["article"])

    def body_text_size():
        return page.locator(".article__body").evaluate("body => parseFloat(getComputedStyle(body).fontSize)")

    default = body_text_size()
    page.get_by_role("button", name="tăng cỡ chữ").click()
    larger = body_text_size()
    assert larger > default
    assert page.get_by_role("button", name="tăng cỡ chữ").get_attribute("aria-pressed") == "true"

    page.reload()
    assert body_text_size() == larger
    assert page.get_by_role("button", name="tăng cỡ chữ").get_attribute("aria-pressed") == "true"

    page.get_by_role("button", name="cỡ chữ mặc định").click()
    assert body_text_size() == default
    page.reload()
    assert body_text_size() == default


def _flat(text):
    """PDF text without the line breaks and spacing the layout put in, composed as typed."""
    return "".join(unicodedata.normalize("NFC", text).split())


def test_printed_article_is_the_article_alone_with_its_address_and_date(demo, open_page):
    from pypdf import PdfReader

    article = demo["_article"]
    page = open_page(demo["article"])
    page.wait_for_load_state("networkidle")

    pdf = PdfReader(BytesIO(page.pdf(format="A4")))
    text = _flat(" ".join(sheet.extract_text() for sheet in pdf.pages))

    assert _flat(article.title) in text
    assert (
        _flat(article.published_at.astimezone().strftime("%d/%m/%Y")) in text
        or _flat(page.locator(".article__date time").inner_text()) in text
    )
    assert _flat(article.get_absolute_url()) in text, "the printed page names the article's address"
    menu_only = (
        Category.objects.filter(parent=None)
        .exclude(pk=article.category.pk)
        .exclude(pk=article.category.parent_id)
    )
    for words in ["Trang chủ", "Đọc nhiều nhất", "Sao chép liên kết", "Chia sẻ", "Facebook", "Tìm kiếm"]:
        assert _flat(words) not in text, f"{words!r} is printed"
    for category in menu_only:
        assert _flat(category.name) not in text, f"the menu entry {category.name!r} is printed"


def test_the_menu_is_one_row_at_1366_px(demo, open_page):
    page = open_page("/")

    items = page.locator(".site-nav__wide > .menu > li")
    tops = items.evaluate_all("items => items.map(item => item.offsetTop)")
    assert len(set(tops)) == 1, f"menu rows at {sorted(set(tops))}"
    titles = items.evaluate_all("items => items.map(item => item.firstElementChild.textContent.trim())")
    assert "Khác" not in titles, "the demo menu fits without folding entries under Khác"
    assert len(titles) == len(site_identity().navigation)


def test_the_phone_menu_folds_and_opens(demo, open_page):
    from playwright.sync_api import expect

    page = open_page("/", PHONE)
    menu = page.locator(".site-nav__toggle")
    entry = menu.get_by_role("link", name="Xây dựng Đảng", exact=True)

    assert not entry.is_visible()
    menu.get_by_text("Danh mục").click()

    expect(entry).to_be_visible()
    expect(menu.get_by_role("link", name="Giới thiệu", exact=True)).to_be_visible()


@pytest.mark.parametrize("name", ["home", "article"])
def test_nothing_scrolls_sideways_at_320_px(demo, open_page, name):
    page = open_page(demo[name], {"width": 320, "height": 640})
    page.wait_for_load_state("networkidle")

    too_wide = page.evaluate(
        """() => [...document.body.querySelectorAll("*")]
            .filter(element => element.getBoundingClientRect().right > 320.5)
            .map(element => element.outerHTML.slice(0, 160))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, too_wide[:5]


def test_featured_stories_move_only_when_the_reader_asks(demo, open_page, browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.clock.install()
    page.goto(live_server.url + "/")
    section = page.locator(".featured")
    shown = section.locator(".featured__grid > .card:visible")
    total = section.locator(".featured__grid > .card").count()
    assert shown.count() == 1
    first = shown.locator(".card__title").inner_text()

    page.clock.run_for("02:00")
    assert shown.locator(".card__title").inner_text() == first, "the block moved by itself"

    section.get_by_role("button", name="Sau").click()
    assert section.locator(".featured__status").inner_text() == f"Tin 2 / {total}"
    assert shown.locator(".card__title").inner_text() != first
    page.keyboard.press("ArrowLeft")
    assert section.locator(".featured__status").inner_text() == f"Tin 1 / {total}"
    assert shown.locator(".card__title").inner_text() == first
    page.keyboard.press("ArrowLeft")
    assert section.locator(".featured__status").inner_text() == f"Tin {total} / {total}"
    close_when_quiet(context)


def test_copy_link_copies_the_articles_address(demo, open_page, live_server):
    from playwright.sync_api import expect

    page = open_page(demo["article"], permissions=["clipboard-read", "clipboard-write"])

    page.get_by_role("button", name="Sao chép liên kết").click()

    # The clipboard answers asynchronously: wait for the message rather than read it at once.
    expect(page.locator(".reader-tools__status")).to_have_text("Đã sao chép")
    assert page.evaluate("navigator.clipboard.readText()").endswith(demo["article"])


def test_screenshots_of_home_and_article(demo, open_page):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "portal-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for name in ["home", "article"]:
        for width, viewport in [("1366", DESKTOP), ("390", PHONE)]:
            page = open_page(demo[name], viewport)
            page.wait_for_load_state("networkidle")
            path = folder / f"{name}-{width}.png"
            page.screenshot(path=path, full_page=True)
            assert path.stat().st_size > 0
            close_when_quiet(page.context)
    print(f"screenshots in {folder}")
