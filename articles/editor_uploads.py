"""The rich-text editor's image upload, replacing django-ckeditor's own view.

Staff only; photos only, checked and cleaned like every other upload (articles/images.py), with their
renditions made at once. CKEditor 4's upload dialog posts a plain form without Django's CSRF token, so
instead of that token the request must come from this site (browsers send Origin on cross-site posts).
"""

import json

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt

from . import images, renditions
from .uploads import editor_upload_path

NO_FILE = "Chưa chọn ảnh để tải lên."


# The dialog's "form" upload method loads the reply into a frame of the admin page itself.
@method_decorator(xframe_options_sameorigin, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(staff_member_required, name="dispatch")
class EditorImageUploadView(View):
    http_method_names = ["post"]

    def post(self, request):
        origin = request.headers.get("Origin")
        if origin and origin != f"{request.scheme}://{request.get_host()}":
            raise PermissionDenied("Cross-site upload")
        upload = request.FILES.get("upload")
        try:
            if upload is None:
                raise ValidationError(NO_FILE)
            images.check_photo(upload)
            cleaned = images.clean_photo(upload)
        except ValidationError as error:
            return self._reply(request, error=" ".join(error.messages))
        name = default_storage.save(editor_upload_path(request.user, cleaned.name), cleaned)
        renditions.generate_for_stored(name)
        return self._reply(request, url=default_storage.url(name))

    def _reply(self, request, *, url="", error=""):
        func_num = request.GET.get("CKEditorFuncNum", "")
        if func_num.isdigit():
            # The dialog's upload form posts into a hidden frame and waits for this callback.
            arguments = ", ".join(json.dumps(value) for value in (int(func_num), url, error)).replace(
                "<", "\\u003c"
            )
            return HttpResponse(f"<script>window.parent.CKEDITOR.tools.callFunction({arguments});</script>")
        if error:
            return JsonResponse({"uploaded": 0, "error": {"message": error}})
        return JsonResponse({"uploaded": 1, "url": url, "fileName": url.rsplit("/", 1)[-1]})
