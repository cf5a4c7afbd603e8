"""The pages every Party committee's portal has, created empty for the unit to fill in the admin.

Only the structure: titles, addresses, layout, language. Nothing about a particular unit is written here; the
contact page and the English page show the unit's own details from its profile.
"""

from django.db import migrations

# (slug, title, layout, language, position, sub-pages as (slug, title))
STANDARD_PAGES = [
    (
        "gioi-thieu",
        "Giới thiệu",
        "text",
        "vi",
        1,
        [
            ("lich-su", "Lịch sử"),
            ("chuc-nang-nhiem-vu", "Chức năng, nhiệm vụ"),
            ("co-cau-to-chuc", "Cơ cấu tổ chức"),
            ("lanh-dao", "Lãnh đạo"),
        ],
    ),
    ("lien-he", "Liên hệ", "contact", "vi", 2, []),
    ("en", "Introduction", "contact", "en", 3, []),
]


def create_standard_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, layout, language, position, sub_pages in STANDARD_PAGES:
        page, _ = Page.objects.get_or_create(
            parent=None,
            slug=slug,
            defaults={"title": title, "layout": layout, "language": language, "position": position},
        )
        for sub_position, (sub_slug, sub_title) in enumerate(sub_pages, start=1):
            Page.objects.get_or_create(
                parent=page,
                slug=sub_slug,
                defaults={"title": sub_title, "language": language, "position": sub_position},
            )


def delete_untouched_standard_pages(apps, schema_editor):
    """Undo only what nobody has worked on since: a page with a body, a new title or a sub-page of its own
    making is kept (its sub-pages first, so that a parent left with none can go)."""
    Page = apps.get_model("pages", "Page")
    for slug, title, layout, language, _position, sub_pages in STANDARD_PAGES:
        page = Page.objects.filter(parent=None, slug=slug).first()
        if page is None:
            continue
        for sub_slug, sub_title in sub_pages:
            Page.objects.filter(parent=page, slug=sub_slug, title=sub_title, body="").delete()
        untouched = (page.title, page.layout, page.language, page.body) == (title, layout, language, "")
        if untouched and not Page.objects.filter(parent=page).exists():
            page.delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_pages")]

    operations = [migrations.RunPython(create_standard_pages, delete_untouched_standard_pages)]
