"""The users admin's forms: a staff member's permissions are chosen as one newsroom role, not raw groups."""

from django import forms
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from .models import User
from .roles import Role, role_of

ROLE_NAMES = [role.value for role in Role]

NO_ROLE_LABEL = "— Không có vai trò —"
STAFF_NEEDS_ONE_ROLE = "Tài khoản nhân viên phải có đúng một vai trò."
CANNOT_CHANGE_OWN_ROLE = "Bạn không thể tự thay đổi vai trò của chính mình."

# Fields that grant privileges outside the role system; only a superuser may hold the keys to them.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "groups", "user_permissions")


def set_role(user, role):
    """Make `role` the user's only role group, leaving groups that are not roles alone."""
    role_groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_NAMES)}
    user.groups.remove(*[group for name, group in role_groups.items() if name != role])
    if role:
        user.groups.add(role_groups[role])


class RoleFormMixin(forms.Form):
    """Adds the "Vai trò" field and the rules around it to a user form.

    `editor` is the user filling in the form; the admin sets it on the form class it builds per request.
    Without one the form grants nothing a non-superuser couldn't do.
    """

    editor = None

    role = forms.ChoiceField(
        label="Vai trò",
        choices=[("", NO_ROLE_LABEL), *((name, name) for name in ROLE_NAMES)],
        required=False,
        help_text=(
            "Quyền của tài khoản trong tòa soạn. Chọn một vai trò sẽ tự động cho phép vào trang quản trị."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Dropping the fields, not just hiding them, is what makes a forged POST of them ineffective.
        if not self.editor_is_superuser:
            for name in SUPERUSER_ONLY_FIELDS:
                self.fields.pop(name, None)
        if "groups" in self.fields:
            # Role groups are set through "Vai trò" only, so that a user can't end up holding two roles.
            self.fields["groups"].queryset = Group.objects.exclude(name__in=ROLE_NAMES)
            self.fields["groups"].help_text = "Các nhóm khác ngoài vai trò."
            if self.instance.pk is not None:
                # Keep the role group out of the field's value too, or an unchanged form fails validation.
                self.initial["groups"] = [
                    group.pk for group in self.instance.groups.all() if group.name not in ROLE_NAMES
                ]
        if self.instance.pk is not None:
            role = role_of(self.instance)
            self.fields["role"].initial = role.value if role else ""
        if self.is_own_account:
            # Locking yourself out is never what was meant, and an administrator promoting or demoting
            # themselves would defeat the point of roles.
            if "is_active" in self.fields:
                self.fields["is_active"].disabled = True
            if not self.editor_is_superuser:
                self.fields["role"].disabled = True
                self.fields["role"].help_text = "Bạn không thể tự thay đổi vai trò của mình."
                if "is_staff" in self.fields:
                    self.fields["is_staff"].disabled = True

    @property
    def editor_is_superuser(self):
        return bool(self.editor is not None and self.editor.is_superuser)

    @property
    def is_own_account(self):
        return self.editor is not None and self.instance.pk is not None and self.instance.pk == self.editor.pk

    def clean_role(self):
        role = self.cleaned_data["role"]
        if self.fields["role"].disabled:
            # A disabled field ignores what was posted; a post that still carries a different role was
            # forged, and is refused rather than quietly dropped so the attempt is visible.
            posted = self.data.get(self.add_prefix("role"))
            if posted is not None and posted != role:
                raise ValidationError(CANNOT_CHANGE_OWN_ROLE, code="own_role")
        return role

    def clean(self):
        cleaned_data = super().clean()
        if "role" in cleaned_data and not cleaned_data["role"]:
            is_staff = cleaned_data.get("is_staff", self.instance.is_staff)
            is_superuser = cleaned_data.get("is_superuser", self.instance.is_superuser)
            # A superuser needs no role to do anything, and the account created by createsuperuser has none.
            if is_staff and not is_superuser:
                self.add_error("role", ValidationError(STAFF_NEEDS_ONE_ROLE, code="staff_without_role"))
        return cleaned_data

    def save(self, commit=True):
        if self.cleaned_data.get("role"):
            # A role is only of use in the admin, so choosing one is also letting the user in.
            self.instance.is_staff = True
        return super().save(commit=commit)

    def _save_m2m(self):
        # After the form's own m2m save, which (for superusers) resets `groups` to the non-role ones chosen.
        super()._save_m2m()
        set_role(self.instance, self.cleaned_data.get("role"))


class NewsroomUserCreationForm(RoleFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "department")


class NewsroomUserChangeForm(RoleFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
