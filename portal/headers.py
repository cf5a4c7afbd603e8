"""The Content-Security-Policy of every answer: strict everywhere, relaxed only where the admin needs it.

The policy is settings.CONTENT_SECURITY_POLICY (django-csp). Readers' pages get it as it is: scripts, styles,
fonts and pictures from this site only, nothing inline, no plugins, no framing, no <base>, forms sent only
here. It has no nonce, so a page stored whole by the page cache (portal/page_cache.py), this header
included, is still right when it is served again; a page is stored under the policy in force, so a changed
policy is never served from a page stored before.

Two relaxations, and only these:

- The admin (every address under its prefix) allows inline styles: Django's admin, django-reversion-compare
  and CKEditor write `style` attributes and <style> blocks. Its scripts stay this site's files only.
- Pages that show CKEditor 4 also allow inline scripts. The editor cannot work without them: its toolbar
  buttons are links with onclick/onkeydown attributes and `javascript:` addresses, and it writes inline
  <script> elements into the frames it makes (the editing area, the upload field of the image dialog),
  which take the page's policy. A page shows the editor when its forms' media include CKEditor's script,
  as every change form with a rich-text field does; `editor_page` marks others (the editor's file browser).
"""

import functools

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

ADMIN_SOURCES = {"style-src": [UNSAFE_INLINE]}
EDITOR_SOURCES = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
# What django-ckeditor's widget adds to a form's media (ckeditor/widgets.py): the editor itself.
EDITOR_SCRIPT = "ckeditor/ckeditor/ckeditor.js"
# A frame of the admin's own pages (the image dialog's upload reply) may be shown inside them.
FRAMED_BY_THE_ADMIN = {"frame-ancestors": [SELF]}

editor_page = csp_update(EDITOR_SOURCES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_template_response(self, request, response):
        media = (response.context_data or {}).get("media")
        if media is not None and EDITOR_SCRIPT in media._js:
            response.shows_editor = True
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        extra = []
        if request.path_info.startswith(_admin_prefix(settings.ROOT_URLCONF)):
            extra.append(ADMIN_SOURCES)
        if getattr(response, "shows_editor", False):
            extra.append(EDITOR_SOURCES)
        if extra:
            parts.update = _merged(parts.update, *extra)
        return parts


@functools.lru_cache(maxsize=4)
def _admin_prefix(urlconf: str) -> str:
    return reverse("admin:index", urlconf=urlconf)


def _merged(*updates):
    merged = {}
    for update in updates:
        for directive, sources in (update or {}).items():
            merged[directive] = [*merged.get(directive, ()), *sources]
    return merged
