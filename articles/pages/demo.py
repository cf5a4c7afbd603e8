"""The standard pages' demo text, for `manage.py seed_demo`: only a page whose body is still empty is filled.

The text is data (demo_pages.json beside this module). It names the unit from its profile, so the demo runs
after the identity's own (portal/identity/demo.py); Page.save cleans it like any body.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils.html import escape

from portal.identity.current import site_identity

from .models import Page

DATA_FILE = Path(__file__).with_name("demo_pages.json")


def ensure_pages() -> str:
    profile = site_identity().profile
    names = {
        "{unit_name}": escape(profile.unit_name),
        "{english_name}": escape(profile.english_name or profile.unit_name),
    }
    pages = {page.path: page for page in Page.objects.select_related("parent")}
    filled, missing = 0, []
    with transaction.atomic():
        for record in json.loads(DATA_FILE.read_text(encoding="utf-8"))["bodies"]:
            page = pages.get(record["path"])
            if page is None:
                missing.append(record["path"])
                continue
            if page.body:
                continue
            body = record["body"]
            for placeholder, value in names.items():
                body = body.replace(placeholder, value)
            page.body = body
            page.save(update_fields=["body", "updated_at"])
            filled += 1
    line = f"Pages: {filled} standard pages filled with demo text, {len(pages)} pages in total."
    if missing:
        line += f" Not found (deleted in the admin?): {', '.join(missing)}."
    return line
