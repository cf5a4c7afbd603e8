"""Where browsers report what the Content-Security-Policy blocked (its report-uri): each report is logged.

A report on this site means an injected script or style, or a page of ours the policy forgot: worth a line in
the log at WARNING. Reports caused by a reader's browser extension say nothing about the site and are logged
at INFO. Anyone can post here, so the endpoint trusts nothing it receives: a body larger than a report
(MAX_REPORT_BYTES) is refused unread, an address may send CSP_REPORTS_PER_ADDRESS_PER_MINUTE reports, each
value is cut short and logged escaped (no forged log lines), and whatever arrives, the answer is never a 500.
"""

import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal import limits

logger = logging.getLogger(__name__)

MAX_REPORT_BYTES = 16 * 1024
MAX_VALUE_LENGTH = 300
EXTENSION_SCHEMES = ("chrome-extension", "moz-extension", "safari-extension", "safari-web-extension")
LOGGED_FIELDS = (
    "document-uri",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "column-number",
    "script-sample",
    "disposition",
)


@csrf_exempt
@require_POST
def csp_report(request):
    if not limits.take(
        request, scope="csp-reports", limit=settings.CSP_REPORTS_PER_ADDRESS_PER_MINUTE, window=limits.MINUTE
    ).allowed:
        return HttpResponse(status=429)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.read(MAX_REPORT_BYTES))["csp-report"]
    # A body of nested brackets exhausts the parser's recursion before it is found not to be a report.
    except (ValueError, TypeError, KeyError, RecursionError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)

    values = {name: _clipped(report.get(name)) for name in LOGGED_FIELDS}
    # Browsers older than CSP level 3 name only the violated directive.
    values["effective-directive"] = values["effective-directive"] or _clipped(
        report.get("violated-directive")
    )
    level = logging.INFO if _from_an_extension(values) else logging.WARNING
    logger.log(level, "CSP violation: %s", " ".join(f"{name}={value!r}" for name, value in values.items()))
    return HttpResponse(status=204)


def _clipped(value) -> str:
    if value is None:
        return ""
    return str(value)[:MAX_VALUE_LENGTH]


def _from_an_extension(values) -> bool:
    return any(values[name].startswith(EXTENSION_SCHEMES) for name in ("blocked-uri", "source-file"))
