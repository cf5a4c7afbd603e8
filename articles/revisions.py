"""Restoring an article's content from a saved revision (django-reversion keeps one per admin save).

Only the content comes back: the workflow state, the view count and the link stay as they are now, so
restoring an old text never unpublishes an article, loses readers' views or breaks a shared URL.
"""

import reversion
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from . import policy
from .models import Article, ArticleImage
from .publishing import WorkflowError

IMAGE_FIELDS = ["image", "caption", "alt_text", "order"]


def restore_revision(article: Article, version: Version, *, by) -> Article:
    if not policy.can_edit(by, article):
        raise WorkflowError("Bạn không có quyền sửa bài này nên không khôi phục được phiên bản cũ.")
    saved = version.field_dict
    with transaction.atomic(), reversion.create_revision():
        for name in Article.CONTENT_FIELDS:
            field = Article._meta.get_field(name)
            if not field.many_to_many:
                setattr(article, field.attname, saved[field.attname])  # "category_id", not "category"
        article.save()
        _restore_links(article, saved)
        _restore_images(article, version)
        reversion.set_user(by)
        reversion.set_comment(
            f"Khôi phục phiên bản lưu lúc {timezone.localtime(version.revision.date_created):%H:%M %d/%m/%Y}"
        )
    return article


def _restore_links(article: Article, saved: dict) -> None:
    """Many-to-many content (related documents): reversion keeps the linked rows' keys as a list."""
    for name in Article.CONTENT_FIELDS:
        field = Article._meta.get_field(name)
        # A revision saved before the field existed knows nothing of it: the current links are kept.
        if field.many_to_many and name in saved:
            # A linked row deleted since then is simply no longer linked.
            getattr(article, name).set(field.related_model.objects.filter(pk__in=saved[name]))


def _restore_images(article: Article, version: Version) -> None:
    image_versions = version.revision.version_set.get_for_model(ArticleImage)
    article.images.all().delete()
    for image_version in image_versions:
        fields = image_version.field_dict
        if fields["article_id"] == article.pk:
            ArticleImage.objects.create(article=article, **{name: fields[name] for name in IMAGE_FIELDS})
