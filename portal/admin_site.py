"""The newsroom's admin site: Django's, with its "view on site" shortcut limited to what the user may see,
and, while settings.REQUIRE_2FA is on, closed to the roles that must sign in in two steps until they have
(accounts/two_factor.py): the password alone opens only the pages of the second step.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from accounts import two_factor
from accounts.two_factor_views import EnrolView, RecoveryCodesView, VerifyView

from .admin_lists import GuardedLists


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Cổng thông tin điện tử - Quản trị"
    site_title = "Quản trị cổng thông tin"
    index_title = "Bảng điều khiển"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every list, the libraries' too, refuses what it cannot use instead of failing (admin_lists.py).
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GuardedLists):
            bases = (GuardedLists, admin_class)
            admin_class = type(admin_class.__name__, bases, {"__module__": admin_class.__module__})
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        # Every admin view asks this (through admin_view), and so does anything else that asks the site.
        return super().has_permission(request) and two_factor.missing_step(request) is None

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            step = two_factor.missing_step(request)
            if step is None:
                return checked(request, *args, **kwargs)
            if view == self.logout:
                # Someone stopped after the password must still be able to leave (LogoutView checks CSRF).
                return view(request, *args, **kwargs)
            return self._to_step(step, request.get_full_path())

        return update_wrapper(inner, checked)

    def second_step_view(self, view):
        """For signed-in staff who may still owe the second step: Django's own check, nothing more."""

        def inner(request, *args, **kwargs):
            if not super(NewsroomAdminSite, self).has_permission(request):
                login = reverse("admin:login", current_app=self.name)
                return redirect_to_login(request.get_full_path(), login)
            return view(request, *args, **kwargs)

        return csrf_protect(never_cache(update_wrapper(inner, view)))

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        step = two_factor.missing_step(request)
        if request.method == "GET" and step is not None:
            return self._to_step(step, request.GET.get(REDIRECT_FIELD_NAME, ""))
        return super().login(request, extra_context)

    def _to_step(self, step, next_url):
        url = reverse(f"admin:{step}", current_app=self.name)
        return redirect_to_login(next_url, url) if next_url else HttpResponseRedirect(url)

    def get_urls(self):
        second_step = [
            path(
                "xac-thuc/",
                self.second_step_view(VerifyView.as_view(admin_site=self)),
                name=two_factor.VERIFY,
            ),
            path(
                "xac-thuc/dang-ky/",
                self.second_step_view(EnrolView.as_view(admin_site=self)),
                name=two_factor.ENROL,
            ),
            path(
                "xac-thuc/ma-du-phong/",
                self.admin_view(RecoveryCodesView.as_view(admin_site=self)),
                name="two_factor_recovery_codes",
            ),
        ]
        shortcut = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return second_step + [
            shortcut if getattr(url, "name", None) == "view_on_site" else url for url in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Redirect to an object's public page, only if this user may see the object in the admin.

        Django's own shortcut redirects any staff member to any object's URL, and an unpublished article's
        URL carries its slug, which is its title: a contributor could read the titles of others' drafts.
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404("Không tìm thấy nội dung.") from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404("Không tìm thấy nội dung.")
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404("Không tìm thấy nội dung.")
        return contenttype_views.shortcut(request, content_type_id, object_id)
