"""Recording one reader's view: the rule the counting endpoint and its pixel share."""

import logging

from django.db import DatabaseError
from django.utils import timezone

from . import buffer as view_buffer
from .readers import is_a_readers_view, reader_of, seen_key
from .store import count_one_view, stored_count

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
    # Without Redis, or with Redis down: the marks and the count go straight to the database. A reader
    # marked in Redis before it went down may be counted once more meanwhile; no view is lost.
    return count_one_view(article_id, day, seen_keys)


def _count_in_buffer(current, article_id, day, seen_keys):
    """The view through Redis: no database read while Redis knows the article's stored count.

    Returns the views, None for no public article, or _IN_THE_DATABASE when the stored count was forgotten
    again between reading and using it (the article saved, a flush): this one view then goes the direct way.
    """
    answer = current.count(article_id, day, seen_keys)
    if answer is None:
        stored = stored_count(article_id)
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


def _flush_now(current):
    try:
        current.flush(wait=False)
    except (*view_buffer.UNAVAILABLE, DatabaseError):
        # The batch stays open in Redis; the next flush settles it. The reader's view is counted either way.
        logger.exception("Flushing the buffered views failed; the next flush retries.")
