"""The newsroom's roles, declared once: each is a Django group holding these permissions.

A staff user's role is their membership of one of these groups. The groups are created by a data
migration and re-synced by `manage.py sync_roles` whenever this table changes.
"""

from enum import StrEnum

from accounts import permissions as accounts
from articles import permissions as articles
from articles.documents import permissions as documents
from articles.pages import permissions as pages
from articles.questions import permissions as questions
from portal.identity import permissions as identity


class Role(StrEnum):
    CONTRIBUTOR = "Cộng tác viên"
    EDITOR = "Biên tập viên"
    APPROVER = "Lãnh đạo duyệt bài"
    ADMINISTRATOR = "Quản trị viên"


_CONTRIBUTOR = {
    articles.VIEW_ARTICLE,
    articles.ADD_ARTICLE,
    articles.CHANGE_ARTICLE,
    articles.DELETE_ARTICLE,
    articles.SUBMIT_ARTICLE,
    articles.VIEW_ARTICLEIMAGE,
    articles.ADD_ARTICLEIMAGE,
    articles.CHANGE_ARTICLEIMAGE,
    articles.DELETE_ARTICLEIMAGE,
    articles.VIEW_CATEGORY,
    # The document library: their own drafts, files included.
    documents.VIEW_DOCUMENT,
    documents.ADD_DOCUMENT,
    documents.CHANGE_DOCUMENT,
    documents.VIEW_DOCUMENTFILE,
    documents.ADD_DOCUMENTFILE,
    documents.CHANGE_DOCUMENTFILE,
    documents.DELETE_DOCUMENTFILE,
}
_EDITOR = _CONTRIBUTOR | {
    articles.EDIT_OTHERS_ARTICLE,
    articles.RETURN_ARTICLE,
    documents.EDIT_OTHERS_DOCUMENT,
    # Questions from citizens: read them (contacts included, for the reply) and answer them.
    questions.VIEW_QUESTION,
    questions.CHANGE_QUESTION,
    questions.ANSWER_QUESTION,
    questions.VIEW_TOPIC,
}
_APPROVER = _EDITOR | {
    articles.PUBLISH_ARTICLE,
    articles.UNPUBLISH_ARTICLE,
    articles.FEATURE_ARTICLE,
    articles.EDIT_PUBLISHED_ARTICLE,
    articles.RESTORE_ARTICLE,
    articles.VIEW_TRASHEDARTICLE,
    documents.PUBLISH_DOCUMENT,
    documents.EDIT_PUBLISHED_DOCUMENT,
    questions.PUBLISH_QUESTION,
}
_ADMINISTRATOR = _APPROVER | {
    articles.PURGE_ARTICLE,
    articles.DELETE_TRASHEDARTICLE,
    articles.ADD_CATEGORY,
    articles.CHANGE_CATEGORY,
    articles.DELETE_CATEGORY,
    documents.DELETE_DOCUMENT,
    documents.VIEW_DOCUMENTKIND,
    documents.ADD_DOCUMENTKIND,
    documents.CHANGE_DOCUMENTKIND,
    documents.DELETE_DOCUMENTKIND,
    questions.DELETE_QUESTION,
    questions.ADD_TOPIC,
    questions.CHANGE_TOPIC,
    questions.DELETE_TOPIC,
    # The portal itself: its standing pages, the unit's profile, the menu and the agency links.
    pages.VIEW_PAGE,
    pages.ADD_PAGE,
    pages.CHANGE_PAGE,
    pages.DELETE_PAGE,
    identity.VIEW_SITEPROFILE,
    identity.ADD_SITEPROFILE,
    identity.CHANGE_SITEPROFILE,
    identity.VIEW_MENUITEM,
    identity.ADD_MENUITEM,
    identity.CHANGE_MENUITEM,
    identity.DELETE_MENUITEM,
    identity.VIEW_AGENCYLINK,
    identity.ADD_AGENCYLINK,
    identity.CHANGE_AGENCYLINK,
    identity.DELETE_AGENCYLINK,
    accounts.VIEW_USER,
    accounts.ADD_USER,
    accounts.CHANGE_USER,
    accounts.VIEW_DEPARTMENT,
    accounts.ADD_DEPARTMENT,
    accounts.CHANGE_DEPARTMENT,
    accounts.DELETE_DEPARTMENT,
    # Failed logins and lockouts ("Đăng nhập"); the history is read-only.
    accounts.VIEW_ACCESSATTEMPT,
    accounts.DELETE_ACCESSATTEMPT,
    accounts.VIEW_ACCESSFAILURELOG,
    accounts.VIEW_ACCESSLOG,
}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CONTRIBUTOR: frozenset(_CONTRIBUTOR),
    Role.EDITOR: frozenset(_EDITOR),
    Role.APPROVER: frozenset(_APPROVER),
    Role.ADMINISTRATOR: frozenset(_ADMINISTRATOR),
}


def sync_roles(group_model, permission_model, *, strict=False) -> list[str]:
    """Make each role's group hold exactly its permissions; return what changed, for the command to print.

    Takes the models as arguments so a migration can pass its historical ones. A migration runs before the
    permissions of later migrations exist, so by default what does not exist yet is left out, and each
    migration that adds permissions syncs the roles again (e.g. documents' 0003_document_roles).
    The command, on a migrated database, is `strict`: a name that matches no permission is an error.
    """
    changes = []
    for role, wanted in ROLE_PERMISSIONS.items():
        group, created = group_model.objects.get_or_create(name=role.value)
        if created:
            changes.append(f"created group {role.value}")
        permissions = []
        for wanted_permission in sorted(wanted):
            permission = permission_model.objects.filter(
                content_type__app_label=wanted_permission.app_label, codename=wanted_permission.codename
            ).first()
            if permission is None and not strict:
                continue
            if permission is None:
                raise LookupError(f"permission {wanted_permission} of role {role.value} does not exist")
            permissions.append(permission)
        current = set(group.permissions.values_list("pk", flat=True))
        if current != {permission.pk for permission in permissions}:
            group.permissions.set(permissions)
            changes.append(f"set {len(permissions)} permissions on {role.value}")
    return changes


def role_of(user) -> Role | None:
    """The user's role, from their groups (prefetched or not)."""
    names = {group.name for group in user.groups.all()}
    return next((role for role in Role if role.value in names), None)
