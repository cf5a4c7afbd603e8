"""Django's PostgreSQL backend, except that a worker does not wait again on a server that kept it waiting.

After a connection that waited connect_timeout in vain, new ones fail at once for outage.RETRY_SECONDS instead
of each waiting as long (portal/outage.py). settings.py puts this backend in place of Django's whenever
DATABASE_URL is a PostgreSQL one.
"""

import time

from django.db.backends.postgresql import base

from portal import outage


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if outage.waited_recently(self.alias):
            raise self.Database.OperationalError(
                f"not connecting: a connection waited in vain less than {outage.RETRY_SECONDS:g} s ago"
            )
        started = time.monotonic()
        try:
            return super().get_new_connection(conn_params)
        except self.Database.OperationalError as error:
            outage.connection_failed(self.alias, error, seconds=time.monotonic() - started)
            raise
