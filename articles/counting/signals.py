"""Forget an article's stored count in the view buffer whenever it is saved or deleted.

A save may take it off the site (unpublished, trashed, scheduled later): its next beacon must read the
database again, and answer 404 if readers may no longer see it. Also, after each answer, SQLite's log is
copied into the database when a worker's counted views make it due (writers.py).
"""

import logging

from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save

from articles.models import Article

from . import buffer as view_buffer
from . import writers

logger = logging.getLogger(__name__)


def _forget_stored(sender, instance, **kwargs):
    if not isinstance(instance, Article):
        return
    current = view_buffer.buffer()
    if current is None:
        return
    try:
        current.forget_stored(instance.pk)
    except view_buffer.UNAVAILABLE as error:
        # Redis down keeps nothing to forget: the stored counts are gone with it or read again after.
        view_buffer.warn_unavailable(error)


def connect():
    # No sender: the trash's proxy model (TrashedArticle) saves articles too.
    post_save.connect(_forget_stored, dispatch_uid="counting-forget-stored")
    post_delete.connect(_forget_stored, dispatch_uid="counting-forget-stored-delete")
    # After each answer is sent (SQLite only: see writers.py).
    request_finished.connect(writers.checkpoint_when_due, dispatch_uid="counting-checkpoint")
