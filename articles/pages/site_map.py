"""The "Sơ đồ cổng" page: the main menu, completed with every part of the site the menu leaves out.

Administrators choose the menu (portal/identity), so it may lack a category, a page or a section; the map
starts from it, in its order, and adds what is missing where it belongs (a sub-page under its page) or at
the end. An address appears once, however many places would list it.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from articles.menu import build_menu

from .models import Page


@dataclass
class MapEntry:
    title: str
    url: str
    children: list["MapEntry"] = field(default_factory=list)
    language: str = ""  # of a page not in Vietnamese, for screen readers to read its title right


def build_site_map(navigation) -> list[MapEntry]:
    """`navigation`: the menu's NavEntry tree. Two queries (categories, pages), whatever their number."""
    entries: list[MapEntry] = []
    by_url: dict[str, MapEntry] = {}

    def merge(entry, under):
        kept = by_url.get(entry.url)
        if kept is None:
            kept = by_url[entry.url] = MapEntry(entry.title, entry.url)
            under.append(kept)
        kept.language = kept.language or entry.language
        for child in entry.children:
            merge(child, kept.children)

    for entry in [*map(_from_menu, navigation), *_everything()]:
        merge(entry, entries)
    return entries


def _from_menu(nav_entry) -> MapEntry:
    return MapEntry(nav_entry.title, nav_entry.url, [_from_menu(child) for child in nav_entry.children])


def _page(page) -> MapEntry:
    language = "" if page.language == Page.Language.VIETNAMESE else page.language
    return MapEntry(page.title, page.get_absolute_url(), language=language)


def _everything():
    """Every public part of the site the map must show."""
    yield MapEntry("Trang chủ", reverse("articles:home"))
    for entry in build_menu():
        yield MapEntry(
            entry.category.name,
            entry.category.get_absolute_url(),
            [MapEntry(child.name, child.get_absolute_url()) for child in entry.children],
        )
    for page, sub_pages in Page.objects.published().tree():
        top = _page(page)
        top.children = [_page(sub_page) for sub_page in sub_pages]
        yield top
    yield MapEntry("Văn bản", reverse("documents:list"))
    yield MapEntry("Hỏi đáp", reverse("questions:list"))
    yield MapEntry("Tin RSS", reverse("articles:feeds"))
    yield MapEntry("Tìm kiếm", reverse("search:results"))
