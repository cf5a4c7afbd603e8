"""Guessing a password: five wrong ones for an account from one address lock that pair out for a while."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.utils import timezone

from tests.accounts.logins import ADDRESS, OTHER_ADDRESS, is_signed_in, lock_out, log_in

pytestmark = pytest.mark.django_db

ATTEMPTS = "/quan-tri/axes/accessattempt/"


def test_wrong_passwords_below_the_limit_get_the_login_form_again(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for number in range(4):
        response = log_in(client, editor, password=f"doan-sai-{number}")
        assert response.status_code == 200
        assert 'id="login-form"' in response.content.decode()


def test_the_fifth_wrong_password_gets_the_lockout_page_in_vietnamese(client, editor):
    response = lock_out(client, editor)

    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "<title>Tạm khóa đăng nhập | Quản trị cổng thông tin</title>" in page
    assert "đã bị tạm khóa đăng nhập từ địa chỉ của bạn vì nhập sai mật khẩu 5 lần" in page
    assert "Xin thử lại sau 15 phút." in page
    assert '<a href="/quan-tri/quen-mat-khau/">Đặt lại mật khẩu qua email</a>' in page
    # The admin's own look, as on the login page it replaces.
    assert "Cổng thông tin điện tử - Quản trị" in page
    assert 'id="login-form"' not in page


def test_the_right_password_is_refused_while_locked(client, editor):
    lock_out(client, editor)

    response = log_in(client, editor)

    assert response.status_code == 429
    assert not is_signed_in(client)


def test_the_lock_holds_one_account_at_one_address_only(client, editor, approver):
    lock_out(client, editor)

    # A stranger guessing from elsewhere cannot lock the journalist out of their own office.
    assert log_in(Client(), editor, address=OTHER_ADDRESS).status_code == 302
    # Nor does one account's lock close the address to a colleague.
    assert log_in(Client(), approver, address=ADDRESS).status_code == 302


def test_changing_browsers_does_not_reset_the_count(client, editor):
    for number in range(4):
        log_in(client, editor, password=f"doan-sai-{number}", HTTP_USER_AGENT=f"Trình duyệt {number}")

    response = log_in(client, editor, password="doan-sai-5", HTTP_USER_AGENT="Trình duyệt khác")

    assert response.status_code == 429


def test_the_lock_ends_after_the_cool_off(client, editor):
    lock_out(client, editor)
    assert log_in(client, editor).status_code == 429

    # As if the last try were 16 minutes ago (each try while locked starts the 15 minutes again).
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert log_in(client, editor).status_code == 302
    assert is_signed_in(client)


def test_a_successful_login_forgets_earlier_mistakes(client, editor):
    for number in range(4):
        log_in(client, editor, password=f"doan-sai-{number}")
    assert log_in(client, editor).status_code == 302
    client.logout()

    for number in range(4):
        assert log_in(client, editor, password=f"lai-sai-{number}").status_code == 200
    assert log_in(client, editor).status_code == 302


def test_behind_the_proxy_the_readers_address_is_the_one_locked(settings, editor):
    settings.TRUSTED_PROXY = ["127.0.0.1"]
    # A client's own X-Forwarded-For comes first; nginx appends the address it saw, the only one believed.
    lock_out(Client(), editor, address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ADDRESS}")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}
    colleague = log_in(Client(), editor, address="127.0.0.1", HTTP_X_FORWARDED_FOR=OTHER_ADDRESS)
    assert colleague.status_code == 302
    locked = log_in(Client(), editor, address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.1.1.1, {ADDRESS}")
    assert locked.status_code == 429


def test_administrators_see_lockouts_in_vietnamese(client, editor, administrator):
    lock_out(Client(), editor)
    client.force_login(administrator)

    index = client.get("/quan-tri/").content.decode()
    assert "Đăng nhập" in index
    assert "Đăng nhập sai gần đây" in index
    assert "Lịch sử đăng nhập sai" in index
    page = client.get(ATTEMPTS)
    assert page.status_code == 200
    html = page.content.decode()
    assert editor.username in html
    assert ADDRESS in html
    assert '<td class="field-status">Đang bị khóa</td>' in html
    assert "Mở khóa đăng nhập (cho thử lại ngay)" in html
    failures = client.get("/quan-tri/axes/accessfailurelog/")
    assert failures.status_code == 200
    assert AccessFailureLog.objects.filter(username=editor.username).count() == 5


def test_an_administrator_unlocks_the_account(client, editor, administrator):
    lock_out(Client(), editor)
    client.force_login(administrator)

    response = client.post(
        ATTEMPTS,
        {"action": "unlock", "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True))},
        follow=True,
    )

    assert f"Đã mở khóa đăng nhập: {editor.username}." in response.content.decode()
    assert log_in(Client(), editor).status_code == 302
    # What happened stays in the history.
    assert AccessFailureLog.objects.filter(username=editor.username).count() == 5


@pytest.mark.parametrize("role", ["contributor", "editor", "approver"])
def test_other_roles_see_no_login_records(client, request, role):
    client.force_login(request.getfixturevalue(role))

    for url in [ATTEMPTS, "/quan-tri/axes/accessfailurelog/", "/quan-tri/axes/accesslog/"]:
        assert client.get(url).status_code == 403, url
