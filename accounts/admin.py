from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
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
                "fields": [
                    "username",
                    "password1",
                    "password2",
                    "display_name",
                    # Where "Quên mật khẩu?" sends the link: without it, only an administrator can help.
                    "email",
                    "department",
                    "role",
                ],
            },
        ),
    ]
    list_display = [
        "username",
        "display_name",
        "department",
        "role",
        "two_factor_enabled",
        "is_active",
        "last_login",
    ]
    list_filter = [RoleListFilter, "department", "is_active"]
    search_fields = ["username", "display_name", "email"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate_users", "activate_users", "reset_two_factor"]

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .select_related("department")
            .prefetch_related("groups")
            .annotate(has_authenticator=Exists(enrolled))
        )

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

    @admin.display(description="Xác thực hai bước", boolean=True, ordering="has_authenticator")
    def two_factor_enabled(self, obj):
        return obj.has_authenticator

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

    @admin.action(description="Xóa thiết bị xác thực hai bước (mất điện thoại)", permissions=["change"])
    def reset_two_factor(self, request, queryset):
        queryset = self._leave_out_superusers(request, queryset)
        reset = [user for user in queryset if two_factor.reset(user)]
        if not reset:
            self.message_user(request, "Các tài khoản đã chọn chưa có thiết bị nào.", messages.INFO)
            return
        # Who removed a colleague's second step, and when: what an administrator looks for after an incident.
        for user in reset:
            self.log_change(request, user, "Xóa thiết bị xác thực hai bước.")
        self.message_user(
            request,
            f"Đã xóa thiết bị xác thực hai bước của {len(reset)} tài khoản. Lần đăng nhập tới, họ đăng ký "
            "lại từ đầu (mã QR mới, bộ mã dự phòng mới).",
            messages.SUCCESS,
        )

    def _leave_out_superusers(self, request, queryset):
        if request.user.is_superuser or not queryset.filter(is_superuser=True).exists():
            return queryset
        self.message_user(
            request,
            "Đã bỏ qua tài khoản superuser: bạn không có quyền thay đổi các tài khoản này.",
            messages.WARNING,
        )
        return queryset.exclude(is_superuser=True)

    def _set_active(self, request, queryset, active):
        queryset = self._leave_out_superusers(request, queryset)
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


# Two-step sign-in is managed in one place, the user list above (who has enrolled; reset after a lost phone).
# django-otp's own device pages, in English, would also let a superuser type in a secret for someone else.
# (Its apps come before this one in INSTALLED_APPS, so their admin modules have registered them by now.)
admin.site.unregister([TOTPDevice, StaticDevice])


@admin.register(AccessAttempt)
class RecentFailedLoginAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' failed logins within the cool-off, one row per account, address and browser.

    A row at the limit is a lockout ("Đang bị khóa"); deleting it lifts it, which "Mở khóa đăng nhập" says.
    """

    actions = ["unlock", *axes_admin.AccessAttemptAdmin.actions]

    @admin.action(description="Mở khóa đăng nhập (cho thử lại ngay)", permissions=["delete"])
    def unlock(self, request, queryset):
        usernames = sorted({attempt.username or "(trống)" for attempt in queryset})
        queryset.delete()
        self.message_user(request, f"Đã mở khóa đăng nhập: {', '.join(usernames)}.", messages.SUCCESS)


# The history stays as django-axes shows it, read-only; `manage.py axes_reset_failure_logs` prunes it.
admin.site.register(AccessFailureLog, axes_admin.AccessFailureLogAdmin)
admin.site.register(AccessLog, axes_admin.AccessLogAdmin)
