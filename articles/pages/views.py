import html
import re

from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.generic import DetailView, TemplateView

from portal.identity.current import site_identity

from .models import Page
from .site_map import build_site_map

# The words a page shows around its own text, in the page's language (the English page has no Vietnamese).
LABELS = {
    Page.Language.VIETNAMESE: {
        "home": "Trang chủ",
        "breadcrumbs": "Đường dẫn",
        "sub_pages": "Các mục",
        "empty": "Nội dung đang được cập nhật.",
        "address": "Địa chỉ",
        "phone": "Điện thoại",
        "email": "Thư điện tử",
        "office_hours": "Giờ làm việc",
        "contact": "Thông tin liên hệ",
        "ask": "Gửi câu hỏi tới chúng tôi",
    },
    Page.Language.ENGLISH: {
        "home": "Home",
        "breadcrumbs": "Breadcrumb",
        "sub_pages": "In this section",
        "empty": "This page is being updated.",
        "address": "Address",
        "phone": "Phone",
        "email": "Email",
        "office_hours": "Office hours",
        "contact": "Contact",
        "ask": "Send us a question (in Vietnamese)",
    },
}


# "0220 3856 123; 0912.345.678": the profile's phone field may hold several numbers.
PHONE_SEPARATORS = re.compile(r"[,;]")
NOT_DIALLED = re.compile(r"[^0-9+]")
# Where one block of the body ends and the next begins, so that their words stay apart in the description.
BLOCK_ENDS = re.compile(r"</(?:p|h[2-4]|li|t[dh]|caption|figcaption|blockquote|div)>|<br>")


def phone_links(phones: str) -> list[tuple[str, str]]:
    """(number as written, number for a tel: link) for each number in the profile's phone field."""
    numbers = (number.strip() for number in PHONE_SEPARATORS.split(phones))
    return [(number, NOT_DIALLED.sub("", number)) for number in numbers if NOT_DIALLED.sub("", number)]


class PageView(DetailView):
    template_name = "pages/page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        # Any path no section of the site claimed ends here: a malformed or deeper one matches no row.
        return get_object_or_404(
            Page.objects.published().select_related("parent").at_path(self.kwargs["page_path"])
        )

    def get_context_data(self, **kwargs):
        page = self.object
        if page.parent_id:
            sub_pages, section = [], list(page.parent.children.published())
        else:
            sub_pages, section = list(page.children.published()), []
        text = " ".join(html.unescape(strip_tags(BLOCK_ENDS.sub(" ", page.body))).split())
        return super().get_context_data(
            description=Truncator(text).chars(160) or page.title,
            phones=phone_links(site_identity().profile.phone) if page.layout == Page.Layout.CONTACT else [],
            sub_pages=sub_pages,
            section=section,
            labels=LABELS[page.language],
            page_language=page.language,
            **kwargs,
        )


class SiteMapView(TemplateView):
    template_name = "pages/site_map.html"

    def get_context_data(self, **kwargs):
        # The menu as every page's header shows it: the same cached value, no query of its own.
        return super().get_context_data(site_map=build_site_map(site_identity().navigation), **kwargs)
