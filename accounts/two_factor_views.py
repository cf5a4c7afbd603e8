"""The admin's pages for the second step of signing in (accounts/two_factor.py): verify, enrol, new codes.

They belong to the admin site (portal/admin_site.py puts them under /quan-tri/xac-thuc/), which gives each
view its `admin_site` and lets a user who has only given a password reach the first two and nothing else.
"""

from urllib.parse import urlsplit

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor

WRONG_CODE = "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng xác thực."
WRONG_CODE_OR_RECOVERY = (
    "Mã không đúng, đã hết hạn hoặc (với mã dự phòng) đã được dùng. "
    "Hãy nhập mã đang hiện trong ứng dụng xác thực hoặc một mã dự phòng chưa dùng."
)
WAIT = "Bạn đã nhập sai nhiều lần. Hãy đợi {seconds} giây rồi thử lại."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )
    wrong_code = WRONG_CODE_OR_RECOVERY

    def __init__(self, *args, user, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device

    def clean_code(self):
        code = two_factor.normalize(self.cleaned_data["code"])
        device = self.device or two_factor.device_for(self.user, code)
        if device is None:
            raise forms.ValidationError(self.wrong_code)
        wait = two_factor.seconds_to_wait(device)
        if wait:
            raise forms.ValidationError(WAIT.format(seconds=wait))
        self.verified_device = two_factor.verify(self.user, device, code)
        if self.verified_device is None:
            raise forms.ValidationError(self.wrong_code)
        return code


class AuthenticatorCodeForm(CodeForm):
    wrong_code = WRONG_CODE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(inputmode="numeric", pattern="[0-9 ]*")


class AdminPageMixin:
    admin_site = None
    title = ""

    def next_url(self):
        url = self.request.POST.get(REDIRECT_FIELD_NAME) or self.request.GET.get(REDIRECT_FIELD_NAME)
        safe = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        # Never back to this page itself, which would send a user who is done round in a circle.
        if safe and urlsplit(url).path != self.request.path:
            return url
        return reverse("admin:index", current_app=self.admin_site.name)

    def get_context_data(self, **kwargs):
        self.request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(self.request),
            "title": self.title,
            "next": self.next_url(),
            **super().get_context_data(**kwargs),
        }


class SecondStepView(AdminPageMixin, FormView):
    """A page of the second step, only for a signed-in user who still owes exactly that step."""

    step = None

    def dispatch(self, request, *args, **kwargs):
        if two_factor.missing_step(request) != self.step:
            # Done already, or the other step is due: the admin's own check sends them on from there.
            return HttpResponseRedirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def signed_in(self, device):
        # A new session key for the now fully signed-in session, as Django's login does for the password.
        self.request.session.cycle_key()
        django_otp.login(self.request, device)


class VerifyView(SecondStepView):
    step = two_factor.VERIFY
    form_class = CodeForm
    template_name = "admin/two_factor/verify.html"
    title = "Xác thực hai bước"

    def form_valid(self, form):
        device = form.verified_device
        self.signed_in(device)
        if isinstance(device, StaticDevice):
            left = two_factor.recovery_codes_left(self.request.user)
            messages.warning(
                self.request,
                f"Bạn vừa dùng một mã dự phòng và còn {left} mã. Nếu mất điện thoại, hãy báo quản trị viên "
                "xóa thiết bị cũ để đăng ký lại; nếu sắp hết mã, hãy tạo bộ mã mới ở mục “Mã dự phòng” "
                "đầu trang.",
            )
        return HttpResponseRedirect(self.next_url())


class EnrolView(SecondStepView):
    step = two_factor.ENROL
    form_class = AuthenticatorCodeForm
    template_name = "admin/two_factor/enrol.html"
    title = "Bật xác thực hai bước"

    def dispatch(self, request, *args, **kwargs):
        self.device = None
        return super().dispatch(request, *args, **kwargs)

    def get_device(self):
        if self.device is None:
            self.device = two_factor.pending_authenticator(self.request.user)
        return self.device

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.get_device()}

    def get_context_data(self, **kwargs):
        device = self.get_device()
        return super().get_context_data(
            qr_code=two_factor.qr_code_svg(device), secret=two_factor.secret_text(device), **kwargs
        )

    def form_valid(self, form):
        two_factor.confirm_authenticator(form.verified_device)
        codes = two_factor.issue_recovery_codes(self.request.user)
        self.signed_in(form.verified_device)
        return show_recovery_codes(self, codes)


class RecoveryCodesView(AdminPageMixin, TemplateView):
    """A verified user's recovery codes: how many are left, and a new set on request (the old ones stop)."""

    template_name = "admin/two_factor/recovery_codes.html"
    title = "Mã dự phòng"

    def dispatch(self, request, *args, **kwargs):
        if not two_factor.is_verified(request.user):
            messages.info(request, "Tài khoản của bạn chưa bật xác thực hai bước.")
            return HttpResponseRedirect(reverse("admin:index", current_app=self.admin_site.name))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(left=two_factor.recovery_codes_left(self.request.user), **kwargs)

    def post(self, request, *args, **kwargs):
        return show_recovery_codes(self, two_factor.issue_recovery_codes(request.user))


def show_recovery_codes(view, codes):
    """The codes' only showing: they are not shown again, and the page is never cached (admin_view)."""
    context = {
        **view.admin_site.each_context(view.request),
        "title": "Mã dự phòng của bạn",
        "codes": codes,
        "next": view.next_url(),
    }
    return TemplateResponse(view.request, "admin/two_factor/new_recovery_codes.html", context)
