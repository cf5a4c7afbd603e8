from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied

from .forms import ROLE_NAMES, NewsroomUserChangeForm, NewsroomUserCreationForm
from .models import Department, User
from .roles import role_of


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class RoleListFilter(admin.SimpleListFilter):
    title = "vai trò"
    parameter_name = "role"
    NO_ROLE = "khong-co"

    def lookups(self, request, model_admin):
        return [*((name, name) for name in ROLE_NAMES), (self.NO_ROLE, "Không có vai trò")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.NO_ROLE:
            return queryset.exclude(groups__name__in=ROLE_NAMES)
        return queryset.filter(groups__name=value)


@admin.register(User)
class NewsroomUserAdmin(UserAdmin):
    form = NewsroomUserChangeForm
    add_form = NewsroomUserCreationForm
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "password1", "password2", "display_name", "department", "role"],
            },
        ),
    ]
    list_display = ["username", "display_name", "department", "role", "is_active", "last_login"]
    list_filter = [RoleListFilter, "department", "is_active"]
    search_fields = ["username", "display_name", "email"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate_users", "activate_users"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department").prefetch_related("groups")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        access = ["is_active", "is_staff", "role"]
        if request.user.is_superuser:
            access += ["is_superuser", "groups", "user_permissions"]
        return [
            (None, {"fields": ["username", "password"]}),
            (
                "Thông tin cá nhân",
                {"fields": ["display_name", "department", "first_name", "last_name", "email"]},
            ),
            ("Vai trò và quyền", {"fields": access}),
            ("Mốc thời gian", {"fields": ["last_login", "date_joined"]}),
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # A subclass per request, so the form knows whose rules apply without the admin passing arguments.
        return type(form.__name__, (form,), {"editor": request.user})

    @admin.display(description="Vai trò")
    def role(self, obj):
        role = role_of(obj)
        return role.value if role else None

    def has_change_permission(self, request, obj=None):
        # Otherwise an administrator could reset a superuser's password and log in as them.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The form already leaves is_superuser out for non-superusers; this holds even if that ever changes.
        if obj.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.action(description="Khóa tài khoản đã chọn", permissions=["change"])
    def deactivate_users(self, request, queryset):
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, "Bạn không thể tự khóa tài khoản của mình.", messages.ERROR)
            queryset = queryset.exclude(pk=request.user.pk)
        self._set_active(request, queryset, False)

    @admin.action(description="Mở khóa tài khoản đã chọn", permissions=["change"])
    def activate_users(self, request, queryset):
        self._set_active(request, queryset, True)

    def _set_active(self, request, queryset, active):
        if not request.user.is_superuser and queryset.filter(is_superuser=True).exists():
            self.message_user(
                request,
                "Đã bỏ qua tài khoản superuser: bạn không có quyền thay đổi các tài khoản này.",
                messages.WARNING,
            )
            queryset = queryset.exclude(is_superuser=True)
        users = list(queryset.exclude(is_active=active))
        if not users:
            self.message_user(request, "Không có tài khoản nào cần thay đổi.", messages.INFO)
            return
        User.objects.filter(pk__in=[user.pk for user in users]).update(is_active=active)
        # The change history is where an administrator later looks for who locked an account and when.
        label = str(User._meta.get_field("is_active").verbose_name)
        for user in users:
            self.log_change(request, user, [{"changed": {"fields": [label]}}])
        verb = "Đã mở khóa" if active else "Đã khóa"
        self.message_user(request, f"{verb} {len(users)} tài khoản.", messages.SUCCESS)
