"""Who may do what to which article: the newsroom's rules, checked on the server for every request.

Roles grant permissions (accounts/roles.py); these functions add what a permission alone cannot say,
such as "only your own drafts" or "only once it is published".
"""

from .models import Article

Status = Article.Status


def sees_all_articles(user) -> bool:
    """Contributors work on their own articles only; editors and above see the whole newsroom."""
    return user.has_perm("articles.edit_others_article")


def can_edit(user, article: Article) -> bool:
    if article.deleted_at is not None or not user.has_perm("articles.change_article"):
        return False
    if article.status == Status.PUBLISHED:
        return user.has_perm("articles.edit_published_article")
    if sees_all_articles(user):
        return True
    return article.author_id == user.pk and article.status == Status.DRAFT


def can_trash(user, article: Article) -> bool:
    return user.has_perm("articles.delete_article") and can_edit(user, article)


def can_restore(user, article: Article) -> bool:
    return article.deleted_at is not None and user.has_perm("articles.restore_article")


def can_purge(user, article: Article) -> bool:
    return article.deleted_at is not None and user.has_perm("articles.purge_article")


def can_submit(user, article: Article) -> bool:
    return (
        article.status in {Status.DRAFT, Status.UNPUBLISHED}
        and user.has_perm("articles.submit_article")
        and can_edit(user, article)
    )


def can_return(user, article: Article) -> bool:
    return (
        article.deleted_at is None
        and article.status == Status.PENDING
        and user.has_perm("articles.return_article")
    )


def can_publish(user, article: Article) -> bool:
    """Publish now or at a set time; a scheduled article may be rescheduled until it goes public."""
    if article.deleted_at is not None or not user.has_perm("articles.publish_article"):
        return False
    return article.status != Status.PUBLISHED or bool(article.is_scheduled)


def can_unpublish(user, article: Article) -> bool:
    return (
        article.deleted_at is None
        and article.status == Status.PUBLISHED
        and user.has_perm("articles.unpublish_article")
    )


def can_feature(user) -> bool:
    return user.has_perm("articles.feature_article")
