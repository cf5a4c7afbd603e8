"""Passwords an account may have: twelve characters at least, and not common, all digits or personal."""

import pytest

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

ADD = "/quan-tri/accounts/user/add/"


@pytest.fixture
def administrator(client, administrator):
    client.force_login(administrator)
    return administrator


def add_editor(client, password, **fields):
    data = {
        "username": "thuthuy",
        "password1": password,
        "password2": password,
        "display_name": "Hoàng Thị Thu Thủy",
        "role": Role.EDITOR,
        **fields,
    }
    return client.post(ADD, data)


def refusal(response) -> str:
    assert response.status_code == 200
    assert not User.objects.filter(username="thuthuy").exists()
    return response.content.decode()


def test_a_password_under_twelve_characters_is_refused(client, administrator):
    page = refusal(add_editor(client, "Bao-Chi-24!"))  # eleven

    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in page


def test_twelve_characters_are_enough(client, administrator):
    response = add_editor(client, "Bao-Chi-224!")

    assert response.status_code == 302
    assert User.objects.get(username="thuthuy").check_password("Bao-Chi-224!")


def test_a_common_password_is_refused(client, administrator):
    page = refusal(add_editor(client, "qwerty123456"))

    assert "Mật khẩu này quá phổ biến, dễ bị đoán ra." in page


def test_a_password_of_digits_only_is_refused(client, administrator):
    page = refusal(add_editor(client, "190219451975"))

    assert "Mật khẩu không được chỉ gồm chữ số." in page


def test_the_name_the_journalist_signs_with_is_refused_as_a_password(client, administrator):
    page = refusal(add_editor(client, "Hoàng Thị Thu Thủy"))

    assert "Mật khẩu quá giống với tên hiển thị." in page


def test_the_add_form_tells_the_rules_in_vietnamese(client, administrator):
    page = client.get(ADD).content.decode()

    assert "Mật khẩu của bạn phải chứa ít nhất 12 ký tự." in page
