import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from portal import outage

REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@pytest.fixture
def stop_database(monkeypatch):
    """Call it to have every new connection to the database refused, as while PostgreSQL is stopped.

    The test's own connection (and its transaction) is only set aside, and comes back afterwards.
    """
    # What a worker remembers of an outage is its own: each test starts as a worker that has seen none.
    monkeypatch.setattr(outage, "_last_wait", {})
    monkeypatch.setattr(outage, "_down_since", {})
    database = connections[DEFAULT_DB_ALIAS]

    def refuse():
        raise database.Database.OperationalError(REFUSED)

    def stop():
        monkeypatch.setattr(database, "connection", None)
        monkeypatch.setattr(database, "connect", refuse)
        # Set by the refused connections; the test's connection had none.
        monkeypatch.setattr(database, "errors_occurred", database.errors_occurred)

    return stop
