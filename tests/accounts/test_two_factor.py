"""Two-step sign-in: with REQUIRE_2FA on, the roles that publish or manage accounts reach the admin only
after a code from an authenticator app (or a one-time recovery code), enforced on every admin URL."""

import re
from base64 import b32encode
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from articles.models import Article
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's
LOGIN = "/quan-tri/login/"
ADMIN = "/quan-tri/"
VERIFY = "/quan-tri/xac-thuc/"
ENROL = "/quan-tri/xac-thuc/dang-ky/"
RECOVERY_CODES = "/quan-tri/xac-thuc/ma-du-phong/"
USERS = "/quan-tri/accounts/user/"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.REQUIRE_2FA = True


def sign_in(client, user, next_url=ADMIN):
    """The first step, as a person does it: the admin's login form (django-axes sees the request)."""
    response = client.post(f"{LOGIN}?next={next_url}", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def code_for(device, steps_ahead=0):
    """The code the phone's app shows now (or that many 30-second steps later), computed from the secret."""
    t0 = device.t0 - steps_ahead * device.step
    return f"{totp(device.bin_key, step=device.step, t0=t0, digits=device.digits):0{device.digits}d}"


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name=two_factor.AUTHENTICATOR_NAME, confirmed=True)


def verified_client(client, user):
    """The client signed in both steps, through the pages."""
    device = enrolled(user)
    sign_in(client, user)
    response = client.post(f"{VERIFY}?next={ADMIN}", {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == ADMIN
    return client


def test_approver_with_a_password_alone_is_sent_to_enrol(client, approver):
    response = sign_in(client, approver)
    assert response["Location"] == ADMIN

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={ADMIN}"


@pytest.mark.parametrize("person", ["administrator", "superuser"])
def test_administrators_and_superusers_are_asked_too(client, request, person):
    user = request.getfixturevalue(person)
    enrolled(user)
    sign_in(client, user)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={ADMIN}"


@pytest.mark.parametrize("person", ["contributor", "editor"])
def test_contributors_and_editors_are_not_asked(client, request, person):
    sign_in(client, request.getfixturevalue(person))

    assert client.get(ADMIN).status_code == 200


def test_nobody_is_asked_while_require_2fa_is_off(client, settings, approver):
    settings.REQUIRE_2FA = False
    enrolled(approver)
    sign_in(client, approver)

    assert client.get(ADMIN).status_code == 200


def test_enrolment_shows_a_qr_code_drawn_here_and_the_secret(client, approver):
    sign_in(client, approver)

    page = client.get(ENROL).content.decode()

    device = TOTPDevice.objects.get(user=approver, confirmed=False)
    assert '<svg viewBox="0 0 ' in page and 'class="two-factor-qr"' in page
    secret = b32encode(device.bin_key).decode()
    assert " ".join(re.findall(".{4}", secret)) in page
    # The secret goes to no other site (no QR code service) and the page needs no inline script or style,
    # which the Content-Security-Policy would block.
    assert "otpauth" not in page
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    # Reloading keeps the secret the phone may already have scanned.
    client.get(ENROL)
    assert TOTPDevice.objects.get(user=approver).key == device.key


def test_enrolment_with_a_code_from_the_app_opens_the_admin_and_shows_recovery_codes_once(client, approver):
    sign_in(client, approver)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=approver, confirmed=False)

    response = client.post(f"{ENROL}?next={ADMIN}", {"code": code_for(device), "next": ADMIN})

    assert response.status_code == 200
    page = response.content.decode()
    shown = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page)
    assert len(shown) == two_factor.RECOVERY_CODE_COUNT
    stored = set(StaticToken.objects.filter(device__user=approver).values_list("token", flat=True))
    assert {code.replace("-", "") for code in shown} == stored
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert "no-store" in response["Cache-Control"]

    assert client.get(ADMIN).status_code == 200
    # Shown once: the enrolment page is over for this user and shows them to nobody again.
    again = client.get(ENROL)
    assert again.status_code == 302
    assert shown[0] not in client.get(again["Location"]).content.decode()


def test_a_wrong_code_does_not_enrol(client, approver):
    sign_in(client, approver)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=approver)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(ENROL, {"code": wrong})

    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert not StaticToken.objects.exists()
    assert client.get(ADMIN)["Location"].startswith(ENROL)


def test_a_code_from_the_app_opens_the_admin(client, approver):
    device = enrolled(approver)
    sign_in(client, approver, next_url="/quan-tri/articles/article/")
    response = client.get("/quan-tri/articles/article/")
    assert response["Location"] == f"{VERIFY}?next=/quan-tri/articles/article/"

    response = client.post(response["Location"], {"code": code_for(device)})

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/articles/article/"
    assert client.get("/quan-tri/articles/article/").status_code == 200


def test_a_code_used_once_is_not_taken_again(client, approver):
    device = enrolled(approver)
    code = code_for(device)
    sign_in(client, approver)
    client.post(VERIFY, {"code": code})
    client.post("/quan-tri/logout/")

    sign_in(client, approver)
    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


def test_after_a_wrong_code_the_next_try_must_wait(client, settings, approver):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute after the first failure, so a slow run still sees it
    device = enrolled(approver)
    sign_in(client, approver)
    client.post(VERIFY, {"code": f"{(int(code_for(device)) + 1) % 1_000_000:06d}"})

    response = client.post(VERIFY, {"code": code_for(device)})

    assert "Hãy đợi" in response.content.decode()
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


def test_a_recovery_code_works_once(client, approver):
    enrolled(approver)
    code = two_factor.issue_recovery_codes(approver)[0]
    sign_in(client, approver)

    response = client.post(f"{VERIFY}?next={ADMIN}", {"code": code.upper().replace("-", " ")})

    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200
    assert StaticToken.objects.filter(device__user=approver).count() == two_factor.RECOVERY_CODE_COUNT - 1
    client.post("/quan-tri/logout/")
    sign_in(client, approver)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "đã được dùng" in response.content.decode()
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


def test_a_verified_user_makes_new_recovery_codes_and_the_old_ones_stop(client, approver):
    old = two_factor.issue_recovery_codes(approver)
    verified_client(client, approver)

    response = client.post(RECOVERY_CODES)

    new = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", response.content.decode())
    assert len(new) == two_factor.RECOVERY_CODE_COUNT
    stored = set(StaticToken.objects.filter(device__user=approver).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in new}
    assert not stored & {code.replace("-", "") for code in old}
    # Still signed in: the session's device is the app, and new codes leave it alone.
    assert client.get(ADMIN).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        ADMIN,
        "/quan-tri/articles/article/",
        "/quan-tri/articles/article/add/",
        USERS,
        "/quan-tri/password_change/",
        "/quan-tri/autocomplete/?app_label=articles&model_name=article&field_name=category",
        "/quan-tri/ckeditor/browse/",
        RECOVERY_CODES,
    ],
)
def test_a_password_alone_opens_no_admin_page(client, approver, url):
    enrolled(approver)
    sign_in(client, approver)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


def test_a_password_alone_changes_nothing(client, administrator):
    enrolled(administrator)
    category = CategoryFactory()
    sign_in(client, administrator)

    response = client.post(
        "/quan-tri/articles/article/add/",
        {"title": "Bài viết lén", "category": category.pk, "lead": "Tóm tắt", "body": "<p>Nội dung</p>"},
    )
    upload = client.post("/quan-tri/ckeditor/upload/", {}, HTTP_ORIGIN="http://testserver")

    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert upload.status_code == 302 and upload["Location"].startswith(VERIFY)
    assert not Article.objects.filter(title="Bài viết lén").exists()


def test_the_login_page_sends_a_half_signed_in_user_on_to_the_second_step(client, approver):
    enrolled(approver)
    sign_in(client, approver)

    response = client.get(f"{LOGIN}?next=/quan-tri/articles/article/")

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=/quan-tri/articles/article/"


def test_a_half_signed_in_user_can_log_out(client, approver):
    enrolled(approver)
    sign_in(client, approver)

    client.post("/quan-tri/logout/")

    response = client.get(ADMIN)
    assert response["Location"].startswith(LOGIN)
    assert client.get(VERIFY)["Location"].startswith(LOGIN)


def test_the_second_step_pages_need_the_password_first(client, approver):
    enrolled(approver)

    for url in (VERIFY, ENROL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_an_administrator_resets_a_lost_phone(client, administrator, approver):
    old_session = verified_client(Client(), approver)  # verified with the phone now lost
    two_factor.issue_recovery_codes(approver)
    verified_client(client, administrator)

    response = client.post(
        USERS, {"action": "reset_two_factor", "_selected_action": [approver.pk]}, follow=True
    )

    assert "Đã xóa thiết bị xác thực hai bước của 1 tài khoản" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert not StaticToken.objects.filter(device__user=approver).exists()
    entry = LogEntry.objects.get(object_id=str(approver.pk))
    assert entry.user == administrator and "xác thực hai bước" in entry.get_change_message()
    # The session verified with the old phone is stopped at once, and sent to enrol a new one.
    assert old_session.get(ADMIN)["Location"].startswith(ENROL)


def test_an_administrator_cannot_reset_a_superusers_devices(client, administrator, superuser):
    enrolled(superuser)
    verified_client(client, administrator)

    response = client.post(
        USERS, {"action": "reset_two_factor", "_selected_action": [superuser.pk]}, follow=True
    )

    assert "Đã bỏ qua tài khoản superuser" in response.content.decode()
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_the_user_list_shows_who_has_enrolled(client, administrator, editor):
    verified_client(client, administrator)

    page = client.get(USERS).content.decode()

    assert "Xác thực hai bước" in page
    rows = {m[0]: m[1] for m in re.findall(r'>(quantri|btv)</a>.*?alt="(True|False)"', page, re.S)}
    assert rows == {"quantri": "True", "btv": "False"}


def test_devices_are_managed_from_the_user_list_alone(client, superuser):
    verified_client(client, superuser)

    assert client.get("/quan-tri/otp_totp/totpdevice/").status_code == 404
    assert client.get("/quan-tri/otp_static/staticdevice/").status_code == 404


@pytest.mark.parametrize(
    ("required", "says"),
    [(True, "Two-step sign-in is on"), (False, "with the password alone: two-step sign-in is off")],
)
def test_seed_demo_says_how_to_sign_in(settings, required, says):
    settings.REQUIRE_2FA = required
    stdout = StringIO()

    call_command("seed_demo", "--articles", "0", stdout=stdout, stderr=StringIO())

    assert says in stdout.getvalue()
