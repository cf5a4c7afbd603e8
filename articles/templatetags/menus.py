"""The main menu as the header draws it: which entry is the current page, and what goes under "Khác"."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

register = template.Library()

# The wide menu is one row at 1366 px (site.css: 13 px Be Vietnam Pro SemiBold, 7 px padding), estimated here
# from the titles' length rather than measured in the browser, so that it holds without JavaScript too.
# Entries beyond the row go, in the administrators' order, under "Khác". Widths in CSS pixels.
ROW_WIDTH = 1334  # 1366 less the container's padding
CHARACTER_WIDTH = 6.9  # averaged over Vietnamese menu titles
ENTRY_PADDING = 14
DROPDOWN_MARK = 12
HOME_ICON_WIDTH = 18
MORE_TITLE = "Khác"


@dataclass(frozen=True)
class MenuLink:
    title: str
    url: str
    is_current: bool  # this very page: aria-current="page"
    is_active: bool  # this page or one of its children: highlighted
    is_home: bool  # drawn as a house in the wide menu, to leave the row's room to the others
    children: tuple["MenuLink", ...] = ()


@dataclass(frozen=True)
class Menu:
    entries: tuple[MenuLink, ...]  # all of them, for the folding menu on phones
    row: tuple[MenuLink, ...]  # those that fit the wide menu's row
    more: tuple[MenuLink, ...]  # the rest, under "Khác"
    more_title: str = MORE_TITLE


@register.simple_tag(takes_context=True)
def main_menu(context) -> Menu:
    request = context.get("request")
    path = request.path if request else None
    home = reverse("articles:home")
    entries = tuple(_link(entry, path, home) for entry in context.get("navigation") or ())
    row, more = _fit_row(entries)
    return Menu(entries=entries, row=row, more=more)


def _link(entry, path, home):
    children = tuple(_link(child, path, home) for child in entry.children)
    is_current = entry.url == path
    return MenuLink(
        title=entry.title,
        url=entry.url,
        is_current=is_current,
        is_active=is_current or any(c.is_active for c in children),
        is_home=entry.url == home,
        children=children,
    )


def _width(entry):
    title = HOME_ICON_WIDTH if entry.is_home else len(entry.title) * CHARACTER_WIDTH
    return title + ENTRY_PADDING + (DROPDOWN_MARK if entry.children else 0)


def _fit_row(entries):
    if sum(_width(e) for e in entries) <= ROW_WIDTH:
        return entries, ()
    budget = ROW_WIDTH - len(MORE_TITLE) * CHARACTER_WIDTH - ENTRY_PADDING - DROPDOWN_MARK
    used = 0
    for count, entry in enumerate(entries):
        used += _width(entry)
        if used > budget:
            return entries[:count], entries[count:]
    return entries, ()
