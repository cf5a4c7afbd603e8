"""Chromium opens an article whose body is the XSS corpus (tests/xss_corpus.py): nothing runs.

Every payload's script sets `top.__xss_N` and calls alert(N); the page is watched for both, and for dialogs.
A control run shows the same watch catches the corpus when it is served unsanitized, so a quiet page means
the sanitizer worked, not that the watch was blind.
"""

import pytest
from django.conf import settings

from tests.browser.closing import close_when_quiet
from tests.factories import ArticleFactory
from tests.xss_corpus import (
    LEGITIMATE_BODY,
    OWN_PHOTO_NAME,
    XSS_CORPUS,
    XSS_MARKERS,
    Markup,
    store_own_photo,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed before any of the page's own scripts: a payload calling a dialog flags itself instead of blocking.
TRAP_DIALOGS = """
(() => {
  const fired = () => { try { top.__xss_fired = true; } catch (error) { window.__xss_fired = true; } };
  window.alert = window.confirm = window.prompt = fired;
})();
"""
FIRED = """markers => ({
  fired: window.__xss_fired,
  globals: Object.keys(window).filter(key => key.startsWith('__xss')),
  named: markers.filter(name => name in window),
})"""


def _watch(page):
    """Set the trap on `page`; return the list its dialogs will be recorded in."""
    dialogs = []
    page.add_init_script(TRAP_DIALOGS)

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def _settle(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # timers, autofocus, <details> toggle, image errors


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    close_when_quiet(context)


def test_the_watch_catches_the_corpus_when_it_is_not_sanitized(page):
    _watch(page)
    url = "http://xss-control.test/"
    page.route(
        url,
        lambda route: route.fulfill(
            content_type="text/html; charset=utf-8",
            body=f"<!doctype html><html><head><title>control</title></head><body>{XSS_CORPUS}</body></html>",
        ),
    )
    page.route("**/*", lambda route: route.abort() if route.request.url != url else route.fallback())
    page.goto(url)
    _settle(page)

    seen = page.evaluate(FIRED, XSS_MARKERS)
    assert seen["fired"] is True
    # Unsanitized, a good part of the corpus runs on its own (no clicks): onerror, onload, ontoggle,
    # autofocus, mutation XSS; ids and names make the globals too.
    assert len(seen["globals"]) >= 20, seen
    assert len(seen["named"]) >= 20, seen


def test_article_with_the_whole_corpus_runs_nothing(live_server, page):
    # A stored photo of our own, so the renditions code also rewrites the payload that uses it.
    assert store_own_photo() == OWN_PHOTO_NAME
    article = ArticleFactory(title="Bài kiểm thử mã độc", body=LEGITIMATE_BODY + XSS_CORPUS)
    assert "<picture>" in article.body  # Article.save sanitized it, then enriched our photo

    dialogs = _watch(page)
    page.goto(live_server.url + article.get_absolute_url())
    _settle(page)

    seen = page.evaluate(FIRED, XSS_MARKERS)
    assert dialogs == []
    assert seen == {"fired": None, "globals": [], "named": []}
    assert page.frames == [page.main_frame]  # no iframe, object or embed made it in
    body = page.locator(".article__body")
    assert "Đại hội Đảng bộ xã Thanh Bính nhiệm kỳ 2025–2030" in body.inner_text()
    assert body.locator("figure.image figcaption").first.inner_text().startswith("Quang cảnh đại hội")
    assert body.locator("a[href^='javascript'], a[href^='data'], [style], [srcdoc]").count() == 0


def test_editor_loads_with_the_narrowed_config(live_server, page, superuser_client):
    """CKEditor starts with this config (no plugin error), image2 instead of image, and its filter agrees."""
    session = superuser_client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    errors, complaints = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: message.type in {"error", "warning"} and complaints.append(message.text)
    )
    dialogs = _watch(page)

    page.goto(f"{live_server.url}/quan-tri/articles/article/add/")
    # A function, not an expression: Playwright evaluates an expression anew on every poll, which the page's
    # Content-Security-Policy refuses (no 'unsafe-eval'); a function is evaluated once, through DevTools.
    page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
    editor = page.evaluate_handle("CKEDITOR.instances.id_body")
    # A removed plugin that another one needs, or a bad option, shows up as a "[CKEDITOR] Error code" warning.
    # The one allowed: the build's uploadimage plugin taking over pasted images from the clipboard plugin.
    ckeditor_errors = [text for text in complaints if text.startswith("[CKEDITOR] Error code")]
    assert ckeditor_errors == [
        "[CKEDITOR] Error code: clipboard-image-handling-disabled. {editor: id_body, plugin: uploadimage}"
    ]
    assert errors == []

    plugins = page.evaluate("Object.keys(CKEDITOR.instances.id_body.plugins)")
    assert "image2" in plugins
    assert not {"image", "iframe", "forms", "sourcearea", "exportpdf", "scayt", "flash"} & set(plugins)
    checks = editor.evaluate(
        """editor => {
          const filter = editor.filter;
          const image = editor.widgets.registered.image;
          return {
            captioned: filter.check('figure(image)'),
            alignedCaption: filter.check('figure(image,image-style-align-left)'),
            alignFeature: filter.checkFeature(image.features.align),
            captionFeature: filter.checkFeature(image.features.caption),
            handler: filter.check('img[onerror]'),
            style: filter.check('p{color}'),
            script: filter.check('script'),
            iframe: filter.check('iframe'),
            otherClass: filter.check('p(lead)'),
            h1: filter.check('h1'),
          };
        }"""
    )
    assert checks == {
        "captioned": True,
        "alignedCaption": True,
        "alignFeature": True,
        "captionFeature": True,
        "handler": False,
        "style": False,
        "script": False,
        "iframe": False,
        "otherClass": False,
        "h1": False,
    }
    toolbar = page.evaluate(
        "[...document.querySelectorAll('.cke_toolbox a.cke_button')]"
        ".map(a => a.className.match(/cke_button__(\\w+)/)[1])"
    )
    assert "image" in toolbar and "source" not in toolbar and "pastefromword" in toolbar

    # What the editor would save from the corpus: its own filter strips handlers and styles (URLs are left to
    # the server-side sanitizer), and pasting the corpus into the editor runs none of it.
    saved = editor.evaluate(
        "(editor, html) => new Promise(done =>"
        " editor.setData(html, {callback: () => done(editor.getData())}))",
        XSS_CORPUS,
    )
    page.wait_for_timeout(500)
    elements = Markup(saved).elements
    assert not [
        (tag, name)
        for tag, attrs in elements
        for name, _ in attrs
        if name.startswith("on") or name == "style"
    ]
    assert not {"script", "style", "iframe", "object", "embed", "form", "input", "svg", "math"} & {
        tag for tag, _ in elements
    }
    assert dialogs == []
    assert page.evaluate(FIRED, XSS_MARKERS) == {"fired": None, "globals": [], "named": []}
    assert errors == []  # no script error either (resources failing to load are expected)
