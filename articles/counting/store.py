"""Writing counted views to the database: the running totals and the per-day rows, in one transaction."""

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from django.db import connection, transaction
from django.db.models import Case, F, Value, When

from articles.models import AppliedViewBatch, Article, ArticleDailyViews

# Statements stay well under SQLite's limit on parameters whatever the size of a batch; a statement per
# few hundred articles keeps a busy flush at a handful of statements.
CHUNK_SIZE = 300


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
