"""The newsroom's admin pages: timeline, preview, waiting list, revisions, stale edits."""

import re
from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from reversion.models import Version

from accounts.roles import Role
from articles import publishing
from articles.models import Article
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, staff_in_role

pytestmark = pytest.mark.django_db
Status = Article.Status
ADMIN = "/quan-tri/articles/article"


def _login(client, user):
    client.force_login(user)
    return client


def test_timeline_shows_each_step_with_who_and_when(client, contributor, approver):
    article = ArticleFactory(author=contributor, status=Status.DRAFT, title="Bài có lịch sử")
    publishing.submit(article, by=contributor)
    publishing.return_to_author(article, by=approver, reason="Thiếu ảnh minh họa")
    publishing.submit(article, by=contributor)
    publishing.publish(article, by=approver)

    html = _login(client, approver).get(f"{ADMIN}/{article.pk}/change/").content.decode()
    timeline = html[html.index("Quá trình xử lý") :]
    rows = re.findall(
        r"<tr>\s*<td>(\d\d:\d\d \d\d/\d\d/\d{4})</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", timeline
    )
    assert [(who, action) for _, who, action in rows] == [
        ("Nguyễn Văn An", "Gửi duyệt"),
        ("Trần Văn Bình", "Trả bài"),
        ("Nguyễn Văn An", "Gửi duyệt"),
        ("Trần Văn Bình", "Xuất bản"),
    ]
    assert "Thiếu ảnh minh họa" in timeline


def test_workflow_buttons_match_the_role(client, contributor, approver):
    article = ArticleFactory(author=contributor, status=Status.DRAFT)
    contributor_page = _login(client, contributor).get(f"{ADMIN}/{article.pk}/change/").content.decode()
    assert "workflow/submit/" in contributor_page
    assert "workflow/publish/" not in contributor_page
    approver_page = _login(client, approver).get(f"{ADMIN}/{article.pk}/change/").content.decode()
    assert "workflow/publish/" in approver_page


def test_returned_article_shows_the_reason_to_its_author(client, contributor, approver):
    article = ArticleFactory(author=contributor, status=Status.PENDING)
    publishing.return_to_author(article, by=approver, reason="Kiểm tra lại tên đại biểu")
    html = _login(client, contributor).get(f"{ADMIN}/{article.pk}/change/").content.decode()
    assert "Bài bị trả lại: Kiểm tra lại tên đại biểu" in html


def test_waiting_for_me_lists_pending_for_reviewers(client, approver):
    pending = ArticleFactory(status=Status.PENDING, title="Bài đang chờ duyệt")
    ArticleFactory(status=Status.DRAFT, title="Bài nháp của người khác")
    html = _login(client, approver).get(f"{ADMIN}/", {"cho_toi": "1"}).content.decode()
    assert pending.title in html
    assert "Bài nháp của người khác" not in html


def test_preview_shows_an_unpublished_article_as_readers_will_and_counts_nothing(client, contributor):
    article = ArticleFactory(
        author=contributor, status=Status.DRAFT, title="Bản nháp xem trước", view_count=5
    )
    html = _login(client, contributor).get(f"{ADMIN}/{article.pk}/preview/").content.decode()
    assert "Bản xem trước" in html
    assert '<h1 class="article__title">Bản nháp xem trước</h1>' in html
    assert "Lượt xem: <span data-view-count>5</span>" in html
    assert "data-view-url" not in html and "luot-xem.gif" not in html and "views.js" not in html
    article.refresh_from_db()
    assert article.view_count == 5


def test_preview_of_another_contributors_draft_is_refused(client, contributor):
    other = ArticleFactory(status=Status.DRAFT, title="Nháp của người khác")
    response = _login(client, contributor).get(f"{ADMIN}/{other.pk}/preview/")
    assert response.status_code == 404


def test_view_on_site_only_for_public_articles(client, approver):
    public = ArticleFactory()
    draft = ArticleFactory(status=Status.DRAFT)
    _login(client, approver)
    assert public.get_absolute_url() in client.get(f"{ADMIN}/{public.pk}/change/").content.decode()
    assert "viewsitelink" not in client.get(f"{ADMIN}/{draft.pk}/change/").content.decode()


def test_each_save_keeps_a_revision_that_can_be_compared_and_restored(client, approver):
    article = ArticleFactory(title="Tiêu đề ban đầu", body="<p>Nội dung ban đầu.</p>")
    ArticleImageFactory(article=article, caption="Ảnh ban đầu")
    _login(client, approver)
    data = article_form(article, title="Tiêu đề lần một", images=article.images.all())
    assert client.post(f"{ADMIN}/{article.pk}/change/", data).status_code == 302
    article.refresh_from_db()
    data = article_form(article, title="Tiêu đề lần hai", body="<p>Nội dung đã sửa.</p>")
    assert client.post(f"{ADMIN}/{article.pk}/change/", data).status_code == 302
    article.images.all().delete()

    first, second = Version.objects.get_for_object(article).order_by("pk")
    assert first.revision.user == approver
    compare = client.get(
        f"{ADMIN}/{article.pk}/history/compare/", {"version_id1": first.pk, "version_id2": second.pk}
    ).content.decode()
    assert "Tiêu đề lần một" in compare and "Tiêu đề lần hai" in compare

    confirm = client.get(f"{ADMIN}/{article.pk}/history/{first.pk}/")
    assert "Khôi phục phiên bản này" in confirm.content.decode()
    assert client.post(f"{ADMIN}/{article.pk}/history/{first.pk}/").status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề lần một"
    assert article.body == "<p>Nội dung ban đầu.</p>"
    assert [image.caption for image in article.images.all()] == ["Ảnh ban đầu"]
    assert article.status == Status.PUBLISHED  # restoring content never changes the workflow state
    assert Version.objects.get_for_object(article).count() == 3


def test_restoring_a_revision_keeps_views_and_link(client, approver):
    article = ArticleFactory(title="Bản gốc")
    _login(client, approver)
    client.post(f"{ADMIN}/{article.pk}/change/", article_form(article, title="Bản sửa"))
    version = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(view_count=500)
    client.post(f"{ADMIN}/{article.pk}/history/{version.pk}/")
    article.refresh_from_db()
    assert (article.view_count, article.slug) == (500, "ban-goc")


def test_contributor_cannot_read_history_of_others(client, contributor):
    other = ArticleFactory(status=Status.DRAFT)
    _login(client, contributor)
    assert client.get(f"{ADMIN}/{other.pk}/history/").status_code == 404
    assert (
        client.get(f"{ADMIN}/{other.pk}/history/compare/", {"version_id1": 1, "version_id2": 2}).status_code
        == 404
    )
    assert client.get(f"{ADMIN}/abc/history/compare/").status_code == 404


def test_recovering_purged_articles_is_not_offered(client, approver):
    assert _login(client, approver).get(f"{ADMIN}/recover/").status_code == 403


def test_saving_a_stale_form_warns_and_shows_the_difference(client, approver):
    article = ArticleFactory(title="Tin ban đầu", body="<p>Đoạn một.</p>")
    _login(client, approver)
    stale_form = article_form(article, body="<p>Đoạn một, bản của lãnh đạo.</p>")

    # Meanwhile someone else saves.
    article.body = "<p>Đoạn một, bản của người khác.</p>"
    article.save()

    response = client.post(f"{ADMIN}/{article.pk}/change/", stale_form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "sau khi bạn mở trang này" in html
    conflict = unescape(strip_tags(html[html.index("Khác biệt giữa") :])).replace("\xa0", " ")
    assert "Bản đã lưu" in conflict and "Bản của bạn" in conflict
    assert "Đoạn một, bản của người khác." in conflict and "Đoạn một, bản của lãnh đạo." in conflict
    article.refresh_from_db()
    assert article.body == "<p>Đoạn một, bản của người khác.</p>"

    # Saving again after reading the difference is a deliberate overwrite.
    again = dict(stale_form, loaded_version=re.search(r'name="loaded_version" value="(\d+)"', html).group(1))
    assert client.post(f"{ADMIN}/{article.pk}/change/", again).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Đoạn một, bản của lãnh đạo.</p>"


def test_new_article_byline_starts_from_the_writers_name_and_department(client):
    from accounts.models import Department

    writer = staff_in_role(
        Role.CONTRIBUTOR,
        display_name="Hoàng Thị Thu Thủy",
        department=Department.objects.create(name="Tuyên giáo"),
    )
    CategoryFactory()
    html = _login(client, writer).get(f"{ADMIN}/add/").content.decode()
    assert 'value="Hoàng Thị Thu Thủy - Tuyên giáo"' in html


def test_article_list_queries_do_not_grow(client, approver, django_assert_max_num_queries):
    ArticleFactory.create_batch(25, status=Status.PENDING)
    _login(client, approver)
    # 3 of them save the staff session, as every staff request does (settings.SESSION_SAVE_EVERY_REQUEST).
    with django_assert_max_num_queries(18):
        assert client.get(f"{ADMIN}/").status_code == 200


def test_admin_home_says_what_is_waiting(client, contributor, approver):
    ArticleFactory.create_batch(2, status=Status.PENDING)
    ArticleFactory(author=contributor, status=Status.DRAFT, return_reason="Thiếu nguồn")
    assert "2 bài đang chờ bạn xử lý" in _login(client, approver).get("/quan-tri/").content.decode()
    assert "1 bài đang chờ bạn xử lý" in _login(client, contributor).get("/quan-tri/").content.decode()


def test_author_trashes_a_returned_draft_with_its_history(client, contributor, approver):
    article = ArticleFactory(author=contributor, status=Status.PENDING)
    publishing.return_to_author(article, by=approver, reason="Không đăng nữa")
    ArticleImageFactory(article=article)
    _login(client, contributor)
    confirm = client.get(f"{ADMIN}/{article.pk}/delete/").content.decode()
    assert "vào thùng rác" in confirm
    response = client.post(f"{ADMIN}/{article.pk}/delete/", {"post": "yes"}, follow=True)
    assert "Đã chuyển" in response.content.decode()
    article.refresh_from_db()
    assert article.deleted_at is not None and article.deleted_by == contributor
    assert article.images.count() == 1 and article.transitions.count() == 2


def test_bulk_move_to_trash(client, approver):
    articles = ArticleFactory.create_batch(3)
    _login(client, approver)
    data = {"action": "delete_selected", "_selected_action": [a.pk for a in articles]}
    assert "vào thùng rác" in client.post(f"{ADMIN}/", data).content.decode()
    client.post(f"{ADMIN}/", {**data, "post": "yes"})
    assert Article.objects.trashed().count() == 3
    trash = client.get("/quan-tri/articles/trashedarticle/").content.decode()
    assert all(article.title in trash for article in articles)


def test_form_errors_are_announced_in_vietnamese(client, approver):
    response = _login(client, approver).post(f"{ADMIN}/add/", {"title": ""})
    assert "Vui lòng sửa các lỗi bên dưới." in response.content.decode()


# --- the admin's "view on site" shortcut (/quan-tri/r/<content type>/<id>/) -------------------------------


def _shortcut(obj):
    return f"/quan-tri/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def test_view_on_site_shortcut_does_not_reveal_a_colleagues_draft(client, contributor):
    secret = ArticleFactory(status=Status.DRAFT, title="Kế hoạch nhân sự chưa công bố")
    response = _login(client, contributor).get(_shortcut(secret))
    assert response.status_code == 404
    assert secret.slug not in response.get("Location", "") + response.content.decode()


def test_view_on_site_shortcut_still_leads_to_what_the_user_may_see(client, contributor, editor):
    own = ArticleFactory(author=contributor, status=Status.DRAFT)
    colleagues = ArticleFactory(status=Status.DRAFT)
    assert _login(client, contributor).get(_shortcut(own)).url.endswith(own.get_absolute_url())
    assert _login(client, editor).get(_shortcut(colleagues)).url.endswith(colleagues.get_absolute_url())


@pytest.mark.parametrize("path", ["abc/1", "999999/1", "1/abc", "-1/-1"])
def test_view_on_site_shortcut_with_a_malformed_address_is_404(client, editor, path):
    ArticleFactory()
    assert _login(client, editor).get(f"/quan-tri/r/{path}/").status_code == 404


def test_view_on_site_shortcut_refuses_trashed_articles(client, approver):
    trashed = ArticleFactory()
    publishing.trash(trashed, by=approver)
    assert _login(client, approver).get(_shortcut(trashed)).status_code == 404


# --- the article list's author filter ---------------------------------------------------------------------


def test_contributor_gets_no_list_of_colleagues_in_the_article_filters(client, contributor):
    staff_in_role(Role.EDITOR, username="nhanvien-khac")
    ArticleFactory(author=contributor)
    html = _login(client, contributor).get(f"{ADMIN}/").content.decode()
    assert "nhanvien-khac" not in html
    assert "author__id__exact" not in html


def test_author_filter_lists_only_people_who_have_articles(client, editor):
    writer = staff_in_role(Role.CONTRIBUTOR, username="co-bai-viet")
    staff_in_role(Role.CONTRIBUTOR, username="chua-viet-bai")
    ArticleFactory(author=writer)
    html = _login(client, editor).get(f"{ADMIN}/").content.decode()
    assert f"author__id__exact={writer.pk}" in html
    assert "chua-viet-bai" not in html


def test_contributor_forging_the_author_filter_sees_nothing_of_others(client, contributor, editor):
    ArticleFactory(author=editor, title="Bài của biên tập viên")
    response = _login(client, contributor).get(f"{ADMIN}/", {"author__id__exact": editor.pk})
    assert "Bài của biên tập viên" not in response.content.decode()
