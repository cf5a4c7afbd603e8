"""Counting article views.

The increment happens in the database (`view_count = view_count + 1`), never read-modify-write in Python,
so concurrent readers are never lost.
"""

from django.db.models import F

from .models import Article


def count_view(article: Article) -> int:
    """Record one reader's view of `article`; return the count to show that reader."""
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    # The stored count may already be ahead (other readers at the same moment); this reader sees their own.
    article.view_count += 1
    return article.view_count
