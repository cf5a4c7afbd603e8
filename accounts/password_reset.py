"""A forgotten password, reset by email from the admin's login page ("Quên mật khẩu?").

Django's own views and tokens (a link valid PASSWORD_RESET_TIMEOUT, once, and void as soon as the password
changes), in the admin's look, with two additions:

- each request sends a mail to whoever's address was typed, so an address may ask only
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR times an hour (portal/limits.py), lest the form flood a mailbox;
- a password set through the link lifts the account's login lockout (accounts/lockout.py): opening the mail
  proved the account is theirs, and a locked-out journalist is sent here to get back in without waiting.

The answer to an address that matches no account is the same as to one that does: the form tells nobody
which addresses the newsroom uses.
"""

from axes.utils import reset as reset_login_attempts
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views

from portal import limits
from portal.identity.current import site_identity


class AdminLook:
    """The admin site's header, title and links on pages that are not the admin's own."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class PasswordResetView(AdminLook, auth_views.PasswordResetView):
    title = "Quên mật khẩu"

    def form_valid(self, form):
        verdict = limits.take(
            self.request,
            scope="password-reset",
            limit=settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
            window=limits.HOUR,
        )
        if not verdict.allowed:
            response = self.render_to_response(self.get_context_data(form=form, limited=verdict), status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        # The mail is rendered without a request: what it says about the site is handed to it here.
        self.extra_email_context = {
            "site_name": site_identity().profile.unit_name,
            "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        }
        return super().form_valid(form)


class PasswordResetDoneView(AdminLook, auth_views.PasswordResetDoneView):
    title = "Đã gửi hướng dẫn"


class PasswordResetConfirmView(AdminLook, auth_views.PasswordResetConfirmView):
    title = "Đặt mật khẩu mới"

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_login_attempts(username=form.user.get_username())
        return response


class PasswordResetCompleteView(AdminLook, auth_views.PasswordResetCompleteView):
    title = "Đã đặt mật khẩu mới"
