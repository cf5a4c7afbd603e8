"""Who may see and edit which article: the newsroom's rules beyond what a role's permissions say alone.

The workflow steps' own rules live with the steps (articles/publishing.py); these are the ones the admin's
pages, the steps and the revision restore share.
"""

from . import permissions
from .models import Article

Status = Article.Status


def sees_all_articles(user) -> bool:
    """Contributors work on their own articles only; editors and above see the whole newsroom."""
    return user.has_perm(permissions.EDIT_OTHERS_ARTICLE)


def can_edit(user, article: Article) -> bool:
    if article.deleted_at is not None or not user.has_perm(permissions.CHANGE_ARTICLE):
        return False
    if article.status == Status.PUBLISHED:
        return user.has_perm(permissions.EDIT_PUBLISHED_ARTICLE)
    if sees_all_articles(user):
        return True
    return article.author_id == user.pk and article.status == Status.DRAFT
