"""The Redis buffer between readers' views and the database (used when settings.VIEW_BUFFER_URL is set).

A view is one script call: remember the reader for 24 hours and, when new, add one to the pending hash
(field "<article id>:<Vietnam day>") and to the article's pending total, which readers see at once.

The flush, at most every VIEW_FLUSH_SECONDS (started by whichever request finds it due, or by
`manage.py flush_views`), under a lock, exactly once:
1. settle the batches a killed flush left open: a batch already in AppliedViewBatch is only deleted,
   any other is applied;
2. rename the pending hash to a new batch (registered in the set of open batches): later views start a new
   pending hash, so none is lost while the batch is written;
3. apply the batch in one transaction that also records its id, then delete it and take it off the set.
A crash between 3's commit and its delete leaves an open batch that step 1 of the next flush only deletes.
What Redis loses (a restart without persistence) is at most the views since the last flush.
"""

import contextlib
import logging
import time
import uuid
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache

import redis
from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from articles.models import AppliedViewBatch

from .readers import SEEN_SECONDS
from .store import apply_views

logger = logging.getLogger(__name__)

PENDING = "views:pending"
PENDING_TOTALS = "views:pending-totals"
# The stored count of each public article a beacon asked about lately, so a view needs no database read:
# forgotten when the article is saved (it may have left the site) and when a flush changes its count.
STORED = "views:stored"
OPEN_BATCHES = "views:open-batches"
SEEN_PREFIX = "views:seen:"
FLUSH_GATE = "views:flush-gate"
FLUSH_LOCK = "views:flush-lock"
PRUNE_GATE = "views:prune-gate"
# Longer than any flush; a flush killed while holding the lock blocks the next ones this long at most.
LOCK_SECONDS = 60
# Batch ids are only looked up while their batch is open (seconds, or the length of an outage); a month of
# them is plenty and keeps the table small (one row per flush).
KEEP_APPLIED_BATCHES = timedelta(days=30)

# Redis being down or restarting: views go straight to the database instead.
UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

_COUNT = """
-- KEYS: pending hash, pending totals, flush gate, stored counts, then the reader's seen keys (none when not
-- countable)
-- ARGV: "<article>:<day>", article id, seen seconds, flush seconds
-- An article whose stored count is not known here is not counted yet: the caller reads it from the database.
local stored = redis.call('HGET', KEYS[4], ARGV[2])
if not stored then return {-1, 0, 0} end
local counted = 0
local had_pending = redis.call('EXISTS', KEYS[1])
if #KEYS >= 5 and redis.call('SET', KEYS[5], 1, 'NX', 'EX', ARGV[3]) then
  counted = 1
  redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
end
if #KEYS >= 6 then redis.call('SET', KEYS[6], 1, 'EX', ARGV[3]) end
-- The flush is due once the first view still pending has waited VIEW_FLUSH_SECONDS.
local due = 0
if had_pending == 1 then
  if redis.call('SET', KEYS[3], 1, 'NX', 'EX', ARGV[4]) then due = 1 end
elseif counted == 1 then
  redis.call('SET', KEYS[3], 1, 'EX', ARGV[4])
end
return {counted, tonumber(stored) + tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0'), due}
"""

_START_BATCH = """
-- KEYS: pending hash, batch key, open batches; ARGV: batch id
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
"""

_FINISH_BATCH = """
-- KEYS: batch key, open batches, pending totals, stored counts; ARGV: batch id, then article id and views,
-- pairwise. The views leave the pending totals as the stored counts they went into are forgotten (the next
-- beacon reads them again), so the total a reader is shown never jumps.
for i = 2, #ARGV, 2 do
  if redis.call('HINCRBY', KEYS[3], ARGV[i], -tonumber(ARGV[i + 1])) <= 0 then
    redis.call('HDEL', KEYS[3], ARGV[i])
  end
  redis.call('HDEL', KEYS[4], ARGV[i])
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return 1
"""


class Buffer:
    def __init__(self, url):
        # Short timeouts: a Redis that is down must cost a reader's request milliseconds, not seconds.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=2)
        self._count = self.client.register_script(_COUNT)
        self._start_batch = self.client.register_script(_START_BATCH)
        self._finish_batch = self.client.register_script(_FINISH_BATCH)

    def count(self, article_id: int, day: date, seen_keys) -> tuple[bool, int, bool] | None:
        """Count a view when `seen_keys` are new; return (counted, the article's views, flush due).

        None when the article's stored count is not known here (see `remember_stored`): nothing is counted.
        """
        counted, views, due = self._count(
            keys=[PENDING, PENDING_TOTALS, FLUSH_GATE, STORED, *(SEEN_PREFIX + key for key in seen_keys)],
            args=[f"{article_id}:{day.isoformat()}", article_id, SEEN_SECONDS, settings.VIEW_FLUSH_SECONDS],
        )
        if counted < 0:
            return None
        return bool(counted), int(views), bool(due)

    def remember_stored(self, article_id: int, view_count: int) -> None:
        """Note a public article's count as the database has it, for the next views to add to."""
        self.client.hsetnx(STORED, article_id, view_count)

    def forget_stored(self, article_id: int) -> None:
        self.client.hdel(STORED, article_id)

    def flush(self, *, wait: bool) -> int:
        lock = self.client.lock(FLUSH_LOCK, timeout=LOCK_SECONDS, blocking_timeout=LOCK_SECONDS)
        if not lock.acquire(blocking=wait):
            return 0  # another worker is flushing
        try:
            applied = sum(self._settle(batch_id.decode()) for batch_id in self.client.smembers(OPEN_BATCHES))
            batch_id = uuid.uuid4().hex
            if self._start_batch(keys=[PENDING, _batch_key(batch_id), OPEN_BATCHES], args=[batch_id]):
                applied += self._settle(batch_id)
            if self.client.set(PRUNE_GATE, 1, nx=True, ex=SEEN_SECONDS):
                AppliedViewBatch.objects.filter(applied_at__lt=timezone.now() - KEEP_APPLIED_BATCHES).delete()
            return applied
        finally:
            try:
                lock.release()
            except redis.exceptions.LockError:
                logger.warning("The view flush outlived its lock (%s s).", LOCK_SECONDS)

    def _settle(self, batch_id: str) -> int:
        counts = {}
        for field, views in self.client.hgetall(_batch_key(batch_id)).items():
            article_id, day = field.decode().split(":")
            counts[int(article_id), date.fromisoformat(day)] = int(views)
        applied = 0
        if not AppliedViewBatch.objects.filter(batch_id=batch_id).exists():
            # IntegrityError: applied meanwhile by a flush that outlived its lock.
            with contextlib.suppress(IntegrityError):
                applied = apply_views(counts, batch_id=batch_id)
        self._finish(batch_id, counts)
        return applied

    def _finish(self, batch_id: str, counts) -> None:
        """Delete an applied batch and take its views off the pending totals, at once."""
        per_article = defaultdict(int)
        for (article_id, _day), views in counts.items():
            per_article[article_id] += views
        pairs = [value for article_id, views in per_article.items() for value in (article_id, views)]
        self._finish_batch(
            keys=[_batch_key(batch_id), OPEN_BATCHES, PENDING_TOTALS, STORED], args=[batch_id, *pairs]
        )


def buffer() -> Buffer | None:
    return _buffer_for(settings.VIEW_BUFFER_URL) if settings.VIEW_BUFFER_URL else None


@lru_cache
def _buffer_for(url: str) -> Buffer:
    return Buffer(url)


def flush_views(*, wait: bool = True) -> int:
    """Write the buffered views to the database; return how many. Nothing to do without a buffer."""
    current = buffer()
    return current.flush(wait=wait) if current else 0


def _batch_key(batch_id: str) -> str:
    return f"views:batch:{batch_id}"


_last_warning = 0.0


def warn_unavailable(error) -> None:
    """Say that Redis is unreachable, once a minute per process rather than once per view."""
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= 60:
        _last_warning = now
        logger.warning("The view buffer (Redis) is unreachable, views go straight to the database: %s", error)
