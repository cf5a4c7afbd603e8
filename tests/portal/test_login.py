"""Logging in to the admin always lands somewhere that exists."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's


def _log_in(client, next_url):
    user = UserFactory(is_staff=True, is_superuser=True)
    return client.post(
        f"/quan-tri/login/?next={next_url}",
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )


def test_login_with_another_sites_address_as_next_lands_in_the_admin(client):
    response = _log_in(client, "https://evil.example/")

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/"


def test_login_with_an_address_of_this_site_as_next_lands_there(client):
    response = _log_in(client, "/quan-tri/articles/article/")

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/articles/article/"
