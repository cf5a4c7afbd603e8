"""Administrators manage the newsroom's accounts in the admin: each staff member holds exactly one role."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Department, User
from accounts.roles import Role
from tests.factories import UserFactory, staff_in_role

pytestmark = pytest.mark.django_db

USERS = "/quan-tri/accounts/user/"
ADD = f"{USERS}add/"
STRONG_PASSWORD = "Bao-Chi-Huyen-2024!"
STAFF_NEEDS_ONE_ROLE = "Tài khoản nhân viên phải có đúng một vai trò."


def change_url(user):
    return f"{USERS}{user.pk}/change/"


def group_names(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def change_form_data(client, user, **changes):
    """What the browser would post back from the user's change page, with `changes` typed in."""
    response = client.get(change_url(user))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled:
            continue  # browsers don't submit disabled inputs
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)  # an unticked checkbox
        else:
            data[name] = value
    return data


# In this module the test client is the one managing the accounts: the shared people, logged in.
@pytest.fixture
def administrator(client, administrator):
    client.force_login(administrator)
    return administrator


@pytest.fixture
def superuser(client, superuser):
    client.force_login(superuser)
    return superuser


def test_administrator_creates_an_editor_in_a_department(client, administrator):
    department = Department.objects.create(name="Tuyên giáo")
    response = client.post(
        ADD,
        {
            "username": "thuthuy",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
            "display_name": "Hoàng Thị Thu Thủy",
            "department": department.pk,
            "role": Role.EDITOR,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="thuthuy")
    assert user.is_staff
    assert not user.is_superuser
    assert group_names(user) == {Role.EDITOR}
    assert user.has_perm("articles.return_article")
    assert user.byline == "Hoàng Thị Thu Thủy - Tuyên giáo"


def test_add_form_offers_the_four_roles(client, administrator):
    html = client.get(ADD).content.decode()
    assert "— Không có vai trò —" in html
    for role in Role:
        assert f'<option value="{role.value}">{role.value}</option>' in html


def test_changing_role_swaps_the_group(client, administrator):
    editor = staff_in_role(Role.EDITOR)
    response = client.post(change_url(editor), change_form_data(client, editor, role=Role.APPROVER))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert group_names(editor) == {Role.APPROVER}


def test_changing_role_keeps_groups_that_are_not_roles(client, administrator):
    editor = staff_in_role(Role.EDITOR)
    editor.groups.add(Group.objects.create(name="Tổ trực Tết"))
    client.post(change_url(editor), change_form_data(client, editor, role=Role.APPROVER))
    assert group_names(editor) == {Role.APPROVER, "Tổ trực Tết"}


def test_choosing_a_role_lets_the_user_into_the_admin(client, administrator):
    reader = UserFactory(is_staff=False)
    response = client.post(change_url(reader), change_form_data(client, reader, role=Role.CONTRIBUTOR))
    assert response.status_code == 302, response.content.decode()[:3000]
    reader.refresh_from_db()
    assert reader.is_staff
    assert group_names(reader) == {Role.CONTRIBUTOR}


def test_removing_the_role_of_a_non_staff_account_is_allowed(client, administrator):
    contributor = staff_in_role(Role.CONTRIBUTOR)
    response = client.post(
        change_url(contributor), change_form_data(client, contributor, role="", is_staff=None)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    contributor.refresh_from_db()
    assert not contributor.is_staff
    assert group_names(contributor) == set()


def test_staff_without_a_role_is_refused(client, administrator):
    editor = staff_in_role(Role.EDITOR, display_name="Tên cũ")
    data = change_form_data(client, editor, role="", display_name="Tên mới")
    response = client.post(change_url(editor), data)
    assert response.status_code == 200
    assert STAFF_NEEDS_ONE_ROLE in response.content.decode()
    editor.refresh_from_db()
    assert editor.display_name == "Tên cũ"
    assert group_names(editor) == {Role.EDITOR}


def test_own_role_is_shown_but_cannot_be_changed(client, administrator):
    form = client.get(change_url(administrator)).context["adminform"].form
    assert form.fields["role"].disabled
    assert form["role"].value() == Role.ADMINISTRATOR


def test_administrator_cannot_change_own_role(client, administrator):
    data = change_form_data(client, administrator, display_name="Tên mới")
    data["role"] = Role.CONTRIBUTOR  # forged: the page shows the field disabled
    response = client.post(change_url(administrator), data)
    assert response.status_code == 200
    assert "Bạn không thể tự thay đổi vai trò của chính mình." in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.display_name == ""
    assert group_names(administrator) == {Role.ADMINISTRATOR}


def test_administrator_can_still_edit_own_profile(client, administrator):
    response = client.post(
        change_url(administrator), change_form_data(client, administrator, display_name="Trần Văn Quản")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    administrator.refresh_from_db()
    assert administrator.display_name == "Trần Văn Quản"
    assert administrator.is_active and administrator.is_staff
    assert group_names(administrator) == {Role.ADMINISTRATOR}


def test_administrator_does_not_see_superuser_groups_or_permissions_fields(client, administrator):
    html = client.get(change_url(staff_in_role(Role.EDITOR))).content.decode()
    assert 'name="role"' in html
    for name in ("is_superuser", "groups", "user_permissions"):
        assert f'name="{name}"' not in html


def test_administrator_cannot_make_anyone_superuser(client, administrator):
    editor = staff_in_role(Role.EDITOR)
    response = client.post(change_url(editor), change_form_data(client, editor, is_superuser="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_administrator_cannot_create_a_superuser(client, administrator):
    client.post(
        ADD,
        {
            "username": "laman",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
            "role": Role.CONTRIBUTOR,
            "is_superuser": "on",
        },
    )
    assert User.objects.get(username="laman").is_superuser is False


def test_administrator_cannot_edit_groups_or_permissions_directly(client, administrator):
    editor = staff_in_role(Role.EDITOR)
    extra = Group.objects.create(name="Nhóm đặc quyền")
    data = change_form_data(
        client,
        editor,
        groups=[extra.pk, Group.objects.get(name=Role.ADMINISTRATOR).pk],
        user_permissions=[1, 2, 3],
    )
    client.post(change_url(editor), data)
    assert group_names(editor) == {Role.EDITOR}
    assert not User.objects.get(pk=editor.pk).user_permissions.exists()


def test_administrator_cannot_change_a_superuser(client, administrator):
    boss = UserFactory(is_staff=True, is_superuser=True, display_name="Chủ hệ thống")
    username = boss.username
    data = {"username": "doiten", "display_name": "Bị chiếm", "is_active": "on", "is_staff": "on"}
    data["role"] = Role.CONTRIBUTOR
    response = client.post(change_url(boss), data)
    assert response.status_code == 403
    boss.refresh_from_db()
    assert (boss.username, boss.display_name, boss.is_superuser) == (username, "Chủ hệ thống", True)
    assert group_names(boss) == set()


def test_superuser_account_is_read_only_for_administrators(client, administrator):
    boss = UserFactory(is_staff=True, is_superuser=True)
    response = client.get(change_url(boss))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' not in html
    assert 'name="_save"' not in html


def test_administrator_cannot_reset_a_superusers_password(client, administrator):
    boss = UserFactory(is_staff=True, is_superuser=True)
    password_hash = boss.password
    response = client.post(
        f"{USERS}{boss.pk}/password/",
        {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 403
    boss.refresh_from_db()
    assert boss.password == password_hash


def test_superuser_can_change_own_role(client, superuser):
    response = client.post(change_url(superuser), change_form_data(client, superuser, role=Role.APPROVER))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert group_names(superuser) == {Role.APPROVER}


def test_superuser_can_make_another_user_superuser(client, superuser):
    administrator = staff_in_role(Role.ADMINISTRATOR)
    response = client.post(
        change_url(administrator), change_form_data(client, administrator, is_superuser="on")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    administrator.refresh_from_db()
    assert administrator.is_superuser


def test_superuser_needs_no_role(client, superuser):
    response = client.post(change_url(superuser), change_form_data(client, superuser, display_name="Chủ"))
    assert response.status_code == 302, response.content.decode()[:3000]
    superuser.refresh_from_db()
    assert superuser.display_name == "Chủ"


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.EDITOR, Role.APPROVER])
def test_other_roles_cannot_open_the_users_admin(client, role):
    client.force_login(staff_in_role(role))
    assert client.get(USERS).status_code == 403
    assert client.get(ADD).status_code == 403


def test_contributor_does_not_see_users_on_the_admin_index(client):
    client.force_login(staff_in_role(Role.CONTRIBUTOR))
    html = client.get("/quan-tri/").content.decode()
    assert USERS not in html


def deactivate(client, *users):
    return client.post(
        USERS, {"action": "deactivate_users", "_selected_action": [user.pk for user in users]}, follow=True
    )


def test_deactivate_action_locks_the_selected_accounts(client, administrator):
    editor, contributor = staff_in_role(Role.EDITOR), staff_in_role(Role.CONTRIBUTOR)
    bystander = staff_in_role(Role.CONTRIBUTOR)
    response = deactivate(client, editor, contributor)
    assert "Đã khóa 2 tài khoản." in response.content.decode()
    assert not User.objects.get(pk=editor.pk).is_active
    assert not User.objects.get(pk=contributor.pk).is_active
    assert User.objects.get(pk=bystander.pk).is_active


def test_deactivate_action_refuses_to_lock_yourself(client, administrator):
    editor = staff_in_role(Role.EDITOR)
    response = deactivate(client, administrator, editor)
    assert "Bạn không thể tự khóa tài khoản của mình." in response.content.decode()
    assert User.objects.get(pk=administrator.pk).is_active
    assert not User.objects.get(pk=editor.pk).is_active


def test_deactivate_action_skips_superusers_for_administrators(client, administrator):
    boss = UserFactory(is_staff=True, is_superuser=True)
    deactivate(client, boss)
    assert User.objects.get(pk=boss.pk).is_active


def test_activate_action_unlocks_accounts(client, administrator):
    locked = staff_in_role(Role.EDITOR, is_active=False)
    response = client.post(USERS, {"action": "activate_users", "_selected_action": [locked.pk]}, follow=True)
    assert "Đã mở khóa 1 tài khoản." in response.content.decode()
    assert User.objects.get(pk=locked.pk).is_active


def test_user_list_shows_role_and_department(client, administrator):
    staff_in_role(Role.APPROVER, username="lanhdao", department=Department.objects.create(name="Văn phòng"))
    html = client.get(USERS).content.decode()
    assert "Lãnh đạo duyệt bài" in html
    assert "Văn phòng" in html


def test_role_filter_lists_only_that_role(client, administrator):
    staff_in_role(Role.EDITOR, username="bientapvien")
    staff_in_role(Role.CONTRIBUTOR, username="congtacvien")
    response = client.get(USERS, {"role": Role.EDITOR})
    usernames = {user.username for user in response.context["cl"].result_list}
    assert usernames == {"bientapvien"}


def test_user_list_query_count_does_not_grow_with_users(client, administrator):
    department = Department.objects.create(name="Tuyên giáo")

    def list_queries(total):
        while User.objects.count() < total:
            staff_in_role(Role.EDITOR, department=department)
        with CaptureQueriesContext(connection) as context:
            assert client.get(USERS).status_code == 200
        return len(context.captured_queries)

    few, many = list_queries(5), list_queries(30)
    print(f"user list: {few} queries with 5 users, {many} with 30")
    assert few == many
