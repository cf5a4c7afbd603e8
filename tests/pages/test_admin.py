"""The standing pages in the admin: administrators write them; what they save is cleaned for readers."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.pages.models import Page

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:pages_page_add")
LIST_URL = reverse("admin:pages_page_changelist")
XSS_BODY = (
    '<p>Lịch sử Đảng bộ<script>alert("x")</script></p>'
    '<img src="x" alt="Ảnh" onerror="alert(1)">'
    '<a href="javascript:alert(1)">liên kết</a>'
)


def page_form(**fields):
    return {
        "title": "Thành tích",
        "slug": "thanh-tich",
        "parent": "",
        "body": "<p>Huân chương Lao động hạng Nhất.</p>",
        "layout": Page.Layout.TEXT,
        "language": Page.Language.VIETNAMESE,
        "position": "5",
        "is_published": "on",
        **fields,
    }


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_body_is_edited_with_the_articles_editor(admin_client, standard_pages):
    response = admin_client.get(reverse("admin:pages_page_change", args=[standard_pages["lien-he"].pk]))
    assert response.status_code == 200
    widget = response.context["adminform"].form.fields["body"].widget
    assert widget.config_name == "default"  # CKEDITOR_CONFIGS["default"], the articles' allowlisted editor
    assert 'data-type="ckeditortype"' in response.content.decode()


def test_administrator_creates_a_sub_page_that_readers_see(admin_client, standard_pages):
    response = admin_client.post(ADD_URL, page_form(parent=standard_pages["gioi-thieu"].pk))
    assert response.status_code == 302
    page = Page.objects.get(slug="thanh-tich")
    assert page.path == "gioi-thieu/thanh-tich"
    public = admin_client.get("/gioi-thieu/thanh-tich/").content.decode()
    assert "Huân chương Lao động hạng Nhất." in public
    assert (
        '<a href="/gioi-thieu/thanh-tich/">Thành tích</a>'
        in admin_client.get("/gioi-thieu/").content.decode()
    )


def test_a_script_saved_in_the_admin_never_reaches_readers(admin_client, standard_pages):
    page = standard_pages["gioi-thieu/lich-su"]
    change_url = reverse("admin:pages_page_change", args=[page.pk])
    response = admin_client.post(
        change_url, page_form(title=page.title, slug=page.slug, parent=page.parent_id, body=XSS_BODY)
    )
    assert response.status_code == 302
    public = admin_client.get("/gioi-thieu/lich-su/").content.decode()
    assert "Lịch sử Đảng bộ" in public
    for payload in ("<script>alert", "onerror", "javascript:"):
        assert payload not in public
    assert '<img src="x" alt="Ảnh">' in public


def test_photos_in_the_body_need_alt_text(admin_client):
    response = admin_client.post(ADD_URL, page_form(body='<p><img src="/media/a.jpg"></p>'))
    assert response.status_code == 200
    assert "chưa có mô tả (alt)" in response.content.decode()
    assert not Page.objects.filter(slug="thanh-tich").exists()


def test_editing_keeps_a_history_of_versions(admin_client, standard_pages):
    page = standard_pages["lien-he"]
    change_url = reverse("admin:pages_page_change", args=[page.pk])
    for body in ("<p>Bản một.</p>", "<p>Bản hai.</p>"):
        admin_client.post(
            change_url, page_form(title=page.title, slug=page.slug, layout="contact", body=body)
        )
    assert Version.objects.get_for_object(page).count() == 2
    history = admin_client.get(reverse("admin:pages_page_history", args=[page.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"slug": "van-ban"}, "slug", "Đường dẫn này đã dùng cho một mục khác của cổng"),
        ({"slug": "hoi-dap"}, "slug", "Đường dẫn này đã dùng cho một mục khác của cổng"),
        ({"slug": "Thanh_Tich"}, "slug", "Chỉ dùng chữ thường không dấu và chữ số"),
        ({"slug": "thanh--tich"}, "slug", "Chỉ dùng chữ thường không dấu và chữ số"),
        ({"slug": "lien-he"}, None, "Đã có một trang cấp một với đường dẫn này."),
    ],
)
def test_slugs_are_checked_in_vietnamese(admin_client, standard_pages, fields, field, message):
    response = admin_client.post(ADD_URL, page_form(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Page.objects.count() == len(standard_pages)


def test_a_sub_page_slug_is_unique_under_its_parent_only(admin_client, standard_pages):
    about = standard_pages["gioi-thieu"]
    refused = admin_client.post(ADD_URL, page_form(slug="lich-su", parent=about.pk))
    assert "Trang cha này đã có một trang con với đường dẫn này." in refused.content.decode()
    # The same slug under another page, or a reserved word one level down, is a different address.
    accepted = admin_client.post(ADD_URL, page_form(slug="van-ban", parent=standard_pages["lien-he"].pk))
    assert accepted.status_code == 302


def test_pages_are_two_levels_at_most(admin_client, standard_pages):
    response = admin_client.post(ADD_URL, page_form(parent=standard_pages["gioi-thieu/lich-su"].pk))
    # A sub-page is not even offered as a parent.
    assert response.context["adminform"].form.errors["parent"][0].startswith("Hãy chọn một lựa chọn hợp lệ.")
    about = standard_pages["gioi-thieu"]
    response = admin_client.post(
        reverse("admin:pages_page_change", args=[about.pk]),
        page_form(title=about.title, slug=about.slug, parent=standard_pages["lien-he"].pk),
    )
    assert "Trang này đang có trang con nên phải là trang cấp một" in response.content.decode()


def test_list_shows_each_page_under_its_parent(admin_client, standard_pages):
    response = admin_client.get(LIST_URL)
    assert response.status_code == 200
    shown = [str(page) for page in response.context["cl"].result_list]
    assert shown[:5] == [
        "Giới thiệu",
        "Giới thiệu › Lịch sử",
        "Giới thiệu › Chức năng, nhiệm vụ",
        "Giới thiệu › Cơ cấu tổ chức",
        "Giới thiệu › Lãnh đạo",
    ]
    assert shown[5:] == ["Liên hệ", "Introduction"]


@pytest.mark.parametrize("role", ["contributor", "editor", "approver"])
def test_only_administrators_edit_pages(client, request, standard_pages, role):
    client.force_login(request.getfixturevalue(role))
    page = standard_pages["lien-he"]
    for url in (LIST_URL, ADD_URL, reverse("admin:pages_page_change", args=[page.pk])):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("admin:pages_page_change", args=[page.pk]), page_form(body="<p>Sửa.</p>"))
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.body == ""


def test_superuser_edits_pages(superuser_client, standard_pages):
    assert superuser_client.get(LIST_URL).status_code == 200
    assert superuser_client.post(ADD_URL, page_form()).status_code == 302
