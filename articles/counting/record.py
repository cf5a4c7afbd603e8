"""Recording one reader's view: the rule the counting endpoint and its pixel share."""

import logging

from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from articles.models import Article

from . import buffer as view_buffer
from .readers import SEEN_SECONDS, is_a_readers_view, reader_of, seen_key
from .store import apply_views

logger = logging.getLogger(__name__)
_IN_THE_DATABASE = object()


def record_view(request, article_id: int) -> int | None:
    """Count this request's view of the article if it is a reader's first in 24 hours.

    Return the article's views as they stand (its stored count plus any views still buffered), counted or
    not; None when no public article has that id.
    """
    seen_keys = []
    if is_a_readers_view(request):
        seen_keys = [seen_key(reader_id, article_id) for reader_id in reader_of(request).ids]
    day = timezone.localdate()
    current = view_buffer.buffer()
    if current is not None:
        try:
            views = _count_in_buffer(current, article_id, day, seen_keys)
        except view_buffer.UNAVAILABLE as error:
            view_buffer.warn_unavailable(error)
        else:
            if views is not _IN_THE_DATABASE:
                return views
    stored = _stored_count(article_id)
    if stored is None:
        return None
    if seen_keys and _first_in_a_day(seen_keys):
        apply_views({(article_id, day): 1})
        return stored + 1
    return stored


def _count_in_buffer(current, article_id, day, seen_keys):
    """The view through Redis: no database read while Redis knows the article's stored count.

    Returns the views, None for no public article, or _IN_THE_DATABASE when the stored count was forgotten
    again between reading and using it (the article saved, a flush): this one view then goes the direct way.
    """
    answer = current.count(article_id, day, seen_keys)
    if answer is None:
        stored = _stored_count(article_id)
        if stored is None:
            return None
        current.remember_stored(article_id, stored)
        answer = current.count(article_id, day, seen_keys)
        if answer is None:
            return _IN_THE_DATABASE
    _counted, views, due = answer
    if due:
        _flush_now(current)
    return views


def _stored_count(article_id) -> int | None:
    """The public article's count as the database has it; None when no public article has that id."""
    return Article.objects.published().filter(pk=article_id).values_list("view_count", flat=True).first()


def _first_in_a_day(seen_keys) -> bool:
    try:
        first = cache.add(seen_keys[0], 1, SEEN_SECONDS)
        for key in seen_keys[1:]:
            cache.set(key, 1, SEEN_SECONDS)
    except view_buffer.UNAVAILABLE:
        # The cache is the Redis that just failed: a view counted twice beats all views lost until it is back.
        return True
    return first


def _flush_now(current):
    try:
        current.flush(wait=False)
    except (*view_buffer.UNAVAILABLE, DatabaseError):
        # The batch stays open in Redis; the next flush settles it. The reader's view is counted either way.
        logger.exception("Flushing the buffered views failed; the next flush retries.")
