"""A forgotten password is reset by email, from the admin's login page; the link also lifts a lockout."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.accounts.logins import ADDRESS, OTHER_ADDRESS, lock_out, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/quan-tri/quen-mat-khau/"
EMAIL = "thuthuy@huyenuy.example.vn"
NEW_PASSWORD = "Bao-Chi-Huyen-2025!"
LINK = re.compile(r"http://testserver(/quan-tri/dat-lai-mat-khau/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def journalist(db):
    return UserFactory(username="thuthuy", email=EMAIL, display_name="Hoàng Thị Thu Thủy", is_staff=True)


def ask(client, email=EMAIL, address=ADDRESS):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def link_in_the_mail() -> str:
    (message,) = mail.outbox
    return LINK.search(message.body).group(1)


def set_new_password(client, password=NEW_PASSWORD):
    """Follow the mailed link, as the mail client opens it, and send the form it leads to."""
    form_page = client.get(link_in_the_mail(), follow=True)
    assert form_page.status_code == 200
    return client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


def test_the_login_page_offers_it():
    page = Client().get("/quan-tri/login/").content.decode()

    assert f'<a href="{RESET}">Quên mật khẩu?</a>' in page


def test_the_form_is_in_vietnamese_in_the_admins_look(client):
    page = client.get(RESET).content.decode()

    assert "<title>Quên mật khẩu | Quản trị cổng thông tin</title>" in page
    assert "Cổng thông tin điện tử - Quản trị" in page
    assert '<input type="submit" value="Gửi hướng dẫn">' in page


def test_a_known_address_gets_a_link_by_mail(client, journalist, settings):
    settings.DEFAULT_FROM_EMAIL = "Cổng thông tin <khongtraloi@huyenuy.example.vn>"

    response = ask(client)

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/quen-mat-khau/da-gui/"
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert message.from_email == "Cổng thông tin <khongtraloi@huyenuy.example.vn>"
    assert message.subject == "Đặt lại mật khẩu quản trị - Huyện ủy Thanh Hà"
    assert "Xin chào Hoàng Thị Thu Thủy," in message.body
    assert "trong 60 phút tới" in message.body
    assert "Tên đăng nhập của bạn: thuthuy" in message.body
    assert LINK.search(message.body)


def test_an_unknown_address_is_answered_the_same_and_nothing_is_sent(client, journalist):
    response = ask(client, email="nguoila@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/quen-mat-khau/da-gui/"
    assert mail.outbox == []
    page = client.get(response["Location"]).content.decode()
    assert "Nếu địa chỉ vừa nhập thuộc một tài khoản đang hoạt động" in page


def test_the_link_sets_a_new_password_once(client, journalist):
    ask(client)

    response = set_new_password(client)

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/dat-lai-mat-khau/xong/"
    assert "Mật khẩu mới đã được lưu" in client.get(response["Location"]).content.decode()
    assert log_in(Client(), journalist, password=NEW_PASSWORD).status_code == 302
    again = Client().get(link_in_the_mail(), follow=True).content.decode()
    assert "Đường dẫn đặt lại mật khẩu không còn dùng được" in again


def test_the_new_password_must_follow_the_rules(client, journalist):
    ask(client)

    response = set_new_password(client, password="ngan-qua")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in page
    assert "Mật khẩu của bạn phải chứa ít nhất 12 ký tự." in page  # the rules, shown beside the box


def test_the_link_lifts_a_lockout(client, journalist):
    lock_out(Client(), journalist)
    assert log_in(Client(), journalist).status_code == 429

    ask(client)
    set_new_password(client)

    assert log_in(Client(), journalist, password=NEW_PASSWORD).status_code == 302


def test_a_new_password_signs_out_every_other_session(client, journalist):
    elsewhere = Client()
    elsewhere.force_login(journalist)
    assert elsewhere.get("/quan-tri/").status_code == 200

    ask(client)
    set_new_password(client)

    assert elsewhere.get("/quan-tri/").status_code == 302


def test_an_address_may_ask_five_times_an_hour(client, journalist, settings):
    assert settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR == 5
    for _ in range(5):
        assert ask(client).status_code == 302

    response = ask(client)

    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert "Đã có quá nhiều yêu cầu đặt lại mật khẩu từ địa chỉ của bạn" in page
    assert len(mail.outbox) == 5
    assert ask(client, address=OTHER_ADDRESS).status_code == 302
    assert len(mail.outbox) == 6
