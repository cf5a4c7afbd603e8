"""One counting writer at a time on SQLite, queued by the kernel instead of by SQLite's busy handler.

SQLite lets one connection write at a time, and a connection that finds the database locked sleeps (1 ms,
then 2, then 5 and more) before it tries again, though a counted view holds the lock for a tenth of a
millisecond. With a beacon after every article read, two workers kept finding each other's lock and
sleeping. Waiting on a file lock beside the database instead (and on a thread lock between the threads of
one process) wakes the next writer the moment the last one is done. Other databases, an in-memory SQLite
(the tests) and systems without flock go straight on.
"""

import contextlib
import os
import threading

from django.db import connection

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

_between_threads = threading.Lock()
# Per process and path: a lock file opened before a fork would be one lock shared with the child.
_lock_files = {}


@contextlib.contextmanager
def one_writer_at_a_time():
    path = _lock_path()
    if path is None:
        yield
        return
    with _between_threads:
        descriptor = _lock_file(path)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)


def _lock_path() -> str | None:
    if fcntl is None or connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    return f"{connection.settings_dict['NAME']}.writers"


def _lock_file(path: str) -> int:
    key = (os.getpid(), path)
    if key not in _lock_files:
        _lock_files[key] = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    return _lock_files[key]
