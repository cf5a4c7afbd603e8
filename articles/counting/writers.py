"""One counting writer at a time on SQLite, queued by the kernel instead of by SQLite's busy handler.

SQLite lets one connection write at a time, and a connection that finds the database locked sleeps (1 ms,
then 2, then 5 and more) before it tries again, though a counted view holds the lock for a tenth of a
millisecond. With a beacon after every article read, two workers kept finding each other's lock and
sleeping. Waiting on a file lock beside the database instead (and on a thread lock between the threads of
one process) wakes the next writer the moment the last one is done. Other databases, an in-memory SQLite
(the tests) and systems without flock go straight on.

The write-ahead log must be copied back into the database from time to time (a checkpoint: the copy and a
disk sync on either side). SQLite does it inside the commit that fills the log past wal_autocheckpoint
pages, that is, while this lock is held and every other worker's view waits, for milliseconds. So a worker
also copies the log itself, every CHECKPOINT_EVERY views it counted, after its answer is sent and outside
the lock (`checkpoint_when_due`, on request_finished), while the others go on writing. SQLite's own
checkpoint (settings: wal_autocheckpoint) then finds little left to copy; it is still needed, as only a
checkpoint with no writer at work can bring the log back to its start.
"""

import contextlib
import logging
import os
import threading

from django.db import DatabaseError, connection

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

logger = logging.getLogger(__name__)

# A counted view writes seven pages or so: about as much log as SQLite's own default (1,000 pages).
CHECKPOINT_EVERY = 100

_between_threads = threading.Lock()
# Per process and path: a lock file opened before a fork would be one lock shared with the child.
_lock_files = {}
_written_since_checkpoint = 0


@contextlib.contextmanager
def one_writer_at_a_time():
    global _written_since_checkpoint
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
        _written_since_checkpoint += 1


def checkpoint_when_due(**kwargs) -> None:
    """Copy the log into the database if this worker wrote CHECKPOINT_EVERY views since it last did."""
    global _written_since_checkpoint
    if _written_since_checkpoint < CHECKPOINT_EVERY or _lock_path() is None:
        return
    # The connection may have been closed on the way out (CONN_MAX_AGE): it stays due for the next answer.
    if connection.connection is None:
        return
    _written_since_checkpoint = 0
    # PASSIVE: copies what it can without waiting for any reader or writer, and makes none wait.
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except DatabaseError:
        # The reader has their answer, and SQLite's own checkpoint still comes: worth a log line only.
        logger.exception("Copying SQLite's log into the database failed; SQLite's own checkpoint will.")


def _lock_path() -> str | None:
    if fcntl is None or connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    return f"{connection.settings_dict['NAME']}.writers"


def _lock_file(path: str) -> int:
    key = (os.getpid(), path)
    if key not in _lock_files:
        _lock_files[key] = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    return _lock_files[key]
