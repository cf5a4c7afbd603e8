"""/.well-known/security.txt (RFC 9116): whom someone who finds a weakness in the site should tell.

The contact is SECURITY_CONTACT (addresses or URLs, e.g. the province's incident team), else the e-mail in
the unit's profile, which an administrator keeps current. With neither there is no file: one without a
contact would be invalid. The file is made on each request, so it is always as current as the profile, and
its expiry (which the RFC requires, and recommends less than a year ahead) always lies a year ahead.
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from portal.identity.current import site_identity

VALID_FOR = timedelta(days=365)


@require_safe
def security_txt(request):
    contacts = settings.SECURITY_CONTACT or [email for email in [site_identity().profile.email] if email]
    if not contacts:
        raise Http404("Chưa có địa chỉ liên hệ về an ninh.")
    # From midnight, so the file reads the same all day.
    expires = datetime.combine(datetime.now(UTC).date(), time(), UTC) + VALID_FOR
    lines = [
        *(f"Contact: {_as_uri(contact)}" for contact in contacts),
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: vi, en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    return HttpResponse("".join(f"{line}\n" for line in lines), content_type="text/plain; charset=utf-8")


def _as_uri(contact: str) -> str:
    """An e-mail address as the mailto: URI the field requires; a URI as it is."""
    if "@" in contact and ":" not in contact:
        return f"mailto:{contact}"
    return contact
