"""The rich-text editor's image upload, replacing django-ckeditor's own view.

Staff only; photos only, checked and cleaned like every other upload (checks.py), with their renditions
made at once. CKEditor 4's upload dialog posts a plain form without Django's CSRF token, so instead of that
token the request must say it comes from this site, in its Origin or else its Referer. Another site's page
cannot fake either header, but it can have the Referer left out, which is why a post with neither is
refused: browsers send Origin with every post, so only other clients lack both.
"""

from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import DisallowedHost, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import is_same_domain
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt

from portal.headers import FRAMED_BY_THE_ADMIN

from . import checks, renditions
from .paths import editor_upload_path

NO_FILE = "Chưa chọn ảnh để tải lên."
NOT_FROM_THIS_SITE = (
    "Không nhận ảnh này: yêu cầu tải lên không đến từ trang quản trị của cổng thông tin. "
    "Hãy tải lại trang soạn bài rồi thử lại."
)


# The dialog's "form" upload method loads the reply into a frame of the admin page itself.
@method_decorator(xframe_options_sameorigin, name="dispatch")
@method_decorator(csp_replace(FRAMED_BY_THE_ADMIN), name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(staff_member_required, name="dispatch")
class EditorImageUploadView(View):
    http_method_names = ["post"]

    def post(self, request):
        # Before the body is read: a forged post stores nothing and costs no decoding.
        if not _from_this_site(request):
            response = self._reply(request, error=NOT_FROM_THIS_SITE)
            response.status_code = 403
            return response
        upload = request.FILES.get("upload")
        try:
            if upload is None:
                raise ValidationError(NO_FILE)
            checks.check_photo(upload)
            cleaned = checks.clean_photo(upload)
        except ValidationError as error:
            return self._reply(request, error=" ".join(error.messages))
        name = default_storage.save(editor_upload_path(request.user, cleaned.name), cleaned)
        renditions.generate_for_stored(name)
        return self._reply(request, url=default_storage.url(name))

    def _reply(self, request, *, url="", error=""):
        func_num = request.GET.get("CKEditorFuncNum", "")
        if func_num.isdigit():
            # The dialog's upload form posts into a hidden frame and waits for this callback, which a file
            # of ours makes from these attributes: the policy allows no inline script here.
            return HttpResponse(
                format_html(
                    '<script src="{}" data-callback="{}" data-url="{}" data-error="{}"></script>',
                    static("js/editor_upload_reply.js"),
                    func_num,
                    url,
                    error,
                )
            )
        if error:
            return JsonResponse({"uploaded": 0, "error": {"message": error}})
        return JsonResponse({"uploaded": 1, "url": url, "fileName": url.rsplit("/", 1)[-1]})


def _from_this_site(request) -> bool:
    """Whether the browser says the post comes from this site: Origin if sent, else the Referer's origin.

    Judged as Django's CsrfViewMiddleware judges an Origin: this site as the request reached it (the scheme
    from SECURE_PROXY_SSL_HEADER behind a proxy), or one of CSRF_TRUSTED_ORIGINS, where "https://*.x.vn"
    trusts the subdomains of x.vn.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        try:
            referer = urlsplit(request.headers.get("Referer", ""))
        except ValueError:
            return False
        if not (referer.scheme and referer.netloc):
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    try:
        if origin == f"{request.scheme}://{request.get_host()}":
            return True
    except DisallowedHost:
        pass
    if origin in {entry for entry in settings.CSRF_TRUSTED_ORIGINS if "*" not in entry}:
        return True
    try:
        sender = urlsplit(origin)
    except ValueError:
        return False
    wildcards = [urlsplit(entry) for entry in settings.CSRF_TRUSTED_ORIGINS if "*" in entry]
    return any(
        entry.scheme == sender.scheme and is_same_domain(sender.netloc, entry.netloc.lstrip("*"))
        for entry in wildcards
    )
