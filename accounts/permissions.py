"""Permissions as named values, and the ones on accounts that roles grant.

Each app names its permissions once in its own `permissions` module (articles/permissions.py for the
newsroom); roles (accounts/roles.py) and every rule refer to those names, never to loose strings.
"""


class Permission(str):
    """A permission's dotted name as user.has_perm() takes it ("articles.publish_article"), and its label."""

    label: str

    def __new__(cls, dotted: str, label: str = ""):
        permission = super().__new__(cls, dotted)
        permission.label = label  # only custom permissions, declared in a model's Meta, need one
        return permission

    @property
    def app_label(self) -> str:
        return self.split(".", 1)[0]

    @property
    def codename(self) -> str:
        return self.split(".", 1)[1]

    @property
    def meta(self) -> tuple[str, str]:
        """The (codename, label) pair a model's Meta.permissions declares."""
        return self.codename, self.label


def model_permissions(app_label: str, model: str) -> tuple[Permission, ...]:
    """The four that Django creates for every model: view, add, change and delete."""
    return tuple(Permission(f"{app_label}.{verb}_{model}") for verb in ("view", "add", "change", "delete"))


VIEW_USER, ADD_USER, CHANGE_USER, DELETE_USER = model_permissions("accounts", "user")
VIEW_DEPARTMENT, ADD_DEPARTMENT, CHANGE_DEPARTMENT, DELETE_DEPARTMENT = model_permissions(
    "accounts", "department"
)

# django-axes' records of logins: administrators read them, and unlock an account by deleting its attempts.
VIEW_ACCESSATTEMPT, _, _, DELETE_ACCESSATTEMPT = model_permissions("axes", "accessattempt")
VIEW_ACCESSFAILURELOG = Permission("axes.view_accessfailurelog")
VIEW_ACCESSLOG = Permission("axes.view_accesslog")
