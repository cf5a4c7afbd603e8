"""The counting endpoint the article page's script calls after load, and the pixel for readers without it.

Never cached: each answer is this reader's current count. Exempt from CSRF: a view is no change made on a
reader's behalf, and a cached page carries no token.
"""

import base64

from django.http import HttpResponse, HttpResponseNotFound
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from .readers import give_cookie
from .record import record_view

# What never_cache sends (Expires aside: every browser that sends a beacon knows Cache-Control).
NOT_STORED = {"Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private"}
# The smallest transparent GIF (1×1).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@csrf_exempt
@require_POST
def count_view(request, pk):
    views = record_view(request, pk)
    if views is None:
        return _no_such_article()
    body = b'{"views": %d}' % views
    # The header never_cache would add, written at once: this answer comes after every article read. Its
    # length too (CommonMiddleware, which would add it, is below the beacon's short way): without it the
    # server frames the body in chunks, one more write to the socket on every view.
    headers = {**NOT_STORED, "Content-Length": str(len(body))}
    response = HttpResponse(body, content_type="application/json", headers=headers)
    return give_cookie(request, response)


@never_cache
@require_safe
def count_view_pixel(request, pk):
    if record_view(request, pk) is None:
        return _no_such_article()
    return give_cookie(request, HttpResponse(PIXEL, content_type="image/gif"))


def _no_such_article():
    return HttpResponseNotFound("Không có bài viết này.", content_type="text/plain; charset=utf-8")
