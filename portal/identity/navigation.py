"""The main menu: the entries administrators chose (MenuItem), or the usual portal menu when they chose none."""

from dataclasses import dataclass

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


def build_navigation():
    items = list(MenuItem.objects.filter(is_visible=True).select_related("category", "page"))
    pages = _pages_by_parent()
    if not items:
        return tuple(_default_navigation(pages))
    children = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    entries = []
    for item in items:
        if item.parent_id:
            continue
        entries.extend(_entries_for(item, pages))
        if item.pk in children and entries:
            last = entries[-1]
            sub = tuple(e for child in children[item.pk] for e in _entries_for(child, pages))
            entries[-1] = NavEntry(last.title, last.url, last.children + sub)
    return tuple(entries)


def _pages_by_parent():
    """{parent id or None: [published pages]}, from one query."""
    pages = {}
    for page in Page.objects.published().select_related("parent"):
        pages.setdefault(page.parent_id, []).append(page)
    return pages


def _page_entry(page, pages):
    return NavEntry(
        page.title, page.get_absolute_url(), tuple(_page_entry(child, {}) for child in pages.get(page.pk, []))
    )


def _category_entries():
    return [
        NavEntry(
            entry.category.name,
            entry.category.get_absolute_url(),
            tuple(NavEntry(child.name, child.get_absolute_url()) for child in entry.children),
        )
        for entry in build_menu()
    ]


def _top_page(pages, slug):
    return next((page for page in pages.get(None, []) if page.slug == slug), None)


def _default_navigation(pages):
    yield NavEntry("Trang chủ", reverse("articles:home"))
    about = _top_page(pages, ABOUT_SLUG)
    if about:
        yield _page_entry(about, pages)
    yield from _category_entries()
    yield NavEntry("Văn bản", reverse("documents:list"))
    yield NavEntry("Hỏi đáp", reverse("questions:list"))
    contact = _top_page(pages, CONTACT_SLUG)
    if contact:
        yield _page_entry(contact, pages)


def _entries_for(item, pages):
    Kind = MenuItem.Kind
    if item.kind == Kind.CATEGORIES:
        return _category_entries()
    if item.kind == Kind.CATEGORY and item.category:
        tree = {entry.category.pk: entry for entry in build_menu()}
        entry = tree.get(item.category.pk)
        children = tuple(NavEntry(c.name, c.get_absolute_url()) for c in entry.children) if entry else ()
        return [NavEntry(item.title or item.category.name, item.category.get_absolute_url(), children)]
    if item.kind == Kind.PAGE and item.page:
        entry = _page_entry(item.page, pages)
        return [NavEntry(item.title or entry.title, entry.url, entry.children)]
    fixed = {
        Kind.HOME: reverse("articles:home"),
        Kind.DOCUMENTS: reverse("documents:list"),
        Kind.QUESTIONS: reverse("questions:list"),
        Kind.SITE_MAP: reverse("pages:site_map"),
        Kind.LINK: item.url,
    }
    if item.kind in fixed and fixed[item.kind]:
        return [NavEntry(item.title or item.get_kind_display(), fixed[item.kind])]
    return []
