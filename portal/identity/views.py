from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from .current import DEFAULT_FAVICON, DEFAULT_FAVICON_ICO, site_identity


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on their own: the unit's icon, wherever it is stored.

    A temporary redirect, since the icon changes with the logo. Until a logo is uploaded it is the committed
    .ico, which holds 16, 32 and 48 px drawings for the browsers that pick one by size.
    """
    url = site_identity().profile.favicon_url
    if url == static(DEFAULT_FAVICON):
        url = static(DEFAULT_FAVICON_ICO)
    return HttpResponseRedirect(url)
