"""A staff member writes an article in the real CKEditor, uploads a photo through its image dialog, saves and
publishes it; readers then get that photo as responsive renditions.

Everything the staff member does goes through Chromium: the admin login form, the editor's iframe, the image
dialog's upload tab (CKEditor posts the file to /quan-tri/ckeditor/upload/ and puts the URL it answers in the
dialog), the save button and the workflow's publish form.
"""

import re

import pytest
from PIL import Image

from articles.models import Article
from articles.slugs import slugify_vietnamese
from tests.factories import CategoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's
TITLE = "Huyện tổ chức Lễ ra quân hưởng ứng Tháng hành động vì môi trường"
PARAGRAPH = (
    "Sáng 05/6, tại Quảng trường trung tâm huyện, Ban Chỉ đạo tổ chức Lễ ra quân với sự tham gia "
    "của hơn 500 đoàn viên, thanh niên và người dân các xã, thị trấn."
)
PHOTO_ALT = "Đoàn viên thanh niên ra quân dọn vệ sinh môi trường"
BYLINE = "Lê Thị Hồng Nhung - Trung tâm Văn hóa"
# What this CKEditor build says on every start (see test_xss.test_editor_loads_with_the_narrowed_config).
KNOWN_CKEDITOR_WARNING = (
    "[CKEDITOR] Error code: clipboard-image-handling-disabled. {editor: id_body, plugin: uploadimage}"
)
EDITOR = "#cke_id_body"
EDITING_FRAME = f"{EDITOR} iframe.cke_wysiwyg_frame"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "le-ra-quan.jpg"
    Image.new("RGB", (1200, 800), (40, 120, 60)).save(path, "JPEG", quality=90)
    return path


def _record_script_problems(page):
    """Uncaught exceptions, console errors and CKEditor's own error codes; a missing resource is not one."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))

    def on_console(message):
        text = message.text
        if text.startswith("[CKEDITOR] Error code") and text != KNOWN_CKEDITOR_WARNING:
            problems.append(text)
        elif message.type == "error" and not text.startswith("Failed to load resource"):
            problems.append(f"console error: {text}")

    page.on("console", on_console)
    return problems


def _srcset(value):
    """{url: width} of a srcset attribute."""
    return {url: int(width) for url, width in re.findall(r"(\S+) (\d+)w", value)}


def _log_in(page, base_url, user):
    page.goto(f"{base_url}/quan-tri/login/?next=/quan-tri/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base_url}/quan-tri/")


def _choose_category(page, name):
    """The category is an admin autocomplete (select2): open it, search, pick."""
    page.locator("#id_category + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).click()
    assert page.locator("#id_category option:checked").inner_text() == name


def _upload_photo_through_image_dialog(page, photo, alt):
    """Image button → Upload tab → choose the file → "Send it to the server" → alternative text → OK."""
    page.locator(f"{EDITOR} .cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.wait_for()
    # A tab's id is CKEditor's page id ("info", "Upload") and a counter; its title is translated.
    dialog.locator("a.cke_dialog_tab[id^='cke_Upload_']").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(photo)
    with page.expect_response("**/quan-tri/ckeditor/upload/**") as upload:
        dialog.locator("a.cke_dialog_ui_fileButton").click()
    # CKEditor sends the file with XMLHttpRequest and reads the view's JSON answer.
    assert upload.value.status == 200, upload.value.text()
    assert upload.value.json()["uploaded"] == 1, upload.value.text()
    # Then it puts the photo's URL in the first tab and goes back to it.
    url_field = dialog.get_by_label("URL", exact=True)
    page.wait_for_function(
        "field => field.value.startsWith('/media/uploads/')", arg=url_field.element_handle()
    )
    dialog.get_by_label("Chú thích ảnh", exact=True).fill(alt)  # image2's "Alternative text" in Vietnamese
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    dialog.wait_for(state="hidden")


def _submit_and_expect_success(page, button):
    """Submit an admin form and wait for the next page: a success message, or the form again with errors."""
    button.click()
    page.locator(".messagelist .success, .errornote").first.wait_for()
    assert page.locator(".errornote, .errorlist").all_inner_texts() == []
    return page.locator(".messagelist .success").inner_text()


def test_staff_writes_in_ckeditor_uploads_a_photo_and_readers_see_its_renditions(live_server, page, photo):
    base = live_server.url
    user = UserFactory(username="bientap-vien", is_staff=True, is_superuser=True)
    category = CategoryFactory(name="Môi trường")
    problems = _record_script_problems(page)

    _log_in(page, base, user)

    page.goto(f"{base}/quan-tri/articles/article/add/")
    # A function, not an expression: Playwright evaluates an expression anew on every poll, which the page's
    # Content-Security-Policy refuses (no 'unsafe-eval'); a function is evaluated once, through DevTools.
    page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
    # CKEditor really replaced the textarea: a toolbar with its buttons, and an editable iframe.
    assert page.locator(f"{EDITOR} .cke_top").is_visible()
    assert page.locator(f"{EDITOR} .cke_toolbox .cke_button").count() > 5
    assert page.locator(f"{EDITOR} .cke_button__image").is_visible()
    assert page.locator(EDITING_FRAME).is_visible()
    editable = page.frame_locator(EDITING_FRAME).locator("body")
    assert editable.get_attribute("contenteditable") == "true"

    page.locator("#id_title").fill(TITLE)
    _choose_category(page, category.name)
    editable.click()
    page.keyboard.type(PARAGRAPH)
    page.keyboard.press("Enter")
    page.locator("#id_byline").fill(BYLINE)

    _upload_photo_through_image_dialog(page, photo, PHOTO_ALT)
    photo_in_editor = editable.locator("img[data-widget='image']")  # not the widget's drag handle
    assert photo_in_editor.count() == 1
    assert photo_in_editor.get_attribute("src").startswith("/media/uploads/")
    assert photo_in_editor.get_attribute("alt") == PHOTO_ALT
    assert PARAGRAPH in editable.inner_text()

    message = _submit_and_expect_success(page, page.locator("input[name=_save]"))
    assert page.url == f"{base}/quan-tri/articles/article/"
    assert f"“{TITLE}”" in message and "thành công" in message
    article = Article.objects.get()
    assert (article.title, article.category, article.byline) == (TITLE, category, BYLINE)
    assert article.status == Article.Status.DRAFT
    # The link is made on the server from the Vietnamese title, not by the admin's ASCII-only script.
    assert article.slug == slugify_vietnamese(TITLE, max_length=Article.SLUG_MAX_LENGTH)

    # An editor publishes it through the workflow step.
    page.goto(f"{base}/quan-tri/articles/article/{article.pk}/change/")
    page.locator("a.workflow-publish").click()
    page.wait_for_url("**/workflow/publish/")
    _submit_and_expect_success(page, page.get_by_role("button", name="Xuất bản / Hẹn giờ"))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    # A reader (logged out) gets the photo as WebP and JPEG renditions: sized, lazily loaded, described.
    page.context.clear_cookies()
    page.goto(base + article.get_absolute_url())
    body = page.locator(".article__body")
    assert PARAGRAPH in body.inner_text()
    webp = body.locator("picture source[type='image/webp']")
    assert webp.count() == 1
    webp_renditions = _srcset(webp.get_attribute("srcset"))
    assert len(webp_renditions) >= 2 and all(url.endswith(".webp") for url in webp_renditions)
    img = body.locator("picture img")
    assert img.get_attribute("src").startswith("/media/uploads/")
    assert len(_srcset(img.get_attribute("srcset"))) >= 2
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("1200", "800")
    assert img.get_attribute("loading") == "lazy"
    assert img.get_attribute("alt") == PHOTO_ALT
    img.scroll_into_view_if_needed()  # a lazy image loads once it nears the viewport
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    current = img.evaluate("img => img.currentSrc")
    assert current.removeprefix(base) in webp_renditions, current

    assert problems == []
