import pytest


def outcome(response):
    """HIT, MISS, or None for a page the cache neither served nor stored."""
    return response.headers.get("X-Page-Cache")


@pytest.fixture
def reader(client):
    """An anonymous reader: no session, no cookies."""
    return client
