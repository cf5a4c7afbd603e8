"""Who may do what with documents in the admin, through HTTP as a browser would, forged requests included."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import ROLE_PERMISSIONS, Role, sync_roles
from articles.documents import permissions
from articles.documents.forms import STATUS_REFUSED
from articles.documents.models import Document, DocumentKind
from tests.documents.admin_forms import ADMIN, document_form
from tests.documents.factories import DocumentFactory, DocumentFileFactory, pdf_bytes
from tests.factories import staff_in_role

pytestmark = pytest.mark.django_db
Status = Document.Status


def _login(client, user):
    client.force_login(user)
    return client


def _pdf(name="Kết luận 12-KL-HU.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


# --- the roles hold the library's permissions after `migrate` -----------------------------------------------


def test_migrations_leave_every_role_in_sync_with_roles_py():
    # The test database is built by the migrations, so this is what a fresh `manage.py migrate` gives.
    assert sync_roles(Group, Permission) == []


def test_roles_grant_the_library_step_by_step():
    def holds(role, permission):
        return permission in ROLE_PERMISSIONS[role]

    assert holds(Role.CONTRIBUTOR, permissions.ADD_DOCUMENT)
    assert not holds(Role.CONTRIBUTOR, permissions.EDIT_OTHERS_DOCUMENT)
    assert holds(Role.EDITOR, permissions.EDIT_OTHERS_DOCUMENT)
    assert not holds(Role.EDITOR, permissions.PUBLISH_DOCUMENT)
    assert holds(Role.APPROVER, permissions.PUBLISH_DOCUMENT)
    assert holds(Role.APPROVER, permissions.EDIT_PUBLISHED_DOCUMENT)
    assert not holds(Role.APPROVER, permissions.DELETE_DOCUMENT)
    assert holds(Role.ADMINISTRATOR, permissions.DELETE_DOCUMENT)
    assert holds(Role.ADMINISTRATOR, permissions.CHANGE_DOCUMENTKIND)


def test_the_nine_kinds_exist_in_order():
    assert list(DocumentKind.objects.values_list("name", flat=True)) == [
        "Nghị quyết",
        "Chỉ thị",
        "Kết luận",
        "Quyết định",
        "Kế hoạch",
        "Báo cáo",
        "Thông báo",
        "Hướng dẫn",
        "Công văn",
    ]


# --- contributors draft -------------------------------------------------------------------------------------


def test_contributor_adds_a_draft_with_a_file(client, contributor):
    response = _login(client, contributor).post(f"{ADMIN}/add/", document_form(files=[_pdf()]))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.status == Status.DRAFT
    assert document.author == contributor
    assert document.files.get().original_name == "Kết luận 12-KL-HU.pdf"
    # Not public: readers get a 404.
    assert client.get(document.get_absolute_url()).status_code == 404


def test_contributor_sends_a_draft_for_review(client, contributor):
    _login(client, contributor).post(f"{ADMIN}/add/", document_form(status=Status.PENDING))
    assert Document.objects.get().status == Status.PENDING


def test_contributor_is_offered_no_publishing(client, contributor):
    html = _login(client, contributor).get(f"{ADMIN}/add/").content.decode()
    assert 'value="draft"' in html
    assert 'value="pending"' in html
    assert 'value="published"' not in html
    assert 'value="unpublished"' not in html
    assert 'name="published_at_0"' not in html


@pytest.mark.parametrize("forged", [Status.PUBLISHED, Status.UNPUBLISHED, "bogus"])
def test_contributor_cannot_publish_by_forging_the_status(client, contributor, forged):
    form = document_form(
        files=[_pdf()], status=forged, published_at_0="01/01/2024", published_at_1="08:00:00"
    )
    response = _login(client, contributor).post(f"{ADMIN}/add/", form)
    assert response.status_code == 200
    assert STATUS_REFUSED in response.content.decode()
    assert not Document.objects.exists()


def test_contributor_cannot_publish_their_draft_by_forging_the_change_form(client, contributor):
    document = DocumentFactory(author=contributor, status=Status.DRAFT, published_at=None)
    form = document_form(document, status=Status.PUBLISHED)
    response = _login(client, contributor).post(f"{ADMIN}/{document.pk}/change/", form)
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert client.get(document.get_absolute_url()).status_code == 404


def test_contributor_cannot_use_the_publish_action(client, contributor):
    document = DocumentFactory(author=contributor, status=Status.DRAFT, published_at=None)
    response = _login(client, contributor).post(
        f"{ADMIN}/", {"action": "publish_selected", "_selected_action": [document.pk]}
    )
    assert response.status_code in {200, 302}
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_contributor_sees_only_their_own_documents(client, contributor, editor):
    own = DocumentFactory(author=contributor, number="01-KL/CTV", status=Status.DRAFT, published_at=None)
    others = DocumentFactory(author=editor, number="02-KL/BTV", status=Status.DRAFT, published_at=None)
    html = _login(client, contributor).get(f"{ADMIN}/").content.decode()
    assert own.number in html
    assert others.number not in html
    assert client.get(f"{ADMIN}/{others.pk}/change/").status_code == 302  # "does not exist", back to the list
    others_file = DocumentFileFactory(document=others)
    assert (
        others_file.original_name
        not in client.get(f"{ADMIN}/{others.pk}/change/", follow=True).content.decode()
    )


def test_contributor_cannot_edit_their_document_once_sent_for_review(client, contributor):
    document = DocumentFactory(
        author=contributor, status=Status.PENDING, published_at=None, summary="Bản gốc"
    )
    response = _login(client, contributor).post(
        f"{ADMIN}/{document.pk}/change/", document_form(document, summary="Sửa lén")
    )
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.summary == "Bản gốc"


def test_contributor_cannot_delete(client, contributor):
    document = DocumentFactory(author=contributor, status=Status.DRAFT, published_at=None)
    response = _login(client, contributor).post(f"{ADMIN}/{document.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


def test_contributor_cannot_manage_the_kinds(client, contributor):
    response = _login(client, contributor).post(
        "/quan-tri/documents/documentkind/add/", {"name": "Quy định", "order": 10}
    )
    assert response.status_code == 403
    assert not DocumentKind.objects.filter(name="Quy định").exists()


# --- editors edit others' unpublished documents -------------------------------------------------------------


def test_editor_edits_a_colleagues_draft_but_cannot_publish_it(client, contributor, editor):
    document = DocumentFactory(author=contributor, status=Status.PENDING, published_at=None)
    _login(client, editor)
    response = client.post(f"{ADMIN}/{document.pk}/change/", document_form(document, signer="Người ký mới"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.signer == "Người ký mới"
    response = client.post(f"{ADMIN}/{document.pk}/change/", document_form(document, status=Status.PUBLISHED))
    assert STATUS_REFUSED in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.PENDING


def test_editor_keeps_an_unpublished_document_unpublished_while_fixing_it(client, editor):
    document = DocumentFactory(status=Status.UNPUBLISHED, summary="Có lỗi chính tả")
    response = _login(client, editor).post(
        f"{ADMIN}/{document.pk}/change/", document_form(document, summary="Đã sửa lỗi chính tả")
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.summary) == (Status.UNPUBLISHED, "Đã sửa lỗi chính tả")


def test_editor_cannot_edit_a_published_document(client, editor):
    document = DocumentFactory(summary="Đã đăng")
    response = _login(client, editor).post(
        f"{ADMIN}/{document.pk}/change/", document_form(document, summary="Sửa bài đã đăng")
    )
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.summary == "Đã đăng"


# --- approvers publish --------------------------------------------------------------------------------------


def test_approver_publishes_by_the_status_field(client, contributor, approver):
    document = DocumentFactory(author=contributor, status=Status.PENDING, published_at=None)
    DocumentFileFactory(document=document)
    response = _login(client, approver).post(
        f"{ADMIN}/{document.pk}/change/", document_form(document, status=Status.PUBLISHED)
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.published_at <= timezone.now()
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get(document.files.get().get_absolute_url()).status_code == 200


def test_approver_schedules_a_document(client, approver):
    document = DocumentFactory(status=Status.PENDING, published_at=None)
    later = timezone.localtime() + timedelta(days=2)
    form = document_form(
        document,
        status=Status.PUBLISHED,
        published_at_0=later.strftime("%d/%m/%Y"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    assert _login(client, approver).post(f"{ADMIN}/{document.pk}/change/", form).status_code == 302
    document.refresh_from_db()
    assert document.is_scheduled
    assert client.get(document.get_absolute_url()).status_code == 404
    assert "Hẹn giờ đăng" in client.get(f"{ADMIN}/").content.decode()


def test_approver_publishes_and_unpublishes_with_the_list_actions(client, approver):
    drafts = [DocumentFactory(status=Status.PENDING, published_at=None) for _ in range(2)]
    _login(client, approver)
    client.post(f"{ADMIN}/", {"action": "publish_selected", "_selected_action": [d.pk for d in drafts]})
    for document in drafts:
        document.refresh_from_db()
        assert document.is_public
    client.post(f"{ADMIN}/", {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == Status.UNPUBLISHED
    assert client.get(drafts[0].get_absolute_url()).status_code == 404


def test_approver_edits_a_published_document(client, approver):
    document = DocumentFactory(summary="Bản cũ")
    response = _login(client, approver).post(
        f"{ADMIN}/{document.pk}/change/", document_form(document, summary="Bản mới", slug="doi-duong-dan")
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.summary == "Bản mới"
    assert document.slug != "doi-duong-dan"  # a published link keeps working


def test_approver_cannot_delete(client, approver):
    document = DocumentFactory()
    assert _login(client, approver).post(f"{ADMIN}/{document.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


# --- administrators also delete and manage the kinds --------------------------------------------------------


def test_administrator_deletes_a_document(client, administrator):
    document = DocumentFactory()
    response = _login(client, administrator).post(f"{ADMIN}/{document.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()


def test_administrator_adds_a_kind_that_the_library_then_offers(client, administrator):
    response = _login(client, administrator).post(
        "/quan-tri/documents/documentkind/add/", {"name": "Quy định", "order": 10}
    )
    assert response.status_code == 302
    kind = DocumentKind.objects.get(name="Quy định")
    assert f'<option value="{kind.pk}">Quy định</option>' in client.get("/van-ban/").content.decode()


def test_a_kind_in_use_cannot_be_deleted(client, administrator):
    document = DocumentFactory()
    _login(client, administrator).post(
        f"/quan-tri/documents/documentkind/{document.kind_id}/delete/", {"post": "yes"}
    )
    assert DocumentKind.objects.filter(pk=document.kind_id).exists()


# --- linking articles to documents --------------------------------------------------------------------------


def _autocomplete(client, term=""):
    response = client.get(
        "/quan-tri/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "related_documents", "term": term},
    )
    assert response.status_code == 200
    return {result["text"].split(":")[0] for result in json.loads(response.content)["results"]}


def test_a_contributor_can_link_any_public_document_and_their_own_but_not_others_drafts(client, contributor):
    colleague = staff_in_role(Role.CONTRIBUTOR, username="dongnghiep")
    DocumentFactory(number="01-KL/TW", author=colleague)
    DocumentFactory(number="02-KL/HU", author=contributor, status=Status.DRAFT, published_at=None)
    DocumentFactory(number="03-KL/HU", author=colleague, status=Status.DRAFT, published_at=None)
    assert _autocomplete(_login(client, contributor)) == {"01-KL/TW", "02-KL/HU"}


def test_the_autocomplete_searches_without_accents(client, editor):
    DocumentFactory(number="08-CT/HU", summary="Về công tác phòng, chống thiên tai")
    DocumentFactory(number="09-CT/HU", summary="Về tuyển chọn công dân nhập ngũ")
    _login(client, editor)
    assert _autocomplete(client, "thien tai") == {"08-CT/HU"}
    assert _autocomplete(client, "09-CT") == {"09-CT/HU"}
