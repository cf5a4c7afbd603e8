"""Counted views in the database: the running totals and the per-day rows.

Two ways in: a batch of buffered views (`apply_views`, the Redis buffer's flush) and one reader's view at a
time (`count_one_view`, the embedded default without Redis, and the way around a Redis that is down).

One view at a time runs on every beacon, so its statements are written out in SQL, built once per process:
on SQLite, building the equivalent ORM queries took longer than running them.
"""

import functools
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from django.db import connection, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from articles.models import AppliedViewBatch, Article, ArticleDailyViews, RecentView

from .readers import SEEN_SECONDS
from .writers import one_writer_at_a_time

# Statements stay well under SQLite's limit on parameters whatever the size of a batch; a statement per
# few hundred articles keeps a busy flush at a handful of statements.
CHUNK_SIZE = 300
# How often a worker deletes the readers' marks that have expired (they mean nothing once expired, but the
# table would keep growing). A scan of the table, which holds about a day's marks: `expires` has no index,
# which would cost a page written on every view for a statement run once an hour.
PRUNE_SECONDS = 60 * 60

_next_prune = 0.0


def apply_views(counts: Mapping[tuple[int, date], int], *, batch_id: str | None = None) -> int:
    """Add `counts` ({(article id, Vietnam day): views}) to the articles and their days; return how many.

    With `batch_id` the batch is recorded in the same transaction, and a batch already recorded raises
    IntegrityError with nothing written: that is how a batch is never applied twice.
    """
    per_article = defaultdict(int)
    for (article_id, _day), views in counts.items():
        per_article[article_id] += views
    with transaction.atomic():
        if batch_id is not None:
            AppliedViewBatch.objects.create(batch_id=batch_id)
        if not per_article:
            return 0
        # An article deleted since its views were buffered takes them with it (its day rows would break
        # the foreign key).
        existing = set(Article.objects.filter(pk__in=per_article).values_list("pk", flat=True))
        if not existing:
            return 0
        for chunk in _chunks(sorted(existing)):
            Article.objects.filter(pk__in=chunk).update(
                view_count=F("view_count")
                + Case(*(When(pk=pk, then=Value(per_article[pk])) for pk in chunk), default=Value(0))
            )
        rows = [(pk, day, views) for (pk, day), views in sorted(counts.items()) if pk in existing]
        for chunk in _chunks(rows):
            _add_daily_views(chunk)
    return sum(per_article[pk] for pk in existing)


def _chunks(items, size=CHUNK_SIZE):
    return (items[start : start + size] for start in range(0, len(items), size))


def _add_daily_views(rows):
    # An upsert that adds (Django's bulk_create(update_conflicts=True) can only overwrite); SQLite >= 3.24
    # and PostgreSQL both speak it.
    table = connection.ops.quote_name(ArticleDailyViews._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (article_id, day, views) VALUES {values} "
        f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + excluded.views"
    )
    params = [value for pk, day, views in rows for value in (pk, day.isoformat(), views)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def stored_count(article_id: int) -> int | None:
    """The public article's count as the database has it; None when no public article has that id."""
    with connection.cursor() as cursor:
        cursor.execute(_sql().public_count, [article_id, *_public_now()])
        row = cursor.fetchone()
    return row[0] if row else None


def count_one_view(article_id: int, day: date, seen_keys: Sequence[str]) -> int | None:
    """Count one view of a public article if none of the reader's `seen_keys` was marked in 24 hours.

    The marks, the total and the day's row are written in one transaction: a view is counted whole or not
    at all. Return the article's views as they stand, counted or not; None when no public article has that
    id (nothing is written then).
    """
    if not seen_keys:
        return stored_count(article_id)
    _prune_expired_marks()
    statements = _sql()
    now = int(time.time())
    with one_writer_at_a_time(), transaction.atomic(), connection.cursor() as cursor:
        # A mark still valid is kept, an expired one renewed: the rows changed are the reader's new marks.
        cursor.execute(
            statements.mark_seen(len(seen_keys)),
            [value for key in seen_keys for value in (key, now + SEEN_SECONDS)] + [now],
        )
        if cursor.rowcount < len(seen_keys):
            return stored_count(article_id)  # a reader seen today: nothing was written
        views = _add_one(cursor, statements, article_id)
        if views is None:
            transaction.set_rollback(True)  # no such public article: no marks either
            return None
        # The day's row is there but for the day's first view: an UPDATE then writes one page of the
        # database on SQLite, where the upsert writes two.
        cursor.execute(statements.add_one_to_existing_day, [article_id, day.isoformat()])
        if cursor.rowcount == 0:
            cursor.execute(statements.add_one_to_day, [article_id, day.isoformat()])
        return views


def _add_one(cursor, statements, article_id: int) -> int | None:
    """Add one to a public article's count; return the new count, or None if no public article has that id."""
    cursor.execute(statements.add_one, [article_id, *_public_now()])
    if statements.returning:
        row = cursor.fetchone()
        return row[0] if row else None
    if cursor.rowcount == 0:
        return None
    cursor.execute(statements.count, [article_id])
    return cursor.fetchone()[0]


def _public_now():
    # The rule of Article.objects.published(), as parameters of the statements below.
    return Article.Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())


class _Statements:
    def __init__(self, *, returning: bool):
        quote = connection.ops.quote_name
        articles = quote(Article._meta.db_table)
        days = quote(ArticleDailyViews._meta.db_table)
        self.marks = quote(RecentView._meta.db_table)
        self.key, self.expires = quote("key"), quote("expires")
        # Article.objects.published(), written out: status, published_at <= now, not in the trash.
        public = "status = %s AND published_at <= %s AND deleted_at IS NULL"
        self.public_count = f"SELECT view_count FROM {articles} WHERE id = %s AND {public}"
        self.add_one = f"UPDATE {articles} SET view_count = view_count + 1 WHERE id = %s AND {public}"
        # PostgreSQL and SQLite 3.35 or newer answer the UPDATE with the new count: one statement less.
        self.returning = returning
        if returning:
            self.add_one += " RETURNING view_count"
        self.count = f"SELECT view_count FROM {articles} WHERE id = %s"
        self.add_one_to_existing_day = (
            f"UPDATE {days} SET views = views + 1 WHERE article_id = %s AND day = %s"
        )
        self.add_one_to_day = (
            f"INSERT INTO {days} (article_id, day, views) VALUES (%s, %s, 1) "
            f"ON CONFLICT (article_id, day) DO UPDATE SET views = {days}.views + 1"
        )
        self.prune = f"DELETE FROM {self.marks} WHERE {self.expires} <= %s"

    def mark_seen(self, keys: int) -> str:
        values = ", ".join(["(%s, %s)"] * keys)
        return (
            f"INSERT INTO {self.marks} ({self.key}, {self.expires}) VALUES {values} ON CONFLICT ({self.key}) "
            f"DO UPDATE SET {self.expires} = excluded.{self.expires} WHERE {self.marks}.{self.expires} <= %s"
        )


@functools.cache
def _sql() -> _Statements:
    return _Statements(returning=connection.features.can_return_columns_from_insert)


def _prune_expired_marks():
    global _next_prune
    if time.monotonic() < _next_prune:
        return
    _next_prune = time.monotonic() + PRUNE_SECONDS
    with connection.cursor() as cursor:
        cursor.execute(_sql().prune, [int(time.time())])
