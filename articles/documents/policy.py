"""Who may see, edit and publish which document: the newsroom's roles, applied to the document library.

As for articles: contributors draft and see only their own documents, editors also edit others' unpublished
ones, approvers publish, schedule and unpublish (holders of `publish_document`) and edit published ones,
administrators also delete and manage the list of kinds. The admin offers only what these rules allow, and
checks them again on every save, so a forged form changes nothing.
"""

from . import permissions
from .models import Document

Status = Document.Status
# What a document's author may set without the right to publish: keep a draft, or send it for review.
DRAFTING_STATUSES = (Status.DRAFT, Status.PENDING)


def sees_all_documents(user) -> bool:
    return user.has_perm(permissions.EDIT_OTHERS_DOCUMENT)


def can_publish(user) -> bool:
    return user.has_perm(permissions.PUBLISH_DOCUMENT)


def can_edit(user, document: Document) -> bool:
    if not user.has_perm(permissions.CHANGE_DOCUMENT):
        return False
    if document.status == Status.PUBLISHED:
        return user.has_perm(permissions.EDIT_PUBLISHED_DOCUMENT)
    if sees_all_documents(user):
        return True
    return document.author_id == user.pk and document.status == Status.DRAFT


def statuses_for(user, document: Document | None) -> list[str]:
    """The statuses this user may give the document in its form, in the order the choices are shown."""
    if can_publish(user):
        return list(Status.values)
    allowed = list(DRAFTING_STATUSES)
    # An editor who fixes a typo in an unpublished document leaves it unpublished; only publishing is barred.
    if document is not None and document.status not in allowed and document.status != Status.PUBLISHED:
        allowed.append(document.status)
    return allowed
