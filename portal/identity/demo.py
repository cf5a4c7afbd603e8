"""Demo identity for `manage.py seed_demo`: the profile of Huyện ủy Thanh Hà with a drawn logo and banner, and
the agency links Vietnamese portals carry. What an administrator already set is left as it is."""

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from . import artwork
from .models import AgencyLink, SiteProfile

DEMO_FILE = Path(__file__).with_name("demo.json")


@transaction.atomic
def ensure_identity() -> str:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    profile_created = not SiteProfile.objects.exists()
    if profile_created:
        # Given as uploads are: the fields check and clean them, and make the renditions and icons.
        SiteProfile.objects.create(
            **data["profile"],
            logo=ContentFile(artwork.png_bytes(artwork.emblem(512)), name="logo.png"),
            banner=ContentFile(artwork.jpeg_bytes(artwork.banner()), name="banner.jpg"),
        )
    links_created = 0
    for position, link in enumerate(data["agency_links"], start=1):
        _, created = AgencyLink.objects.get_or_create(
            url=link["url"], defaults={"name": link["name"], "position": position}
        )
        links_created += created
    return (
        f"Identity: profile {'created' if profile_created else 'kept'}; "
        f"{AgencyLink.objects.count()} agency links, {links_created} created now."
    )
