"""Each worker's own copy of recent pages, served without asking the shared cache (portal/page_cache.py).

A stored page may only be served under the current content version, so a worker can only answer from its
own memory if it learns of every new version at once, without asking. Two ways to learn it:

- Redis: every new version is also published on a channel, and each worker listens on a thread of its own.
  A version this worker makes is known here at once; another worker's or app server's arrives within a
  millisecond or so, the time Redis takes to deliver it (nginx in front keeps a page for up to
  PROXY_SECONDS anyway). Whenever the worker cannot be sure it hears every version (not subscribed yet, the
  connection lost, Redis silent for longer than HEARD_WITHIN_SECONDS), it knows no version and asks the
  shared cache as before.
- SQLite with the database cache (the embedded default): every worker runs on the machine that holds the
  database file, so the version is also written to a small file beside it (PAGE_VERSION_FILE), replaced
  whole on each change and read on each request: a few microseconds, never out of date.

With neither (PostgreSQL without Redis: app servers may be on several machines) there is no memory.
"""

import contextlib
import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import redis
from django.conf import settings
from django.core.cache import cache
from redis.connection import parse_url

logger = logging.getLogger(__name__)

# Pages kept per worker, the least recently served forgotten first: a burst reads a few pages many times.
MAX_PAGES = 256
MAX_BYTES = 32 * 1024 * 1024
# The listener asks Redis for a sign of life this often; a worker that heard nothing for longer trusts
# nothing it knows (a connection can die without a word).
PING_SECONDS = 1.0
HEARD_WITHIN_SECONDS = 3.0
RETRY_SECONDS = 1.0

_memories = {}


class PageMemory:
    def __init__(self, versions):
        self.versions = versions
        self._pages = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def version(self):
        """The current (token, expires at), or None when this worker cannot be sure of it."""
        return self.versions.current()

    def announce(self, version) -> None:
        """Make `version` the one every worker knows (this one at once)."""
        self.versions.announce(version)

    def adopt(self, version) -> None:
        """Take `version`, read from the shared cache, as current if no version is known yet."""
        self.versions.adopt(version)

    def page(self, key: str, version):
        """The page kept under `key` if it was stored under `version`."""
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page[0] != version[0]:
                self._drop(key)  # stored under an older version: never served again
                return None
            self._pages.move_to_end(key)
            return page

    def keep(self, key: str, page) -> None:
        if len(page[3]) > MAX_BYTES // 4:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self._bytes += len(page[3])
            while len(self._pages) > MAX_PAGES or self._bytes > MAX_BYTES:
                self._drop(next(iter(self._pages)))

    def forget(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0
        self.versions.forget()

    def _drop(self, key):
        self._bytes -= len(self._pages.pop(key)[3])


class RedisVersions:
    """The version as published on a Redis channel, followed by a listening thread in each process."""

    def __init__(self, url: str, channel: str, version_key: str):
        self.url = url
        self.channel = channel
        self.version_key = version_key
        self._version = None
        self._heard_at = float("-inf")
        self._pid = None
        self._starting = threading.Lock()
        self._failing = False

    def current(self):
        if self._pid != os.getpid():
            self._start_listening()
            return None
        if time.monotonic() - self._heard_at > HEARD_WITHIN_SECONDS:
            return None
        return self._version

    def announce(self, version) -> None:
        self._version = version
        try:
            _client(self.url).publish(self.channel, _encode(version))
        except redis.RedisError as error:
            # The listeners' connections are failing too: they stop trusting what they know on their own.
            logger.warning("Could not announce a page version: %s", error)

    def adopt(self, version) -> None:
        pass  # the listener reads the version itself once subscribed; a read here could be older than it

    def forget(self) -> None:
        self._version = None
        self._heard_at = float("-inf")

    def _start_listening(self):
        # On first use in each process: gunicorn forks its workers before they load the site.
        with self._starting:
            if self._pid == os.getpid():
                return  # another thread of this worker started it meanwhile
            self._pid = os.getpid()
            self.forget()
            threading.Thread(target=self._listen, name="page-versions", daemon=True).start()

    def _listen(self):
        while True:
            try:
                self._follow()
            except Exception as error:  # noqa: BLE001 - whatever happened, start again from the shared cache
                if not self._failing:
                    logger.warning("Not hearing page versions from Redis, asking on each request: %s", error)
                self._failing = True
            self.forget()
            time.sleep(RETRY_SECONDS)

    def _follow(self):
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5, socket_timeout=PING_SECONDS * 2)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            # Subscribed first, read second: a version published in between arrives as a message after.
            self._version = cache.get(self.version_key)
            self._heard_at = time.monotonic()
            if self._failing:
                logger.warning("Hearing page versions from Redis again.")
                self._failing = False
            next_ping = 0.0
            while True:
                if time.monotonic() >= next_ping:
                    pubsub.ping()
                    next_ping = time.monotonic() + PING_SECONDS
                message = pubsub.get_message(timeout=PING_SECONDS)
                if message is None:
                    continue
                if message["type"] == "message":
                    self._version = _decode(message["data"])
                self._heard_at = time.monotonic()  # a version, the subscription's confirmation or a pong
        finally:
            pubsub.close()


class FileVersions:
    """The version in a small file that every worker on this machine reads on each request."""

    def __init__(self, path: Path):
        self.path = path
        self._failing = False

    def current(self):
        # os.open and os.read rather than Path.read_bytes: this runs on every request, and the file object
        # cost more than the read.
        try:
            descriptor = os.open(self.path, os.O_RDONLY)
            try:
                return _decode(os.read(descriptor, 256))
            finally:
                os.close(descriptor)
        except (OSError, ValueError):
            return None  # not written yet, or unreadable: ask the shared cache

    def announce(self, version) -> None:
        self._write(version, replace=True)

    def adopt(self, version) -> None:
        # Only where there is no file: one there is as new as the shared cache's version, or newer (a change
        # announced since it was read).
        if not self.path.exists():
            self._write(version, replace=False)

    def _write(self, version, *, replace: bool) -> None:
        # Written beside, then renamed or linked into place: a reader sees the old version or the new, never
        # half of one.
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
            try:
                with os.fdopen(handle, "w") as file:
                    file.write(_encode(version))
                if replace:
                    os.replace(temporary, self.path)
                else:
                    os.link(temporary, self.path)  # fails if the file appeared meanwhile
            finally:
                Path(temporary).unlink(missing_ok=True)
        except FileExistsError:
            return
        except OSError as error:
            if not self._failing:  # once, not on every request that finds no file
                logger.warning("Could not write the page version to %s: %s", self.path, error)
            self._failing = True
            self.forget()
        else:
            self._failing = False

    def forget(self) -> None:
        # A folder where this cannot be done is one where SQLite cannot write its journal either.
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def memory(version_key: str) -> PageMemory | None:
    """This process's page memory, or None when the workers have no way to learn every version at once."""
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # The server the cache writes to, as Django parsed LOCATION (a list, or several joined by , or ;).
        url, stored_key = cache._servers[0], cache.make_key(version_key)
        return _known((url, stored_key), lambda: RedisVersions(url, _channel(url, stored_key), version_key))
    if settings.PAGE_VERSION_FILE:
        path = settings.PAGE_VERSION_FILE
        return _known((path,), lambda: FileVersions(Path(path)))
    return None


def forget_all() -> None:
    """Forget every version and page this process knows, as when the shared cache was emptied."""
    for known in _memories.values():
        known.forget()


def _known(where, make_versions) -> PageMemory:
    known = _memories.get(where)
    if known is None:
        known = _memories.setdefault(where, PageMemory(make_versions()))
    return known


def _channel(url: str, stored_key: str) -> str:
    # Pub/sub channels are shared by every database of a Redis server: the channel names the database and
    # the key, so sites (or tests) on other databases of the same server are not heard.
    return f"page-cache:versions:{parse_url(url).get('db', 0)}:{stored_key}"


@lru_cache(maxsize=8)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=2)


def _encode(version) -> str:
    token, expires = version
    return f"{token} {expires!r}"


def _decode(data: bytes):
    token, expires = data.decode().split(" ")
    return token, float(expires)
