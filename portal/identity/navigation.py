"""The main menu: the entries administrators chose (MenuItem), or the usual portal menu when they chose none.

Two levels, as the header draws them. Whatever the number of entries, building it reads the entries, the
published pages and the category tree once each at most (and only what the entries need): current.py caches
the result, so this runs once per change, not per request.
"""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse

from articles.menu import build_menu
from articles.pages.models import Page

from .models import MenuItem

ABOUT_SLUG = "gioi-thieu"
CONTACT_SLUG = "lien-he"


@dataclass(frozen=True)
class NavEntry:
    title: str
    url: str
    children: tuple["NavEntry", ...] = ()


def build_navigation() -> tuple[NavEntry, ...]:
    items = list(MenuItem.objects.filter(is_visible=True).select_related("category", "page__parent"))
    sources = _Sources()
    if not items:
        return tuple(_default_navigation(sources))
    children: dict[int, list[MenuItem]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    entries = []
    for item in items:
        if item.parent_id:
            continue
        own = _entries_for(item, sources)
        if len(own) == 1 and item.pk in children:
            # An administrator's sub-entries come after the category's or page's own, one level down only.
            entry = own[0]
            chosen = tuple(_flat(child, sources) for child in children[item.pk])
            own = [NavEntry(entry.title, entry.url, entry.children + tuple(e for e in chosen if e))]
        entries.extend(own)
    return tuple(entries)


class _Sources:
    """What entries are drawn from, each read at most once and only if an entry needs it."""

    @cached_property
    def pages(self) -> dict[int | None, list[Page]]:
        """{parent id or None: [published pages]}; bodies stay in the database."""
        pages = {}
        for page in Page.objects.published().defer("body").select_related("parent"):
            pages.setdefault(page.parent_id, []).append(page)
        return pages

    @cached_property
    def category_entries(self) -> list[NavEntry]:
        return [
            NavEntry(
                entry.category.name,
                entry.category.get_absolute_url(),
                tuple(NavEntry(child.name, child.get_absolute_url()) for child in entry.children),
            )
            for entry in build_menu()
        ]

    @cached_property
    def category_entries_by_url(self) -> dict[str, NavEntry]:
        return {entry.url: entry for entry in self.category_entries}

    def page_entry(self, page: Page) -> NavEntry:
        return NavEntry(
            page.title,
            page.get_absolute_url(),
            tuple(NavEntry(child.title, child.get_absolute_url()) for child in self.pages.get(page.pk, [])),
        )

    def top_page(self, slug: str) -> Page | None:
        return next((page for page in self.pages.get(None, []) if page.slug == slug), None)


def _default_navigation(sources: _Sources):
    yield NavEntry("Trang chủ", reverse("articles:home"))
    about = sources.top_page(ABOUT_SLUG)
    if about:
        yield sources.page_entry(about)
    yield from sources.category_entries
    yield NavEntry("Văn bản", reverse("documents:list"))
    yield NavEntry("Hỏi đáp", reverse("questions:list"))
    contact = sources.top_page(CONTACT_SLUG)
    if contact:
        yield sources.page_entry(contact)


_FIXED_PAGES = {
    MenuItem.Kind.HOME: "articles:home",
    MenuItem.Kind.DOCUMENTS: "documents:list",
    MenuItem.Kind.QUESTIONS: "questions:list",
    MenuItem.Kind.SITE_MAP: "pages:site_map",
}


def _entries_for(item: MenuItem, sources: _Sources) -> list[NavEntry]:
    Kind = MenuItem.Kind
    if item.kind == Kind.CATEGORIES:
        return list(sources.category_entries)
    if item.kind == Kind.CATEGORY and item.category:
        url = item.category.get_absolute_url()
        # A category left out of the menu (show_in_menu off) is shown all the same: an administrator chose it.
        found = sources.category_entries_by_url.get(url)
        return [NavEntry(item.title or item.category.name, url, found.children if found else ())]
    if item.kind == Kind.PAGE and item.page:
        if not item.page.is_published:
            return []  # its address answers 404 until it is published
        entry = sources.page_entry(item.page)
        return [NavEntry(item.title or entry.title, entry.url, entry.children)]
    if item.kind in _FIXED_PAGES:
        return [NavEntry(item.title or item.get_kind_display(), reverse(_FIXED_PAGES[item.kind]))]
    if item.kind == Kind.LINK and item.url:
        return [NavEntry(item.title or item.url, item.url)]
    return []


def _flat(item: MenuItem, sources: _Sources) -> NavEntry | None:
    """A sub-entry: one link, without the sub-categories or sub-pages it has (the menu has two levels)."""
    own = _entries_for(item, sources)
    return NavEntry(own[0].title, own[0].url) if len(own) == 1 else None
