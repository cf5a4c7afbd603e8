"""The database unreachable: a page that says so instead of a traceback, and recovery without a restart.

Every exception ends in Django's 500 handler (portal/errors.py), which asks `unreachable()` whether it means
that the database could not be reached. If so, readers get the Vietnamese 503 page with Retry-After: nginx
answers with its last good copy of a page where it has one (proxy_cache_use_stale), search engines come back
later, and pages held by the page cache (on Redis) are still served from there. The log gets one line when a
worker finds the database gone and one when it is back, instead of a traceback for every request between.

Recovery needs nothing: with CONN_HEALTH_CHECKS each worker finds its old connection dead at its next request
and opens a new one, which works again as soon as the database does.

A refused connection (PostgreSQL stopped, its host up) fails at once. A server that does not answer (its host
down, a firewall dropping packets) holds each connection for connect_timeout, which libpq takes no lower than
2 seconds, and one request may connect several times (the page cache's own table, the page, the error page).
So after a connection that waited in vain, a worker does not try again for RETRY_SECONDS: connections fail at
once in that time (portal/postgresql/base.py), and only the first request after it waits. A connection that
failed at once (refused, or a wrong password or database name) is tried again at the next request, and may
then succeed at once: Django's own fallback when the "postgres" database is missing relies on that.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# A failed connection that took this long was waiting for a server that did not answer.
WAITED_SECONDS = 1.0
# What the 503 asks readers' browsers and search engines to wait before asking again.
RETRY_AFTER_SECONDS = 60

# Per database alias, in this worker: when (time.monotonic()) a new connection last waited in vain, and since
# when the database has been found unreachable. Both are forgotten at the next connection made.
_last_wait: dict[str, float] = {}
_down_since: dict[str, float] = {}


def unreachable(error: BaseException | None) -> bool:
    """Whether an exception means a database could not be reached (a 503), rather than a bug (a 500)."""
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    # The same exceptions report a mistyped query on SQLite ("no such table"), a lock timeout or a deadlock:
    # only a connection that could not be made, or has died, is an outage.
    down = [
        database.alias
        for database in connections.all(initialized_only=True)
        if database.connection is None or not database.is_usable()
    ]
    for alias in down:
        _report_down(alias, error)
    return bool(down)


def waited_recently(alias: str) -> bool:
    """Whether a connection to this database waited in vain less than RETRY_SECONDS ago."""
    waited_at = _last_wait.get(alias)
    return waited_at is not None and time.monotonic() - waited_at < RETRY_SECONDS


def connection_failed(alias: str, error: BaseException, *, seconds: float) -> None:
    if seconds >= WAITED_SECONDS:
        _last_wait[alias] = time.monotonic()
    _report_down(alias, error)


def connect() -> None:
    """Log the end of an outage when a connection is made again (PortalConfig.ready)."""
    connection_created.connect(_connected, dispatch_uid="portal-outage-connected")


def _connected(sender, connection, **kwargs):
    _last_wait.pop(connection.alias, None)
    since = _down_since.pop(connection.alias, None)
    if since is not None:
        logger.warning(
            "Database %r reachable again after %.1f s.", connection.alias, time.monotonic() - since
        )


def _report_down(alias: str, error: BaseException) -> None:
    if alias not in _down_since:
        _down_since[alias] = time.monotonic()
        # libpq's messages run over several lines; one line per event keeps the log readable.
        logger.warning(
            "Database %r unreachable, pages answer 503 until it is back: %s",
            alias,
            " ".join(str(error).split()),
        )
