"""The two-level category menu shown on every page."""

from dataclasses import dataclass, field

from .models import Category


@dataclass
class MenuEntry:
    category: Category
    children: list[Category] = field(default_factory=list)


def build_menu() -> list[MenuEntry]:
    """Top-level categories with their sub-categories, from a single query."""
    entries: dict[int, MenuEntry] = {}
    sub_categories = []
    for category in Category.objects.in_menu():
        if category.parent_id is None:
            entries[category.pk] = MenuEntry(category)
        else:
            sub_categories.append(category)
    for category in sub_categories:
        if category.parent_id in entries:
            entries[category.parent_id].children.append(category)
    return list(entries.values())
