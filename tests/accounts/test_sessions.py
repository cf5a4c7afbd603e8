"""Staff sessions: a new key at login, gone with the browser, and ended by a working day without a request."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.accounts.logins import is_signed_in, log_in
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def test_login_gives_a_new_session_key(client, editor):
    # A key planted before the login (session fixation) must not become the signed-in session.
    planted = client.session
    planted["planted"] = True
    planted.save()
    client.cookies[COOKIE] = planted.session_key

    assert log_in(client, editor).status_code == 302

    assert client.cookies[COOKIE].value != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    assert is_signed_in(client)


def test_the_session_cookie_ends_with_the_browser(client, editor):
    response = log_in(client, editor)

    cookie = response.cookies[COOKIE]
    assert cookie.value
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_a_working_day_without_a_request_ends_the_session(client, editor, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    start = timezone.now()
    log_in(client, editor)

    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=8, minutes=1)):
        assert not is_signed_in(client)


def test_each_request_moves_the_end_of_the_session(client, editor):
    start = timezone.now()
    log_in(client, editor)

    # Busy all day and into the evening: a request every seven hours keeps the session.
    for hours in (7, 14, 21):
        with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=hours)):
            assert is_signed_in(client), hours
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=21 + 9)):
        assert not is_signed_in(client)


def test_readers_get_no_session(client):
    article = ArticleFactory()

    for url in ["/", article.get_absolute_url(), "/tim-kiem/?q=hoi+nghi"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert COOKIE not in response.cookies, url
    assert not Session.objects.exists()
