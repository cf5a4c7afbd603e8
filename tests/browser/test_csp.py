"""Chromium under the site's Content-Security-Policy: readers' pages and the admin's CKEditor run without a
single violation, and a violation, when there is one, is blocked and reported to the site, which logs it.

A violation is seen three ways: the page's `securitypolicyviolation` events, Chromium's console ("Refused to
…", from any frame, CKEditor's included) and the reports the browser posts to /csp-report/, which the live
server (in this process) logs.
"""

import time

import pytest
from django.conf import settings

from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, jpeg_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event =>
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`));
"""
EDITOR = "#cke_id_body"
EDITING_FRAME = f"{EDITOR} iframe.cke_wysiwyg_frame"
TYPED = "Hội nghị tổng kết công tác tuyên giáo năm 2025"
# How long a report the browser has queued may take to reach the server.
REPORT_SECONDS = 5


class Watch:
    def __init__(self, page, caplog):
        self.page = page
        self.caplog = caplog
        self.console = []
        self.errors = []
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            self.console.append(message.text)

    def events(self):
        return self.page.evaluate("window.__cspViolations")

    def reports(self):
        return [record.getMessage() for record in self.caplog.records if record.name == "portal.csp_reports"]

    def assert_quiet(self):
        # A report sent for anything that happened so far has had time to arrive.
        time.sleep(1)
        assert self.events() == []
        assert self.console == []
        assert self.reports() == []
        assert self.errors == []


@pytest.fixture
def watch(page, caplog):
    return Watch(page, caplog)


def test_an_injected_inline_script_is_blocked_and_reported(live_server, page, watch):
    page.goto(live_server.url + "/")

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.head.append(script);
        }"""
    )

    assert page.evaluate("window.__injected") is None
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("window.__cspViolations") == ["script-src-elem blocked inline"]
    deadline = time.monotonic() + REPORT_SECONDS
    while not watch.reports() and time.monotonic() < deadline:
        time.sleep(0.1)
    [report] = watch.reports()
    assert "effective-directive='script-src-elem'" in report
    assert f"document-uri='{live_server.url}/'" in report


def test_readers_pages_run_without_a_violation(live_server, page, watch):
    category = CategoryFactory(name="Xây dựng Đảng")
    ArticleFactory.create_batch(4, category=category, is_featured=True)
    article = ArticleFactory(
        title="Hội nghị Ban Chấp hành Đảng bộ huyện",
        category=category,
        cover_image=jpeg_file("hoi-nghi.jpg", size=(1200, 800)),
        cover_caption="Quang cảnh hội nghị",
    )
    ArticleImageFactory.create_batch(2, article=article)

    for path in ("/", article.get_absolute_url()):
        response = page.goto(live_server.url + path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert page.locator(".article__body").is_visible()
    watch.assert_quiet()


def test_ckeditor_works_under_the_editor_pages_policy(live_server, page, watch, superuser_client):
    session = superuser_client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/quan-tri/articles/article/")
    response = page.goto(f"{live_server.url}/quan-tri/articles/article/add/")
    assert "script-src 'self' 'unsafe-inline'" in response.headers["content-security-policy"]
    # A function, not an expression: Playwright evaluates an expression anew on every poll, which the page's
    # policy refuses (no 'unsafe-eval'); a function is evaluated once, through DevTools.
    page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")

    editable = page.frame_locator(EDITING_FRAME).locator("body")
    assert editable.get_attribute("contenteditable") == "true"
    editable.click()
    # The toolbar's buttons answer through inline handlers (onclick="CKEDITOR.tools.callFunction(…)").
    page.locator(f"{EDITOR} .cke_button__bold").click()
    page.keyboard.type(TYPED)
    # Less the zero-width spaces CKEditor types ahead of the caret in an empty bold run.
    assert editable.locator("strong").inner_text().replace("\u200b", "") == TYPED
    assert "<strong>" in page.evaluate("CKEDITOR.instances.id_body.getData()")

    # The image dialog writes its upload field into a frame of its own, with an inline script.
    page.locator(f"{EDITOR} .cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.wait_for()
    dialog.locator("a.cke_dialog_tab[id^='cke_Upload_']").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").wait_for()
    dialog.locator("a.cke_dialog_ui_button_cancel").click()
    dialog.wait_for(state="hidden")

    watch.assert_quiet()
