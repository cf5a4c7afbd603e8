"""The newsroom's roles, declared once: each is a Django group holding these permissions.

A staff user's role is their membership of one of these groups. The groups are created by a data
migration and re-synced by `manage.py sync_roles` whenever this table changes.
"""

from enum import StrEnum


class Role(StrEnum):
    CONTRIBUTOR = "Cộng tác viên"
    EDITOR = "Biên tập viên"
    APPROVER = "Lãnh đạo duyệt bài"
    ADMINISTRATOR = "Quản trị viên"


_CONTRIBUTOR = {
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    "articles.submit_article",
    "articles.view_articleimage",
    "articles.add_articleimage",
    "articles.change_articleimage",
    "articles.delete_articleimage",
    "articles.view_category",
}
_EDITOR = _CONTRIBUTOR | {
    "articles.edit_others_article",
    "articles.return_article",
}
_APPROVER = _EDITOR | {
    "articles.publish_article",
    "articles.unpublish_article",
    "articles.feature_article",
    "articles.edit_published_article",
    "articles.restore_article",
    "articles.view_trashedarticle",
}
_ADMINISTRATOR = _APPROVER | {
    "articles.purge_article",
    "articles.delete_trashedarticle",
    "articles.add_category",
    "articles.change_category",
    "articles.delete_category",
    "accounts.view_user",
    "accounts.add_user",
    "accounts.change_user",
    "accounts.view_department",
    "accounts.add_department",
    "accounts.change_department",
    "accounts.delete_department",
}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CONTRIBUTOR: frozenset(_CONTRIBUTOR),
    Role.EDITOR: frozenset(_EDITOR),
    Role.APPROVER: frozenset(_APPROVER),
    Role.ADMINISTRATOR: frozenset(_ADMINISTRATOR),
}


def sync_roles(group_model, permission_model) -> list[str]:
    """Make each role's group hold exactly its permissions; return what changed, for the command to print.

    Takes the models as arguments so a migration can pass its historical ones.
    """
    changes = []
    for role, wanted in ROLE_PERMISSIONS.items():
        group, created = group_model.objects.get_or_create(name=role.value)
        if created:
            changes.append(f"created group {role.value}")
        permissions = []
        for dotted in sorted(wanted):
            app_label, codename = dotted.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"permission {dotted} of role {role.value} does not exist")
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
