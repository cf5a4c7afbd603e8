"""Which matches get ranked, and their order: cheap however common the reader's words are.

Only the newest RANKED_MATCHES matches are ranked (and can be paged through). A word found in most articles
("huyện", "xã") would otherwise have every one of its matches read and scored on each search, tens of
milliseconds at 100,000 articles; readers looking further back add a word or a date range, which narrow the
matches before the window is taken. Within the window the order is query.relevance (title, then lead, then
body hits), then the newest first: the same on both databases.

Finding the newest matches fast on PostgreSQL takes one more piece of knowledge than its planner has. It
prices checking a word on a row at next to nothing, but the row's vector is stored out of line (TOAST) and
must be fetched first, some microseconds a row. So by itself it walks the date index from the newest article
checking vector after vector, which is the fastest way for a word in most articles and the slowest for the
rest (measured at 100,000 articles: "nông thôn mới" 78 ms walking, 20 ms from the GIN index; "2024", a word
of older articles, 518 ms against 10). Here each search takes the plan that fits its words, judging how
common they are now from the newest PROBE_SPAN articles:

- the walk reads about RANKED_MATCHES / share rows, each WALK_ROW_COST times dearer than a row read from
  the GIN index, which reads share x articles rows. The walk is taken when it reads less, and only among
  the RECENT_SPAN newest articles, so that it never runs long when older articles lack the words;
- otherwise, and when the walk did not fill the window there, the matches come from the GIN index with
  bitmap scans, which cost in proportion to the matches and never to the table.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import QuerySet

from articles.models import Article

from .query import TEXT_SEARCH_CONFIG, relevance, uses_full_text

RANKED_MATCHES = 300
# A row checked by walking the date index (its vector fetched from TOAST) against a row of a bitmap scan
# from the GIN index: measured at 10,000 and 100,000 articles, about 5 to 1.
WALK_ROW_COST = 5
# The newest articles whose matches tell how common the words are now.
PROBE_SPAN = 250
# The walk looks no further back than this many of the newest articles: enough to fill the window with a
# word in a tenth of them.
RECENT_SPAN = 10 * RANKED_MATCHES
RECENT_CACHE_KEY = "search:recent-articles"
RECENT_SECONDS = 60


def ranked_ids(matches: QuerySet, terms: list[str], *, filtered: bool = False) -> tuple[list[int], bool]:
    """The ids of the newest RANKED_MATCHES of `matches`, most relevant for `terms` first, then newest;
    and whether more matches were left out. `filtered` says a category or dates narrow `matches` already:
    the newest articles of the whole site tell nothing about those, and the GIN index is always right."""
    rows = _newest_rows(matches, terms, RANKED_MATCHES + 1, filtered=filtered)
    window = rows[:RANKED_MATCHES]
    # A stable sort of rows newest first: within a score, the newest stay first.
    window.sort(key=lambda row: row[1], reverse=True)
    return [pk for pk, _ in window], len(rows) > RANKED_MATCHES


def _newest_rows(matches: QuerySet, terms: list[str], limit: int, *, filtered: bool) -> list[tuple]:
    """(id, relevance) of the newest `limit` of `matches`, newest first."""
    recent = recent_articles() if uses_full_text(matches) and not filtered else None
    if recent is not None and walk_reads_less(share=recent_share(terms), public=recent.public, limit=limit):
        rows = _rows(matches.filter(published_at__gte=recent.walk_floor), terms, limit)
        # Filled among the newest articles: nothing older can be among the newest matches.
        if len(rows) == limit:
            return rows
    with text_index_plans(matches.db):
        return _rows(matches, terms, limit)


def _rows(matches: QuerySet, terms: list[str], limit: int) -> list[tuple]:
    newest = matches.order_by("-published_at", "-pk").values("pk")[:limit]
    # Scored after the window is taken, so only `limit` rows are ever scored.
    return list(
        Article.objects.filter(pk__in=newest)
        .annotate(relevance=relevance(terms))
        .order_by("-published_at", "-pk")
        .values_list("pk", "relevance")
    )


def recent_share(terms: list[str]) -> float:
    """The share of the newest PROBE_SPAN public articles that hold every one of `terms` (PostgreSQL)."""
    newest = Article.objects.published().newest_first().values("search_vector")[:PROBE_SPAN]
    sql, params = newest.query.sql_with_params()
    with connections[newest.db].cursor() as cursor:
        # Checked outside the LIMIT: exactly PROBE_SPAN vectors read from the date index, a millisecond or
        # two, where left to itself the planner would first read every match of the words from the GIN index.
        cursor.execute(
            f"SELECT count(*) FROM ({sql}) AS newest "
            "WHERE newest.search_vector @@ plainto_tsquery(%s::regconfig, %s)",
            [*params, TEXT_SEARCH_CONFIG, " ".join(terms)],
        )
        return cursor.fetchone()[0] / PROBE_SPAN


def walk_reads_less(*, share: float, public: int, limit: int) -> bool:
    """Whether walking the newest articles for `limit` matches of words in `share` of them reads less than
    the GIN index would, reading all their matches among `public` articles."""
    return share > 0 and limit / share * WALK_ROW_COST < share * public


@dataclass(frozen=True)
class RecentArticles:
    public: int
    # When the RECENT_SPAN-th newest public article was published.
    walk_floor: datetime


def recent_articles() -> RecentArticles | None:
    """How many public articles there are, and where the RECENT_SPAN newest start (None on a smaller site),
    kept a minute: a floor a minute old only widens the span by what was published since, and the window is
    as right with it."""
    return cache.get_or_set(RECENT_CACHE_KEY, _recent_articles, RECENT_SECONDS)


def _recent_articles() -> RecentArticles | None:
    public = Article.objects.published()
    dates = public.newest_first().values_list("published_at", flat=True)
    walk_floor = dates[RECENT_SPAN - 1 : RECENT_SPAN].first()
    if walk_floor is None:
        return None
    return RecentArticles(public=public.count(), walk_floor=walk_floor)


@contextmanager
def text_index_plans(using: str):
    """Plan the queries inside from the GIN index with bitmap scans only (PostgreSQL; nothing on SQLite)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    # SET LOCAL ends with the transaction: the rest of the request is planned as usual.
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        yield
