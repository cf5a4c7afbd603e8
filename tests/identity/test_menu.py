"""The main menu: the usual portal menu by default, the administrators' own once they set one."""

import re

import pytest

from articles.pages.models import Page
from portal.identity.models import MenuItem
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

ADD_ENTRY = "/quan-tri/identity/menuitem/add/"


def _menu_titles(client):
    page = client.get("/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)
    wide = nav.split('class="site-nav__wide"', 1)[1]
    return [
        re.sub(r"<[^>]+>|\s+", " ", title).strip() for title in re.findall(r"<a [^>]*>(.*?)</a>", wide, re.S)
    ]


def _entry_form(**values):
    return {
        "title": "",
        "category": "",
        "page": "",
        "url": "",
        "parent": "",
        "position": 0,
        "is_visible": "on",
        **values,
    }


def _about_page():
    about = Page.objects.filter(slug="gioi-thieu", parent=None).first()
    return about or Page.objects.create(title="Giới thiệu", slug="gioi-thieu")


def test_without_entries_the_menu_is_the_usual_portal_menu(client):
    _about_page()
    CategoryFactory(name="Xây dựng Đảng", order=1)
    Page.objects.get_or_create(slug="lien-he", parent=None, defaults={"title": "Liên hệ"})

    titles = _menu_titles(client)

    expected = ["Trang chủ", "Giới thiệu", "Xây dựng Đảng", "Văn bản", "Hỏi đáp", "Liên hệ"]
    assert [title for title in titles if title in expected] == expected


def test_the_administrators_order_replaces_the_usual_menu(client):
    category = CategoryFactory(name="Xây dựng Đảng")
    MenuItem.objects.create(kind="questions", position=1)
    MenuItem.objects.create(kind="category", category=category, title="Công tác Đảng", position=2)
    MenuItem.objects.create(kind="home", position=3)
    MenuItem.objects.create(kind="link", title="Cổng tỉnh", url="https://haiduong.gov.vn", position=4)
    MenuItem.objects.create(kind="documents", position=5, is_visible=False)

    titles = _menu_titles(client)

    assert titles[:4] == ["Hỏi đáp", "Công tác Đảng", "Trang chủ", "Cổng tỉnh"]
    assert "Văn bản" not in titles


def test_a_sub_entry_is_shown_under_its_parent(client):
    parent = MenuItem.objects.create(kind="link", title="Chuyên đề", url="/chuyen-de/")
    MenuItem.objects.create(kind="site_map", parent=parent)

    page = client.get("/").content.decode()

    assert re.search(r"Chuyên đề.*?<ul.*?Sơ đồ cổng", page, re.S)


def test_a_change_in_the_admin_reorders_the_menu_on_the_next_request(client, administrator):
    MenuItem.objects.create(kind="home", position=1)
    questions = MenuItem.objects.create(kind="questions", position=2)
    assert _menu_titles(client)[:2] == ["Trang chủ", "Hỏi đáp"]
    client.force_login(administrator)

    response = client.post(
        f"/quan-tri/identity/menuitem/{questions.pk}/change/", _entry_form(kind="questions", position=0)
    )

    assert response.status_code == 302
    assert _menu_titles(client)[:2] == ["Hỏi đáp", "Trang chủ"]


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("category", "category", "Chọn chuyên mục cho mục loại “Một chuyên mục”."),
        ("page", "page", "Chọn trang cho mục loại “Một trang thông tin”."),
        ("link", "url", "Nhập đường dẫn cho mục loại “Đường dẫn khác”."),
    ],
)
def test_each_kind_asks_for_its_target_in_vietnamese(client, administrator, kind, field, message):
    client.force_login(administrator)

    response = client.post(ADD_ENTRY, _entry_form(kind=kind))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MenuItem.objects.exists()


def test_a_target_that_does_not_belong_to_the_kind_is_refused(client, administrator):
    client.force_login(administrator)

    response = client.post(ADD_ENTRY, _entry_form(kind="home", url="/so-do-cong/"))

    assert "Chỉ nhập đường dẫn cho mục loại “Đường dẫn khác”." in response.content.decode()
    assert not MenuItem.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "ftp://files.example/",
        "vbscript:msgbox(1)",
    ],
)
def test_a_link_that_is_not_a_web_address_is_refused(client, administrator, url):
    client.force_login(administrator)

    response = client.post(ADD_ENTRY, _entry_form(kind="link", title="Xem", url=url))

    assert response.status_code == 200
    assert "hoặc một địa chỉ bắt đầu bằng http:// hoặc https://" in response.content.decode()
    assert not MenuItem.objects.exists()


@pytest.mark.parametrize("url", ["/so-do-cong/", "https://dangcongsan.vn/", "http://example.vn/a?b=c"])
def test_a_site_path_or_web_address_is_accepted(client, administrator, url):
    client.force_login(administrator)

    response = client.post(ADD_ENTRY, _entry_form(kind="link", title="Xem", url=url))

    assert response.status_code == 302
    assert MenuItem.objects.get().url == url


def test_a_sub_entry_must_hang_from_a_top_entry(client, administrator):
    top = MenuItem.objects.create(kind="link", title="Chuyên đề", url="/chuyen-de/")
    middle = MenuItem.objects.create(kind="home", parent=top)
    client.force_login(administrator)

    response = client.post(ADD_ENTRY, _entry_form(kind="questions", parent=middle.pk))

    assert response.status_code == 200
    assert MenuItem.objects.count() == 2


def test_an_entry_with_sub_entries_stays_at_the_top(client, administrator):
    top = MenuItem.objects.create(kind="link", title="Chuyên đề", url="/chuyen-de/")
    MenuItem.objects.create(kind="home", parent=top)
    other = MenuItem.objects.create(kind="questions")
    client.force_login(administrator)

    response = client.post(
        f"/quan-tri/identity/menuitem/{top.pk}/change/",
        _entry_form(kind="link", title="Chuyên đề", url="/chuyen-de/", parent=other.pk),
    )

    assert "Mục này đang có mục con nên phải ở cấp một." in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_the_menu_is_escaped(client):
    MenuItem.objects.create(kind="link", title="<img src=x onerror=alert(1)>", url="/a/")

    page = client.get("/").content.decode()

    assert "<img src=x" not in page
