"""/healthz tells a load balancer or monitoring whether this app server reaches its database and cache."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_for_the_database_and_the_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_healthz_is_never_cached(client):
    client.get("/healthz")
    response = client.get("/healthz")

    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_healthz_costs_one_query_and_no_session_even_for_staff(client, editor, django_assert_num_queries):
    client.force_login(editor)

    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies


def test_healthz_answers_a_probe_by_address_over_plain_http(settings):
    settings.SECURE_SSL_REDIRECT = True
    # A load balancer names the app server by its address, which ALLOWED_HOSTS does not list.
    response = Client().get("/healthz", HTTP_HOST="10.0.0.7:8001")

    assert response.status_code == 200


def test_healthz_says_503_while_the_database_is_down(client, stop_database, caplog):
    stop_database()

    responses = [client.get("/healthz") for _ in range(3)]

    assert [response.status_code for response in responses] == [503] * 3
    assert responses[0].json() == {"database": "fail", "cache": "ok"}
    # Not a line for every probe: the outage itself is logged once (portal/outage.py).
    assert not [record for record in caplog.records if record.name == "django.request"]


def test_healthz_only_reads(client):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
